import { describe, expect, test } from "vitest";
import { FlushTimes } from "../../server/storage/flush-times.ts";

describe("log flush times", () => {
  test("none yet: zeros", () => {
    expect(new FlushTimes().summary()).toEqual({ flushes: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, slow: 0, slowestMs: 0 });
  });

  test("percentiles over the latest 1024 flushes; the counts and the slowest are of all of them", () => {
    const times = new FlushTimes();
    for (let i = 0; i < 100; i++) times.record(1000);
    for (let i = 1; i <= 1024; i++) times.record(i / 10);
    // Slow: the 100 early ones, and 50.1 .. 102.4 ms among the latest (524 of them).
    expect(times.summary()).toEqual({ flushes: 1124, p50Ms: 51.3, p99Ms: 101.4, maxMs: 102.4, slow: 624, slowestMs: 1000 });
  });
});
