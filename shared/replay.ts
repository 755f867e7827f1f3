/** Replay is the engine folded over a match log: re-simulate, and say exactly where it diverges. */
import { canonicalJson } from "./canonical.ts";
import { setEventControls } from "./events.ts";
import { hashState } from "./hash.ts";
import { checkEngineVersion, isKind, type ParsedLine, type ParsedLog } from "./matchlog.ts";
import { applyNegotiation } from "./negotiation.ts";
import type { TurnReport } from "./report.ts";
import { resolveTurn } from "./resolve.ts";
import { describeIssues, loadScenario } from "./scenario/load.ts";
import { createMatch, type MatchState, type SeatSpec } from "./state.ts";
import type { SeatId } from "./types.ts";
import { err, ok, type Result } from "./types.ts";
import { ENGINE_VERSION } from "./version.ts";
import { viewFor } from "./view.ts";

export interface Divergence {
  code: "engine-version" | "scenario" | "seats" | "turn" | "refused" | "state-hash" | "public-state" | "unfinished";
  line: number;
  turn?: number;
  message: string;
  expected?: string;
  actual?: string;
}

export interface ReplayResult {
  /** The state after each resolved turn, first turn first. */
  states: MatchState[];
  final: MatchState;
  finished: boolean;
  /** The state before each resolution that still stands (an undone one is dropped): what an undo restores. */
  beforeResolutions: MatchState[];
  /** Orders given for the turn the match is at, not yet resolved (a live match's log). */
  pending: Record<SeatId, unknown[]>;
}

/**
 * What a reader of the replay (the debrief) hears while the log is folded: the state the match
 * starts from, then each line with the state after it, and after a `resolved` line the report of
 * that resolution. Observing never changes the replay.
 */
export interface ReplayObserver {
  start?(state: MatchState): void;
  line?(line: ParsedLine, state: MatchState, report?: TurnReport): void;
}

export function replayLog(log: ParsedLog, observer: ReplayObserver = {}): Result<ReplayResult, Divergence> {
  const header = log.header;
  const version = checkEngineVersion(header, ENGINE_VERSION);
  if (!version.ok) return err({ code: "engine-version", line: 1, message: version.error.message, expected: ENGINE_VERSION, actual: header.engineVersion });
  const scenario = loadScenario(header.scenario);
  if (!scenario.ok) return err({ code: "scenario", line: 1, message: `the scenario in the header is invalid:\n${describeIssues(scenario.error)}` });
  // The classroom server records the rounds a match is planned for (they set the pollution cap).
  const rounds = header.settings.rounds;
  const created = createMatch(scenario.value, header.seats as SeatSpec[], header.seed, typeof rounds === "number" ? { rounds } : {});
  if (!created.ok) return err({ code: "seats", line: 1, message: created.error.message });

  let state = created.value;
  observer.start?.(state);
  const states: MatchState[] = [];
  const beforeResolutions: MatchState[] = [];
  let pending: Record<SeatId, unknown[]> = {};
  for (const line of log.lines.slice(1)) {
    const body = line.body;
    const at = { line: line.lineNo, turn: body.turn };
    if (body.kind !== "header" && body.kind !== "finished" && body.turn !== state.turn) {
      return err({ code: "turn", ...at, message: `line ${line.lineNo} is for turn ${body.turn} but the match is at turn ${state.turn}`, expected: String(state.turn), actual: String(body.turn) });
    }
    if (isKind(body, "offer")) {
      const outcome = applyNegotiation(state, body.seat, body.action);
      if (!outcome.ok) return err({ code: "refused", ...at, message: `line ${line.lineNo} (turn ${body.turn}): ${body.seat}'s negotiation step is refused on replay: ${outcome.error.message.en}` });
      state = outcome.value.state;
    } else if (isKind(body, "instructor")) {
      const action = body.action as { type?: unknown; forced?: unknown; disabled?: unknown } | null;
      // An undo restores the state before the last resolution still standing; its orders are dropped.
      if (action?.type === "undo") {
        const before = beforeResolutions.pop();
        if (!before) return err({ code: "refused", ...at, message: `line ${line.lineNo} (turn ${body.turn}): an undo with no resolution to undo` });
        state = before;
        states.pop();
        pending = {};
      } else if (action?.type === "eventControls") {
        const next = setEventControls(state, { forced: action.forced as string[], disabled: action.disabled as string[] });
        if (!next.ok) return err({ code: "refused", ...at, message: `line ${line.lineNo} (turn ${body.turn}): the instructor's event controls are refused on replay: ${next.error.message.en}` });
        state = next.value;
      }
    } else if (isKind(body, "orders")) {
      pending[body.seat] = body.actions;
    } else if (isKind(body, "resolved")) {
      const resolution = resolveTurn(state, pending);
      pending = {};
      const actual = hashState(resolution.state);
      if (actual !== body.stateHash) {
        return err({ code: "state-hash", ...at, message: `line ${line.lineNo} (turn ${body.turn}): the re-simulated state differs from the one recorded`, expected: body.stateHash, actual });
      }
      if (canonicalJson(viewFor(resolution.state, "public")) !== canonicalJson(body.public)) {
        return err({ code: "public-state", ...at, message: `line ${line.lineNo} (turn ${body.turn}): the recorded public state does not match the re-simulated one` });
      }
      beforeResolutions.push(state);
      state = resolution.state;
      states.push(state);
      observer.line?.(line, state, resolution.report);
      continue;
    } else if (isKind(body, "finished")) {
      const actual = hashState(state);
      if (actual !== body.stateHash) {
        return err({ code: "state-hash", ...at, message: `line ${line.lineNo}: the final state hash differs`, expected: body.stateHash, actual });
      }
    }
    observer.line?.(line, state);
  }
  return ok({ states, final: state, finished: log.finished, beforeResolutions, pending });
}
