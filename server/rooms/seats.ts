/**
 * Who plays which seat: a team of 1 to 3 students, or the AI. A member keeps the seat while
 * connected and for the reconnection window after a drop ("present"); a seat with no present
 * member, or one the instructor switched to AI, is played by the AI.
 */
import { sha256Hex } from "../../shared/hash.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Role, SeatId } from "../../shared/types.ts";
import { refusal, type Refusal } from "./refusals.ts";
import { err, ok, type Result } from "../../shared/types.ts";

export const MAX_TEAM = 3;

export interface Member {
  name: string;
  tokenHash: string;
  present: boolean;
}

export interface SeatControl {
  seat: SeatId;
  role: Role;
  members: Member[];
  /** The instructor handed the seat to the AI. */
  forcedAi: boolean;
}

export const controllerOf = (s: SeatControl): "human" | "ai" => (!s.forcedAi && s.members.some((m) => m.present) ? "human" : "ai");

export const hashToken = (token: string): string => sha256Hex(`seat-token:${token}`);

export function initialSeats(state: MatchState): Map<SeatId, SeatControl> {
  return new Map(state.seats.map((s) => [s.id, { seat: s.id, role: s.role, members: [], forcedAi: false }]));
}

/** The seat and member a seat code belongs to. */
export function findByToken(seats: ReadonlyMap<SeatId, SeatControl>, token: string): { seat: SeatControl; member: Member } | null {
  const hash = hashToken(token);
  for (const seat of seats.values()) {
    const member = seat.members.find((m) => m.tokenHash === hash);
    if (member) return { seat, member };
  }
  return null;
}

/**
 * The seat a new student gets: the one asked for, if its role is open and the team has room;
 * otherwise the open seat with the fewest students (seats the AI plays first, in scenario order).
 */
export function chooseSeat(seats: ReadonlyMap<SeatId, SeatControl>, openRoles: ReadonlyArray<Role>, wanted: SeatId | undefined): Result<SeatControl, Refusal> {
  if (wanted !== undefined) {
    const seat = seats.get(wanted);
    if (!seat) return err(refusal("NO_SUCH_SEAT", { seat: wanted }));
    if (!openRoles.includes(seat.role)) return err(refusal("ROLE_CLOSED", { role: seat.role }));
    if (seat.members.length >= MAX_TEAM) return err(refusal("SEAT_FULL", { seat: wanted }));
    return ok(seat);
  }
  let best: SeatControl | null = null;
  for (const seat of seats.values()) {
    if (!openRoles.includes(seat.role) || seat.members.length >= MAX_TEAM) continue;
    if (!best || seat.members.length < best.members.length) best = seat;
  }
  return best ? ok(best) : err(refusal("NO_FREE_SEAT"));
}

/** The seat as written in a `seat` log line (names and seat-code hashes; never the codes). */
export const seatLine = (s: SeatControl, turn: number) => ({
  kind: "seat",
  turn,
  seat: s.seat,
  controller: controllerOf(s),
  forcedAi: s.forcedAi,
  members: s.members.map((m) => ({ name: m.name, tokenHash: m.tokenHash, present: m.present })),
});
