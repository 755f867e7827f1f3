/**
 * The hard AI plans ahead: it compares a few candidate plans by simulating the next rounds with
 * the engine on sampled beliefs (hidden figures and the random seed drawn afresh each rollout) and
 * sampled moves of the other seats, and keeps the plan with the best mean score for itself. Its
 * budget is a number of rollouts, never a time limit, so a decision replays exactly.
 */
import { isNegotiation, type Negotiation, type Order } from "../actions.ts";
import { legalActions } from "../legal.ts";
import { applyNegotiation } from "../negotiation.ts";
import { resolveTurn } from "../resolve.ts";
import { createRng, hash32, type Rng } from "../rng.ts";
import type { MatchState } from "../state.ts";
import { STANCES, type SeatId } from "../types.ts";
import { validateAction } from "../validate.ts";
import type { MatchView } from "../view.ts";
import { ARCHETYPES_OF, type AiSeat } from "./archetypes.ts";
import { beliefState } from "./belief.ts";
import { n, type Choice, type PolicyContext, type RolePolicy } from "./policy.ts";

export interface PlanBudget {
  /** Rollouts for the orders of a turn, shared between the candidate plans; offers get a quarter of it. */
  rollouts: number;
  /** Rounds each rollout simulates (fewer near the end of the match). */
  horizon: number;
  /** Chance that another seat carries out each of the orders it is expected to give. */
  othersKeep: number;
  /** Chance that the other side accepts an offer in a rollout. */
  acceptance: number;
}

export const HARD_BUDGET: PlanBudget = { rollouts: 16, horizon: 3, othersKeep: 0.8, acceptance: 0.7 };

interface Candidate {
  label: string;
  proposals: Array<Choice<Negotiation>>;
  orders: Array<Choice<Order>> | null;
}

export interface Planning {
  view: MatchView;
  policyOf: (seat: SeatId) => RolePolicy | undefined;
  budget: PlanBudget;
}

/** What the other seats may do this round: each played by a randomly drawn archetype of its role on this seat's belief. */
function othersOrders(ctx: PolicyContext, planning: Planning): Map<SeatId, Order[]> {
  const out = new Map<SeatId, Order[]>();
  const rng = createRng(hash32(ctx.rng.state, "others"));
  for (const seat of ctx.belief.seats) {
    if (seat.id === ctx.seat || seat.controller === "none") continue;
    const policy = planning.policyOf(seat.id);
    if (!policy) continue;
    const ai: AiSeat = { seat: seat.id, archetype: rng.pick(ARCHETYPES_OF[seat.role]), difficulty: "normal" };
    out.set(seat.id, policy.orders({ belief: ctx.belief, seat: seat.id, ai, rng: createRng(rng.int(0x7fffffff)) }).map((c) => c.action));
  }
  return out;
}

/** One rollout: my candidate this round, my normal play after it, the others' sampled moves; my score at the end. */
function rollout(ctx: PolicyContext, planning: Planning, policy: RolePolicy, candidate: Candidate, others: Map<SeatId, Order[]>, rng: Rng): number {
  let state: MatchState = beliefState(planning.view, ctx.belief.scenario, rng);
  for (const { action } of candidate.proposals) {
    const made = applyNegotiation(state, ctx.seat, action);
    if (!made.ok) continue;
    state = made.value.state;
    if (action.type === "propose" && made.value.id && rng.next() < planning.budget.acceptance) {
      const signed = applyNegotiation(state, action.to, { type: "accept", offer: made.value.id });
      if (signed.ok) state = signed.value.state;
    }
  }
  const rounds = Math.min(planning.budget.horizon, state.rounds - state.turn + 1);
  for (let r = 0; r < rounds; r++) {
    const mine = r === 0 && candidate.orders ? candidate.orders.map((c) => c.action) : policy.orders({ ...ctx, belief: state, rng: createRng(rng.int(0x7fffffff)) }).map((c) => c.action);
    const orders: Record<SeatId, Order[]> = { [ctx.seat]: mine };
    for (const [seat, list] of others) orders[seat] = list.filter(() => rng.next() < planning.budget.othersKeep);
    state = resolveTurn(state, orders).state;
  }
  return state.scores.find((s) => s.seat === ctx.seat)?.score ?? 0;
}

/** Scores each candidate on the same sampled worlds (common random numbers) and returns the best, the first on ties. */
function choose(ctx: PolicyContext, planning: Planning, policy: RolePolicy, candidates: Candidate[], budget: number): { best: Candidate; values: number[]; rollouts: number } {
  const others = othersOrders(ctx, planning);
  const per = Math.max(1, Math.floor(budget / candidates.length));
  const values = candidates.map((candidate) => {
    let total = 0;
    for (let k = 0; k < per; k++) total += rollout(ctx, planning, policy, candidate, others, createRng(hash32(ctx.rng.state, "rollout", k)));
    return total / per;
  });
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] as number) + 1e-9) best = i;
  });
  return { best: candidates[best] as Candidate, values, rollouts: per * candidates.length };
}

const annotate = <A>(choices: Array<Choice<A>>, en: string, zh: string): Array<Choice<A>> =>
  choices.map((c) => ({ action: c.action, reason: { en: `${c.reason.en}; ${en}`, zh: `${c.reason.zh}；${zh}` } }));

/** Offers: the normal ones, none at all, or the normal ones without each single offer. */
export function planProposals(ctx: PolicyContext, planning: Planning, policy: RolePolicy): Array<Choice<Negotiation>> {
  const base = policy.proposals(ctx);
  const candidates: Candidate[] = [{ label: "as planned", proposals: base, orders: null }];
  if (base.length > 0) candidates.push({ label: "no offers", proposals: [], orders: null });
  if (base.length > 1) base.forEach((_, i) => candidates.push({ label: `without offer ${i + 1}`, proposals: base.filter((__, j) => j !== i), orders: null }));
  if (candidates.length === 1) return base;
  const { best, values, rollouts } = choose(ctx, planning, policy, candidates.slice(0, 4), Math.floor(planning.budget.rollouts / 4));
  const top = values[candidates.indexOf(best)] as number;
  return annotate(best.proposals, `plan "${best.label}" chosen by ${rollouts} rollouts: expected score ${n(top)} vs ${n(values[0] as number)}`, `经 ${rollouts} 次推演选择方案"${best.label}"：预期得分 ${n(top)}，原方案 ${n(values[0] as number)}`);
}

/** Orders: the normal ones and variants that drop one optional order, or take another road. */
export function planOrders(ctx: PolicyContext, planning: Planning, policy: RolePolicy): Array<Choice<Order>> {
  const base = policy.orders(ctx);
  const candidates: Candidate[] = [{ label: "as planned", proposals: [], orders: base }];
  const optional = base.map((c, i) => ({ c, i })).filter(({ c }) => c.action.type !== "transfer" && c.action.type !== "park" && c.action.type !== "stance" && c.action.type !== "loan");
  for (const { c, i } of optional.slice(0, 2)) candidates.push({ label: `without ${c.action.type === "upgrade" ? `${c.action.upgrade} upgrade` : c.action.type}`, proposals: [], orders: base.filter((_, j) => j !== i) });
  // Another road: the planned orders with a different stance (a cluster's only).
  const own = ctx.belief.clusters.find((c) => c.id === ctx.seat);
  if (own) {
    const planned = base.find((c) => c.action.type === "stance");
    const keep = base.filter((c) => c !== planned);
    const current = planned?.action.type === "stance" ? planned.action.stance : own.stance;
    for (const stance of STANCES) {
      if (stance === current) continue;
      const order: Order = { type: "stance", stance };
      const orders = stance === own.stance ? keep : validateAction(ctx.belief, ctx.seat, order).ok ? [{ action: order, reason: { en: `take the ${stance} road`, zh: `选择${stance === "high" ? "高端" : stance === "low" ? "低端" : "中间"}道路` } }, ...keep] : null;
      if (orders) candidates.push({ label: `${stance} road`, proposals: [], orders });
    }
  }
  // One more legal order than planned: what the archetype's rules of thumb would not have tried.
  const queued = base.map((c) => c.action);
  const extras = legalActions(ctx.belief, ctx.seat).filter((a): a is Order => !isNegotiation(a) && a.type !== "breach" && a.type !== "stance" && !queued.some((q) => q.type === a.type) && validateAction(ctx.belief, ctx.seat, a, queued).ok);
  const types = [...new Set(extras.map((a) => a.type))];
  for (const type of ctx.rng.shuffle(types).slice(0, 3)) {
    const action = ctx.rng.pick(extras.filter((a) => a.type === type));
    candidates.push({ label: `with ${type}`, proposals: [], orders: [...base, { action, reason: { en: `also ${type}, which the plan's rollouts favour`, zh: `另加 ${type}：推演结果更优` } }] });
  }
  if (candidates.length === 1) return base;
  const { best, values, rollouts } = choose(ctx, planning, policy, candidates, planning.budget.rollouts);
  const top = values[candidates.indexOf(best)] as number;
  return annotate(best.orders ?? [], `plan "${best.label}" chosen by ${rollouts} rollouts: expected score ${n(top)} vs ${n(values[0] as number)}`, `经 ${rollouts} 次推演选择方案"${best.label}"：预期得分 ${n(top)}，原方案 ${n(values[0] as number)}`);
}
