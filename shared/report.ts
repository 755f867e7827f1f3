/** What a resolved turn tells each seat and the instructor, in both languages. */
import { message, type MessageCode, type MessageParams } from "./i18n.ts";
import type { NameBook } from "./names.ts";
import type { Localized, SeatId } from "./types.ts";

export interface ReportEntry {
  code: MessageCode;
  /** The seats the entry is about. */
  seats: SeatId[];
  /** Public entries go to everyone; the others only to their seats and the instructor. */
  public: boolean;
  params: MessageParams;
  text: Localized;
}

export interface TurnReport {
  turn: number;
  entries: ReportEntry[];
}

/**
 * An entry whose text is rendered when someone reads it (or serialises the entry), not on the hot
 * path. The getter lives on the class: a getter per object literal would give every entry a
 * hidden class of its own.
 */
class Entry implements ReportEntry {
  readonly code: MessageCode;
  readonly seats: SeatId[];
  readonly public: boolean;
  readonly params: MessageParams;
  readonly #names: NameBook | undefined;
  constructor(code: MessageCode, seats: SeatId[], isPublic: boolean, params: MessageParams, names: NameBook | undefined) {
    this.code = code;
    this.seats = seats;
    this.public = isPublic;
    this.params = params;
    this.#names = names;
  }
  get text(): Localized {
    return message(this.code, this.params, this.#names);
  }
  toJSON(): ReportEntry {
    return { code: this.code, seats: this.seats, public: this.public, params: this.params, text: this.text };
  }
}

export class ReportBuilder {
  readonly entries: ReportEntry[] = [];
  readonly #names: NameBook | undefined;
  /** With a name book, the entries' texts name seats, places and sectors instead of giving their ids. */
  constructor(names?: NameBook) {
    this.#names = names;
  }
  add(code: MessageCode, seats: ReadonlyArray<SeatId>, isPublic: boolean, params: MessageParams = {}): void {
    this.entries.push(new Entry(code, seats.slice(), isPublic, params, this.#names));
  }
}

export const reportFor = (report: TurnReport, viewer: SeatId | "instructor" | "public"): TurnReport => ({
  turn: report.turn,
  entries: report.entries.filter((e) => viewer === "instructor" || e.public || (viewer !== "public" && e.seats.includes(viewer))),
});
