/**
 * Plays one turn for seats driven by bots: offers, answers, orders, resolution. Returns the log
 * events in the order they happened, so the simulation CLI, the benchmark and the tests all write
 * and replay the very same match.
 */
import type { Negotiation, Order } from "./actions.ts";
import { randomAnswers, randomOrders, randomProposals } from "./ai/random-bot.ts";
import { hashState } from "./hash.ts";
import type { LineBody } from "./matchlog.ts";
import { applyNegotiation } from "./negotiation.ts";
import { resolveTurn, type Resolution } from "./resolve.ts";
import type { MatchState } from "./state.ts";
import type { SeatId } from "./types.ts";
import { viewFor } from "./view.ts";

export interface PlayedTurn {
  state: MatchState;
  resolution: Resolution;
  events: LineBody[];
}

export function playBotTurn(start: MatchState, bots: ReadonlyArray<SeatId>): PlayedTurn {
  let state = start;
  const turn = start.turn;
  const events: LineBody[] = [];
  const negotiate = (seat: SeatId, actions: Negotiation[]) => {
    for (const action of actions) {
      const outcome = applyNegotiation(state, seat, action);
      if (!outcome.ok) continue;
      state = outcome.value.state;
      events.push({ kind: "offer", turn, seat, action });
    }
  };
  for (const seat of bots) negotiate(seat, randomProposals(state, seat));
  for (const seat of bots) negotiate(seat, randomAnswers(state, seat));
  const orders: Record<SeatId, ReadonlyArray<Order>> = {};
  for (const seat of bots) {
    orders[seat] = randomOrders(state, seat);
    events.push({ kind: "orders", turn, seat, by: "bot", actions: orders[seat] });
  }
  const resolution = resolveTurn(state, orders);
  events.push({ kind: "resolved", turn, stateHash: hashState(resolution.state), public: viewFor(resolution.state, "public") });
  return { state: resolution.state, resolution, events };
}

/** The final ranking: every seat with its score and percentile within its role, best first. */
export function finalRanking(state: MatchState): Array<{ seat: SeatId; role: string; score: number; percentile: number }> {
  return [...state.scores]
    .sort((a, b) => b.percentile - a.percentile || b.score - a.score || (a.seat < b.seat ? -1 : 1))
    .map((r) => ({ seat: r.seat, role: r.role, score: Math.round(r.score * 100) / 100, percentile: Math.round(r.percentile * 10) / 10 }));
}
