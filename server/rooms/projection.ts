/**
 * What one client may see of a session beyond the public room state: its seat's view of the
 * match (viewFor), its own sealed orders, and its part of the last turn's report. The instructor
 * sees every seat's figures but never the sealed orders of the turn in progress.
 */
import type { SeatId } from "../../shared/types.ts";
import { viewFor } from "../../shared/view.ts";
import type { Session } from "./session.ts";

export function privateView(session: Session, seat: SeatId | "instructor") {
  const report = session.lastReport;
  const own = seat === "instructor" ? undefined : session.orders.get(seat);
  return {
    view: viewFor(session.state, seat),
    orders: own?.actions ?? [],
    submitted: own !== undefined,
    report: report
      ? {
          turn: report.turn,
          entries: report.entries
            .filter((e) => seat === "instructor" || e.public || e.seats.includes(seat))
            .map((e) => ({ code: e.code, seats: e.seats, public: e.public, params: e.params, text: e.text })),
        }
      : null,
  };
}

export type PrivateView = ReturnType<typeof privateView>;
