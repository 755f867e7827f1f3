/**
 * How long this process's latest log flushes (a write that returns once its data is on disk) took. Every action waits for
 * one before it is acknowledged, so a slow disk shows here (in `GET /healthz`) before students
 * feel it.
 */
const KEPT = 1024;
/** A flush slower than this alone breaks the acknowledgement aim (p99 under 50 ms). */
export const SLOW_FLUSH_MS = 50;

export interface FlushSummary {
  /** Flushes since the process started; the percentiles are over the latest 1024 of them. */
  flushes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Since the process started: flushes slower than SLOW_FLUSH_MS, and the slowest. */
  slow: number;
  slowestMs: number;
}

export class FlushTimes {
  readonly #ms = new Float64Array(KEPT);
  #count = 0;
  #slow = 0;
  #slowest = 0;

  record(ms: number): void {
    this.#ms[this.#count % KEPT] = ms;
    this.#count += 1;
    if (ms > SLOW_FLUSH_MS) this.#slow += 1;
    this.#slowest = Math.max(this.#slowest, ms);
  }

  summary(): FlushSummary {
    const latest = this.#ms.slice(0, Math.min(this.#count, KEPT)).sort();
    const at = (q: number): number => (latest.length === 0 ? 0 : round(latest[Math.min(latest.length - 1, Math.floor(q * latest.length))] as number));
    const maxMs = latest.length === 0 ? 0 : round(latest[latest.length - 1] as number);
    return { flushes: this.#count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs, slow: this.#slow, slowestMs: round(this.#slowest) };
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** The flushes of every match log this process writes. */
export const flushTimes = new FlushTimes();
