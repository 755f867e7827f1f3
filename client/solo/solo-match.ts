/**
 * An offline solo match: one human seat against the baseline bots, driven by the engine itself.
 * Pure (no DOM, no worker API), so it runs in the Web Worker and in unit tests alike.
 */
import { isNegotiation, type Order } from "../../shared/actions.ts";
import { randomAnswers, randomOrders, randomProposals } from "../../shared/ai/random-bot.ts";
import { legalActions } from "../../shared/legal.ts";
import { finalRanking } from "../../shared/match-runner.ts";
import { applyNegotiation } from "../../shared/negotiation.ts";
import { reportFor, type TurnReport } from "../../shared/report.ts";
import { resolveTurn } from "../../shared/resolve.ts";
import { loadScenario, describeIssues } from "../../shared/scenario/load.ts";
import { allSeatIds, createMatch, type MatchState } from "../../shared/state.ts";
import type { Localized, SeatId } from "../../shared/types.ts";
import { validateAction } from "../../shared/validate.ts";
import { viewFor, type MatchView } from "../../shared/view.ts";

export interface SoloSnapshot {
  seat: SeatId;
  view: MatchView;
  /** The orders the seat may give this round (negotiation is not offered in this first loop). */
  legal: Order[];
  finished: boolean;
  ranking: ReturnType<typeof finalRanking> | null;
}

export interface SoloTransfer {
  cluster: string;
  from: string;
  to: string;
  blocks: number;
}

export interface SoloRound {
  state: MatchState;
  /** The resolved turn as the human seat may read it. */
  report: TurnReport;
  transfers: SoloTransfer[];
}

export type SoloResult<T> = { ok: true; value: T } | { ok: false; error: Localized };

export function startSolo(rawScenario: unknown, seat: SeatId, seed: number): SoloResult<MatchState> {
  const scenario = loadScenario(rawScenario);
  if (!scenario.ok) {
    const text = describeIssues(scenario.error);
    return { ok: false, error: { en: `The scenario is invalid: ${text}`, zh: `情景文件无效：${text}` } };
  }
  const seats = allSeatIds(scenario.value);
  if (!seats.includes(seat)) return { ok: false, error: { en: `No seat '${seat}' in this scenario.`, zh: `此情景中没有席位“${seat}”。` } };
  const created = createMatch(scenario.value, seats.map((s) => ({ seat: s, controller: s === seat ? "human" : "bot" })), seed);
  if (!created.ok) return { ok: false, error: { en: created.error.message, zh: `无法开始对局：${created.error.message}` } };
  return { ok: true, value: created.value };
}

export const isFinished = (state: MatchState): boolean => state.turn > state.rounds;

export function snapshot(state: MatchState, seat: SeatId): SoloSnapshot {
  const finished = isFinished(state);
  return {
    seat,
    view: viewFor(state, seat),
    legal: finished ? [] : legalActions(state, seat).filter((a): a is Order => !isNegotiation(a)),
    finished,
    ranking: finished ? finalRanking(state) : null,
  };
}

/** Checks the human's orders one by one as the engine would queue them; the first refusal stops. */
export function checkOrders(state: MatchState, seat: SeatId, orders: ReadonlyArray<unknown>): SoloResult<Order[]> {
  const queued: Order[] = [];
  for (const raw of orders) {
    const checked = validateAction(state, seat, raw, queued);
    if (!checked.ok) return { ok: false, error: checked.error.message };
    if (isNegotiation(checked.value)) return { ok: false, error: { en: "Offers are not part of the orders.", zh: "报价不属于指令。" } };
    queued.push(checked.value);
  }
  return { ok: true, value: queued };
}

/** Bots negotiate and order, the human's checked orders join theirs, and the engine resolves the round. */
export function playRound(start: MatchState, seat: SeatId, humanOrders: ReadonlyArray<Order>): SoloResult<SoloRound> {
  if (isFinished(start)) return { ok: false, error: { en: "The match is already over.", zh: "对局已经结束。" } };
  const checked = checkOrders(start, seat, humanOrders);
  if (!checked.ok) return checked;
  let state = start;
  const bots = state.seats.filter((s) => s.controller === "bot").map((s) => s.id);
  for (const phase of [randomProposals, randomAnswers]) {
    for (const bot of bots) {
      for (const action of phase(state, bot)) {
        const outcome = applyNegotiation(state, bot, action);
        if (outcome.ok) state = outcome.value.state;
      }
    }
  }
  const orders: Record<SeatId, Order[]> = { [seat]: checked.value };
  for (const bot of bots) orders[bot] = randomOrders(state, bot);
  const resolution = resolveTurn(state, orders);
  const transfers = resolution.report.entries
    .filter((e) => e.code === "TRANSFER_DONE")
    .map((e) => ({ cluster: String(e.params.cluster), from: String(e.params.from), to: String(e.params.to), blocks: Number(e.params.blocks) }));
  const report = reportFor(resolution.report, seat);
  return { ok: true, value: { state: resolution.state, report: { turn: report.turn, entries: report.entries.map((e) => ({ ...e, text: e.text })) }, transfers } };
}
