/**
 * The durable log writer (order kept, every line on disk when its promise resolves, a failed write
 * refuses what follows), the match listing, and the worker pool (AI decisions off the event loop).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { makeHeader, parseLog } from "../../shared/matchlog.ts";
import { allSeatIds, createMatch } from "../../shared/state.ts";
import { ENGINE_VERSION } from "../../shared/version.ts";
import { Worker } from "node:worker_threads";
import { AiPool } from "../../server/ai/pool.ts";
import { decide } from "../../server/ai/players.ts";
import { readScenarioFile } from "../../server/scenario-file.ts";
import { LogWriter } from "../../server/storage/log-writer.ts";
import { MatchStore } from "../../server/storage/matches.ts";
import { countLoopTurns } from "../support/loop-turns.ts";

const dir = mkdtempSync(join(tmpdir(), "bri-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = readScenarioFile();
if (!scenario.ok) throw new Error(scenario.error);
const header = makeHeader({ engineVersion: ENGINE_VERSION, scenario: { id: "tiny" }, seed: 1, seats: [], settings: {} });

describe("the log writer", () => {
  test("concurrent appends land in call order, each readable once its promise resolves", async () => {
    const path = join(dir, "order.jsonl");
    const log = await LogWriter.create(path);
    await log.append(header);
    const appends = Array.from({ length: 200 }, (_, i) =>
      log.append({ kind: "phase", turn: 1, phase: `p${i}` }).then(() => {
        // Durable means written: the line is in the file when the promise resolves.
        expect(readFileSync(path, "utf8")).toContain(`"phase":"p${i}"`);
      }),
    );
    await Promise.all(appends);
    const parsed = parseLog(readFileSync(path, "utf8"));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.lines.slice(1).map((l) => l.body.phase)).toEqual(Array.from({ length: 200 }, (_, i) => `p${i}`));
    await log.close();
  });

  test("a line appended later keeps its place: it is made after the current step, and what follows waits for it", async () => {
    const path = join(dir, "later.jsonl");
    const log = await LogWriter.create(path);
    await log.append(header);
    const made: string[] = [];
    const writes = [
      log.append({ kind: "phase", turn: 1, phase: "resolve" }),
      log.appendLater(() => {
        made.push("resolved");
        return { kind: "phase", turn: 1, phase: "resolved" };
      }),
      log.append({ kind: "phase", turn: 2, phase: "report" }),
      // A body that does not fit its kind fails alone, also when it waited its turn.
      log.append({ kind: "orders", turn: 2, seat: "c1", by: "robot", actions: [] }),
      log.appendLater(() => ({ kind: "phase", turn: 2, phase: "negotiate" })),
    ];
    expect(made).toEqual([]);
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const parsed = parseLog(readFileSync(path, "utf8"));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.lines.slice(1).map((l) => l.body.phase)).toEqual(["resolve", "resolved", "report", "negotiate"]);
    await log.close();
  });

  test("deferred lines of several logs are made one per turn of the event loop, in order", async () => {
    const logs = await Promise.all([0, 1, 2].map((i) => LogWriter.create(join(dir, `lane-${i}.jsonl`))));
    await Promise.all(logs.map((log) => log.append(header)));
    const loop = countLoopTurns();
    const madeIn: Array<[number, number]> = [];
    await Promise.all(
      logs.map((log, i) =>
        log.appendLater(() => {
          madeIn.push([i, loop.turn]);
          return { kind: "phase", turn: 1, phase: "resolved" };
        }),
      ),
    );
    loop.stop();
    expect(madeIn.map(([i]) => i)).toEqual([0, 1, 2]);
    const turns = madeIn.map(([, t]) => t);
    expect(new Set(turns).size).toBe(3);
    expect(turns[0]).toBeGreaterThan(0);
    await Promise.all(logs.map((log) => log.close()));
  });

  test("an existing log is continued with an unbroken hash chain; a new log never overwrites one", async () => {
    const path = join(dir, "resume.jsonl");
    const first = await LogWriter.create(path);
    await first.append(header, { kind: "phase", turn: 1, phase: "lobby" });
    await first.close();
    await expect(LogWriter.create(path)).rejects.toThrow();
    const again = await LogWriter.resume(path, readFileSync(path, "utf8"));
    await again.append({ kind: "phase", turn: 1, phase: "briefing" });
    await again.close();
    const parsed = parseLog(readFileSync(path, "utf8"));
    expect(parsed.ok && parsed.value.lines.length).toBe(3);
  });

  test("after a failed write every later append is refused, never silently lost", async () => {
    const log = await LogWriter.create(join(dir, "broken.jsonl"));
    await log.append(header);
    await log.close();
    await expect(log.append({ kind: "phase", turn: 1, phase: "lost" })).rejects.toThrow();
    await expect(log.append({ kind: "phase", turn: 1, phase: "also lost" })).rejects.toThrow();
  });

  test("listing tells finished, unfinished and invalid logs apart, and ids cannot leave the directory", async () => {
    const store = new MatchStore(dir);
    await store.init();
    const good = await LogWriter.create(store.pathOf("unfinished-one"));
    await good.append(header);
    await good.close();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(store.pathOf("garbage"), "not a log\n");
    const listed = await store.list(new Set());
    expect(listed.find((m) => m.id === "unfinished-one")?.status).toBe("unfinished");
    expect(listed.find((m) => m.id === "garbage")).toMatchObject({ status: "invalid", problem: expect.stringContaining("line 1") });
    expect(await store.read("../../etc/passwd")).toBeNull();
    expect(() => store.pathOf("../escape")).toThrow();
  });
});

describe("the worker pool", () => {
  test("decides for AI seats in a worker thread, one reason per move; a closed pool refuses", async () => {
    const created = createMatch(scenario.value, [], 4);
    if (!created.ok) throw new Error(created.error.message);
    const seats = allSeatIds(scenario.value).slice(0, 5);
    const pool = new AiPool(2);
    try {
      const [orders, proposals] = await Promise.all([pool.decide({ task: "orders", state: created.value, seats }), pool.decide({ task: "propose", state: created.value, seats })]);
      expect(orders.map((d) => d.seat)).toEqual(seats);
      expect(orders.some((d) => d.actions.length > 0)).toBe(true);
      expect([...orders, ...proposals].every((d) => d.reasons.length === d.actions.length)).toBe(true);
    } finally {
      await pool.close();
    }
    await expect(pool.decide({ task: "orders", state: created.value, seats })).rejects.toThrow(/closed/);
  });

  test.runIf(existsSync("/proc/thread-self"))("AI threads run at a lower priority than the rooms' event loop (Linux)", async () => {
    const niceness = () => readdirSync("/proc/self/task").map((thread) => Number(readFileSync(`/proc/self/task/${thread}/stat`, "utf8").split(") ")[1]?.split(" ")[16]));
    const before = niceness();
    const created = createMatch(scenario.value, [], 4);
    if (!created.ok) throw new Error(created.error.message);
    const pool = new AiPool(1);
    try {
      await pool.decide({ task: "orders", state: created.value, seats: allSeatIds(scenario.value).slice(0, 1) });
      expect(niceness().filter((n) => n > getPriority()).length).toBe(before.filter((n) => n > getPriority()).length + 1);
    } finally {
      await pool.close();
    }
  });

  test("a worker that dies fails only the request it held; a new worker takes its place and the queue goes on", async () => {
    const created = createMatch(scenario.value, [], 4);
    if (!created.ok) throw new Error(created.error.message);
    const seats = allSeatIds(scenario.value).slice(0, 3);
    let started = 0;
    // The first worker dies on its first request, as a worker thread that runs out of memory would.
    const start = (): Worker => {
      started += 1;
      return started === 1 ? new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(7))", { eval: true }) : new Worker(new URL("../../server/ai/worker.ts", import.meta.url));
    };
    const pool = new AiPool(1, start);
    try {
      const doomed = pool.decide({ task: "orders", state: created.value, seats });
      const queued = pool.decide({ task: "orders", state: created.value, seats });
      await expect(doomed).rejects.toThrow(/exited with code 7/);
      expect(await queued).toEqual(decide({ task: "orders", state: created.value, seats }));
      expect(started).toBe(2);
      expect(pool.size).toBe(1);
      expect(await pool.decide({ task: "propose", state: created.value, seats })).toEqual(decide({ task: "propose", state: created.value, seats }));
    } finally {
      await pool.close();
    }
  });

  test("sends each scenario once per worker, yet answers every request as the AI players do in this thread", async () => {
    const first = createMatch(scenario.value, [], 4);
    // A second match on a copy of the scenario: another object, so another scenario to the worker.
    const second = createMatch(structuredClone(scenario.value), [], 9);
    if (!first.ok || !second.ok) throw new Error("no match");
    const seats = allSeatIds(scenario.value).slice(0, 4);
    const pool = new AiPool(1);
    try {
      for (const state of [first.value, second.value, first.value, second.value]) {
        for (const task of ["orders", "propose"] as const) {
          expect(await pool.decide({ task, state, seats })).toEqual(decide({ task, state, seats }));
        }
      }
    } finally {
      await pool.close();
    }
  });
});
