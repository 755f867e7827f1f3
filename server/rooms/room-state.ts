/** The room state (./schema.ts) as a copy of the session: phase, timer and seats. */
import { finalRanking } from "../../shared/match-runner.ts";
import type { SeatId } from "../../shared/types.ts";
import type { MatchRoomState } from "./schema.ts";
import { controllerOf } from "./seats.ts";
import type { Session } from "./session.ts";

/** Copies the session's phase, timer and seats into `st`; `connectedSeats` lists the seat of every connected student. */
export function copySession(st: MatchRoomState, s: Session, connectedSeats: Iterable<SeatId | undefined>): void {
  st.phase = s.phase;
  st.turn = s.state.turn;
  st.paused = s.paused;
  st.deadline = s.deadline ?? 0;
  st.remaining = s.pausedRemaining ?? 0;
  if (s.phase === "finished" && st.ranking === "") st.ranking = JSON.stringify(finalRanking(s.state));
  const connected = new Map<SeatId, number>();
  for (const seat of connectedSeats) if (seat) connected.set(seat, (connected.get(seat) ?? 0) + 1);
  for (const seat of s.seats.values()) {
    const info = st.seats.get(seat.seat);
    if (!info) continue;
    info.controller = controllerOf(seat);
    if (seat.members.length !== info.members.length || seat.members.some((m, i) => m.name !== info.members.at(i))) {
      info.members.clear();
      for (const m of seat.members) info.members.push(m.name);
    }
    info.connected = connected.get(seat.seat) ?? 0;
    info.submitted = s.orders.has(seat.seat);
    info.ready = s.ready.has(seat.seat);
    info.open = s.config.openRoles.includes(seat.role);
  }
}
