/** Messages between the solo page and the engine worker. */
import type { Negotiation, Order } from "../../shared/actions.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Localized } from "../../shared/types.ts";
import type { SoloRecord, SoloSnapshot, SoloTransfer } from "./solo-match.ts";

export type ToWorker =
  | { type: "start"; scenario: unknown; seat: string; seed: number }
  | { type: "resume"; scenario: unknown; record: unknown }
  /** A what-if from a replayed state (client/debrief): the state, the seat played, and whether the turn is yet to open. */
  /** `ais`: the AI players of the forked match (its log header's `settings.ai`). */
  | { type: "fork"; state: unknown; seat: string; atTurnStart: boolean; ais?: unknown }
  | { type: "negotiate"; action: Negotiation }
  | { type: "submit"; orders: Order[] };

export type FromWorker =
  | {
      type: "snapshot";
      snapshot: SoloSnapshot;
      /** The last resolved round's report (null before the first). */
      report: TurnReport | null;
      /** What the seat's offers and answers of this round led to. */
      negotiation: ReportEntry[];
      transfers: SoloTransfer[];
      record: SoloRecord;
    }
  | { type: "refused"; message: Localized };
