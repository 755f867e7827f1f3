/**
 * AI players: the API the simulation, calibration and the classroom server use. An AI decides
 * from its seat's view (viewFor) alone, through the engine's legality checks, with its own seeded
 * stream; every move carries a one-line reason in English and Chinese.
 */
import { isNegotiation, type Action, type Negotiation, type Order } from "../actions.ts";
import { randomAnswers, randomOrders, randomProposals } from "./random-bot.ts";
import { hashState } from "../hash.ts";
import type { LineBody } from "../matchlog.ts";
import { applyNegotiation } from "../negotiation.ts";
import { resolveTurn, type Resolution } from "../resolve.ts";
import { createRng, hash32 } from "../rng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { MatchState } from "../state.ts";
import type { Localized, Role, SeatId } from "../types.ts";
import { sharedViewFor, viewFor, type MatchView } from "../view.ts";
import { ARCHETYPES_OF, DIFFICULTIES, isArchetypeOf, type AiSeat, type Archetype } from "./archetypes.ts";
import { beliefState } from "./belief.ts";
import { clusterPolicy } from "./cluster-ai.ts";
import { hostPolicy } from "./host-ai.ts";
import { leadPolicy } from "./lead-ai.ts";
import { HARD_BUDGET, planOrders, planProposals, type PlanBudget } from "./planner.ts";
import type { Choice, PolicyContext, RolePolicy } from "./policy.ts";

export type { Archetype, ClusterArchetype, HostArchetype, LeadArchetype, Difficulty, AiSeat } from "./archetypes.ts";
export { ARCHETYPES_OF, ARCHETYPE_NAMES, CLUSTER_ARCHETYPES, HOST_ARCHETYPES, LEAD_ARCHETYPES, DIFFICULTIES, aiSeatsFrom, defaultArchetypes, isArchetypeOf } from "./archetypes.ts";
export type { Choice } from "./policy.ts";
export { HARD_BUDGET, type PlanBudget } from "./planner.ts";

export type AiPhase = "propose" | "answer" | "orders";

/** One move an AI made, with its reason: what the match log and the debrief keep. */
export interface AiDecision {
  seat: SeatId;
  phase: AiPhase;
  action: Action;
  reason: Localized;
}

export interface SeatDecisions {
  seat: SeatId;
  proposals: Array<Choice<Negotiation>>;
  answers: Array<Choice<Negotiation>>;
  orders: Array<Choice<Order>>;
}

const POLICIES: Record<Role, RolePolicy> = { cluster: clusterPolicy, host: hostPolicy, lead: leadPolicy };

const roleIn = (view: MatchView, seat: SeatId): Role | undefined => view.seats.find((s) => s.id === seat)?.role;

/**
 * The AI's stream for one decision: from its seat, the turn, the phase, and a digest of what it can
 * see (scores, events, the market board), so the same view always gives the same decision.
 */
function aiRng(view: MatchView, seat: SeatId, phase: AiPhase) {
  return createRng(hash32("ai", seat, view.turn, phase, viewDigest(view)));
}

const digests = new WeakMap<MatchView["scores"], { events: MatchView["events"]; boardLength: number; worldE: number; digest: number }>();

/**
 * The digest of what every seat sees alike, computed once for all the seats that decide on the
 * same state: their views share its score and event lists (sharedViewFor), which nothing edits.
 */
function viewDigest(view: MatchView): number {
  const known = digests.get(view.scores);
  if (known && known.events === view.events && known.boardLength === view.board.length && known.worldE === view.worldE) return known.digest;
  const digest = hash32(JSON.stringify(view.scores), JSON.stringify(view.events), view.board.length, view.worldE);
  digests.set(view.scores, { events: view.events, boardLength: view.board.length, worldE: view.worldE, digest });
  return digest;
}

/**
 * One seat's moves in one phase, from its view. Pure: the view and the public scenario are all it
 * reads. `budget` is the hard AI's planning budget (rollouts), ignored by the other difficulties.
 */
export function decideFromView(view: MatchView, scenario: Scenario, seat: AiSeat, phase: AiPhase, budget: PlanBudget = HARD_BUDGET): Array<Choice<Action>> {
  const role = roleIn(view, seat.seat);
  if (!role) return [];
  // An archetype of another role, or an unknown difficulty, falls back to the role's first archetype and normal play.
  const ai: AiSeat = {
    seat: seat.seat,
    archetype: isArchetypeOf(role, seat.archetype) ? seat.archetype : (ARCHETYPES_OF[role][0] as Archetype),
    difficulty: (DIFFICULTIES as ReadonlyArray<string>).includes(seat.difficulty) ? seat.difficulty : "normal",
  };
  const policy = POLICIES[role];
  const ctx: PolicyContext = { belief: beliefState(view, scenario), seat: ai.seat, ai, rng: aiRng(view, ai.seat, phase) };
  const hard = ai.difficulty === "hard" ? { view, budget, policyOf: (seat: SeatId) => { const r = roleIn(view, seat); return r ? POLICIES[r] : undefined; } } : null;
  switch (phase) {
    case "propose":
      return hard ? planProposals(ctx, hard, policy) : policy.proposals(ctx);
    case "answer":
      return policy.answers(ctx);
    case "orders":
      return hard ? planOrders(ctx, hard, policy) : policy.orders(ctx);
  }
}

/** The offers a seat makes now. */
export const aiProposals = (state: MatchState, ai: AiSeat, budget?: PlanBudget): Array<Choice<Negotiation>> =>
  decideFromView(sharedViewFor(state, ai.seat), state.scenario, ai, "propose", budget).filter((c): c is Choice<Negotiation> => isNegotiation(c.action));

/** Its answers (accept, reject, counter-offers) to the offers made to it (offers to a seat are in its view). */
export const aiAnswers = (state: MatchState, ai: AiSeat, budget?: PlanBudget): Array<Choice<Negotiation>> =>
  state.offers.some((o) => o.to === ai.seat) ? decideFromView(sharedViewFor(state, ai.seat), state.scenario, ai, "answer", budget).filter((c): c is Choice<Negotiation> => isNegotiation(c.action)) : [];

/** Its sealed orders for the turn. */
export const aiOrders = (state: MatchState, ai: AiSeat, budget?: PlanBudget): Array<Choice<Order>> =>
  decideFromView(sharedViewFor(state, ai.seat), state.scenario, ai, "orders", budget).filter((c): c is Choice<Order> => !isNegotiation(c.action));

/**
 * Everything one seat would do given the state as it is: offers, answers to the offers standing,
 * orders. The classroom server calls this (or the three phase functions) for an absent human's seat.
 */
export function decideSeat(state: MatchState, ai: AiSeat, budget?: PlanBudget): SeatDecisions {
  return { seat: ai.seat, proposals: aiProposals(state, ai, budget), answers: aiAnswers(state, ai, budget), orders: aiOrders(state, ai, budget) };
}

export interface PlayedAiTurn {
  state: MatchState;
  resolution: Resolution;
  /** The match-log lines of the turn, reasons included (docs/match-log.md); none when played with `log: false`. */
  events: LineBody[];
  decisions: AiDecision[];
}

/**
 * Plays one turn with AI players in `ais` (and random baseline bots in `bots`): every seat makes its
 * offers, then answers the offers made to it, then gives its orders; the turn is resolved. Moves the
 * true state refuses (an offer whose other side has run out of AP, say) are left out. With
 * `log: false` it skips the match-log lines, whose state hash and public view cost a tenth of a
 * turn (calibration keeps no log); the state and decisions are the same.
 */
export function playAiTurn(start: MatchState, ais: ReadonlyArray<AiSeat>, bots: ReadonlyArray<SeatId> = [], budget?: PlanBudget, options: { log?: boolean } = {}): PlayedAiTurn {
  const log = options.log ?? true;
  let state = start;
  const turn = start.turn;
  const events: LineBody[] = [];
  const decisions: AiDecision[] = [];
  const negotiate = (seat: SeatId, phase: AiPhase, choices: Array<Choice<Negotiation>>, by: "ai" | "bot") => {
    for (const { action, reason } of choices) {
      const outcome = applyNegotiation(state, seat, action);
      if (!outcome.ok) continue;
      state = outcome.value.state;
      if (log) events.push(by === "ai" ? { kind: "offer", turn, seat, action, reason } : { kind: "offer", turn, seat, action });
      if (by === "ai") decisions.push({ seat, phase, action, reason });
    }
  };
  const asBot = (list: Negotiation[]): Array<Choice<Negotiation>> => list.map((action) => ({ action, reason: { en: "", zh: "" } }));
  for (const ai of ais) negotiate(ai.seat, "propose", aiProposals(state, ai, budget), "ai");
  for (const seat of bots) negotiate(seat, "propose", asBot(randomProposals(state, seat)), "bot");
  for (const ai of ais) negotiate(ai.seat, "answer", aiAnswers(state, ai, budget), "ai");
  for (const seat of bots) negotiate(seat, "answer", asBot(randomAnswers(state, seat)), "bot");
  const orders: Record<SeatId, ReadonlyArray<Order>> = {};
  for (const ai of ais) {
    const chosen = aiOrders(state, ai, budget);
    orders[ai.seat] = chosen.map((c) => c.action);
    if (log) events.push({ kind: "orders", turn, seat: ai.seat, by: "ai", actions: orders[ai.seat], reasons: chosen.map((c) => c.reason) });
    for (const c of chosen) decisions.push({ seat: ai.seat, phase: "orders", action: c.action, reason: c.reason });
  }
  for (const seat of bots) {
    orders[seat] = randomOrders(state, seat);
    if (log) events.push({ kind: "orders", turn, seat, by: "bot", actions: orders[seat] });
  }
  const resolution = resolveTurn(state, orders);
  if (log) events.push({ kind: "resolved", turn, stateHash: hashState(resolution.state), public: viewFor(resolution.state, "public") });
  return { state: resolution.state, resolution, events, decisions };
}
