/**
 * What one client may see of a session beyond the public room state (which carries the public view
 * of the match as JSON). A seat gets only its own part: its entity with every figure, its offers and
 * contracts, its sealed orders this turn, and its private entries of the last report (the public
 * ones come with the public view); the client lays its entity over the public view. The instructor gets the whole instructor view, but never the sealed
 * orders of the turn in progress.
 */
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { MatchState } from "../../shared/state.ts";
import type { SeatId } from "../../shared/types.ts";
import { sharedViewFor, type MatchView } from "../../shared/view.ts";
import type { Session } from "./session.ts";

/**
 * A report entry as sent: its code and params without the text, which the client renders in its
 * language with the names the `welcome` message gave it (texts were two thirds of a report's bytes).
 */
export type WireEntry = Omit<ReportEntry, "text">;

/** `at` is an entry's place in the whole report, so a client can merge the public and its private entries in order. */
export type SentEntry = WireEntry & { at: number };

export const wireEntry = (e: ReportEntry): WireEntry => ({ code: e.code, seats: e.seats, public: e.public, params: e.params });

/** Each report's entries as sent, made once for every seat that sees them. */
const renderedReports = new WeakMap<TurnReport, SentEntry[]>();

function sentEntries(report: TurnReport): SentEntry[] {
  let entries = renderedReports.get(report);
  if (!entries) {
    entries = report.entries.map((e, at) => ({ ...wireEntry(e), at }));
    renderedReports.set(report, entries);
  }
  return entries;
}

/**
 * The entries of a report one viewer gets in its own message. The public entries (most of a report)
 * go once to the whole room with the public view (`publicReport`), so a seat's private view carries
 * only the entries about it that are not public; `everything` gives a seat all it may read at once.
 */
function reportFor(report: TurnReport | null, seat: SeatId | "instructor", everything = false) {
  if (!report) return null;
  const entries = sentEntries(report);
  return { turn: report.turn, entries: entries.filter((e) => seat === "instructor" || (e.public ? everything : e.seats.includes(seat))) };
}

/** The public entries of the last report, sent once to everyone with the public view. */
export const publicReport = (session: Session) => (session.lastReport ? { turn: session.lastReport.turn, entries: sentEntries(session.lastReport).filter((e) => e.public) } : null);

/**
 * The match's public view, made once per state (the log's `resolved` line and the room's message
 * share it). It is only ever encoded, compared or filtered into new objects, never edited, so it
 * shares the state's parts instead of copying them (states are never changed in place either).
 */
const publicViews = new WeakMap<MatchState, MatchView>();
export function publicViewOf(state: MatchState): MatchView {
  let view = publicViews.get(state);
  if (!view) {
    view = sharedViewFor(state, "public");
    publicViews.set(state, view);
  }
  return view;
}

/** The seat's own cluster, host or lead firm, every figure included (views are encoded at once, so no copy is needed). */
function entityOf(state: MatchState, seat: SeatId) {
  const own = state.clusters.find((c) => c.id === seat) ?? state.hosts.find((h) => h.id === seat) ?? state.leadFirms.find((l) => l.id === seat);
  return own ?? null;
}

/** A seat's private view; with `everything`, its report holds the public entries too (for an instructor watching the seat). */
export function seatView(session: Session, seat: SeatId, everything = false) {
  const state = session.state;
  const own = session.orders.get(seat);
  return {
    seat,
    turn: state.turn,
    entity: entityOf(state, seat),
    offers: state.offers.filter((o) => o.from === seat || o.to === seat),
    contracts: state.contracts.filter((c) => c.parties.includes(seat)),
    orders: own?.actions ?? [],
    submitted: own !== undefined,
    report: reportFor(session.lastReport, seat, everything),
  };
}

/** The instructor's view of the match, encoded at once (so, like the public view, it shares the state's parts). */
export function instructorView(session: Session): { view: MatchView; report: ReturnType<typeof reportFor> } {
  return { view: sharedViewFor(session.state, "instructor"), report: reportFor(session.lastReport, "instructor") };
}

export type SeatView = ReturnType<typeof seatView>;
export type InstructorView = ReturnType<typeof instructorView>;
