/**
 * One match as the server runs it, apart from any network: seats, phases with deadlines, sealed
 * orders, offers, instructor commands, and the durable log. Every accepted action is written to the
 * log and flushed before the promise it returns resolves; the room acknowledges only then. Rules
 * live in shared/: this class only decides who may act when, and records what happened.
 */
import type { Negotiation, Order } from "../../shared/actions.ts";
import type { AiSeat } from "../../shared/ai/archetypes.ts";
import { hashState } from "../../shared/hash.ts";
import { finalRanking } from "../../shared/match-runner.ts";
import type { LineBody, OrderSource } from "../../shared/matchlog.ts";
import { applyNegotiation } from "../../shared/negotiation.ts";
import { resolveTurn } from "../../shared/resolve.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Visibility } from "../../shared/session-settings.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Localized, Role, SeatId } from "../../shared/types.ts";
import { checkedOrders, validateAction, validateOrders } from "../../shared/validate.ts";
import type { AiPool } from "../ai/pool.ts";
import type { AiDecision, AiTask } from "../ai/players.ts";
import type { LogWriter } from "../storage/log-writer.ts";
import { inATurnOfItsOwn } from "../one-per-loop-turn.ts";
import { namesOf } from "../../shared/names.ts";
import { publicViewOf } from "./projection.ts";
import { fromActionError, refusal, type Refusal } from "./refusals.ts";
import { controllerOf, seatLine, type SeatControl } from "./seats.ts";

/** The reason logged for an AI move that came without one. */
const NO_REASON: Localized = { en: "", zh: "" };

export type Phase = "lobby" | "briefing" | "negotiate" | "commit" | "resolve" | "report" | "finished";
export type TimedPhase = "briefing" | "negotiate" | "commit" | "report";
export type Timers = Record<TimedPhase, number>;

export interface SessionConfig {
  room: "class" | "solo";
  code: string;
  matchId: string;
  rounds: number;
  /** Phase lengths in milliseconds. */
  timers: Timers;
  openRoles: Role[];
  instructorTokenHash: string;
  /** The AI of every seat (archetype and difficulty), used whenever the AI plays it. */
  ai: AiSeat[];
  /** What a student of each role sees of the others (shared/session-settings.ts). */
  visibility: Visibility;
}

/** `result`: the id of the offer made or the contract signed, when there is one. */
export type Ack = { ok: true; result?: string; duplicate?: boolean } | { ok: false; error: Refusal };

export type SessionEvent =
  | { type: "changed" }
  | { type: "public" }
  | { type: "private"; seats: SeatId[] | "all" }
  | { type: "broadcast"; text: string }
  /** `entries`: what the step did, as the report says it (the parties read it under their offers). */
  | { type: "offer"; seats: SeatId[]; from: SeatId; action: Negotiation; id?: string; entries: ReportEntry[] }
  /** `endedAt`: when the turn's commit phase ended (server clock), to measure how fast clients see the result. */
  | { type: "report"; turn: number; endedAt: number };

export interface SessionParts {
  config: SessionConfig;
  state: MatchState;
  seats: Map<SeatId, SeatControl>;
  log: LogWriter;
  ai: AiPool;
  now: () => number;
}

const NEXT: Partial<Record<Phase, Phase>> = { lobby: "briefing", briefing: "negotiate", negotiate: "commit", report: "briefing" };
const TIMED = new Set<Phase>(["briefing", "negotiate", "commit", "report"]);
export const isTimed = (phase: Phase): boolean => TIMED.has(phase);

export class Session {
  /** Fixed at creation, except the roles students may take (the instructor opens and closes them). */
  readonly config: SessionConfig;
  state: MatchState;
  phase: Phase = "lobby";
  /** When the phase ends (epoch ms); null when it has no timer or the game is paused. */
  deadline: number | null = null;
  /** Milliseconds left in the phase while paused; null when running. */
  pausedRemaining: number | null = null;
  readonly seats: Map<SeatId, SeatControl>;
  /** Sealed orders for the current turn: never sent to another seat before resolution. */
  readonly orders = new Map<SeatId, { actions: ReadonlyArray<Order>; by: OrderSource }>();
  /** Human seats that said they are done with the current (untimed-by-orders) phase. */
  readonly ready = new Set<SeatId>();
  readonly actionIds = new Map<string, Promise<Ack>>();
  beforeResolutions: MatchState[] = [];
  lastReport: TurnReport | null = null;
  broadcasts: string[] = [];
  onEvent: (event: SessionEvent) => void = () => {};
  /** A failure to write the log: the session refuses everything after it. */
  failure: Error | null = null;

  readonly #log: LogWriter;
  readonly #ai: AiPool;
  readonly #now: () => number;
  /** Changes whenever the turn's orders are reset (resolution, undo): late AI answers are dropped. */
  #turnEpoch = 0;
  #aiOrders: Promise<void> | null = null;
  #answering = new Set<SeatId>();

  constructor(parts: SessionParts) {
    this.config = parts.config;
    this.state = parts.state;
    this.seats = parts.seats;
    this.#log = parts.log;
    this.#ai = parts.ai;
    this.#now = parts.now;
  }

  now(): number {
    return this.#now();
  }

  get paused(): boolean {
    return this.pausedRemaining !== null;
  }

  get logPath(): string {
    return this.#log.path;
  }

  humanSeats(): SeatId[] {
    return [...this.seats.values()].filter((s) => controllerOf(s) === "human").map((s) => s.seat);
  }

  aiSeats(): SeatId[] {
    return [...this.seats.values()].filter((s) => controllerOf(s) === "ai").map((s) => s.seat);
  }

  // ------------------------------------------------------------------------------------------
  // Writing

  /** Waits for the lines being written, then closes the log file. */
  close(): Promise<void> {
    return this.#log.close();
  }

  /** Appends lines to the log and waits until they are on disk. */
  write(...bodies: LineBody[]): Promise<void> {
    return this.#logged(() => this.#log.append(...bodies));
  }

  /** A line made after the event loop has taken in what arrived meanwhile, in its place in the log (LogWriter.appendLater). */
  writeLater(make: () => LineBody): Promise<void> {
    return this.#logged(() => this.#log.appendLater(make));
  }

  /** A log that failed once refuses every action after it (see #closed). */
  async #logged(writing: () => Promise<void>): Promise<void> {
    try {
      await writing();
    } catch (e) {
      this.failure = e as Error;
      throw e;
    }
  }

  /** Records a seat's team and controller (the log keeps seat-code hashes, never the codes). */
  async saveSeat(seat: SeatControl): Promise<void> {
    await this.write(seatLine(seat, this.state.turn));
    this.onEvent({ type: "changed" });
    if (this.phase === "commit" && controllerOf(seat) === "ai" && !this.orders.has(seat.seat)) this.#startAiOrders([seat.seat]);
    this.#maybeEndEarly();
  }

  // ------------------------------------------------------------------------------------------
  // Students' actions

  #once(seat: SeatId, id: string, run: () => Promise<Ack>): Promise<Ack> {
    const key = `${seat}\u0000${id}`;
    const seen = this.actionIds.get(key);
    if (seen) return seen.then((ack) => (ack.ok ? { ...ack, duplicate: true } : ack));
    const result = run();
    this.actionIds.set(key, result);
    // A refused action may be corrected and sent again with the same id.
    void result.then((ack) => (ack.ok ? undefined : this.actionIds.delete(key)), () => this.actionIds.delete(key));
    return result;
  }

  /** Why a seat cannot act now, if it cannot: the log failed, the phase, a pause, or the instructor gave the seat to the AI. */
  #closed(allowed: ReadonlyArray<Phase>, seat: SeatId): Refusal | null {
    if (this.failure) return refusal("SERVER_ERROR");
    if (this.seats.get(seat)?.forcedAi) return refusal("AI_SEAT");
    if (this.phase === "finished") return refusal("FINISHED");
    if (this.paused) return refusal("PAUSED");
    if (this.phase === "resolve") return refusal("RESOLVING");
    return allowed.includes(this.phase) ? null : refusal("WRONG_PHASE", { phase: this.phase });
  }

  /** An offer, acceptance, rejection or withdrawal: applied at once, in the negotiate phase. */
  negotiate(seat: SeatId, id: string, raw: unknown): Promise<Ack> {
    return this.#once(seat, id, async () => {
      const closed = this.#closed(["negotiate"], seat);
      if (closed) return { ok: false, error: closed };
      const parties = this.#partiesOf(seat, raw);
      const outcome = applyNegotiation(this.state, seat, raw);
      if (!outcome.ok) return { ok: false, error: fromActionError(outcome.error, namesOf(this.state.scenario)) };
      this.state = outcome.value.state;
      const action = raw as Negotiation;
      await this.write({ kind: "offer", turn: this.state.turn, seat, action, actionId: id, by: "human" });
      this.#afterNegotiation(parties, seat, action, outcome.value.id, outcome.value.report);
      return outcome.value.id === undefined ? { ok: true } : { ok: true, result: outcome.value.id };
    });
  }

  #afterNegotiation(parties: SeatId[], seat: SeatId, action: Negotiation, id: string | undefined, entries: ReportEntry[]): void {
    this.onEvent({ type: "offer", seats: parties, from: seat, action, entries, ...(id === undefined ? {} : { id }) });
    this.onEvent({ type: "private", seats: parties });
    if (action.type === "propose") {
      const to = this.seats.get(action.to);
      if (to && controllerOf(to) === "ai") this.#answerSoon(action.to);
    }
  }

  /** The seats an offer step concerns: the sender, and the other side of the offer. */
  #partiesOf(seat: SeatId, raw: unknown): SeatId[] {
    const action = raw as { type?: unknown; to?: unknown; offer?: unknown };
    const offer = this.state.offers.find((o) => o.id === action.offer);
    const other = typeof action.to === "string" ? action.to : offer ? (offer.from === seat ? offer.to : offer.from) : null;
    return other === null || other === seat ? [seat] : [seat, other];
  }

  /** A seat's sealed orders for the turn; a later submission replaces an earlier one. */
  submitOrders(seat: SeatId, id: string, raw: unknown[]): Promise<Ack> {
    return this.#once(seat, id, async () => {
      const closed = this.#closed(["commit"], seat);
      if (closed) return { ok: false, error: closed };
      const valid = validateOrders(this.state, seat, raw);
      if (!valid.ok) {
        const refused = fromActionError(valid.error, namesOf(this.state.scenario));
        return { ok: false, error: { ...refused, en: `order ${valid.error.index + 1}: ${refused.en}`, zh: `第 ${valid.error.index + 1} 条指令：${refused.zh}` } };
      }
      this.orders.set(seat, { actions: valid.value, by: "human" });
      await this.write({ kind: "orders", turn: this.state.turn, seat, by: "human", actions: valid.value, actionId: id });
      this.onEvent({ type: "changed" });
      this.onEvent({ type: "private", seats: [seat] });
      this.#maybeEndEarly();
      return { ok: true };
    });
  }

  /** A human seat is done with the briefing, negotiation or report: the phase ends when all are. */
  setReady(seat: SeatId): Ack {
    const closed = this.#closed(["briefing", "negotiate", "report"], seat);
    if (closed) return { ok: false, error: closed };
    this.ready.add(seat);
    this.onEvent({ type: "changed" });
    this.#maybeEndEarly();
    return { ok: true };
  }

  #maybeEndEarly(): void {
    if (this.paused || !TIMED.has(this.phase)) return;
    const humans = this.humanSeats();
    if (humans.length === 0) return;
    const done = this.phase === "commit" ? humans.every((s) => this.orders.has(s)) : humans.every((s) => this.ready.has(s));
    if (done) void this.advance().catch(() => undefined);
  }

  // ------------------------------------------------------------------------------------------
  // Phases

  /** Called on every clock tick: ends a phase whose deadline has passed. */
  tick(): void {
    if (this.deadline !== null && !this.paused && this.#now() >= this.deadline) void this.advance().catch(() => undefined);
  }

  async advance(): Promise<void> {
    if (this.phase === "commit") return this.#resolve();
    const next = NEXT[this.phase];
    if (next) await this.enter(next);
  }

  /** Enters a phase: logs it, sets its deadline and starts what the AI does in it. */
  async enter(phase: Phase, extra: Record<string, unknown> = {}): Promise<void> {
    this.phase = phase;
    this.ready.clear();
    const length = TIMED.has(phase) ? this.config.timers[phase as TimedPhase] : null;
    if (this.paused) {
      this.pausedRemaining = length ?? 0;
      this.deadline = null;
    } else this.deadline = length === null ? null : this.#now() + length;
    await this.write({ kind: "phase", turn: this.state.turn, phase, ...extra });
    this.onEvent({ type: "changed" });
    if (phase === "negotiate" && extra.recovered !== true) void this.#aiNegotiate("propose", this.aiSeats());
    if (phase === "commit") this.#startAiOrders(this.aiSeats().filter((s) => !this.orders.has(s)));
  }

  #startAiOrders(seats: SeatId[]): void {
    const epoch = this.#turnEpoch;
    const job = this.#decide("orders", seats).then(async (decisions) => {
      if (epoch !== this.#turnEpoch || (this.phase !== "commit" && this.phase !== "resolve")) return;
      await this.#recordAiOrders(decisions.filter((d) => !this.orders.has(d.seat)), "ai");
      this.onEvent({ type: "changed" });
    });
    const previous = this.#aiOrders;
    this.#aiOrders = Promise.all([previous, job]).then(() => undefined, () => undefined);
  }

  async #decide(task: AiTask, seats: SeatId[]): Promise<AiDecision[]> {
    try {
      const chosen = seats.map((seat) => this.config.ai.find((a) => a.seat === seat) ?? seat);
      return await this.#ai.decide({ task, state: this.state, seats: chosen });
    } catch {
      // The AI could not answer: the seat plays nothing this time (the log shows empty orders).
      return seats.map((seat) => ({ seat, actions: [], reasons: [] }));
    }
  }

  async #recordAiOrders(decisions: AiDecision[], by: OrderSource): Promise<void> {
    const lines: LineBody[] = [];
    for (const d of decisions) {
      const actions: Order[] = [];
      const reasons: Localized[] = [];
      d.actions.forEach((raw, i) => {
        const check = validateAction(this.state, d.seat, raw, actions);
        if (check.ok && check.value.type !== "propose" && check.value.type !== "accept" && check.value.type !== "reject" && check.value.type !== "withdraw") {
          actions.push(check.value);
          reasons.push(d.reasons[i] ?? NO_REASON);
        }
      });
      this.orders.set(d.seat, { actions: checkedOrders(this.state, d.seat, actions), by });
      lines.push({ kind: "orders", turn: this.state.turn, seat: d.seat, by, actions, reasons });
    }
    if (lines.length > 0) await this.write(...lines);
  }

  async #aiNegotiate(task: "propose" | "answer", seats: SeatId[]): Promise<void> {
    const epoch = this.#turnEpoch;
    const decisions = await this.#decide(task, seats);
    if (epoch !== this.#turnEpoch || this.phase !== "negotiate" || this.failure) return;
    const lines: LineBody[] = [];
    const touched = new Set<SeatId>();
    const answerLater = new Set<SeatId>();
    const events: SessionEvent[] = [];
    for (const d of decisions) {
      const seat = this.seats.get(d.seat);
      if (!seat || controllerOf(seat) !== "ai") continue;
      d.actions.forEach((action, i) => {
        const parties = this.#partiesOf(d.seat, action);
        const outcome = applyNegotiation(this.state, d.seat, action);
        if (!outcome.ok) return;
        this.state = outcome.value.state;
        lines.push({ kind: "offer", turn: this.state.turn, seat: d.seat, action, by: "ai", reason: d.reasons[i] ?? NO_REASON });
        parties.forEach((p) => touched.add(p));
        events.push({ type: "offer", seats: parties, from: d.seat, action: action as Negotiation, entries: outcome.value.report, ...(outcome.value.id === undefined ? {} : { id: outcome.value.id }) });
        if (action.type === "propose") {
          const to = this.seats.get(action.to);
          if (to && controllerOf(to) === "ai") answerLater.add(action.to);
        }
      });
    }
    if (lines.length === 0) return;
    await this.write(...lines);
    for (const event of events) this.onEvent(event);
    this.onEvent({ type: "private", seats: [...touched] });
    for (const seat of answerLater) this.#answerSoon(seat);
  }

  #answerSoon(seat: SeatId): void {
    if (this.#answering.has(seat)) return;
    this.#answering.add(seat);
    queueMicrotask(() => {
      this.#answering.delete(seat);
      void this.#aiNegotiate("answer", [seat]).catch(() => undefined);
    });
  }

  async #resolve(): Promise<void> {
    const endedAt = this.#now();
    this.phase = "resolve";
    this.deadline = null;
    this.onEvent({ type: "changed" });
    await this.write({ kind: "phase", turn: this.state.turn, phase: "resolve" });
    await this.#aiOrders;
    const missing = [...this.seats.keys()].filter((s) => !this.orders.has(s));
    const humansMissing = new Set(missing.filter((s) => controllerOf(this.seats.get(s) as SeatControl) === "human"));
    const decisions = await this.#decide("orders", missing);
    await this.#recordAiOrders(decisions.filter((d) => !humansMissing.has(d.seat)), "ai");
    await this.#recordAiOrders(decisions.filter((d) => humansMissing.has(d.seat)), "timeout");
    // When several rooms end their turns together, each resolves in a turn of the event loop of its
    // own, so the actions other rooms' students send meanwhile are taken in between.
    await inATurnOfItsOwn("urgent");
    const orders = Object.fromEntries([...this.orders].map(([seat, o]) => [seat, o.actions]));
    const before = this.state;
    const resolution = resolveTurn(before, orders);
    this.beforeResolutions.push(before);
    this.state = resolution.state;
    this.lastReport = resolution.report;
    this.orders.clear();
    this.#turnEpoch++;
    // The clients get the new turn before its line is hashed and flushed: the orders it came from
    // are on disk already, and a recovery that finds no `resolved` line resolves the same orders
    // again to the same state (the engine is deterministic), so nothing a client saw can be lost.
    // The line takes its place in the log in this same step, so no other line can come between;
    // hashing the state waits until the event loop has taken in other rooms' actions.
    this.onEvent({ type: "public" });
    this.onEvent({ type: "report", turn: before.turn, endedAt });
    this.onEvent({ type: "private", seats: "all" });
    const resolved = this.state;
    await this.writeLater(() => ({ kind: "resolved", turn: before.turn, stateHash: hashState(resolved), public: publicViewOf(resolved) }));
    if (before.turn >= this.config.rounds) await this.finish();
    else await this.enter("report");
  }

  async finish(): Promise<void> {
    if (this.phase === "finished") return;
    this.phase = "finished";
    this.deadline = null;
    this.pausedRemaining = null;
    await this.write({ kind: "finished", turn: Math.max(0, this.state.turn - 1), stateHash: hashState(this.state), ranking: finalRanking(this.state) });
    this.onEvent({ type: "changed" });
  }

  // ------------------------------------------------------------------------------------------
  // The instructor (./instructor.ts decides; these are the steps that touch the turn itself)

  /** Restores the state before the last resolution; the turn's orders start again. Logged as an instructor line. */
  async undo(): Promise<Ack> {
    const before = this.beforeResolutions.at(-1);
    if (!before || this.phase === "resolve" || this.phase === "lobby") return { ok: false, error: refusal("NOTHING_TO_UNDO") };
    // The log line and the state change happen together, before any await, so no action can land
    // between them (replay applies the undo exactly where the line is).
    const written = this.write({ kind: "instructor", turn: this.state.turn, action: { type: "undo" } });
    this.beforeResolutions.pop();
    this.state = before;
    this.orders.clear();
    this.lastReport = null;
    this.#turnEpoch++;
    const entered = this.enter("commit");
    await Promise.all([written, entered]);
    this.onEvent({ type: "public" });
    this.onEvent({ type: "private", seats: "all" });
    return { ok: true };
  }
}
