/**
 * A pool of worker threads for AI decisions, so a phase with 35 AI seats never stalls the rooms'
 * event loop. Requests queue when every worker is busy; a worker that dies is replaced and its
 * request fails (the room then falls back to empty orders for that seat, and says so in the log).
 */
import { Worker } from "node:worker_threads";
import type { AiDecision, AiRequest } from "./players.ts";

interface Job {
  id: number;
  request: AiRequest;
  resolve: (d: AiDecision[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const WORKER_URL = new URL("./worker.ts", import.meta.url);

export class AiPool {
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(size: number) {
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
    const slot: Slot = { worker: new Worker(WORKER_URL), job: null };
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
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }
}
