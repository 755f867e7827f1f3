/**
 * The room state every client of a room receives (public only): phase and timer, seats, and the
 * version of the public view. The view itself goes in `public` messages (whole on joining, then
 * what changed each turn): large strings in the state cost every client dearly to decode. Private figures and sealed
 * orders never go here; each seat gets its own in a `private` message (docs/protocol.md). The client imports these types with
 * `import type` only.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";

export const SeatInfo = schema(
  {
    id: t.string().default(""),
    role: t.string().default(""),
    /** "human" or "ai". */
    controller: t.string().default(""),
    /** The team's names (empty for a seat nobody took). */
    members: t.array("string"),
    /** Members connected now. */
    connected: t.uint8(),
    /** The seat's orders are in (commit phase). */
    submitted: t.boolean(),
    /** The seat said it is done with this phase (briefing, negotiate, report). */
    ready: t.boolean(),
    /** Students may take this seat (its role is open). */
    open: t.boolean(),
  },
  "SeatInfo",
);
export type SeatInfo = SchemaType<typeof SeatInfo>;

export const MatchRoomState = schema(
  {
    /** "class" or "solo". */
    kind: t.string().default(""),
    code: t.string().default(""),
    matchId: t.string().default(""),
    /** lobby, briefing, negotiate, commit, resolve, report or finished. */
    phase: t.string().default(""),
    turn: t.uint16(),
    rounds: t.uint16(),
    /** When the phase ends, in server epoch milliseconds; 0 when it has no timer or is paused. */
    deadline: t.float64(),
    /** Milliseconds left while paused. */
    remaining: t.float64(),
    paused: t.boolean(),
    seats: t.map(SeatInfo),
    /** Goes up by one whenever the public view changes; the view itself comes in a `public` message. */
    publicVersion: t.uint32().default(0),
    /** JSON of the final ranking once the match is finished; "" before. */
    ranking: t.string().default(""),
    /** The instructor's latest message to everyone. */
    broadcast: t.string().default(""),
  },
  "MatchRoomState",
);
export type MatchRoomState = SchemaType<typeof MatchRoomState>;
