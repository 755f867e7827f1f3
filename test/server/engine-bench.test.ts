/** The engine benchmark runs end to end at a small size (the figures themselves belong to npm run bench). */
import { expect, test } from "vitest";
import { runEngineBench, TIMINGS_PER_TURN } from "../../server/cli/bench/engine.ts";

test("the engine benchmark times every turn several times and reports each row", () => {
  const section = runEngineBench({ matches: 1, warmUpMatches: 0 });
  expect(section).toContain("## Engine");
  const row = (name: string) => section.split("\n").find((line) => line.startsWith(`| ${name}`));
  const samples = (name: string) => Number(row(name)?.split("|")[2]);
  expect(samples(`resolveTurn, 36 seats with random orders (median of ${TIMINGS_PER_TURN} timings per turn)`)).toBe(10);
  expect(samples("  the same turns, first timing only")).toBe(10);
  expect(samples("  of which turns where no corridor changed") + samples("  of which turns where a corridor was upgraded")).toBe(10);
  expect(samples("fixed work of 0.5 ms (an arithmetic loop), timed after each resolution")).toBe(10 * TIMINGS_PER_TURN);
  expect(samples("10-round match, 36 random bots (offers, orders, resolution, hashes)")).toBe(1);
  for (const line of section.split("\n").filter((l) => /^\| [a-z1 ]/.test(l) && !l.startsWith("| what"))) {
    const [p50, p95, max] = line.split("|").slice(3, 6).map(Number);
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThanOrEqual(p95 as number);
    expect(p95).toBeLessThanOrEqual(max as number);
  }
});
