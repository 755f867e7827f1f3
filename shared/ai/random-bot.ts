/**
 * The baseline bot: random legal actions. It proves the rules hold under anything a player may do,
 * and it is the yardstick the real AI players must beat. Its randomness comes from its own stream,
 * derived from the match seed, so it never disturbs the match's RNG.
 */
import { isNegotiation, type Negotiation, type Order } from "../actions.ts";
import { legalActions } from "../legal.ts";
import { createRng, hash32 } from "../rng.ts";
import type { MatchState } from "../state.ts";
import type { SeatId } from "../types.ts";
import { checkedOrders, validateAction } from "../validate.ts";

const botRng = (state: MatchState, seat: SeatId, phase: string) => createRng(hash32(state.seed, "bot", seat, state.turn, phase));

/** At most one new offer a turn, made half the time. */
export function randomProposals(state: MatchState, seat: SeatId): Negotiation[] {
  const rng = botRng(state, seat, "propose");
  if (rng.next() < 0.5) return [];
  const proposals = legalActions(state, seat).filter((a): a is Negotiation => a.type === "propose");
  return proposals.length > 0 ? [rng.pick(proposals)] : [];
}

/** Accepts or rejects each offer made to it, by a coin toss. */
export function randomAnswers(state: MatchState, seat: SeatId): Negotiation[] {
  const rng = botRng(state, seat, "answer");
  return state.offers
    .filter((o) => o.to === seat)
    .map((o): Negotiation => (rng.next() < 0.5 ? { type: "accept", offer: o.id } : { type: "reject", offer: o.id }));
}

/** Usually carries out its transfer contracts, then adds random legal orders while they fit. */
export function randomOrders(state: MatchState, seat: SeatId): ReadonlyArray<Order> {
  const rng = botRng(state, seat, "orders");
  const candidates = legalActions(state, seat).filter((a): a is Order => !isNegotiation(a) && a.type !== "breach");
  const transfers = candidates.filter((a) => a.type === "transfer");
  const others = rng.shuffle(candidates.filter((a) => a.type !== "transfer"));
  const chosen: Order[] = [];
  for (const order of [...transfers.filter(() => rng.next() < 0.8), ...others.filter(() => rng.next() < 0.15)]) {
    const checked = validateAction(state, seat, order, chosen);
    if (checked.ok && !isNegotiation(checked.value)) chosen.push(checked.value);
  }
  return checkedOrders(state, seat, chosen);
}
