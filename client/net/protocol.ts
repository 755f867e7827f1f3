/**
 * The messages of the classroom server as the client reads them (docs/protocol.md). The server's
 * own types live with its rooms; these mirror the fields the client uses, so the client build does
 * not reach into server code.
 */
import type { Negotiation, Order } from "../../shared/actions.ts";
import { message } from "../../shared/i18n.ts";
import { namesOf, type NameBook, type NamedScenario } from "../../shared/names.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { ClusterState, Contract, HostState, LeadFirmState, Offer } from "../../shared/state.ts";
import type { Localized } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import { applyViewDelta, type ViewDelta } from "../../shared/view-delta.ts";

export interface Welcome {
  kind: "student" | "instructor" | "projector";
  seat: string | null;
  seatToken: string | null;
  serverTime: number;
  /** The ids and names of the session's scenario, to read report entries with. */
  names?: NamedScenario;
}

/** A seat's private view: its own entity with every figure, its offers and contracts, its orders, its report. */
export interface SeatView {
  seat: string;
  turn: number;
  entity: ClusterState | HostState | LeadFirmState | null;
  offers: Offer[];
  contracts: Contract[];
  orders: Order[];
  submitted: boolean;
  report: TurnReport | null;
}

/** A report entry as the server sends it: code and params without the text; `at` is its place in the whole report. */
export type WireEntry = Omit<ReportEntry, "text"> & { at?: number };

/** A report entry once read: `at` is its place in the whole report. */
export type SentEntry = ReportEntry & { at: number };

/** The names a `welcome` gave, to write entries' texts with (ids until one came). */
export const namesFrom = (welcome: Welcome): NameBook | undefined => (welcome.names ? namesOf(welcome.names) : undefined);

/** Wire entries with their texts in both languages, naming seats and places as the session's scenario does. */
export const withTexts = <E extends WireEntry>(entries: ReadonlyArray<E>, names: NameBook | undefined): Array<E & { text: ReportEntry["text"] }> =>
  entries.map((e) => ({ ...e, text: message(e.code, e.params, names) }));

/** A message as it comes over the wire: its report's entries without their texts. */
export type Wire<T extends { report?: unknown }> = Omit<T, "report"> & { report?: { turn: number; entries: WireEntry[] } | null };

/** A report as sent, its entries read. */
export const readReport = (report: { turn: number; entries: ReadonlyArray<WireEntry> } | null | undefined, names: NameBook | undefined): { turn: number; entries: SentEntry[] } | null =>
  report ? { turn: report.turn, entries: withTexts(report.entries, names) as SentEntry[] } : null;

export interface PublicMessage {
  version: number;
  view: MatchView;
  /** The public entries of the last report, the same for everyone (each seat's own private entries come in `private`). */
  report?: { turn: number; entries: SentEntry[] } | null;
}

/** A `public` message as sent: the whole view, or what changed since version `base`. */
export type PublicWire = Wire<Omit<PublicMessage, "view">> & ({ view: MatchView } | { base: number; delta: ViewDelta });

/**
 * The public view a connection holds, from whole views and the changes that follow them. A change
 * that does not start from the view held (one sent while the client was joining) gives null: the
 * client then asks for `resync`, which answers with the whole view.
 */
export class PublicViewKeeper {
  #version = -1;
  #view: MatchView | null = null;

  accept(message: PublicWire): MatchView | null {
    if ("view" in message) this.#view = message.view;
    else {
      if (!this.#view || message.base !== this.#version) return null;
      try {
        this.#view = applyViewDelta(this.#view, message.delta);
      } catch {
        this.#view = null;
        return null;
      }
    }
    this.#version = message.version;
    return this.#view;
  }
}

/** A seat's whole report: the public entries and its private ones, in the order of the report. */
export function seatReport(publicPart: PublicMessage["report"], own: TurnReport | null): TurnReport | null {
  if (!own) return publicPart ?? null;
  if (!publicPart || publicPart.turn !== own.turn) return own;
  const entries = [...publicPart.entries, ...(own.entries as SentEntry[])].sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  return { turn: own.turn, entries };
}

export type Refusal = { code: string } & Localized;

export type Ack = { id: string; ok: true; result?: string; duplicate?: boolean } | { id: string; ok: false; error: Refusal };

/** What the client sends and waits an `ack` for. */
export type Acted = { type: "action"; action: Negotiation } | { type: "orders"; orders: Order[] } | { type: "ready" };

/** The public room state, as decoded by the SDK. */
export interface RoomSeat {
  id: string;
  role: string;
  controller: string;
  members: string[];
  connected: number;
  submitted: boolean;
  ready: boolean;
  open: boolean;
}

export interface RoomState {
  kind: string;
  code: string;
  phase: string;
  turn: number;
  rounds: number;
  deadline: number;
  remaining: number;
  paused: boolean;
  seats: Map<string, RoomSeat>;
  ranking: string;
  broadcast: string;
}

/** `GET /api/sessions/CODE`, for the lobby. */
export interface SessionInfo {
  code: string;
  phase: string;
  turn: number;
  rounds: number;
  /** `members`: how many students sit at the seat. */
  seats: Array<{ id: string; role: string; open: boolean; members: number }>;
}
