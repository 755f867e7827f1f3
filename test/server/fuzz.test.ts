/**
 * 10,000 random and malformed messages against a live class room: the server answers each with a
 * refusal (never a crash or a silent disconnect), the room's log still replays to its live state,
 * and a second room carries on unaffected.
 */
import { matchMaker } from "@colyseus/core";
import type { Room as SdkRoom } from "@colyseus/sdk";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { hashState } from "../../shared/hash.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import type { MatchRoom } from "../../server/rooms/match-room.ts";
import { startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MESSAGES_PER_SECOND: "100000", BRIEFING_SECONDS: "600", NEGOTIATE_SECONDS: "600", COMMIT_SECONDS: "600", REPORT_SECONDS: "600" });
});
afterAll(async () => {
  await h.close();
});

const TYPES = ["action", "orders", "ready", "instructor", "resync", "unknown", "", "__proto__", "constructor"];

/** A message: a known type with a random or half-right payload, or an unknown type. */
const message = fc.record({
  type: fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 20 })),
  payload: fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()), action: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }), action: fc.record({ type: fc.constantFrom("propose", "accept", "reject", "withdraw", "loan", "tariff"), to: fc.string(), offer: fc.string(), amount: fc.double(), terms: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ["type"] }) }),
    fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }), orders: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 60 }) }),
    fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }), command: fc.record({ type: fc.constantFrom("start", "pause", "undo", "end", "extend", "broadcast"), seconds: fc.integer(), text: fc.string() }, { requiredKeys: ["type"] }) }),
  ),
});

function answers(room: SdkRoom) {
  const counts = { refused: 0, ack: 0, welcome: 0, other: 0 };
  room.onMessage("*", (type) => {
    if (type === "refused" || type === "ack" || type === "welcome") counts[type] += 1;
    else counts.other += 1;
  });
  return counts;
}

test("10,000 random and malformed messages: every one answered, no crash, the log still replays, another room unaffected", async () => {
  const target = await h.createClass({ rounds: 2, seed: 3 });
  const other = await h.createClass({ rounds: 2, seed: 4 });
  const sdk = h.sdk();
  const instructor = await sdk.join("class", { code: target.code, instructorToken: target.instructorToken });
  const attacker = await sdk.join("class", { code: target.code, name: "Mallory" });
  const counts = answers(attacker);
  instructor.send("instructor", { id: "s", command: { type: "start" } });
  const targetRoom = matchMaker.getLocalRoomById(target.roomId) as MatchRoom;
  await until("the match running", () => targetRoom.session.phase === "briefing");
  instructor.send("instructor", { id: "a", command: { type: "advance" } });
  await until("negotiation", () => targetRoom.session.phase === "negotiate");

  const messages = fc.sample(message, { numRuns: 10_000, seed: 20_260_401 });
  let sent = 0;
  for (const m of messages) {
    attacker.send(m.type, m.payload);
    sent += 1;
    if (sent % 500 === 0) {
      attacker.send("resync");
      const welcomes = counts.welcome;
      await until("the batch answered", () => counts.welcome > welcomes);
    }
  }
  attacker.send("resync");
  const welcomes = counts.welcome;
  await until("the last batch answered", () => counts.welcome > welcomes);

  // Every message is answered: a refusal, an acknowledgement, or a welcome for resync.
  const answered = () => counts.refused + counts.ack + counts.welcome;
  const ownResyncs = Math.floor(messages.length / 500) + 1;
  await until("an answer to every message", () => answered() >= messages.length + ownResyncs, 30_000).catch(() => undefined);
  expect(answered()).toBe(messages.length + ownResyncs);
  expect(attacker.connection.isOpen).toBe(true);

  // The live state is the one its log replays to, once the lines still being flushed (the AI
  // seats' offers arrive from the worker pool meanwhile) are on disk.
  const replayedHash = (): string | false => {
    const log = parseLog(readFileSync(targetRoom.session.logPath, "utf8"));
    if (!log.ok) return false;
    const replay = replayLog(log.value);
    return replay.ok && hashState(replay.value.final);
  };
  await until("the log on disk caught up", () => replayedHash() === hashState(targetRoom.session.state)).catch(() => undefined);
  expect(replayedHash()).toBe(hashState(targetRoom.session.state));

  // A student of the other class acts and is acknowledged as usual.
  const otherInstructor = await sdk.join("class", { code: other.code, instructorToken: other.instructorToken });
  const student = await sdk.join("class", { code: other.code, name: "Ann" });
  const got = answers(student);
  const acks: unknown[] = [];
  otherInstructor.onMessage("ack", (a: unknown) => acks.push(a));
  otherInstructor.send("instructor", { id: "go", command: { type: "start" } });
  await until("the other room's acknowledgement", () => acks.length > 0);
  expect(acks[0]).toMatchObject({ id: "go", ok: true });
  student.send("ready", {});
  student.send("resync");
  await until("the other room's answer", () => got.welcome > 0);
  expect(got.refused).toBe(0);
});

test("garbage frames that are not even messages close only that connection; the room lives on", async () => {
  const target = await h.createClass({ rounds: 2 });
  const sdk = h.sdk();
  const victim = await sdk.join("class", { code: target.code, name: "Ann" });
  const vandal = await sdk.join("class", { code: target.code, name: "Vandal" });
  const bytes = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: 50, seed: 7 });
  for (const b of bytes) (vandal.connection as unknown as { send(data: Uint8Array): void }).send(b);
  const counts = answers(victim);
  victim.send("resync");
  await until("the other student still answered", () => counts.welcome > 0);
  expect(matchMaker.getLocalRoomById(target.roomId)).toBeDefined();
});
