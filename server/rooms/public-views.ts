/**
 * The public view as each client may see it: the instructor and the projector the whole public
 * view; a student the view its role's visibility allows (shared/session-settings.ts). Each variant
 * is encoded once per change and shared by every client that gets it; with full visibility every
 * student shares the one message. A client that has the previous view gets only what changed
 * (shared/view-delta.ts: a turn changes about a quarter of the market rows and a third of the
 * edges); one that joins gets the whole view. Also what an instructor watching a seat receives:
 * exactly that seat's public and private views.
 */
import { Protocol, getMessageBytes } from "@colyseus/core";
import { Packr } from "msgpackr";
import { visibleTo } from "../../shared/session-settings.ts";
import type { SeatId } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import { viewDelta } from "../../shared/view-delta.ts";
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

/** A variant's messages are encoded when first asked for: after a turn, most clients only need the change. */
interface Variant {
  view: MatchView;
  whole?: Buffer;
  change?: Buffer;
}

export class PublicViews {
  readonly #session: Session;
  #version = 0;
  #view: MatchView | null = null;
  #everyone: Variant | null = null;
  readonly #bySeat = new Map<SeatId, Variant>();
  /** The view of the version before, which every client connected then has: deltas start from it. */
  #before: { version: number; view: MatchView } | null = null;

  constructor(session: Session) {
    this.#session = session;
  }

  /** The match's public view changed: variants are made again when next asked for. */
  refresh(version: number): void {
    if (this.#view) this.#before = { version: this.#version, view: this.#view };
    this.#version = version;
    this.#view = publicViewOf(this.#session.state);
    this.#everyone = null;
    this.#bySeat.clear();
  }

  get whole(): MatchView {
    if (!this.#view) this.refresh(this.#version);
    return this.#view as MatchView;
  }

  /** The whole `public` message for a student of `seat`, or for everyone else when `seat` is undefined (a client that joins). */
  message(seat: SeatId | undefined): Buffer {
    const variant = this.#of(seat);
    variant.whole ??= encoded("public", { version: this.#version, view: variant.view, report: publicReport(this.#session) });
    return variant.whole;
  }

  /** The `public` message for a client that had the version before: only what changed, when there was one. */
  change(seat: SeatId | undefined): Buffer {
    const variant = this.#of(seat);
    const before = this.#before;
    if (!before) return this.message(seat);
    variant.change ??= encoded("public", { version: this.#version, base: before.version, delta: viewDelta(this.#shownTo(seat, before.view), variant.view), report: publicReport(this.#session) });
    return variant.change;
  }

  /** The public view as `seat` sees it. */
  viewOf(seat: SeatId): MatchView {
    return this.#of(seat).view;
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

  /** `view` as a student of `seat` is shown it (whole for everyone else, and where the role sees everything). */
  #shownTo(seat: SeatId | undefined, view: MatchView): MatchView {
    const role = seat === undefined ? undefined : this.#session.seats.get(seat)?.role;
    const rule = role ? this.#session.config.visibility[role] : undefined;
    return rule && seat !== undefined ? visibleTo(view, seat, rule) : view;
  }

  #of(seat: SeatId | undefined): Variant {
    const whole = this.whole;
    const known = seat === undefined ? undefined : this.#bySeat.get(seat);
    if (known) return known;
    const view = this.#shownTo(seat, whole);
    const shared = view === whole;
    if (shared && this.#everyone) return this.#everyone;
    const made: Variant = { view };
    if (shared) this.#everyone = made;
    else this.#bySeat.set(seat as SeatId, made);
    return made;
  }
}
