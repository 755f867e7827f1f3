/**
 * How late this process's event loop runs its timers: every room, socket and log flush shares the
 * one loop, so when it lags, every acknowledgement waits that long. In `GET /healthz` beside the log
 * flushes, it tells an overloaded machine from a slow disk.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopDelaySummary {
  /** Since the server started serving (after its warm-up). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Sampled every 5 ms: finer than the acknowledgement aim (50 ms) needs, and cheap. */
const histogram = monitorEventLoopDelay({ resolution: 5 });

export function watchEventLoop(): void {
  histogram.enable();
}

export function eventLoopDelay(): EventLoopDelaySummary {
  if (histogram.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  return { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
}
