/** Messages between the solo page and the engine worker. */
import type { Order } from "../../shared/actions.ts";
import type { TurnReport } from "../../shared/report.ts";
import type { Localized } from "../../shared/types.ts";
import type { SoloSnapshot, SoloTransfer } from "./solo-match.ts";

export type ToWorker = { type: "start"; scenario: unknown; seat: string; seed: number } | { type: "submit"; orders: Order[] };

export type FromWorker =
  | { type: "snapshot"; snapshot: SoloSnapshot; report: TurnReport | null; transfers: SoloTransfer[] }
  | { type: "refused"; message: Localized };
