/**
 * What one client may see of a session beyond the public room state (which carries the public view
 * of the match as JSON). A seat gets only its own part: its entity with every figure, its offers and
 * contracts, its sealed orders this turn, and its entries of the last report; the client lays its
 * entity over the public view. The instructor gets the whole instructor view, but never the sealed
 * orders of the turn in progress.
 */
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { MatchState } from "../../shared/state.ts";
import type { SeatId } from "../../shared/types.ts";
import { viewFor, type MatchView } from "../../shared/view.ts";
import type { Session } from "./session.ts";

/** Each report's entries as sent, their text rendered once for every seat that sees them. */
const renderedReports = new WeakMap<TurnReport, ReportEntry[]>();

function reportFor(report: TurnReport | null, seat: SeatId | "instructor") {
  if (!report) return null;
  let entries = renderedReports.get(report);
  if (!entries) {
    entries = report.entries.map((e) => ({ code: e.code, seats: e.seats, public: e.public, params: e.params, text: e.text }));
    renderedReports.set(report, entries);
  }
  return { turn: report.turn, entries: entries.filter((e) => seat === "instructor" || e.public || e.seats.includes(seat)) };
}

/** The seat's own cluster, host or lead firm, every figure included (views are encoded at once, so no copy is needed). */
function entityOf(state: MatchState, seat: SeatId) {
  const own = state.clusters.find((c) => c.id === seat) ?? state.hosts.find((h) => h.id === seat) ?? state.leadFirms.find((l) => l.id === seat);
  return own ?? null;
}

export function seatView(session: Session, seat: SeatId) {
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
    report: reportFor(session.lastReport, seat),
  };
}

export function instructorView(session: Session): { view: MatchView; report: ReturnType<typeof reportFor> } {
  return { view: viewFor(session.state, "instructor"), report: reportFor(session.lastReport, "instructor") };
}

export type SeatView = ReturnType<typeof seatView>;
export type InstructorView = ReturnType<typeof instructorView>;
