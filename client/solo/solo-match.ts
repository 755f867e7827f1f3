/**
 * An offline solo match: one human seat against AI players at normal difficulty, driven by the engine itself.
 * Pure (no DOM, no worker API), so it runs in the Web Worker and in unit tests alike.
 */
import { isNegotiation, type Negotiation, type Order } from "../../shared/actions.ts";
import { aiAnswers, aiOrders, aiProposals, defaultArchetypes, type AiSeat } from "../../shared/ai/index.ts";
import { legalActions } from "../../shared/legal.ts";
import { finalRanking } from "../../shared/match-runner.ts";
import { applyNegotiation } from "../../shared/negotiation.ts";
import { reportFor, type ReportEntry, type TurnReport } from "../../shared/report.ts";
import { resolveTurn } from "../../shared/resolve.ts";
import { loadScenario, describeIssues } from "../../shared/scenario/load.ts";
import { allSeatIds, createMatch, type MatchError, type MatchState, type Offer } from "../../shared/state.ts";
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
  /** The orders the seat may give this round. */
  legal: OrderChoice[];
  /** Offers the seat may make now; a bot answers at once. */
  proposals: Array<Negotiation & { type: "propose" }>;
  /** Offers waiting for the seat's answer, and the seat's own offers still open. */
  incoming: Offer[];
  outgoing: Offer[];
  /** The event cards in play this round, with what they teach. */
  events: Array<{ card: string; name: Localized; theoryNote: Localized; target: string | null; untilTurn: number }>;
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
  return { ok: true, value: openRound(created.value) };
}

export const isFinished = (state: MatchState): boolean => state.turn > state.rounds;

/**
 * A what-if from a replayed state: the chosen seat becomes the human's, every other seat an AI
 * player (those the match had, `known`, as they were). `atTurnStart` says the state is the start of a turn (before anyone negotiated), so the AI
 * players open it with their offers; a state taken after the offers goes straight to the orders.
 */
export function forkSolo(replayed: MatchState, seat: SeatId, atTurnStart: boolean, known: ReadonlyArray<AiSeat> = []): SoloResult<MatchState> {
  if (!replayed.seats.some((s) => s.id === seat)) return { ok: false, error: { en: `No seat '${seat}' in this match.`, zh: `此对局中没有席位“${seat}”。` } };
  if (isFinished(replayed)) return { ok: false, error: { en: "The match was over at this point: there is nothing left to play.", zh: "此时对局已经结束，没有可继续的回合。" } };
  const state: MatchState = { ...replayed, seats: replayed.seats.map((s) => ({ ...s, controller: s.id === seat ? "human" : "bot" })) };
  return { ok: true, value: atTurnStart ? openRound(state, known) : state };
}

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
    events: state.events
      .filter((e) => e.startedTurn <= state.turn && state.turn <= e.untilTurn)
      .flatMap((e) => {
        const card = state.scenario.eventCards.find((c) => c.id === e.card);
        return card ? [{ card: card.id, name: card.name, theoryNote: card.theoryNote, target: e.target, untilTurn: e.untilTurn }] : [];
      }),
    proposals: finished ? [] : legalActions(state, seat).filter((a): a is Negotiation & { type: "propose" } => a.type === "propose"),
    incoming: state.offers.filter((o) => o.to === seat),
    outgoing: state.offers.filter((o) => o.from === seat),
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

/**
 * Every seat but the human's, played by the AI: as `known` says (a what-if plays against the AI
 * players of the match it was forked from), otherwise with the default archetype mix for the seed.
 */
const aisOf = (state: MatchState, known: ReadonlyArray<AiSeat> = []): AiSeat[] =>
  defaultArchetypes(state.scenario, state.seed, "normal", state.seats.filter((s) => s.controller === "bot").map((s) => s.id)).map((d) => known.find((k) => k.seat === d.seat) ?? d);

function applyAll(state: MatchState, seat: string, actions: ReadonlyArray<Negotiation>): MatchState {
  let next = state;
  for (const action of actions) {
    const outcome = applyNegotiation(next, seat, action);
    if (outcome.ok) next = outcome.value.state;
  }
  return next;
}

/**
 * A round opens with the bots' offers. Offers between bots are answered at once; offers to the
 * human wait for their answer during the round (offers lapse when the round resolves).
 */
function openRound(start: MatchState, known: ReadonlyArray<AiSeat> = []): MatchState {
  if (isFinished(start)) return start;
  let state = start;
  const ais = aisOf(state, known);
  for (const ai of ais) state = applyAll(state, ai.seat, aiProposals(state, ai).map((c) => c.action));
  for (const ai of ais) state = applyAll(state, ai.seat, aiAnswers(state, ai).map((c) => c.action));
  return state;
}

/** The human's offer, answer or withdrawal, applied at once; a bot answers an offer made to it straight away. */
export function negotiate(state: MatchState, seat: SeatId, raw: unknown, known: ReadonlyArray<AiSeat> = []): SoloResult<{ state: MatchState; entries: ReportEntry[] }> {
  if (isFinished(state)) return { ok: false, error: { en: "The match is already over.", zh: "对局已经结束。" } };
  const outcome = applyNegotiation(state, seat, raw);
  if (!outcome.ok) return { ok: false, error: outcome.error.message };
  let next = outcome.value.state;
  const entries = [...outcome.value.report];
  const offer = next.offers.find((o) => o.id === outcome.value.id && o.from === seat);
  const recipient = offer && next.seats.find((s) => s.id === offer.to);
  const ai = offer && recipient?.controller === "bot" ? aisOf(next, known).find((a) => a.seat === recipient.id) : undefined;
  if (offer && ai) {
    const answer = aiAnswers(next, ai)
      .map((c) => c.action)
      .find((a) => "offer" in a && a.offer === offer.id);
    const answered = answer && applyNegotiation(next, ai.seat, answer);
    if (answered?.ok) {
      next = answered.value.state;
      entries.push(...answered.value.report);
    }
  }
  return { ok: true, value: { state: next, entries: entries.map((e) => ({ ...e, text: e.text })) } };
}

/** The bots order, the human's checked orders join theirs, the engine resolves the round, and the next one opens. */
export function playRound(start: MatchState, seat: SeatId, humanOrders: ReadonlyArray<unknown>, known: ReadonlyArray<AiSeat> = []): SoloResult<SoloRound> {
  if (isFinished(start)) return { ok: false, error: { en: "The match is already over.", zh: "对局已经结束。" } };
  const checked = checkOrders(start, seat, humanOrders);
  if (!checked.ok) return checked;
  const orders: Record<SeatId, Order[]> = { [seat]: checked.value };
  for (const ai of aisOf(start, known)) orders[ai.seat] = aiOrders(start, ai).map((c) => c.action);
  const resolution = resolveTurn(start, orders);
  const transfers = resolution.report.entries
    .filter((e) => e.code === "TRANSFER_DONE")
    .map((e) => ({ cluster: String(e.params.cluster), from: String(e.params.from), to: String(e.params.to), blocks: Number(e.params.blocks) }));
  const report = reportFor(resolution.report, seat);
  return {
    ok: true,
    value: { state: openRound(resolution.state, known), report: { turn: report.turn, entries: report.entries.map((e) => ({ ...e, text: e.text })) }, transfers },
  };
}

/** What a solo match needs to be rebuilt: the engine is deterministic, so seat, seed and orders suffice. */
export interface SoloRecord {
  seat: SeatId;
  seed: number;
  /** Each finished round: the human's offers and answers in the order made, then its orders. */
  rounds: Array<{ negotiations: unknown[]; orders: unknown[] }>;
  /** The offers and answers of the round in progress. */
  current: unknown[];
}

/** Replays a saved solo match round by round; refuses a record that does not replay. */
export function resumeSolo(rawScenario: unknown, record: unknown): SoloResult<MatchState> {
  const r = record as Partial<SoloRecord> | null;
  const unreadable = { ok: false as const, error: { en: "The saved match is unreadable.", zh: "保存的对局无法读取。" } };
  if (typeof r !== "object" || r === null || typeof r.seat !== "string" || !Number.isSafeInteger(r.seed) || !Array.isArray(r.rounds) || !Array.isArray(r.current)) {
    return unreadable;
  }
  const started = startSolo(rawScenario, r.seat, r.seed as number);
  if (!started.ok) return started;
  const diverged = { ok: false as const, error: { en: "The saved match no longer replays with this engine.", zh: "保存的对局无法在此引擎版本中重放。" } };
  let state = started.value;
  const replayNegotiations = (actions: unknown): boolean => {
    if (!Array.isArray(actions)) return false;
    for (const action of actions) {
      const done = negotiate(state, r.seat as string, action);
      if (!done.ok) return false;
      state = done.value.state;
    }
    return true;
  };
  for (const round of r.rounds) {
    if (typeof round !== "object" || round === null || !replayNegotiations(round.negotiations) || !Array.isArray(round.orders)) return diverged;
    const played = playRound(state, r.seat, round.orders);
    if (!played.ok) return diverged;
    state = played.value.state;
  }
  return replayNegotiations(r.current) ? { ok: true, value: state } : diverged;
}
