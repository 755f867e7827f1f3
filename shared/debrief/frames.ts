/**
 * The debrief's timeline: a match log turned into frames, three per turn (negotiate, commit,
 * report), each with the state as it stood, what the seats did and what the turn's resolution
 * reported. A log of this engine version is re-simulated (every viewpoint, every figure); a log of
 * another version is read from the public states its `resolved` lines record (the public viewpoint
 * only). A log that diverges on re-simulation is refused with the line and turn, never shown.
 */
import { isKind, type HeaderBody, type LineMeta, type ParsedLine, type ParsedLog } from "../matchlog.ts";
import { replayLog, type Divergence } from "../replay.ts";
import { reportFor, type TurnReport } from "../report.ts";
import type { MatchState } from "../state.ts";
import { err, ok, type Localized, type Result, type SeatId } from "../types.ts";
import { ENGINE_VERSION } from "../version.ts";
import { viewFor, type MatchView, type Viewer } from "../view.ts";

export const DEBRIEF_PHASES = ["negotiate", "commit", "report"] as const;
export type DebriefPhase = (typeof DEBRIEF_PHASES)[number];

/** An offer, answer or withdrawal as the log records it, with the two seats it concerns. */
export interface OfferStep {
  line: number;
  seat: SeatId;
  by: string | null;
  action: { type?: string; to?: string; offer?: string; terms?: Record<string, unknown> } & Record<string, unknown>;
  reason: Localized | null;
  parties: SeatId[];
}

export interface OrdersStep {
  line: number;
  seat: SeatId;
  by: string;
  actions: Array<{ type?: string } & Record<string, unknown>>;
  /** The AI's one-line reasons, one per action, when an AI gave them. */
  reasons: Array<Localized | null>;
}

export interface InstructorStep {
  line: number;
  action: { type?: string } & Record<string, unknown>;
}

/** Capacity that arrived somewhere this turn: from the report's transfers, or from the plants that grew in a host. */
export interface MovedCapacity {
  cluster: SeatId;
  from: string;
  to: string;
  host: string | null;
  blocks: number;
}

export interface DebriefFrame {
  index: number;
  turn: number;
  phase: DebriefPhase;
  /** The last log line (1-based) this frame includes. */
  line: number;
  /** The whole state, when the log was re-simulated. */
  state: MatchState | null;
  /** The public view as recorded (public-only logs) or as re-simulated. */
  publicView: MatchView | null;
  offers: OfferStep[];
  orders: OrdersStep[];
  instructor: InstructorStep[];
  /** The resolution's report (report frames of a re-simulated log). */
  report: TurnReport | null;
  moved: MovedCapacity[];
  /** Whether `moved` is read off the plants (a public-only log) rather than the report's transfers. */
  movedFromPlants: boolean;
  /** Lines of undos by the instructor that took this turn back. */
  undoneAt: number[];
}

export type DebriefMode = "resimulated" | "public";

export interface Debrief {
  header: HeaderBody & LineMeta;
  mode: DebriefMode;
  /** Why only the public viewpoint is available (another engine version), when it is not re-simulated. */
  notice: string | null;
  frames: DebriefFrame[];
  finished: boolean;
  lines: number;
  /** The seats of the match in the order the engine lists them. */
  seats: Array<{ id: SeatId; role: string; name: string }>;
}

const isLocalizedText = (x: unknown): x is Localized => typeof x === "object" && x !== null && typeof (x as Localized).en === "string" && typeof (x as Localized).zh === "string";
const asRecord = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** Builds the frames while a log is folded, by the engine or from its recorded public states. */
class Timeline {
  readonly frames: DebriefFrame[] = [];
  /** Offer id → the two seats, learnt from proposals (answers name only the offer). */
  readonly offerParties = new Map<string, SeatId[]>();
  state: MatchState | null = null;
  publicView: MatchView | null = null;

  private frameOf(turn: number, phase: DebriefPhase): DebriefFrame | undefined {
    return this.frames.find((f) => f.turn === turn && f.phase === phase);
  }

  private add(turn: number, phase: DebriefPhase, line: number): DebriefFrame {
    const frame: DebriefFrame = {
      index: this.frames.length,
      turn,
      phase,
      line,
      state: this.state,
      publicView: this.state ? viewFor(this.state, "public") : this.publicView,
      offers: [],
      orders: [],
      instructor: [],
      report: null,
      moved: [],
      movedFromPlants: false,
      undoneAt: [],
    };
    this.frames.push(frame);
    return frame;
  }

  /** The negotiate and commit frames of a turn, made when its first line arrives. */
  turnFrames(turn: number, line: number): { negotiate: DebriefFrame; commit: DebriefFrame } {
    const negotiate = this.frameOf(turn, "negotiate") ?? this.add(turn, "negotiate", line);
    const commit = this.frameOf(turn, "commit") ?? this.add(turn, "commit", line);
    return { negotiate, commit };
  }

  /** The state moved on within a turn (an offer signed a contract): the commit frame shows it. */
  touch(commit: DebriefFrame, line: number): void {
    commit.line = line;
    commit.state = this.state;
    commit.publicView = this.state ? viewFor(this.state, "public") : this.publicView;
  }

  offer(line: ParsedLine): void {
    const body = line.body;
    const { negotiate, commit } = this.turnFrames(body.turn, line.lineNo);
    const action = asRecord(body.action);
    const seat = String(body.seat);
    let parties: SeatId[] = [seat];
    if (action.type === "propose" && typeof action.to === "string") {
      parties = [seat, action.to];
      const made = this.state?.offers.filter((o) => o.from === seat && o.to === action.to).at(-1);
      if (made) this.offerParties.set(made.id, parties);
    } else if (typeof action.offer === "string") {
      parties = this.offerParties.get(action.offer) ?? [seat];
    }
    negotiate.offers.push({ line: line.lineNo, seat, by: typeof body.by === "string" ? body.by : null, action, reason: isLocalizedText(body.reason) ? body.reason : null, parties });
    negotiate.line = line.lineNo;
    this.touch(commit, line.lineNo);
  }

  orders(line: ParsedLine): void {
    const body = line.body;
    const { commit } = this.turnFrames(body.turn, line.lineNo);
    const seat = String(body.seat);
    const reasons = Array.isArray(body.reasons) ? body.reasons.map((r) => (isLocalizedText(r) ? r : null)) : [];
    // The last orders a seat sends in a turn are the ones that count.
    commit.orders = commit.orders.filter((o) => o.seat !== seat);
    commit.orders.push({ line: line.lineNo, seat, by: String(body.by), actions: (body.actions as unknown[]).map(asRecord), reasons });
    commit.line = line.lineNo;
  }

  instructor(line: ParsedLine, restoredTurn: number | null): void {
    const body = line.body;
    const action = asRecord(body.action);
    if (action.type === "undo" && restoredTurn !== null) {
      // The resolution of restoredTurn is taken back: its report and the next turn's frames go.
      const cut = this.frames.findIndex((f) => f.turn > restoredTurn || (f.turn === restoredTurn && f.phase === "report"));
      if (cut >= 0) this.frames.splice(cut);
      const { negotiate, commit } = this.turnFrames(restoredTurn, line.lineNo);
      commit.orders = [];
      negotiate.undoneAt.push(line.lineNo);
      negotiate.line = line.lineNo;
      commit.instructor.push({ line: line.lineNo, action });
      this.touch(commit, line.lineNo);
      return;
    }
    const { negotiate, commit } = this.turnFrames(body.turn, line.lineNo);
    (commit.orders.length > 0 ? commit : negotiate).instructor.push({ line: line.lineNo, action });
    this.touch(commit, line.lineNo);
  }

  resolved(line: ParsedLine, report: TurnReport | null): void {
    const turn = line.body.turn;
    const { commit } = this.turnFrames(turn, line.lineNo);
    const before = commit.publicView;
    const frame = this.add(turn, "report", line.lineNo);
    frame.report = report;
    if (report) frame.moved = transfersIn(report);
    else {
      frame.moved = arrivalsBetween(before, frame.publicView);
      frame.movedFromPlants = true;
    }
  }
}

/** The capacity transfers a resolution reports. */
function transfersIn(report: TurnReport): MovedCapacity[] {
  return report.entries
    .filter((e) => e.code === "TRANSFER_DONE")
    .map((e) => ({ cluster: String(e.params.cluster), from: String(e.params.from), to: String(e.params.to), host: typeof e.params.host === "string" ? e.params.host : null, blocks: Number(e.params.blocks) }));
}

/** Blocks that appeared in host plants between two public views: what a public record shows of transfers. */
export function arrivalsBetween(before: MatchView | null, after: MatchView | null): MovedCapacity[] {
  if (!after) return [];
  const total = (blocks: Record<string, number>) => Object.values(blocks).reduce((a, b) => a + b, 0);
  const out: MovedCapacity[] = [];
  for (const cluster of after.clusters) {
    const earlier = before?.clusters.find((c) => c.id === cluster.id);
    for (const plant of cluster.plants) {
      if (plant.host === null) continue;
      const was = earlier?.plants.find((p) => p.node === plant.node && p.sector === plant.sector);
      const grown = total(plant.blocks) - (was ? total(was.blocks) : 0);
      if (grown > 0) out.push({ cluster: cluster.id, from: cluster.homeNode, to: plant.node, host: plant.host, blocks: grown });
    }
  }
  return out;
}

function seatsOf(view: MatchView | null, state: MatchState | null): Debrief["seats"] {
  const seats = state?.seats ?? view?.seats ?? [];
  return seats.map((s) => ({ id: s.id, role: s.role, name: s.name }));
}

/** Re-simulates the log and records every frame; refuses at the first divergence. */
function resimulated(log: ParsedLog): Result<Debrief, Divergence> {
  const timeline = new Timeline();
  const result = replayLog(log, {
    start(state) {
      timeline.state = state;
      timeline.turnFrames(state.turn, 1);
    },
    line(line, state, report) {
      const body = line.body;
      timeline.state = state;
      if (isKind(body, "offer")) timeline.offer(line);
      else if (isKind(body, "orders")) timeline.orders(line);
      else if (isKind(body, "instructor")) timeline.instructor(line, asRecord(body.action).type === "undo" ? state.turn : null);
      else if (isKind(body, "resolved")) timeline.resolved(line, report ?? null);
    },
  });
  if (!result.ok) return err(result.error);
  return ok({
    header: log.header,
    mode: "resimulated",
    notice: null,
    frames: timeline.frames,
    finished: log.finished,
    lines: log.lines.length,
    seats: seatsOf(null, result.value.final),
  });
}

/** Reads the frames from the public states recorded in the `resolved` lines, without the engine. */
function fromPublicStates(log: ParsedLog, notice: string): Debrief {
  const timeline = new Timeline();
  let resolvedTurns = 0;
  for (const line of log.lines.slice(1)) {
    const body = line.body;
    if (isKind(body, "offer")) timeline.offer(line);
    else if (isKind(body, "orders")) timeline.orders(line);
    else if (isKind(body, "instructor")) {
      const undo = asRecord(body.action).type === "undo";
      const last = [...timeline.frames].reverse().find((f) => f.phase === "report");
      if (undo && last) {
        // The view before the undone resolution is the one its commit frame showed.
        timeline.publicView = timeline.frames.find((f) => f.turn === last.turn && f.phase === "commit")?.publicView ?? null;
      }
      timeline.instructor(line, undo && last ? last.turn : null);
    } else if (isKind(body, "resolved")) {
      timeline.publicView = body.public as MatchView;
      timeline.resolved(line, null);
      resolvedTurns += 1;
    }
  }
  if (resolvedTurns === 0 && timeline.frames.length === 0) timeline.turnFrames(1, 1);
  const last = [...log.lines].reverse().find((l) => isKind(l.body, "resolved"));
  return {
    header: log.header,
    mode: "public",
    notice,
    frames: timeline.frames,
    finished: log.finished,
    lines: log.lines.length,
    seats: seatsOf(last ? (last.body.public as MatchView) : null, null),
  };
}

/**
 * The debrief of a verified log (parseLog has checked its chain): re-simulated when this engine
 * wrote it, otherwise read from its recorded public states, with a notice saying so. A divergence
 * on re-simulation is an error with its line and turn.
 */
export function debriefOf(log: ParsedLog): Result<Debrief, Divergence> {
  if (log.header.engineVersion !== ENGINE_VERSION) {
    return ok(
      fromPublicStates(
        log,
        `This log was written by engine version ${log.header.engineVersion} and this is ${ENGINE_VERSION}: it cannot be re-simulated, so only the public viewpoint recorded after each resolution is shown (no private figures, no reports, no fork).`,
      ),
    );
  }
  return resimulated(log);
}

/** Who may be chosen as the viewpoint: the instructor and every seat when re-simulated, else the public. */
export function viewpoints(debrief: Debrief): Viewer[] {
  return debrief.mode === "resimulated" ? ["instructor", "public", ...debrief.seats.map((s) => s.id)] : ["public"];
}

/** The match as `viewer` saw it in a frame; null when the frame has no recorded state (a public-only log before its first resolution). */
export function frameView(frame: DebriefFrame, viewer: Viewer): MatchView | null {
  if (frame.state) return viewFor(frame.state, viewer);
  return viewer === "public" ? frame.publicView : null;
}

/** What `viewer` may read of a frame: its own orders and the offers it is party to, the report entries it was sent. */
export function frameFor(frame: DebriefFrame, viewer: Viewer): Pick<DebriefFrame, "offers" | "orders" | "instructor" | "report"> {
  if (viewer === "instructor") return frame;
  const mine = (seats: SeatId[]) => viewer !== "public" && seats.includes(viewer);
  return {
    offers: frame.offers.filter((o) => mine(o.parties)),
    orders: frame.orders.filter((o) => o.seat === viewer),
    instructor: [],
    report: frame.report ? reportFor(frame.report, viewer) : null,
  };
}
