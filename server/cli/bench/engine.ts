/**
 * Engine figures for `npm run bench`: resolving one turn with every seat of the default scenario,
 * hashing a state, and whole 10-round matches played by the random bots.
 */
import { performance } from "node:perf_hooks";
import { hashState } from "../../../shared/hash.ts";
import { playBotTurn } from "../../../shared/match-runner.ts";
import { resolveTurn } from "../../../shared/resolve.ts";
import { randomAnswers, randomOrders, randomProposals } from "../../../shared/ai/random-bot.ts";
import { applyNegotiation } from "../../../shared/negotiation.ts";
import { allSeatIds, createMatch, type MatchState } from "../../../shared/state.ts";
import type { Order } from "../../../shared/actions.ts";
import { readScenarioFile } from "../../scenario-file.ts";
import { median } from "./median.ts";

const WARM_UP_MATCHES = 15;
/** Each turn is resolved this many times; its figure is the median, so a neighbour's burst on a shared machine does not count as the engine's. */
export const TIMINGS_PER_TURN = 5;

interface EngineBenchOptions {
  matches?: number;
  warmUpMatches?: number;
}

export function runEngineBench({ matches = 30, warmUpMatches = WARM_UP_MATCHES }: EngineBenchOptions = {}): string {
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const seats = allSeatIds(scenario.value);
  const fresh = (seed: number): MatchState => {
    const m = createMatch(scenario.value, seats.map((seat) => ({ seat, controller: "bot" as const })), seed);
    if (!m.ok) throw new Error(m.error.message);
    return m.value;
  };

  // Warm up the JIT so the figures describe a running server, not a cold start: V8 keeps
  // re-optimising the engine's functions for about the first twelve matches' worth of turns (a
  // server with 25 classes is past that within its first few turns).
  for (let seed = 1000; seed < 1000 + warmUpMatches; seed++) {
    let s = fresh(seed);
    for (let t = 0; t < 10; t++) s = playBotTurn(s, seats).state;
  }
  const probe = fixedWork(0.5);

  const medianTimes: number[] = [];
  const firstTimes: number[] = [];
  const steadyTimes: number[] = [];
  const rerouteTimes: number[] = [];
  const probeTimes: number[] = [];
  const hashTimes: number[] = [];
  for (let seed = 1; seed <= matches; seed++) {
    // The bots play the match first; then its ten resolutions are timed, so the figures describe
    // resolving a turn, not the bots' search between turns.
    const turns: Array<{ state: MatchState; orders: Record<string, ReadonlyArray<Order>> }> = [];
    let state = fresh(seed);
    for (let t = 0; t < 10; t++) {
      for (const seat of seats) for (const a of [...randomProposals(state, seat), ...randomAnswers(state, seat)]) {
        const o = applyNegotiation(state, seat, a);
        if (o.ok) state = o.value.state;
      }
      const orders: Record<string, ReadonlyArray<Order>> = {};
      for (const seat of seats) orders[seat] = randomOrders(state, seat);
      turns.push({ state, orders });
      state = resolveTurn(state, orders).state;
    }
    // The ten turns are resolved in order, then again, TIMINGS_PER_TURN times over, each pass
    // followed by the fixed work timed the same way; then the states they produced are hashed
    // (hashing leaves garbage whose collection would otherwise land in a timed resolution).
    const timings = turns.map((): number[] => []);
    const resolved: MatchState[] = [];
    for (let pass = 0; pass < TIMINGS_PER_TURN; pass++) {
      turns.forEach((turn, k) => {
        const t0 = performance.now();
        const next = resolveTurn(turn.state, turn.orders).state;
        timings[k]?.push(performance.now() - t0);
        if (pass === 0) resolved.push(next);
        probeTimes.push(probe());
      });
    }
    turns.forEach((turn, k) => {
      const times = timings[k] as number[];
      const typical = median(times);
      medianTimes.push(typical);
      firstTimes.push(times[0] as number);
      const next = resolved[k] as MatchState;
      const rerouted = next.edges.some((e, i) => e.level !== turn.state.edges[i]?.level);
      (rerouted ? rerouteTimes : steadyTimes).push(typical);
    });
    for (const next of resolved) {
      const t0 = performance.now();
      hashState(next);
      hashTimes.push(performance.now() - t0);
    }
  }

  const matchTimes: number[] = [];
  for (let seed = 1; seed <= matches; seed++) {
    const t0 = performance.now();
    let state = fresh(seed);
    for (let t = 0; t < 10; t++) state = playBotTurn(state, seats).state;
    matchTimes.push(performance.now() - t0);
  }

  const rows = [
    [`resolveTurn, 36 seats with random orders (median of ${TIMINGS_PER_TURN} timings per turn)`, medianTimes, "p95 < 1 ms"],
    ["  of which turns where no corridor changed", steadyTimes, "-"],
    ["  of which turns where a corridor was upgraded", rerouteTimes, "-"],
    ["  the same turns, first timing only", firstTimes, "-"],
    ["fixed work of 0.5 ms (an arithmetic loop), timed after each resolution", probeTimes, "-"],
    ["hashState after a turn", hashTimes, "-"],
    ["10-round match, 36 random bots (offers, orders, resolution, hashes)", matchTimes, "< 1000 ms"],
  ] as const;
  const lines = [
    "## Engine",
    "",
    `Wall-clock milliseconds after a JIT warm-up of ${warmUpMatches} matches, ${matches} matches of the default scenario, seeds 1..${matches}: random`,
    `bots play each match, then its ten turns are resolved in order, ${TIMINGS_PER_TURN} times over (every mechanic and event on); a`,
    "turn's figure is the median of its timings. Then the ten states the first pass produced are hashed. The fixed",
    "work does the same arithmetic every time: how far its p95 stands above its p50 is the processor time the",
    "machine's other tenants took during the run. It does not show what they do to the memory caches the engine",
    "relies on (on this shared VM the same code's turns vary by about a third from one run to the next while this",
    "probe stays flat); a probe that walked memory to show it evicted the engine's data and slowed what it measured.",
    "This process runs with the server's heap settings (server/heap-settings.ts: no allocation-site pretenuring).",
    "",
    "| what | samples | p50 ms | p95 ms | max ms | target |",
    "|---|---|---|---|---|---|",
    ...rows.map(([name, xs, target]) => `| ${name} | ${xs.length} | ${q(xs, 0.5)} | ${q(xs, 0.95)} | ${q(xs, 1)} | ${target} |`),
    "",
    `Heap after the engine runs: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB; resident: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB.`,
    "",
  ];
  return lines.join("\n");
}

/** A timer of the same arithmetic each call, sized to take about `ms` on this machine when it is quiet. */
function fixedWork(ms: number): () => number {
  let sink = 0;
  const spin = (n: number): void => {
    let x = 1;
    for (let i = 0; i < n; i++) x = (x * 1.000001 + i) % 1e9;
    sink += x;
  };
  // Optimised first, so that the size is not set by the slower code V8 starts with.
  for (let r = 0; r < 50; r++) spin(10_000);
  let n = 10_000;
  for (;;) {
    const runs: number[] = [];
    for (let r = 0; r < 9; r++) {
      const t0 = performance.now();
      spin(n);
      runs.push(performance.now() - t0);
    }
    const took = Math.min(...runs);
    if (took > ms / 4) {
      n = Math.round((n * ms) / took);
      break;
    }
    n *= 2;
  }
  return () => {
    const t0 = performance.now();
    spin(n);
    const took = performance.now() - t0;
    return sink === -1 ? 0 : took;
  };
}

function q(xs: ReadonlyArray<number>, quantile: number): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
  return (sorted[i] ?? 0).toFixed(3);
}
