/**
 * Small helpers for engine tests: a fresh match on the default scenario, unwrapping results,
 * signing contracts, reading reports, and running part of a resolution to look at one step's effect.
 */
import { expect } from "vitest";
import { readScenarioFile } from "../../server/scenario-file.ts";
import type { ResolveContext } from "../../shared/context.ts";
import type { MessageCode } from "../../shared/i18n.ts";
import { applyNegotiation } from "../../shared/negotiation.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import { beginResolution, RESOLVE_STEPS } from "../../shared/resolve.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { createMatch, draftOf, type ClusterState, type EdgeState, type HostState, type LeadFirmState, type MatchState, type OfferTerms, type Plant } from "../../shared/state.ts";
import type { Result, SeatId } from "../../shared/types.ts";
import type { ActionError } from "../../shared/validate.ts";

let scenarioCache: Scenario | undefined;

/** The default scenario (assets/scenarios/belt-and-road.json), read once. */
export function defaultScenario(): Scenario {
  if (!scenarioCache) {
    const read = readScenarioFile();
    if (!read.ok) throw new Error(read.error);
    scenarioCache = read.value;
  }
  return scenarioCache;
}

/** A match on the default scenario with every seat passive. */
export function newMatch(seed = 1): MatchState {
  return mustOk(createMatch(defaultScenario(), [], seed));
}

/** The value of a successful result; fails the test with the error otherwise. */
export function mustOk<T, E>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A changed copy of a state (the original is untouched; the scenario stays shared). */
export function withState(state: MatchState, change: (draft: MatchState) => void): MatchState {
  const draft = draftOf(state);
  change(draft);
  return draft;
}

/** Proposes an offer and has the addressee accept it. */
export function offerAndAccept(state: MatchState, from: SeatId, to: SeatId, terms: OfferTerms): { state: MatchState; contract: string; offer: string } {
  const proposed = mustOk(applyNegotiation(state, from, { type: "propose", to, terms }));
  const offer = proposed.id as string;
  const accepted = mustOk(applyNegotiation(proposed.state, to, { type: "accept", offer }));
  return { state: accepted.state, contract: accepted.id as string, offer };
}

/** Proposes an offer, leaving it open. */
export function propose(state: MatchState, from: SeatId, to: SeatId, terms: OfferTerms): { state: MatchState; offer: string } {
  const proposed = mustOk(applyNegotiation(state, from, { type: "propose", to, terms }));
  return { state: proposed.state, offer: proposed.id as string };
}

const entriesIn = (report: TurnReport | ReadonlyArray<ReportEntry>): ReadonlyArray<ReportEntry> =>
  Array.isArray(report) ? (report as ReadonlyArray<ReportEntry>) : (report as TurnReport).entries;

/** The codes of a report's entries, in order. */
export function orderCodes(report: TurnReport | ReadonlyArray<ReportEntry>): MessageCode[] {
  return entriesIn(report).map((e) => e.code);
}

/** The entries of a report with a given code. */
export function entriesWith(report: TurnReport | ReadonlyArray<ReportEntry>, code: MessageCode): ReportEntry[] {
  return entriesIn(report).filter((e) => e.code === code);
}

/** Asserts a refusal with this code whose message reads in both languages (and is really translated). */
export function expectRefused(result: Result<unknown, ActionError>, code: MessageCode): ActionError {
  if (result.ok) throw new Error(`expected refusal ${code}, got ok ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message.en.length).toBeGreaterThan(0);
  expect(result.error.message.zh.length).toBeGreaterThan(0);
  expect(result.error.message.zh).not.toBe(result.error.message.en);
  return result.error;
}

/**
 * Runs resolution on a copy of the state through the steps numbered up to `upTo` (the step numbers
 * of GAME-RULES 5.4 that start each RESOLVE_STEPS name), without ending the turn. Orders are
 * validated the way resolveTurn validates them: those refused are left out.
 */
export function runSteps(state: MatchState, orders: Readonly<Record<SeatId, ReadonlyArray<unknown>>>, upTo = Infinity): ResolveContext {
  const ctx = beginResolution(state, orders);
  for (const step of RESOLVE_STEPS) {
    const n = Number.parseInt(step.name, 10);
    if (Number.isFinite(n) && n > upTo) break;
    step.run(ctx);
  }
  return ctx;
}

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
};

export const clusterIn = (state: MatchState, id: SeatId): ClusterState => must(state.clusters.find((c) => c.id === id), `cluster ${id}`);
export const hostIn = (state: MatchState, id: SeatId): HostState => must(state.hosts.find((h) => h.id === id), `host ${id}`);
export const leadIn = (state: MatchState, id: SeatId): LeadFirmState => must(state.leadFirms.find((l) => l.id === id), `lead firm ${id}`);
export const edgeIn = (state: MatchState, id: string): EdgeState => must(state.edges.find((e) => e.id === id), `edge ${id}`);
export const plantIn = (cluster: ClusterState, node: string): Plant => must(cluster.plants.find((p) => p.node === node), `plant of ${cluster.id} at ${node}`);
export const maybePlant = (cluster: ClusterState, node: string): Plant | undefined => cluster.plants.find((p) => p.node === node);

/** Every edge touching a node, closed (an event that cuts a place off). */
export function isolate(state: MatchState, node: string): MatchState {
  return withState(state, (s) => {
    for (const e of s.edges) if (e.from === node || e.to === node) e.closed = true;
  });
}

/** Freezes a value and everything in it, so that any edit to it throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
