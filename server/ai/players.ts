/**
 * The AI players as the server sees them: given the match state, what each AI seat does in a
 * phase, with a one-line reason per move in English and Chinese. It runs inside the worker threads
 * of ./pool.ts; the players themselves are shared/ai/ (normal difficulty, the default archetype mix
 * for the match's seed, docs/ai.md).
 */
import type { Negotiation, Order } from "../../shared/actions.ts";
import { aiAnswers, aiOrders, aiProposals, defaultArchetypes, type AiSeat, type Choice } from "../../shared/ai/index.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Localized, SeatId } from "../../shared/types.ts";

export type AiTask = "propose" | "answer" | "orders";

export interface AiRequest {
  task: AiTask;
  state: MatchState;
  seats: SeatId[];
}

export interface AiDecision {
  seat: SeatId;
  actions: Array<Negotiation | Order>;
  /** One line per action, in the same order. */
  reasons: Localized[];
}

/** Who plays: recorded in the log header so a debrief knows which AI made the choices. */
export const AI_PLAYER = "shared/ai (normal, default archetypes)";

export function decide(request: AiRequest): AiDecision[] {
  const { state, task } = request;
  return defaultArchetypes(state.scenario, state.seed, "normal", request.seats).map((ai) => {
    const choices = movesOf(task, state, ai);
    return { seat: ai.seat, actions: choices.map((c) => c.action), reasons: choices.map((c) => c.reason) };
  });
}

function movesOf(task: AiTask, state: MatchState, ai: AiSeat): Array<Choice<Negotiation | Order>> {
  switch (task) {
    case "propose":
      return aiProposals(state, ai);
    case "answer":
      return aiAnswers(state, ai);
    case "orders":
      return aiOrders(state, ai);
  }
}
