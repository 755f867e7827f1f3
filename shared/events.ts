/**
 * Random events (GAME-RULES 5.13). The catalogue is scenario data (`eventCards`); this module draws
 * cards from a seeded stream of their own, starts and ends them, and says what the cards in play do
 * to markets. Every number comes from the card; docs/rules.md ("Events (5.13)") says how each card
 * is read.
 *
 * Timing: the cards of round t are drawn when round t begins (in createMatch for round 1, at the
 * end of resolving round t - 1 otherwise), so they are public during round t's negotiation and act
 * in round t's resolution. `state.events` keeps every card played this match, in order; a card is in
 * play while `startedTurn <= turn <= untilTurn`.
 */
import { emissionPerBlock } from "./pollution.ts";
import { message } from "./i18n.ts";
import { hostOf, nodeOf, sectorOf, seatOf } from "./lookup.ts";
import type { MessageParams } from "./i18n.ts";
import type { ReportBuilder } from "./report.ts";
import { createRng, hash32, type Rng } from "./rng.ts";
import type { EdgeMatch, EventCard, EventEffect, Scenario } from "./scenario/schema.ts";
import type { ActiveEvent, ClusterState, EdgeState, EventControls, HostState, MatchState, Plant } from "./state.ts";
import { err, ok, type Localized, type Result } from "./types.ts";
import type { ActionError } from "./validate.ts";

// ------------------------------------------------------------------------------------------------
// The catalogue

const catalogues = new WeakMap<Scenario, Map<string, EventCard>>();

/** The card with this id in the scenario's catalogue. */
export function cardOf(scenario: Scenario, id: string): EventCard | undefined {
  let index = catalogues.get(scenario);
  if (!index) {
    index = new Map(scenario.eventCards.map((c) => [c.id, c]));
    catalogues.set(scenario, index);
  }
  return index.get(id);
}

/** Whether a card is in play in this turn. */
export const isActive = (event: ActiveEvent, turn: number): boolean => event.startedTurn <= turn && turn <= event.untilTurn;

/** The cards in play this turn. */
export const activeEvents = (state: MatchState): ActiveEvent[] => state.events.filter((e) => isActive(e, state.turn));

const roundsOf = (card: EventCard, effect: EventEffect): number => ("rounds" in effect && effect.rounds !== undefined ? effect.rounds : card.duration);
/** The last turn an effect acts (a pandemic's capacity cut ends a round before its decodification). */
const lastTurnOf = (event: ActiveEvent, card: EventCard, effect: EventEffect): number => event.startedTurn + roundsOf(card, effect) - 1;
const effectActive = (event: ActiveEvent, card: EventCard, effect: EventEffect, turn: number): boolean =>
  event.startedTurn <= turn && turn <= lastTurnOf(event, card, effect);

/** Every effect acting this turn, with its card and event. */
function activeEffects(state: MatchState, turn = state.turn): Array<{ event: ActiveEvent; card: EventCard; effect: EventEffect }> {
  const out: Array<{ event: ActiveEvent; card: EventCard; effect: EventEffect }> = [];
  for (const event of state.events) {
    if (!isActive(event, turn)) continue;
    const card = cardOf(state.scenario, event.card);
    if (!card) continue;
    for (const effect of card.effects) if (effectActive(event, card, effect, turn)) out.push({ event, card, effect });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Targets

export const debtRatio = (state: MatchState, h: HostState): number => h.debt / (h.gdp * state.scenario.parameters.hostRules.gdpCreditsPerBn);

function edgeMatches(state: MatchState, edge: EdgeState, m: EdgeMatch): boolean {
  if (m.modes && !m.modes.includes(edge.mode)) return false;
  if (m.corridors && !edge.corridors.some((c) => m.corridors?.includes(c))) return false;
  if (m.nodes && !m.nodes.includes(edge.from) && !m.nodes.includes(edge.to)) return false;
  if (!m.countries && !m.abroad) return true;
  // Every edge is matched against every edge-cost card in play each round: no list of the two countries.
  const from = nodeOf(state, edge.from)?.country;
  const to = nodeOf(state, edge.to)?.country;
  if (m.countries && !(from !== undefined && m.countries.includes(from)) && !(to !== undefined && m.countries.includes(to))) return false;
  if (m.abroad && from === "CHN" && to === "CHN") return false;
  return true;
}

/** The edges an edge effect hits: those matching its `match`, or the card's target edge. */
function edgesOf(state: MatchState, event: ActiveEvent, effect: { match?: EdgeMatch | undefined }): EdgeState[] {
  const match = effect.match;
  if (match) return state.edges.filter((e) => edgeMatches(state, e, match));
  return state.edges.filter((e) => e.id === event.target);
}

/** The sectors a sector effect hits. */
function sectorsOf(state: MatchState, event: ActiveEvent, effect: { scope: string; sectors?: string[] | undefined }): string[] {
  if (effect.scope === "all") return state.scenario.sectors.map((s) => s.id);
  if (effect.scope === "target") return event.target !== null && sectorOf(state, event.target) ? [event.target] : [];
  return effect.sectors ?? [];
}

/**
 * What a card may hit now, in a fixed order: `[null]` for a card without a target, an empty list
 * when nothing is eligible (the card cannot occur). A debt-ratio condition narrows the hosts to those
 * above the ratio; a forced card ignores the condition when no host meets it.
 */
export function eligibleTargets(state: MatchState, card: EventCard, forced = false): Array<string | null> {
  const t = card.target;
  switch (t.kind) {
    case "none":
      return [null];
    case "sector":
      return t.ids ?? state.scenario.sectors.map((s) => s.id);
    case "host": {
      const hosts = (t.ids ?? state.hosts.map((h) => h.id)).filter((id) => hostOf(state, id) !== undefined);
      const condition = card.condition;
      if (condition?.kind !== "debtRatioAbove") return hosts;
      const over = hosts.filter((id) => debtRatio(state, hostOf(state, id) as HostState) > condition.value);
      return over.length > 0 || !forced ? over : hosts;
    }
    case "edge":
      return state.edges.filter((e) => !e.closed && (t.ids === undefined || t.ids.includes(e.id)) && (t.match === undefined || edgeMatches(state, e, t.match))).map((e) => e.id);
    case "leadFirm":
      return (t.ids ?? state.leadFirms.map((l) => l.id)).filter((id) => !t.aiOnly || seatOf(state, id)?.controller !== "human");
  }
}

// ------------------------------------------------------------------------------------------------
// The draw

export interface DrawnEvent {
  card: string;
  target: string | null;
  /** The signed size of a card that has one (a price shock of +0.25 or -0.25), else 0. */
  magnitude: number;
  /** Forced by the instructor rather than drawn. */
  forced: boolean;
}

export interface EventDraw {
  drawn: DrawnEvent[];
  /** What stays forced for a later round: cards still in play, or beyond this round's slots. */
  forced: string[];
}

/**
 * The cards that begin this round (5.13), from `rng` alone. Forced cards come first (a forced card
 * still in play waits until it has ended; one with nothing to hit is dropped). Then every card rolls
 * its probability, in catalogue order, one number each; a card that hit can occur unless it is
 * disabled, already in play, once-per-game and played, or has nothing to hit (a conditional card
 * hits only while its condition holds). If more cards hit than slots remain (`events.perRound`),
 * the slots go to hits drawn by probability weight, without replacement. Last, each card picks its
 * target among the eligible ids and, where it has one, the sign of its size. Pure: the state is
 * not touched.
 */
export function drawEvents(state: MatchState, rng: Rng): EventDraw {
  const turn = state.turn;
  const slots = state.scenario.parameters.events.perRound;
  const disabled = new Set(state.eventControls.disabled);
  const running = new Set(state.events.filter((e) => isActive(e, turn)).map((e) => e.card));
  const played = new Set(state.events.map((e) => e.card));
  const chosen: Array<{ card: EventCard; targets: Array<string | null>; forced: boolean }> = [];
  const waiting: string[] = [];

  for (const id of state.eventControls.forced) {
    const card = cardOf(state.scenario, id);
    if (!card || disabled.has(id) || chosen.some((c) => c.card.id === id)) continue;
    if (running.has(id) || chosen.length >= slots) {
      if (!waiting.includes(id)) waiting.push(id);
      continue;
    }
    const targets = eligibleTargets(state, card, true);
    if (targets.length > 0) chosen.push({ card, targets, forced: true });
  }

  const cards = state.scenario.eventCards;
  const rolls = cards.map(() => rng.next());
  const hits: Array<{ card: EventCard; targets: Array<string | null> }> = [];
  cards.forEach((card, i) => {
    if ((rolls[i] as number) >= card.probability) return;
    if (disabled.has(card.id) || running.has(card.id) || chosen.some((c) => c.card.id === card.id)) return;
    if (card.oncePerGame && played.has(card.id)) return;
    const targets = eligibleTargets(state, card);
    if (targets.length > 0) hits.push({ card, targets });
  });
  if (hits.length <= slots - chosen.length) chosen.push(...hits.map((h) => ({ ...h, forced: false })));
  else {
    while (chosen.length < slots && hits.length > 0) {
      const total = hits.reduce((s, h) => s + h.card.probability, 0);
      let r = rng.next() * total;
      let i = 0;
      for (; i < hits.length - 1; i++) {
        const p = (hits[i] as { card: EventCard }).card.probability;
        if (r < p) break;
        r -= p;
      }
      const [hit] = hits.splice(i, 1);
      if (hit) chosen.push({ ...hit, forced: false });
    }
  }

  const drawn = chosen.map(({ card, targets, forced }) => {
    const target = rng.pick(targets);
    const signed = card.effects.find((e) => e.kind === "price");
    let magnitude = 0;
    if (signed?.kind === "price") magnitude = signed.sign === "down" || (signed.sign === "random" && rng.next() < 0.5) ? -signed.change : signed.change;
    return { card: card.id, target, magnitude, forced };
  });
  return { drawn, forced: waiting };
}

// ------------------------------------------------------------------------------------------------
// Starting and ending cards

/** +1 or -1 for a price effect, from the event's drawn magnitude when the card's sign is random. */
const priceSign = (event: ActiveEvent, sign: "up" | "down" | "random"): number => (sign === "up" ? 1 : sign === "down" ? -1 : event.magnitude < 0 ? -1 : 1);

function shiftSectors(state: MatchState, sectors: ReadonlyArray<string>, C: number, D: number): void {
  for (const s of sectors) {
    const shift = state.sectorShifts[s] ?? { C: 0, D: 0 };
    state.sectorShifts[s] = { C: shift.C + C, D: shift.D + D };
  }
}

/** What a card does the moment it starts. Modifier effects (demand, price, taxes) do nothing here. */
function applyStart(state: MatchState, event: ActiveEvent, effect: EventEffect): void {
  const host = event.target === null ? undefined : hostOf(state, event.target);
  switch (effect.kind) {
    case "edgeCapacity":
      for (const e of edgesOf(state, event, effect)) e.capacity *= effect.mult;
      break;
    case "edgeClosed":
      for (const e of edgesOf(state, event, {})) e.closed = true;
      break;
    case "edgeRisk":
      for (const e of edgesOf(state, event, effect)) e.risk += effect.add;
      break;
    case "sectorShift":
      shiftSectors(state, sectorsOf(state, event, effect), effect.C, effect.D);
      break;
    case "hostWage":
      if (host) host.w *= effect.mult;
      break;
    case "hostPC":
      if (host) host.PC = effect.set;
      break;
    case "hostApproval":
      if (host) host.approval = Math.min(100, Math.max(0, host.approval + effect.add));
      break;
    case "infraFrozen":
      if (host) {
        host.debtDistress = true;
        host.debtDistressOccurred = true;
      }
      break;
    case "chinaWage":
      state.china.wage *= effect.mult;
      break;
    default:
      break;
  }
}

/**
 * Undoes what can be undone when an effect's last round is over: capacity divided back out, risk
 * taken back unless permanent, temporary C/D shifts reverted, closed edges reopened and frozen
 * infrastructure released unless another card still holds them. Costs need nothing: `syncEdgeCosts`
 * recomputes them from the cards in play.
 */
function applyEnd(state: MatchState, event: ActiveEvent, effect: EventEffect): void {
  const host = event.target === null ? undefined : hostOf(state, event.target);
  switch (effect.kind) {
    case "edgeCapacity":
      for (const e of edgesOf(state, event, effect)) e.capacity /= effect.mult;
      break;
    case "edgeClosed": {
      const stillClosed = new Set(activeEffects(state).filter((a) => a.effect.kind === "edgeClosed").map((a) => a.event.target));
      for (const e of edgesOf(state, event, {})) if (!stillClosed.has(e.id)) e.closed = false;
      break;
    }
    case "edgeRisk":
      if (!effect.permanent) for (const e of edgesOf(state, event, effect)) e.risk -= effect.add;
      break;
    case "sectorShift":
      if (effect.temporary) shiftSectors(state, sectorsOf(state, event, effect), -effect.C, -effect.D);
      break;
    case "infraFrozen":
      if (host && !frozenHosts(state).has(host.id)) host.debtDistress = debtRatio(state, host) > state.scenario.parameters.host.debtDistress;
      break;
    default:
      break;
  }
}

const frozenHosts = (state: MatchState): Set<string> =>
  new Set(activeEffects(state).flatMap((a) => (a.effect.kind === "infraFrozen" && a.event.target !== null ? [a.event.target] : [])));

/** Each edge's cost multiplier is the product of the edge-cost effects acting on it now (1 without). */
function syncEdgeCosts(state: MatchState): void {
  const acting = activeEffects(state).filter((a) => a.effect.kind === "edgeCost");
  for (const edge of state.edges) {
    let mult = 1;
    for (const { event, effect } of acting) {
      if (effect.kind !== "edgeCost") continue;
      const hits = effect.match ? edgeMatches(state, edge, effect.match) : edge.id === event.target;
      if (hits) mult *= effect.mult;
    }
    if (edge.costMult !== mult) edge.costMult = mult;
  }
}

/**
 * Begins the current round's events on a draft (`createMatch` for round 1, `endTurn` after the turn
 * number advances): effects whose last round is over are undone and their cards end, this round's
 * cards are drawn from `hash32(seed, "events", turn)` (never the match's own random stream) and
 * started, and edge costs and infrastructure freezes follow the cards in play. Each card started
 * or ended adds a public report entry. Call once per round.
 */
export function beginRound(state: MatchState, report?: ReportBuilder): void {
  const now = state.turn;
  for (const event of state.events) {
    const card = cardOf(state.scenario, event.card);
    if (!card || event.startedTurn >= now) continue;
    for (const effect of card.effects) if (lastTurnOf(event, card, effect) === now - 1) applyEnd(state, event, effect);
    if (event.untilTurn === now - 1) report?.add("EVENT_ENDED", [], true, eventParams(state, card, event));
  }

  const draw = drawEvents(state, createRng(hash32(state.seed, "events", now)));
  state.eventControls = { forced: draw.forced, disabled: [...state.eventControls.disabled] };
  for (const d of draw.drawn) {
    const card = cardOf(state.scenario, d.card);
    if (!card) continue;
    const event: ActiveEvent = { card: card.id, target: d.target, magnitude: d.magnitude, startedTurn: now, untilTurn: now + card.duration - 1 };
    state.events = [...state.events, event];
    for (const effect of card.effects) applyStart(state, event, effect);
    report?.add("EVENT_STARTED", [], true, eventParams(state, card, event));
  }

  syncEdgeCosts(state);
  for (const id of frozenHosts(state)) {
    const host = hostOf(state, id);
    if (host) host.debtDistress = true;
  }
}

// ------------------------------------------------------------------------------------------------
// What the cards in play do to markets this round

/** Wildcard market or sector in `EventModifiers.demand`. */
export const ANY = "*";

export interface EventModifiers {
  /**
   * Demand multipliers by market id (host id, CHN, WEST, ROW) then sector id; `*` for any. Missing entries are 1.
   * These tables are maps, not records: their keys differ from round to round, and records with
   * ever new key sets gave every lookup site too many shapes to stay optimised.
   */
  demand: Map<string, Map<string, number>>;
  /** Price multipliers by sector (all markets). */
  price: Map<string, number>;
  /** Multiplier on a lead firm's orders from Chinese clusters ("China+1"). */
  leadOrders: Map<string, number>;
  /** Per-unit tax on sales to a market: perEmission x the plant's emission factor. */
  carbonTax: Array<{ market: string; sectors: string[]; perEmission: number }>;
  /** Multiplier on green-retrofit (A8) and eco-park costs. */
  greenCostMult: number;
  /** Charge per idle heavy M block in China this round. */
  idleHeavyPenalty: number;
  /** Hosts whose infrastructure investment is frozen by a card. */
  infraFrozen: string[];
  /** Hosts whose open contracts may be reopened without breach this round. */
  renegotiable: string[];
  /** Lead firms moving orders away from China, and the hosts they prefer ("China+1", for lead-firm AI). */
  chinaPlusOne: Array<{ leadFirm: string; orderShift: number; preferHosts: string[] }>;
}

const scale = (table: Map<string, Map<string, number>>, market: string, sector: string, mult: number): void => {
  let row = table.get(market);
  if (!row) {
    row = new Map();
    table.set(market, row);
  }
  row.set(sector, (row.get(sector) ?? 1) * mult);
};

/** What the cards in play do to markets in the current round. */
export function eventModifiers(state: MatchState): EventModifiers {
  const mods: EventModifiers = { demand: new Map(), price: new Map(), leadOrders: new Map(), carbonTax: [], greenCostMult: 1, idleHeavyPenalty: 0, infraFrozen: [], renegotiable: [], chinaPlusOne: [] };
  for (const { event, card, effect } of activeEffects(state)) {
    switch (effect.kind) {
      case "demand": {
        // A host target is that host's whole market; a sector target is that sector in every (listed) market.
        const markets = effect.markets ?? [ANY];
        if (effect.scope === "all") for (const m of markets) scale(mods.demand, m, ANY, effect.mult);
        else if (effect.scope === "sectors") for (const m of markets) for (const s of effect.sectors ?? []) scale(mods.demand, m, s, effect.mult);
        else if (event.target !== null && card.target.kind === "host") scale(mods.demand, event.target, ANY, effect.mult);
        else if (event.target !== null && card.target.kind === "sector") for (const m of markets) scale(mods.demand, m, event.target, effect.mult);
        break;
      }
      case "price": {
        const mult = 1 + priceSign(event, effect.sign) * effect.change;
        for (const s of sectorsOf(state, event, effect)) mods.price.set(s, (mods.price.get(s) ?? 1) * mult);
        break;
      }
      case "carbonTax":
        mods.carbonTax.push({ market: effect.market, sectors: [...effect.sectors], perEmission: effect.perEmission });
        break;
      case "greenDiscount":
        mods.greenCostMult *= effect.mult;
        break;
      case "idleHeavyPenalty":
        mods.idleHeavyPenalty += effect.perBlock;
        break;
      case "infraFrozen":
        if (event.target !== null && !mods.infraFrozen.includes(event.target)) mods.infraFrozen.push(event.target);
        break;
      case "contractsRenegotiable":
        if (event.target !== null && !mods.renegotiable.includes(event.target)) mods.renegotiable.push(event.target);
        break;
      case "chinaPlusOne":
        if (event.target === null) break;
        mods.leadOrders.set(event.target, (mods.leadOrders.get(event.target) ?? 1) * (1 - effect.orderShift));
        mods.chinaPlusOne.push({ leadFirm: event.target, orderShift: effect.orderShift, preferHosts: [...effect.preferHosts] });
        break;
      default:
        break;
    }
  }
  return mods;
}

/** Demand multiplier for one market and sector. */
export function demandMult(mods: EventModifiers, market: string, sector: string): number {
  const d = mods.demand;
  const here = d.get(market);
  const everywhere = d.get(ANY);
  // Most rounds no card touches this market: the product of four ones, without looking them up.
  if (here === undefined && everywhere === undefined) return 1;
  return (here?.get(sector) ?? 1) * (here?.get(ANY) ?? 1) * (everywhere?.get(sector) ?? 1) * (everywhere?.get(ANY) ?? 1);
}

export const priceMult = (mods: EventModifiers, sector: string): number => mods.price.get(sector) ?? 1;

export const leadOrderMult = (mods: EventModifiers, leadFirm: string): number => mods.leadOrders.get(leadFirm) ?? 1;

/**
 * Carbon tax per unit a plant sells into `market`: perEmission x the emission factor of its M
 * output (5.10: e_s x stance x environmental standard where it stands x green retrofit, averaged
 * over the plant's M blocks as pollution is), so the low road pays more and a retrofit pays less.
 */
export function carbonTaxPerUnit(state: MatchState, mods: EventModifiers, market: string, cluster: ClusterState, plant: Plant): number {
  let rate = 0;
  const sector = plant.sector ?? cluster.sector;
  for (const t of mods.carbonTax) if (t.market === market && t.sectors.includes(sector)) rate += t.perEmission;
  if (rate === 0) return 0;
  return rate * emissionPerBlock(state, cluster, plant);
}

/** The charge on an idle heavy M block this round: only at home in China, only in heavy sectors. */
export function idlePenaltyPerBlock(state: MatchState, mods: EventModifiers, cluster: ClusterState, plant: Plant): number {
  if (mods.idleHeavyPenalty === 0 || plant.host !== null) return 0;
  return sectorOf(state, cluster.sector)?.heavy ? mods.idleHeavyPenalty : 0;
}

// ------------------------------------------------------------------------------------------------
// Instructor controls and report text

/**
 * Instructor action: force cards into the next draw (they occur when the next round begins, ahead
 * of the random draw) or disable cards (they never occur while disabled). The classroom server
 * logs it as an `instructor` line (`{"kind":"instructor","turn":…,"action":{"type":"eventControls",
 * "forced":[…],"disabled":[…]}}`) and applies it to the state; a replay must apply it too, since it
 * changes later draws. Replaces both lists. Pure: returns a new state, or a refusal when a card id
 * is unknown, listed twice, or both forced and disabled.
 */
export function setEventControls(state: MatchState, controls: EventControls): Result<MatchState, ActionError> {
  const refuse = (path: string, detail: string, detailZh: string) => {
    const params = { path, detail, detailZh };
    return err({ code: "INVALID_PAYLOAD" as const, message: message("INVALID_PAYLOAD", params), params });
  };
  const raw = controls as unknown as Record<string, unknown> | null;
  if (typeof raw !== "object" || raw === null) return refuse("(root)", "expected { forced, disabled }", "应为 { forced, disabled } 对象");
  for (const list of ["forced", "disabled"] as const) {
    const ids: unknown = raw[list];
    if (!Array.isArray(ids)) return refuse(list, "expected a list of event card ids", "应为事件卡 id 列表");
    for (let i = 0; i < ids.length; i++) {
      const id: unknown = ids[i];
      if (typeof id !== "string" || !cardOf(state.scenario, id)) {
        const known = state.scenario.eventCards.map((c) => c.id).join(", ");
        return refuse(`${list}[${i}]`, `unknown event card ${JSON.stringify(id)}; expected one of: ${known}`, `未知的事件卡 ${JSON.stringify(id)}；可选：${known}`);
      }
      if (ids.indexOf(id) !== i) return refuse(`${list}[${i}]`, `event card '${id}' is listed twice`, `事件卡“${id}”重复列出`);
    }
  }
  const both = controls.forced.find((id) => controls.disabled.includes(id));
  if (both !== undefined) return refuse("forced", `event card '${both}' cannot be both forced and disabled`, `事件卡“${both}”不能同时被强制和禁用`);
  return ok({ ...state, eventControls: { forced: [...controls.forced], disabled: [...controls.disabled] } });
}

function targetName(state: MatchState, card: EventCard, target: string | null): Localized | null {
  if (target === null) return null;
  const s = state.scenario;
  switch (card.target.kind) {
    case "sector":
      return sectorOf(state, target)?.name ?? { en: target, zh: target };
    case "host":
      return s.hosts.find((h) => h.id === target)?.name ?? { en: target, zh: target };
    case "leadFirm":
      return s.leadFirms.find((l) => l.id === target)?.name ?? { en: target, zh: target };
    case "edge": {
      const edge = state.edges.find((e) => e.id === target);
      const a = edge ? nodeOf(state, edge.from)?.name : undefined;
      const b = edge ? nodeOf(state, edge.to)?.name : undefined;
      return a && b ? { en: `${a.en}–${b.en}`, zh: `${a.zh}—${b.zh}` } : { en: target, zh: target };
    }
    default:
      return null;
  }
}

/** Report parameters: the card's name and theory note in both languages, what it hit, and when. */
export function eventParams(state: MatchState, card: EventCard, event: ActiveEvent): MessageParams {
  const target = targetName(state, card, event.target);
  const size = event.magnitude === 0 ? "" : `${event.magnitude > 0 ? "+" : "−"}${Math.round(Math.abs(event.magnitude) * 100)}%`;
  const onEn = [target?.en, size ? `price ${size}` : ""].filter(Boolean).join(", ");
  const onZh = [target?.zh, size ? `价格 ${size}` : ""].filter(Boolean).join("，");
  return {
    card: card.id,
    target: event.target ?? "",
    nameEn: card.name.en,
    nameZh: card.name.zh,
    noteEn: card.theoryNote.en,
    noteZh: card.theoryNote.zh,
    onEn: onEn ? ` (${onEn})` : "",
    onZh: onZh ? `（${onZh}）` : "",
    from: event.startedTurn,
    until: event.untilTurn,
    whenEn: event.untilTurn > event.startedTurn ? `rounds ${event.startedTurn}–${event.untilTurn}` : `round ${event.startedTurn}`,
    whenZh: event.untilTurn > event.startedTurn ? `第 ${event.startedTurn}–${event.untilTurn} 回合` : `第 ${event.startedTurn} 回合`,
    ...endingText(card),
  };
}

/** A card's closing sentence: whether it leaves lasting changes (wages, political capital, approval, permanent shifts), passing effects, or both. */
function endingText(card: EventCard): { endEn: string; endZh: string } {
  const isLasting = (e: EventEffect): boolean =>
    e.kind === "hostWage" || e.kind === "chinaWage" || e.kind === "hostPC" || e.kind === "hostApproval" || (e.kind === "sectorShift" && !e.temporary) || (e.kind === "edgeRisk" && e.permanent);
  const lasting = card.effects.some(isLasting);
  const passing = card.effects.some((e) => !isLasting(e));
  if (lasting && passing) return { endEn: "Its passing effects end; its lasting changes stay.", endZh: "临时影响结束，持久变化保留。" };
  if (lasting) return { endEn: "Its changes stay.", endZh: "其带来的变化将持续。" };
  return { endEn: "Its effects end.", endZh: "其影响随之结束。" };
}
