/**
 * The AI players as the server sees them: given the match state, what each AI seat does in a
 * phase, with a one-line reason per move. This is the one file to change when the real AI players
 * (shared/ai/) replace the baseline bots; it runs inside the worker threads of ./pool.ts.
 */
import type { Negotiation, Order } from "../../shared/actions.ts";
import { randomAnswers, randomOrders, randomProposals } from "../../shared/ai/random-bot.ts";
import type { MatchState } from "../../shared/state.ts";
import type { SeatId } from "../../shared/types.ts";

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
  reasons: string[];
}

/** Who plays: recorded in the log header so a debrief knows which AI made the choices. */
export const AI_PLAYER = "random-bot";

export function decide(request: AiRequest): AiDecision[] {
  return request.seats.map((seat) => {
    const actions = movesOf(request.task, request.state, seat);
    return { seat, actions, reasons: actions.map((a) => `baseline bot: a random legal ${a.type}`) };
  });
}

function movesOf(task: AiTask, state: MatchState, seat: SeatId): Array<Negotiation | Order> {
  switch (task) {
    case "propose":
      return randomProposals(state, seat);
    case "answer":
      return randomAnswers(state, seat);
    case "orders":
      return randomOrders(state, seat);
  }
}
