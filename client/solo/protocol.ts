/** Messages between the solo page and the engine worker. */
import type { Order } from "../../shared/actions.ts";
import type { TurnReport } from "../../shared/report.ts";
import type { Localized } from "../../shared/types.ts";
import type { SoloRecord, SoloSnapshot, SoloTransfer } from "./solo-match.ts";

export type ToWorker =
  | { type: "start"; scenario: unknown; seat: string; seed: number }
  | { type: "resume"; scenario: unknown; record: unknown }
  | { type: "submit"; orders: Order[] };

export type FromWorker =
  | { type: "snapshot"; snapshot: SoloSnapshot; report: TurnReport | null; transfers: SoloTransfer[]; record: SoloRecord }
  | { type: "refused"; message: Localized };
