/**
 * A pool of worker threads for AI decisions, so a phase with 35 AI seats never stalls the rooms'
 * event loop. Requests queue when every worker is busy; a worker that dies is replaced and its
 * request fails (the room then falls back to empty orders for that seat, and says so in the log).
 *
 * A request carries the match state without its scenario: the scenario (most of the state's size,
 * the same object for a whole match) goes to each worker once and stays there (./worker.ts), so a
 * request costs a copy of the changing part only, and the worker's caches keyed by the scenario hit.
 */
import { Worker } from "node:worker_threads";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { MatchState } from "../../shared/state.ts";
import type { AiDecision, AiRequest } from "./players.ts";

/** How many scenarios a worker keeps; the oldest is forgotten first (a finished match's). */
const SCENARIOS_PER_WORKER = 64;

/** What a worker receives: `scenario` only the first time this worker sees `scenarioId`. */
export interface WorkerRequest {
  id: number;
  task: AiRequest["task"];
  seats: AiRequest["seats"];
  state: Omit<MatchState, "scenario">;
  scenarioId: number;
  scenario?: Scenario;
  /** A scenario the worker may drop, so it keeps at most SCENARIOS_PER_WORKER. */
  forget?: number;
}

interface Job {
  id: number;
  request: AiRequest;
  resolve: (d: AiDecision[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The scenarios this worker holds, oldest first. */
  scenarios: Set<number>;
}

const WORKER_URL = new URL("./worker.ts", import.meta.url);
const startWorker = (): Worker => new Worker(WORKER_URL);

export class AiPool {
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  #scenarioIds = new WeakMap<Scenario, number>();
  #nextScenarioId = 1;
  #start: () => Worker;

  /** `start` makes a worker; tests pass one that fails, to see the pool replace it. */
  constructor(size: number, start: () => Worker = startWorker) {
    this.#start = start;
    for (let i = 0; i < Math.max(1, size); i++) this.#slots.push(this.#spawn());
  }

  get size(): number {
    return this.#slots.length;
  }

  decide(request: AiRequest): Promise<AiDecision[]> {
    if (request.seats.length === 0) return Promise.resolve([]);
    if (this.#closed) return Promise.reject(new Error("the AI pool is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, request, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue) job.reject(new Error("the AI pool is closed"));
    this.#queue = [];
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #spawn(): Slot {
    const slot: Slot = { worker: this.#start(), job: null, scenarios: new Set() };
    slot.worker.unref();
    slot.worker.on("message", (m: { id: number; ok: boolean; decisions?: AiDecision[]; error?: string }) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.id === m.id) {
        if (m.ok && m.decisions) job.resolve(m.decisions);
        else job.reject(new Error(`AI worker failed: ${m.error ?? "no answer"}`));
      }
      this.#pump();
    });
    slot.worker.on("error", (e) => this.#replace(slot, e));
    slot.worker.on("exit", (code) => {
      if (!this.#closed) this.#replace(slot, new Error(`AI worker exited with code ${code}`));
    });
    return slot;
  }

  #replace(slot: Slot, e: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0 || this.#closed) return;
    slot.job?.reject(e);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.#slots[index] = this.#spawn();
    this.#pump();
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.job || this.#queue.length === 0) continue;
      const job = this.#queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage(this.#message(slot, job));
    }
  }

  #message(slot: Slot, job: Job): WorkerRequest {
    const { scenario, ...state } = job.request.state;
    let scenarioId = this.#scenarioIds.get(scenario);
    if (scenarioId === undefined) this.#scenarioIds.set(scenario, (scenarioId = this.#nextScenarioId++));
    const message: WorkerRequest = { id: job.id, task: job.request.task, seats: job.request.seats, state, scenarioId };
    if (slot.scenarios.has(scenarioId)) {
      // Most recently used last.
      slot.scenarios.delete(scenarioId);
      slot.scenarios.add(scenarioId);
      return message;
    }
    slot.scenarios.add(scenarioId);
    if (slot.scenarios.size <= SCENARIOS_PER_WORKER) return { ...message, scenario };
    const oldest = slot.scenarios.values().next().value as number;
    slot.scenarios.delete(oldest);
    return { ...message, scenario, forget: oldest };
  }
}
