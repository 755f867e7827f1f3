/**
 * Imported first by server/main.ts: every room's log flush (a write that returns once on disk) runs on libuv's
 * thread pool. A flush waiting on the disk holds its thread without using the CPU; with the default
 * of 4 threads (or 16), 25 classes' small writes queued behind other rooms' flushes. The pool
 * starts on first use, so setting its size here, before any file work, takes effect.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

process.env.UV_THREADPOOL_SIZE ??= "64";

/** The thread ids of this process's libuv pool threads (Linux names them "libuv-worker"); none elsewhere. Digits only: they go into a shell command. */
export function poolThreadIds(): string[] {
  try {
    return readdirSync("/proc/self/task").filter((tid) => /^\d+$/.test(tid) && readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() === "libuv-worker");
  } catch {
    return [];
  }
}

/**
 * On Linux, gives the pool's threads the SCHED_BATCH policy (with `chrt`): they get as much CPU as
 * before, but waking one no longer preempts the thread that woke it. Every log flush wakes a pool
 * thread; on a busy machine with two cores the woken thread took the rooms' thread's core at once,
 * in the middle of its work. Six alternating pairs of server-bench runs (25 classes): orders p99
 * 27-46 ms (median 41) against 32-71 ms (median 54). Best effort: resolves to the number of threads
 * changed, 0 where there is no /proc or no `chrt` (other systems keep their usual scheduling).
 */
export function batchPoolThreads(): Promise<number> {
  const tids = poolThreadIds();
  if (tids.length === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", tids.map((tid) => `chrt --batch --pid 0 ${tid}`).join(" && ")], { stdio: "ignore" });
    child.on("error", () => resolve(0));
    child.on("exit", (code) => resolve(code === 0 ? tids.length : 0));
  });
}
