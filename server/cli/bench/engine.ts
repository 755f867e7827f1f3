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

const WARM_UP_MATCHES = 15;

export function runEngineBench(matches = 30): string {
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
  for (let seed = 1000; seed < 1000 + WARM_UP_MATCHES; seed++) {
    let s = fresh(seed);
    for (let t = 0; t < 10; t++) s = playBotTurn(s, seats).state;
  }

  const resolveTimes: number[] = [];
  const steadyTimes: number[] = [];
  const rerouteTimes: number[] = [];
  const hashTimes: number[] = [];
  for (let seed = 1; seed <= matches; seed++) {
    // The bots play the match first; then its ten resolutions are timed back to back, so the
    // figures describe resolving a turn, not the bots' search between turns.
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
    // Resolutions first, back to back, then the hashes: hashing leaves garbage whose collection
    // would otherwise land in the next timed resolution.
    const resolved: MatchState[] = [];
    for (const turn of turns) {
      const t0 = performance.now();
      const next = resolveTurn(turn.state, turn.orders).state;
      const ms = performance.now() - t0;
      resolved.push(next);
      resolveTimes.push(ms);
      const rerouted = next.edges.some((e, i) => e.level !== turn.state.edges[i]?.level);
      (rerouted ? rerouteTimes : steadyTimes).push(ms);
    }
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
    ["resolveTurn, 36 seats with random orders", resolveTimes],
    ["  of which turns where no corridor changed", steadyTimes],
    ["  of which turns where a corridor was upgraded", rerouteTimes],
    ["hashState after a turn", hashTimes],
    ["10-round match, 36 random bots (offers, orders, resolution, hashes)", matchTimes],
  ] as const;
  const lines = [
    "## Engine",
    "",
    `Wall-clock milliseconds after a JIT warm-up of ${WARM_UP_MATCHES} matches, ${matches} matches of the default scenario, seeds 1..${matches}: random`,
    "bots play each match, then its ten resolutions are timed back to back (every mechanic and event on),",
    "then the ten states they produced are hashed.",
    "",
    "| what | samples | p50 ms | p95 ms | max ms | target |",
    "|---|---|---|---|---|---|",
    ...rows.map(([name, xs]) => `| ${name} | ${xs.length} | ${q(xs, 0.5)} | ${q(xs, 0.95)} | ${q(xs, 1)} | ${name.startsWith("resolveTurn") ? "p95 < 1 ms" : name.startsWith("10-round") ? "< 1000 ms" : "-"} |`),
    "",
    `Heap after the engine runs: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB; resident: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB.`,
    "",
  ];
  return lines.join("\n");
}

function q(xs: ReadonlyArray<number>, quantile: number): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
  return (sorted[i] ?? 0).toFixed(3);
}
