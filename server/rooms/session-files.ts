/**
 * Starting a session with a new log, and rebuilding one from its log after a crash: the engine
 * state by re-simulation (shared/replay.ts), the rest (seats, phase, pause, sealed orders, action
 * ids) by reading the server's own lines.
 */
import type { Order } from "../../shared/actions.ts";
import { defaultArchetypes, isArchetypeOf, DIFFICULTIES, type AiSeat } from "../../shared/ai/archetypes.ts";
import { setEventControls } from "../../shared/events.ts";
import { hashState } from "../../shared/hash.ts";
import { isKind, makeHeader, parseLog, type OrderSource } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { FULL_VISIBILITY, type Override, type Visibility } from "../../shared/session-settings.ts";
import { createMatch, seatRole, type MatchState } from "../../shared/state.ts";
import { err, ok, type Result, type Role, type SeatId } from "../../shared/types.ts";
import { ENGINE_VERSION } from "../../shared/version.ts";
import type { AiPool } from "../ai/pool.ts";
import { AI_PLAYER } from "../ai/players.ts";
import { LogWriter } from "../storage/log-writer.ts";
import type { MatchStore } from "../storage/matches.ts";
import { initialSeats, type Member } from "./seats.ts";
import { Session, type Phase, type SessionConfig, type Timers } from "./session.ts";

export interface NewSession extends Omit<SessionConfig, "ai" | "visibility"> {
  /** Each seat's AI; the default mix of docs/ai.md (normal difficulty) when absent. */
  ai?: AiSeat[];
  /** Full visibility for every role when absent. */
  visibility?: Visibility;
  /** The scenario with the instructor's overrides applied: the header embeds it whole, so replay needs nothing else. */
  scenario: Scenario;
  seed: number;
  /** Event cards forced into the first draw or disabled from the start. */
  events?: { forced: string[]; disabled: string[] };
  /** The overrides the scenario was changed by, recorded for people (the scenario already carries them). */
  overrides?: Override[];
}

/**
 * Every seat starts as AI in the engine's own record (the header): who plays a seat changes during
 * a class, and the `seat` lines of the log say who did, when. Event cards set up at creation are
 * an `instructor` line right after the header, which replay applies as it applies any other.
 */
export async function createSession(store: MatchStore, ai: AiPool, spec: NewSession, now: () => number): Promise<Session> {
  const seats = [...spec.scenario.clusters, ...spec.scenario.hosts, ...spec.scenario.leadFirms].map((e) => ({ seat: e.id, controller: "ai" as const }));
  const created = createMatch(spec.scenario, seats, spec.seed, { rounds: spec.rounds });
  if (!created.ok) throw new Error(created.error.message);
  let state: MatchState = created.value;
  const { scenario, seed, events, overrides, ...given } = spec;
  const config: SessionConfig = { ...given, ai: given.ai ?? defaultArchetypes(scenario, seed), visibility: given.visibility ?? visibilityOf(undefined) };
  const eventControls = events && (events.forced.length > 0 || events.disabled.length > 0) ? { type: "eventControls", forced: events.forced, disabled: events.disabled } : null;
  if (eventControls) {
    const controlled = setEventControls(state, eventControls);
    if (!controlled.ok) throw new Error(controlled.error.message.en);
    state = controlled.value;
  }
  const log = await LogWriter.create(store.pathOf(spec.matchId));
  await log.append(
    makeHeader({
      engineVersion: ENGINE_VERSION,
      scenario,
      seed,
      seats,
      settings: { ...config, ...(events ? { events } : {}), ...(overrides ? { overrides } : {}), aiPlayer: AI_PLAYER, createdAt: new Date(now()).toISOString() },
    }),
  );
  if (eventControls) await log.append({ kind: "instructor", turn: state.turn, action: eventControls });
  const session = new Session({ config, state, seats: initialSeats(state), log, ai, now });
  await session.enter("lobby");
  return session;
}

const TIMER_KEYS = ["briefing", "negotiate", "commit", "report"] as const;

function configOf(settings: Record<string, unknown>): Result<SessionConfig, string> {
  const s = settings as Partial<Record<keyof SessionConfig, unknown>>;
  const timers = s.timers as Partial<Timers> | undefined;
  if ((s.room !== "class" && s.room !== "solo") || typeof s.code !== "string" || typeof s.matchId !== "string") return err("not a log written by the classroom server");
  if (!timers || !TIMER_KEYS.every((k) => typeof timers[k] === "number")) return err("its header has no phase timers");
  if (typeof s.rounds !== "number" || !Array.isArray(s.openRoles) || typeof s.instructorTokenHash !== "string") return err("its header lacks rounds, open roles or the instructor token hash");
  return ok({ room: s.room, code: s.code, matchId: s.matchId, rounds: s.rounds, timers: timers as Timers, openRoles: s.openRoles as Role[], instructorTokenHash: s.instructorTokenHash, ai: [], visibility: visibilityOf(s.visibility) });
}

/** The visibility a header records; logs written before it existed saw everything. */
function visibilityOf(raw: unknown): Visibility {
  const recorded = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<Visibility>;
  return { cluster: { ...FULL_VISIBILITY, ...recorded.cluster }, host: { ...FULL_VISIBILITY, ...recorded.host }, lead: { ...FULL_VISIBILITY, ...recorded.lead } };
}

/** Each seat's AI as the header records it; the default mix where it records none (older logs). */
export function aiOf(scenario: Scenario, seed: number, raw: unknown): AiSeat[] {
  const recorded = Array.isArray(raw) ? (raw as Array<Partial<AiSeat>>) : [];
  return defaultArchetypes(scenario, seed).map((fallback) => {
    const found = recorded.find((a) => a?.seat === fallback.seat);
    const role = seatRole(scenario, fallback.seat);
    const archetype = typeof found?.archetype === "string" && role && isArchetypeOf(role, found.archetype) ? found.archetype : fallback.archetype;
    const difficulty = (DIFFICULTIES as ReadonlyArray<unknown>).includes(found?.difficulty) ? (found?.difficulty as AiSeat["difficulty"]) : fallback.difficulty;
    return { seat: fallback.seat, archetype, difficulty };
  });
}

/**
 * Rebuilds an unfinished match. The phase it was in starts again with a full timer (the log says
 * so with a `phase` line marked `recovered`); members count as present, so students have the
 * reconnection window to come back before the AI takes their seats.
 */
export async function recoverSession(store: MatchStore, ai: AiPool, id: string, text: string, now: () => number): Promise<Result<Session, string>> {
  const parsed = parseLog(text);
  if (!parsed.ok) return err(parsed.error.message);
  if (parsed.value.finished) return err("the match is finished");
  const config = configOf(parsed.value.header.settings);
  if (!config.ok) return config;
  const replay = replayLog(parsed.value);
  if (!replay.ok) return err(`replay diverges: ${replay.error.message}`);

  const state = replay.value.final;
  config.value.ai = aiOf(state.scenario, state.seed, parsed.value.header.settings.ai);
  const seats = initialSeats(state);
  let phase: Phase = "lobby";
  let paused = false;
  const orders = new Map<SeatId, { actions: Order[]; by: OrderSource }>();
  const ids: string[] = [];
  const broadcasts: string[] = [];
  let openRoles = config.value.openRoles;
  for (const { body } of parsed.value.lines) {
    if (body.kind === "seat") {
      const seat = seats.get(String(body.seat));
      if (seat) {
        seat.members = (body.members as Member[]).map((m) => ({ name: m.name, tokenHash: m.tokenHash, present: true }));
        seat.forcedAi = body.forcedAi === true;
      }
    } else if (isKind(body, "phase")) phase = body.phase as Phase;
    else if (isKind(body, "instructor")) {
      const action = body.action as { type?: unknown; text?: unknown; roles?: unknown };
      if (action.type === "pause") paused = true;
      if (action.type === "resume") paused = false;
      if (action.type === "broadcast" && typeof action.text === "string") broadcasts.push(action.text);
      if (action.type === "undo") {
        orders.clear();
        phase = "commit";
      }
      if (action.type === "openRoles" && Array.isArray(action.roles)) openRoles = action.roles as Role[];
    } else if (isKind(body, "orders")) {
      orders.set(body.seat, { actions: body.actions as Order[], by: body.by });
    } else if (isKind(body, "resolved")) {
      // A crash may come between the resolution and the next phase line: the report comes next.
      orders.clear();
      phase = "report";
    }
    if ((body.kind === "offer" || body.kind === "orders") && typeof body.actionId === "string") ids.push(`${String((body as { seat?: unknown }).seat)}\u0000${body.actionId}`);
  }

  const log = await LogWriter.resume(store.pathOf(id), text);
  const session = new Session({ config: { ...config.value, openRoles }, state, seats, log, ai, now });
  session.beforeResolutions = replay.value.beforeResolutions;
  session.broadcasts = broadcasts;
  for (const [seat, o] of orders) session.orders.set(seat, o);
  for (const key of ids) session.actionIds.set(key, Promise.resolve({ ok: true }));
  if (paused) session.pausedRemaining = 0;
  if (phase === "resolve") {
    session.phase = "commit";
    await session.advance();
  } else if (phase === "report" && state.turn > config.value.rounds) await session.finish();
  else await session.enter(phase, { recovered: true, stateHash: hashState(state) });
  return ok(session);
}
