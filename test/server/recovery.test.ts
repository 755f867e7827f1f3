/**
 * Rebuilding a session from its log when the crash came at an awkward moment: right after a
 * resolution (before the report phase was written), right after an undo, and right after the last
 * resolution of the match (before its `finished` line).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { hashState } from "../../shared/hash.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { AiPool } from "../../server/ai/pool.ts";
import { instruct } from "../../server/rooms/instructor.ts";
import { createSession, recoverSession } from "../../server/rooms/session-files.ts";
import type { Session } from "../../server/rooms/session.ts";
import { readScenarioFile } from "../../server/scenario-file.ts";
import { MatchStore } from "../../server/storage/matches.ts";

const dir = mkdtempSync(join(tmpdir(), "bri-recover-"));
const store = new MatchStore(dir);
const pool = new AiPool(1);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});
const read = readScenarioFile();
if (!read.ok) throw new Error(read.error);
const scenario = read.value;
const minute = 60_000;

async function newSession(id: string, rounds: number): Promise<Session> {
  await store.init();
  return createSession(
    store,
    pool,
    { room: "class", code: "ABCDE", matchId: id, rounds, timers: { briefing: minute, negotiate: minute, commit: minute, report: minute }, openRoles: ["cluster", "host"], instructorTokenHash: "x", scenario, seed: 5 },
    Date.now,
  );
}

async function playOneTurn(session: Session): Promise<void> {
  if (session.phase === "lobby") await instruct(session, { type: "start" });
  while (session.phase !== "commit") await session.advance();
  await session.advance();
}

/** The log cut just after its last line of this kind, as a crash would leave it, then rebuilt. */
async function crashAfterLast(session: Session, id: string, isCut: (body: Record<string, unknown>) => boolean): Promise<Session> {
  await session.close();
  const text = readFileSync(store.pathOf(id), "utf8");
  const parsed = parseLog(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const cut = parsed.value.lines.findLastIndex((l) => isCut(l.body));
  const kept = `${parsed.value.lines.slice(0, cut + 1).map((l) => l.text).join("\n")}\n`;
  writeFileSync(store.pathOf(id), kept);
  const recovered = await recoverSession(store, pool, id, kept, Date.now);
  if (!recovered.ok) throw new Error(recovered.error);
  return recovered.value;
}

test("a crash after a resolution resumes at its report; after an undo, at the commit phase again", async () => {
  const session = await newSession("after-resolution", 3);
  await playOneTurn(session);
  const hash = hashState(session.state);
  const back = await crashAfterLast(session, "after-resolution", (b) => b.kind === "resolved");
  expect(back.phase).toBe("report");
  expect(back.state.turn).toBe(2);
  expect(hashState(back.state)).toBe(hash);

  expect(await instruct(back, { type: "undo" })).toMatchObject({ ok: true });
  const undone = await crashAfterLast(back, "after-resolution", (b) => b.kind === "instructor");
  expect(undone.phase).toBe("commit");
  expect(undone.state.turn).toBe(1);
  // The undone turn can be played again and the log still replays.
  await undone.advance();
  expect(undone.state.turn).toBe(2);
  await undone.close();
});

test("a crash after the last resolution finishes the match instead of reviving it", async () => {
  const session = await newSession("last-turn", 1);
  await playOneTurn(session);
  expect(session.phase).toBe("finished");
  const back = await crashAfterLast(session, "last-turn", (b) => b.kind === "resolved");
  expect(back.phase).toBe("finished");
  expect(back.state.turn).toBe(2);
  await back.close();
  const log = parseLog(readFileSync(store.pathOf("last-turn"), "utf8"));
  expect(log.ok && log.value.finished).toBe(true);
  if (log.ok) expect(log.value.lines.filter((l) => l.body.kind === "resolved")).toHaveLength(1);
});
