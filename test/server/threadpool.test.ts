/** The log flushes' pool threads must not preempt the rooms' thread when a flush wakes them (Linux, with chrt). */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { batchPoolThreads } from "../../server/threadpool.ts";

const SCHED_OTHER = 0;
const SCHED_BATCH = 3;
const hasChrt = process.platform === "linux" && spawnSync("chrt", ["--help"]).status === 0;

/** A thread's scheduling policy: field 41 of /proc/<pid>/task/<tid>/stat (proc(5)). */
const policyOf = (tid: string): number => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ")[38]);
const threadsNamed = (name: string) => readdirSync("/proc/self/task").filter((tid) => readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() === name);

test.skipIf(!hasChrt)("the pool's threads get SCHED_BATCH and the main thread keeps the usual policy", async () => {
  // Any file work starts the pool.
  await readFile(new URL(import.meta.url));
  const pool = threadsNamed("libuv-worker");
  expect(pool.length).toBeGreaterThan(0);
  expect(await batchPoolThreads()).toBe(pool.length);
  for (const tid of pool) expect(policyOf(tid), `thread ${tid}`).toBe(SCHED_BATCH);
  expect(policyOf(String(process.pid))).toBe(SCHED_OTHER);
});
