/**
 * The instructor's commands, only ever reached with the instructor token (the room checks it):
 * pause, resume, extend, advance now, event controls, broadcast, which roles students may take, a seat to AI and back, undo the
 * last resolution, end the match. Each is recorded in the log as an `instructor` line.
 */
import { setEventControls } from "../../shared/events.ts";
import type { Role, SeatId } from "../../shared/types.ts";
import { fromActionError, refusal } from "./refusals.ts";
import { isTimed, type Ack, type Session } from "./session.ts";

export type InstructorCommand =
  | { type: "start" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "extend"; seconds: number }
  | { type: "advance" }
  | { type: "eventControls"; forced: string[]; disabled: string[] }
  | { type: "broadcast"; text: string }
  | { type: "seatController"; seat: SeatId; controller: "ai" | "human" }
  | { type: "openRoles"; roles: Role[] }
  | { type: "undo" }
  | { type: "end" };

export async function instruct(session: Session, command: InstructorCommand): Promise<Ack> {
  if (session.failure) return { ok: false, error: refusal("SERVER_ERROR") };
  if (session.phase === "finished") return { ok: false, error: refusal("FINISHED") };
  const turn = session.state.turn;
  switch (command.type) {
    case "start":
      if (session.phase !== "lobby") return { ok: false, error: refusal("WRONG_PHASE", { phase: session.phase }) };
      await session.enter("briefing");
      return { ok: true };
    case "pause":
      if (!session.paused) {
        session.pausedRemaining = session.deadline === null ? 0 : Math.max(0, session.deadline - session.now());
        session.deadline = null;
      }
      break;
    case "resume":
      if (session.paused) {
        const remaining = session.pausedRemaining ?? 0;
        session.pausedRemaining = null;
        session.deadline = isTimed(session.phase) ? session.now() + remaining : null;
      }
      break;
    case "extend":
      if (session.paused) session.pausedRemaining = (session.pausedRemaining ?? 0) + command.seconds * 1000;
      else if (session.deadline !== null) session.deadline += command.seconds * 1000;
      break;
    case "advance": {
      if (session.phase === "resolve") return { ok: false, error: refusal("RESOLVING") };
      // Logged and started in the same tick, so a deadline cannot move the phase in between.
      const written = session.write({ kind: "instructor", turn, action: command });
      void session.advance().catch(() => undefined);
      await written;
      return { ok: true };
    }
    case "eventControls": {
      const next = setEventControls(session.state, { forced: command.forced, disabled: command.disabled });
      if (!next.ok) return { ok: false, error: fromActionError(next.error) };
      session.state = next.value;
      break;
    }
    case "broadcast":
      session.broadcasts.push(command.text);
      break;
    case "openRoles":
      session.config.openRoles = [...new Set(command.roles)];
      break;
    case "seatController": {
      const seat = session.seats.get(command.seat);
      if (!seat) return { ok: false, error: refusal("NO_SUCH_SEAT", { seat: command.seat }) };
      seat.forcedAi = command.controller === "ai";
      await session.write({ kind: "instructor", turn, action: command });
      await session.saveSeat(seat);
      return { ok: true };
    }
    case "undo":
      return session.undo();
    case "end":
      await session.write({ kind: "instructor", turn, action: command });
      await session.finish();
      return { ok: true };
  }
  await session.write({ kind: "instructor", turn, action: command });
  if (command.type === "broadcast") session.onEvent({ type: "broadcast", text: command.text });
  // The instructor's view shows the event controls: every instructor connected gets it again (no seat's view changes).
  if (command.type === "eventControls") session.onEvent({ type: "private", seats: [] });
  session.onEvent({ type: "changed" });
  return { ok: true };
}
