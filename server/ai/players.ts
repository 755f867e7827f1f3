/**
 * The AI players as the server sees them: given the match state, what each AI seat does in a
 * phase, with a one-line reason per move in English and Chinese. It runs inside the worker threads
 * of ./pool.ts; the players themselves are shared/ai/ (docs/ai.md): each seat with the archetype and
 * difficulty the instructor chose, or, for a seat given by its id alone, normal difficulty and the
 * default archetype mix for the match's seed.
 */
import type { Negotiation, Order } from "../../shared/actions.ts";
import { aiAnswers, aiOrders, aiProposals, defaultArchetypes, type AiSeat, type Choice } from "../../shared/ai/index.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Localized, SeatId } from "../../shared/types.ts";

export type AiTask = "propose" | "answer" | "orders";

export interface AiRequest {
  task: AiTask;
  state: MatchState;
  /** The seats to decide for: their AI as set up for the match, or a seat id for the default one. */
  seats: ReadonlyArray<SeatId | AiSeat>;
}

export interface AiDecision {
  seat: SeatId;
  actions: Array<Negotiation | Order>;
  /** One line per action, in the same order. */
  reasons: Localized[];
}

/** Who plays: recorded in the log header (with each seat's archetype and difficulty) so a debrief knows which AI made the choices. */
export const AI_PLAYER = "shared/ai";

export function decide(request: AiRequest): AiDecision[] {
  const { state, task } = request;
  const byDefault = request.seats.filter((s): s is SeatId => typeof s === "string");
  const chosen = request.seats.filter((s): s is AiSeat => typeof s !== "string");
  const ais = [...(byDefault.length > 0 ? defaultArchetypes(state.scenario, state.seed, "normal", byDefault) : []), ...chosen];
  return ais.map((ai) => {
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
