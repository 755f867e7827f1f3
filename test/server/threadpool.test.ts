/** The log flushes' pool threads must not preempt the rooms' thread when a flush wakes them (Linux, with chrt). */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { batchPoolThreads, poolThreadIds } from "../../server/threadpool.ts";

const SCHED_OTHER = 0;
const SCHED_BATCH = 3;
const hasChrt = process.platform === "linux" && spawnSync("chrt", ["--help"]).status === 0;

/** A thread's scheduling policy: field 41 of /proc/<pid>/task/<tid>/stat (proc(5)). */
const policyOf = (tid: string): number => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ")[38]);

// Runs first: the next test changes the policies for the rest of this process.
/** Any file work starts the pool. */
const startPool = () => readFile(new URL(import.meta.url));

test("without chrt (or any program on PATH) no thread's policy changes", async () => {
  await startPool();
  const path = process.env.PATH;
  process.env.PATH = "";
  try {
    expect(await batchPoolThreads()).toBe(0);
  } finally {
    process.env.PATH = path;
  }
  for (const tid of poolThreadIds()) expect(policyOf(tid), `thread ${tid}`).toBe(SCHED_OTHER);
});

// Linux with util-linux's chrt only (CI has both); elsewhere the test above covers what happens.
test.skipIf(!hasChrt)("the pool's threads get SCHED_BATCH and the main thread keeps the usual policy", async () => {
  await startPool();
  const pool = poolThreadIds();
  expect(pool.length).toBeGreaterThan(0);
  expect(await batchPoolThreads()).toBe(pool.length);
  for (const tid of pool) expect(policyOf(tid), `thread ${tid}`).toBe(SCHED_BATCH);
  expect(policyOf(String(process.pid))).toBe(SCHED_OTHER);
});
