/**
 * The public view as each client may see it: the instructor and the projector the whole public
 * view; a student the view its role's visibility allows (shared/session-settings.ts). Each variant
 * is encoded once per change and shared by every client that gets it; with full visibility every
 * student shares the one message. Also what an instructor watching a seat receives: exactly that
 * seat's public and private views.
 */
import { Protocol, getMessageBytes } from "@colyseus/core";
import { Packr } from "msgpackr";
import { visibleTo } from "../../shared/session-settings.ts";
import type { SeatId } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import { publicReport, publicViewOf, seatView } from "./projection.ts";
import type { Session } from "./session.ts";

/**
 * Views are arrays of same-shaped objects (markets, edges, seats, report entries). msgpack records
 * send each shape's keys once per message instead of once per object: a public view is 40% smaller
 * and decodes three times faster. Every msgpack decoder of msgpackr, the SDK's included, reads the
 * record definitions carried in the message itself, so no shared structures are kept between messages.
 */
const packr = new Packr({ useRecords: true });

/** A message encoded once, to send as it is to many clients (`client.enqueueRaw`). */
export const encoded = (type: string, message: unknown): Buffer => getMessageBytes.raw(Protocol.ROOM_DATA, type, undefined, packr.pack(message));

export class PublicViews {
  readonly #session: Session;
  #version = 0;
  #view: MatchView | null = null;
  #everyone: Buffer | null = null;
  readonly #bySeat = new Map<SeatId, { view: MatchView; bytes: Buffer }>();

  constructor(session: Session) {
    this.#session = session;
  }

  /** The match's public view changed: variants are made again when next asked for. */
  refresh(version: number): void {
    this.#version = version;
    this.#view = publicViewOf(this.#session.state);
    this.#everyone = null;
    this.#bySeat.clear();
  }

  get whole(): MatchView {
    if (!this.#view) this.refresh(this.#version);
    return this.#view as MatchView;
  }

  /** The `public` message for a student of `seat`, or for everyone else when `seat` is undefined. */
  message(seat: SeatId | undefined): Buffer {
    const whole = this.whole;
    const own = seat === undefined ? undefined : this.#variant(seat);
    if (own) return own.bytes;
    this.#everyone ??= encoded("public", { version: this.#version, view: whole, report: publicReport(this.#session) });
    return this.#everyone;
  }

  /** The public view as `seat` sees it. */
  viewOf(seat: SeatId): MatchView {
    return this.#variant(seat)?.view ?? this.whole;
  }

  /** What an instructor watching `seat` is sent: the seat's public and private views, as the seat gets them. */
  watch(seat: SeatId): Buffer {
    return encoded("watch", { seat, public: this.viewOf(seat), private: seatView(this.#session, seat, true) });
  }

  /** The seats' views to the instructors watching a seat that `changed`, each encoded once. */
  sendWatched(clients: Iterable<{ userData?: { watching?: SeatId }; enqueueRaw(bytes: Buffer): void }>, changed: (seat: SeatId) => boolean): void {
    const made = new Map<SeatId, Buffer>();
    for (const client of clients) {
      const seat = client.userData?.watching;
      if (!seat || !changed(seat)) continue;
      let bytes = made.get(seat);
      if (!bytes) made.set(seat, (bytes = this.watch(seat)));
      client.enqueueRaw(bytes);
    }
  }

  #variant(seat: SeatId): { view: MatchView; bytes: Buffer } | undefined {
    const known = this.#bySeat.get(seat);
    if (known) return known;
    const role = this.#session.seats.get(seat)?.role;
    const rule = role ? this.#session.config.visibility[role] : undefined;
    if (!rule) return undefined;
    const view = visibleTo(this.whole, seat, rule);
    if (view === this.whole) return undefined;
    const made = { view, bytes: encoded("public", { version: this.#version, view, report: publicReport(this.#session) }) };
    this.#bySeat.set(seat, made);
    return made;
  }
}
