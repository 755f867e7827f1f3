/**
 * Turn resolution in the order of GAME-RULES 5.4. Each step is a function of the resolve context;
 * the theory modules (parks, governance, learning, upgrading, events) slot into this list.
 */
import { isNegotiation, type Order } from "./actions.ts";
import { applyContracts } from "./contracts.ts";
import type { ResolveContext } from "./context.ts";
import { applySettings, settleClusters } from "./finance.ts";
import { applyHostPolicies, applyInfrastructure, developHosts } from "./hosts.ts";
import { beginRound } from "./events.ts";
import { formatNumber, message } from "./i18n.ts";
import { recomputeGovernance } from "./governance.ts";
import { learnFromLeadFirms } from "./learning.ts";
import { seatOf } from "./lookup.ts";
import { produceAndClear } from "./market.ts";
import { markFunctionalAttempts, rollUpgrades } from "./upgrading.ts";
import { applyGreenRetrofits, applySustainability } from "./sustainability.ts";
import { applyParks, parkSpillovers } from "./parks.ts";
import { applyChainMoves, applyLeadFirmMoves } from "./chains.ts";
import { applyKnowledge } from "./brand.ts";
import { namesOf } from "./names.ts";
import { ReportBuilder, type TurnReport } from "./report.ts";
import { createRng, hash32 } from "./rng.ts";
import { RouteCache } from "./routes.ts";
import { scoreRound } from "./scoring.ts";
import { draftOf, type MatchState } from "./state.ts";
import type { SeatId } from "./types.ts";
import { isCheckedFor, validateAction } from "./validate.ts";

export interface ResolveStep {
  /** The step of 5.4 this implements, for reports and docs. */
  name: string;
  run(ctx: ResolveContext): void;
}

export const RESOLVE_STEPS: ReadonlyArray<ResolveStep> = [
  { name: "0 settings: stance, sales plan, loans", run: applySettings },
  { name: "1 host policy changes", run: applyHostPolicies },
  { name: "2 infrastructure and corridors", run: applyInfrastructure },
  { name: "2 lead-firm barriers and standards", run: applyLeadFirmMoves },
  { name: "3 contracts and capacity transfers", run: applyContracts },
  { name: "3 green retrofits", run: applyGreenRetrofits },
  { name: "4 park builds and joins", run: applyParks },
  { name: "4 joining and leaving chains, end-stage blocks", run: applyChainMoves },
  { name: "4 applying knowledge in Belt and Road markets", run: applyKnowledge },
  { name: "5 governance recompute (pre-production)", run: (ctx) => (markFunctionalAttempts(ctx), recomputeGovernance(ctx, false)) },
  { name: "6 production and market clearing", run: (ctx) => produceAndClear(ctx) },
  { name: "7 learning spillovers", run: learnFromLeadFirms },
  { name: "7 park spillovers", run: parkSpillovers },
  { name: "8 upgrading rolls", run: rollUpgrades },
  { name: "9 pollution, development, approval, debt, wages", run: developHosts },
  { name: "9 low road, immiserising growth, pollution cap", run: applySustainability },
  { name: "9 cluster finance and what happens when money runs out", run: settleClusters },
  { name: "10 governance recompute (post-upgrade)", run: (ctx) => recomputeGovernance(ctx, true) },
  { name: "11 scoring snapshot", run: (ctx) => scoreRound(ctx.state) },
];

export type TurnOrders = Readonly<Record<SeatId, ReadonlyArray<unknown>>>;

export interface Resolution {
  state: MatchState;
  report: TurnReport;
}

/**
 * Resolves the current turn from every seat's sealed orders. Orders are validated again here,
 * in the order given: one that no longer fits is dropped and the report says why.
 */
export function resolveTurn(state: MatchState, orders: TurnOrders): Resolution {
  const ctx = beginResolution(state, orders);
  for (const step of RESOLVE_STEPS) step.run(ctx);
  endTurn(ctx);
  return { state: ctx.state, report: { turn: state.turn, entries: ctx.report.entries } };
}

/** The working set of a resolution: a draft of the state, the seeded stream, and the orders that pass validation. */
export function beginResolution(state: MatchState, orders: TurnOrders): ResolveContext {
  const draft = draftOf(state);
  const names = namesOf(state.scenario);
  const report = new ReportBuilder(names);
  const accepted = new Map<SeatId, ReadonlyArray<Order>>();
  const rng = createRng(hash32(state.seed, "round", state.turn));

  for (const seat of state.seats) {
    const list = Object.hasOwn(orders, seat.id) ? orders[seat.id] : undefined;
    if (isCheckedFor(state, seat.id, list)) {
      accepted.set(seat.id, list);
      continue;
    }
    if (!Array.isArray(list)) continue;
    const valid: Order[] = [];
    for (const raw of list) {
      const result = validateAction(state, seat.id, raw, valid);
      if (result.ok && !isNegotiation(result.value)) valid.push(result.value);
      else {
        const reason = result.ok ? message("NOT_AN_ORDER", { action: result.value.type }) : message(result.error.code, result.error.params, names);
        const action = typeof raw === "object" && raw !== null && "type" in raw ? String((raw as { type: unknown }).type) : "?";
        report.add("ORDER_REFUSED", [seat.id], false, { action, reason: reason.en, reasonZh: reason.zh });
      }
    }
    accepted.set(seat.id, valid);
  }
  for (const seat of Object.keys(orders)) {
    if (!seatOf(state, seat)) {
      const reason = message("UNKNOWN_SEAT", { seat }, names);
      report.add("ORDER_REFUSED", [], false, { action: "*", reason: reason.en, reasonZh: reason.zh });
    }
  }

  return new Resolving(draft, report, rng, accepted);
}

/**
 * A resolution's context. The route graph is a getter on the class, not a getter closure in an
 * object literal: with the closure, V8 kept each turn's draft alive through young collections until
 * a full one (test/engine-garbage.test.ts measures what a dropped resolution leaves behind).
 */
class Resolving implements ResolveContext {
  readonly state: MatchState;
  readonly p: ResolveContext["p"];
  readonly report: ReportBuilder;
  readonly rng: ResolveContext["rng"];
  readonly orders: ResolveContext["orders"];
  readonly producedM: ResolveContext["producedM"] = new Map();
  readonly plantProfit: ResolveContext["plantProfit"] = new Map();
  #routes: RouteCache | null = null;
  constructor(state: MatchState, report: ReportBuilder, rng: ResolveContext["rng"], orders: ResolveContext["orders"]) {
    this.state = state;
    this.p = state.scenario.parameters;
    this.report = report;
    this.rng = rng;
    this.orders = orders;
  }
  /** Built when first needed and again whenever a step has changed the corridors since. */
  get routes(): RouteCache {
    if (this.#routes === null || !this.#routes.describes(this.state.edges)) this.#routes = new RouteCache(this.state.edges, this.p.trade);
    return this.#routes;
  }
}

/**
 * A link that has turned hierarchical gets the lead firm's buy-out offer (5.5): its linked M blocks
 * at their replacement value. Accepting makes it a subsidiary link; declining leaves the chain.
 * It stands through the next negotiation, like any offer.
 */
function offerBuyouts(state: MatchState, report: ReportBuilder): void {
  const value = state.scenario.parameters.chainRules.blockValue;
  for (const cluster of state.clusters) {
    const mBlocks = cluster.plants.reduce((s, pl) => s + pl.blocks.M, 0);
    for (const link of cluster.links) {
      if (link.governance !== "HIERARCHY" || link.subsidiary || link.buyoutOffered) continue;
      const blocks = Math.max(1, Math.round(link.share * mBlocks));
      state.offers.push({ id: `o${state.nextId++}`, from: link.leadFirm, to: cluster.id, terms: { kind: "buyout", cluster: cluster.id, leadFirm: link.leadFirm, blocks, price: value }, turn: state.turn + 1 });
      link.buyoutOffered = true;
      report.add("BUYOUT_OFFERED", [cluster.id, link.leadFirm], true, { cluster: cluster.id, leadFirm: link.leadFirm, blocks, price: value });
    }
  }
}

/** Offers not answered this turn lapse; contracts past their term end; AP refills; the clock moves on. */
function endTurn(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  if (state.offers.length > 0) report.add("OFFERS_EXPIRED", [], false, { count: formatNumber(state.offers.length) });
  state.offers = [];
  state.contracts = state.contracts.filter((c) => c.untilTurn > state.turn);
  offerBuyouts(state, report);
  for (const entity of [...state.clusters, ...state.hosts, ...state.leadFirms]) entity.apUsed = 0;
  state.rng = ctx.rng.state;
  state.turn += 1;
  state.year += p.rounds.yearsPerRound;
  // Cards past their last round end and the next round's cards are drawn, public before it is negotiated (5.13).
  beginRound(state, report);
}
