/**
 * A worker thread of the AI pool: answers each request with the AI players' decisions. The pool
 * sends each scenario once (./pool.ts) and then only the state without it, so the scenario stays
 * one object here and every cache of shared/ keyed by it keeps working from one request to the next.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { MatchState } from "../../shared/state.ts";
import { decide } from "./players.ts";
import type { WorkerRequest } from "./pool.ts";

const scenarios = new Map<number, Scenario>();

/** The niceness of AI threads: when the cores are busy, the rooms' event loop runs before the AI. */
const AI_NICENESS = 10;

/**
 * An AI decision can wait a few milliseconds; a student's acknowledgement or a new turn should not,
 * and when many classes end a turn together the AI threads and the rooms' thread want the same
 * cores. On Linux a thread can lower its own priority (its id is in /proc/thread-self); elsewhere,
 * or if that fails, the thread keeps the process's priority.
 */
function yieldToRooms(): void {
  try {
    const thread = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isSafeInteger(thread)) setPriority(thread, AI_NICENESS);
  } catch {
    // Not Linux, or not allowed: nothing changes.
  }
}

yieldToRooms();

parentPort?.on("message", (message: WorkerRequest) => {
  try {
    if (message.scenario) scenarios.set(message.scenarioId, message.scenario);
    if (message.forget !== undefined) scenarios.delete(message.forget);
    const scenario = scenarios.get(message.scenarioId);
    if (!scenario) throw new Error(`scenario ${message.scenarioId} was never sent to this worker`);
    const state = { ...message.state, scenario } as MatchState;
    parentPort?.postMessage({ id: message.id, ok: true, decisions: decide({ task: message.task, seats: message.seats, state }) });
  } catch (e) {
    parentPort?.postMessage({ id: message.id, ok: false, error: (e as Error)?.stack ?? String(e) });
  }
});
