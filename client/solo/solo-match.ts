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
import { allSeatIds, createMatch, type MatchError, type MatchState } from "../../shared/state.ts";
import type { Localized, SeatId } from "../../shared/types.ts";
import { orderUse, validateAction } from "../../shared/validate.ts";
import { apAllowance, apUsed, clusterOf } from "../../shared/lookup.ts";
import { upgradeOdds } from "../../shared/upgrading.ts";
import { smileIndex } from "../../shared/market.ts";
import { STAGES } from "../../shared/types.ts";
import { viewFor, type MatchView } from "../../shared/view.ts";

/** A legal order with what it takes, and for an upgrade its odds of success, as the engine computes them. */
export interface OrderChoice {
  order: Order;
  use: { ap: number; pc: number; money: number };
  odds: number | null;
}

export interface SoloSnapshot {
  seat: SeatId;
  view: MatchView;
  /** The seat's action points this round. */
  ap: { left: number; total: number };
  /** The orders the seat may give this round (negotiation is not offered in this first loop). */
  legal: OrderChoice[];
  /** A cluster's place on the smile curve from last round's value added: S in 0..1 and the side (-1 upstream, +1 downstream). */
  smile: { index: number; side: number } | null;
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

const MATCH_ERRORS_ZH: Record<MatchError["code"], string> = {
  UNKNOWN_SEAT: "席位不存在",
  DUPLICATE_SEAT: "席位重复",
  BAD_SEED: "随机种子必须是非负整数",
  BAD_ROUNDS: "回合数无效",
};

export function startSolo(rawScenario: unknown, seat: SeatId, seed: number): SoloResult<MatchState> {
  const scenario = loadScenario(rawScenario);
  if (!scenario.ok) {
    const text = describeIssues(scenario.error);
    return { ok: false, error: { en: `The scenario is invalid: ${text}`, zh: `情景文件无效：${text}` } };
  }
  const seats = allSeatIds(scenario.value);
  if (!seats.includes(seat)) return { ok: false, error: { en: `No seat '${seat}' in this scenario.`, zh: `此情景中没有席位“${seat}”。` } };
  const created = createMatch(scenario.value, seats.map((s) => ({ seat: s, controller: s === seat ? "human" : "bot" })), seed);
  if (!created.ok) return { ok: false, error: { en: created.error.message, zh: `无法开始对局：${MATCH_ERRORS_ZH[created.error.code]}` } };
  return { ok: true, value: created.value };
}

export const isFinished = (state: MatchState): boolean => state.turn > state.rounds;

function choice(state: MatchState, seat: SeatId, order: Order): OrderChoice {
  const { ap, pc, money } = orderUse(state, seat, order);
  const cluster = order.type === "upgrade" ? clusterOf(state, seat) : undefined;
  const odds = cluster && order.type === "upgrade" ? upgradeOdds(state, cluster, order.upgrade, order.investment).p : null;
  return { order, use: { ap, pc, money }, odds };
}

function smileOf(state: MatchState, seat: SeatId): SoloSnapshot["smile"] {
  const cluster = clusterOf(state, seat);
  if (!cluster) return null;
  const stages = state.scenario.parameters.stages;
  let signed = 0;
  let total = 0;
  for (const stage of STAGES) {
    const va = Math.max(0, cluster.vaLast[stage]);
    signed += va * stages[stage].x;
    total += va;
  }
  return { index: smileIndex(cluster.vaLast, state.scenario.parameters), side: total > 0 ? Math.sign(signed) : 0 };
}

export function snapshot(state: MatchState, seat: SeatId): SoloSnapshot {
  const finished = isFinished(state);
  return {
    seat,
    view: viewFor(state, seat),
    ap: { left: apAllowance(state, seat) - apUsed(state, seat), total: apAllowance(state, seat) },
    legal: finished ? [] : legalActions(state, seat).filter((a): a is Order => !isNegotiation(a)).map((order) => choice(state, seat, order)),
    smile: smileOf(state, seat),
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

/** What a solo match needs to be rebuilt: the engine is deterministic, so seat, seed and orders suffice. */
export interface SoloRecord {
  seat: SeatId;
  seed: number;
  rounds: Order[][];
}

/** Replays a saved solo match round by round; refuses a record that does not replay. */
export function resumeSolo(rawScenario: unknown, record: unknown): SoloResult<MatchState> {
  const r = record as Partial<SoloRecord> | null;
  if (typeof r !== "object" || r === null || typeof r.seat !== "string" || !Number.isSafeInteger(r.seed) || !Array.isArray(r.rounds)) {
    return { ok: false, error: { en: "The saved match is unreadable.", zh: "保存的对局无法读取。" } };
  }
  const started = startSolo(rawScenario, r.seat, r.seed as number);
  if (!started.ok) return started;
  let state = started.value;
  for (const orders of r.rounds) {
    const played = Array.isArray(orders) ? playRound(state, r.seat, orders) : null;
    if (!played?.ok) return { ok: false, error: { en: "The saved match no longer replays with this engine.", zh: "保存的对局无法在此引擎版本中重放。" } };
    state = played.value.state;
  }
  return { ok: true, value: state };
}
