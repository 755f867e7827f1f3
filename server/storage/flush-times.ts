/**
 * How long this process's latest log flushes (write, then fdatasync) took. Every action waits for
 * one before it is acknowledged, so a slow disk shows here (in `GET /healthz`) before students
 * feel it.
 */
const KEPT = 1024;

export interface FlushSummary {
  /** Flushes since the process started; the percentiles are over the latest 1024 of them. */
  flushes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class FlushTimes {
  readonly #ms = new Float64Array(KEPT);
  #count = 0;

  record(ms: number): void {
    this.#ms[this.#count % KEPT] = ms;
    this.#count += 1;
  }

  summary(): FlushSummary {
    const latest = this.#ms.slice(0, Math.min(this.#count, KEPT)).sort();
    const at = (q: number): number => (latest.length === 0 ? 0 : round(latest[Math.min(latest.length - 1, Math.floor(q * latest.length))] as number));
    return { flushes: this.#count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latest.length === 0 ? 0 : round(latest[latest.length - 1] as number) };
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** The flushes of every match log this process writes. */
export const flushTimes = new FlushTimes();
