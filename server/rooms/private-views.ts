/**
 * The private views a room sends: each seat's own (to its students and to the instructors watching
 * it) and the instructor's whole-match view. Views are coalesced: the seats marked during one turn
 * of the event loop get one view each, encoded once for all their clients, and the instructor's at
 * most every INSTRUCTOR_VIEW_MS.
 */
import type { SeatId } from "../../shared/types.ts";
import type { MatchClient } from "./match-room.ts";
import { instructorView, seatView } from "./projection.ts";
import { encoded, type PublicViews } from "./public-views.ts";
import type { Session } from "./session.ts";

/** How often at most the instructor's whole-match view (re-encoded whole each time) is sent while things change. */
const INSTRUCTOR_VIEW_MS = 500;

export class PrivateViews {
  readonly #session: Session;
  readonly #clients: () => MatchClient[];
  readonly #publicViews: PublicViews;
  #pendingSeats = new Set<SeatId>();
  #pendingAll = false;
  #seatFlush: NodeJS.Immediate | null = null;
  #instructorFlush: NodeJS.Timeout | null = null;
  #instructorMessage: { state: object; report: object | null; bytes: Buffer } | null = null;
  /** The instructor view each instructor client was last sent, so an unchanged view is not sent again. */
  readonly #instructorSent = new WeakMap<MatchClient, Buffer>();

  constructor(session: Session, clients: () => MatchClient[], publicViews: PublicViews) {
    this.#session = session;
    this.#clients = clients;
    this.#publicViews = publicViews;
  }

  /** Sends a client its private view now (on joining, or when it asks again). */
  send(client: MatchClient): void {
    const data = client.userData;
    if (data?.kind === "instructor") {
      const view = this.#instructorBytes();
      this.#instructorSent.set(client, view);
      client.enqueueRaw(view);
    } else if (data?.kind === "student" && data.seat) client.enqueueRaw(encoded("private", seatView(this.#session, data.seat)));
  }

  /** The views of `seats` changed: they go out at the end of this turn of the event loop. */
  mark(seats: SeatId[] | "all"): void {
    if (seats === "all") this.#pendingAll = true;
    else for (const s of seats) this.#pendingSeats.add(s);
    this.#seatFlush ??= setImmediate(() => this.flush());
    this.#instructorFlush ??= setTimeout(() => this.#flushInstructors(), INSTRUCTOR_VIEW_MS);
  }

  /** Whether `seat`'s view is marked to go out at the end of this turn of the event loop. */
  isMarked(seat: SeatId): boolean {
    return this.#pendingAll || this.#pendingSeats.has(seat);
  }

  /** Sends the marked seats' views now. */
  flush(): void {
    if (this.#seatFlush) clearImmediate(this.#seatFlush);
    this.#seatFlush = null;
    const views = new Map<SeatId, Buffer>();
    const clients = this.#clients();
    for (const client of clients) {
      const seat = client.userData?.seat;
      if (!seat || !(this.#pendingAll || this.#pendingSeats.has(seat))) continue;
      let view = views.get(seat);
      if (!view) views.set(seat, (view = encoded("private", seatView(this.#session, seat))));
      client.enqueueRaw(view);
    }
    this.#publicViews.sendWatched(clients, (seat) => this.#pendingAll || this.#pendingSeats.has(seat));
    this.#pendingAll = false;
    this.#pendingSeats.clear();
  }

  stop(): void {
    if (this.#seatFlush) clearImmediate(this.#seatFlush);
    if (this.#instructorFlush) clearTimeout(this.#instructorFlush);
  }

  #flushInstructors(): void {
    this.#instructorFlush = null;
    const instructors = this.#clients().filter((c) => c.userData?.kind === "instructor");
    if (instructors.length === 0) return;
    const view = this.#instructorBytes();
    for (const client of instructors) {
      if (this.#instructorSent.get(client) === view) continue;
      this.#instructorSent.set(client, view);
      client.enqueueRaw(view);
    }
  }

  /** The instructor's view, encoded; the match state is never changed in place, so an unchanged state means an unchanged view. */
  #instructorBytes(): Buffer {
    const { state, lastReport } = this.#session;
    const cached = this.#instructorMessage;
    if (cached && cached.state === state && cached.report === lastReport) return cached.bytes;
    const bytes = encoded("private", instructorView(this.#session));
    this.#instructorMessage = { state, report: lastReport, bytes };
    return bytes;
  }
}
