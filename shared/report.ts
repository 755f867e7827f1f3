/** What a resolved turn tells each seat and the instructor, in both languages. */
import { message, type MessageCode, type MessageParams } from "./i18n.ts";
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

export class ReportBuilder {
  readonly entries: ReportEntry[] = [];
  add(code: MessageCode, seats: ReadonlyArray<SeatId>, isPublic: boolean, params: MessageParams = {}): void {
    // The text is rendered when someone reads it (or serialises the entry), not on the hot path.
    this.entries.push({
      code,
      seats: [...seats],
      public: isPublic,
      params,
      get text() {
        return message(code, params);
      },
    });
  }
}

export const reportFor = (report: TurnReport, viewer: SeatId | "instructor" | "public"): TurnReport => ({
  turn: report.turn,
  entries: report.entries.filter((e) => viewer === "instructor" || e.public || (viewer !== "public" && e.seats.includes(viewer))),
});
