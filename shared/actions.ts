/**
 * The action set (GAME-RULES 5.9, 5.11, 5.12) as typed, validated JSON. Orders are sealed and
 * resolved together at the end of a turn; negotiation actions (offers) apply at once.
 */
import { z } from "zod";
import { ENV_LEVELS, STAGES, STANCES, UPGRADE_TYPES, type Role } from "./types.ts";

const ref = z.string().min(1).max(64);
const money = z.number().finite().min(0).max(1_000_000);

export const offerTermsSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("transfer"),
    cluster: ref,
    host: ref,
    node: ref,
    stage: z.enum(STAGES),
    blocks: z.number().int().min(1).max(100),
    /** Paid by the host to the cluster on delivery; negative when the cluster pays the host. */
    payment: z.number().finite().min(-1000).max(1000),
    jv: z.boolean(),
  }),
  z.strictObject({ kind: z.literal("supply"), cluster: ref, leadFirm: ref, units: z.number().int().min(1).max(100), rounds: z.number().int().min(1).max(20) }),
  z.strictObject({ kind: z.literal("corridor"), edge: ref, fromContribution: money, toContribution: money }),
  z.strictObject({ kind: z.literal("payment"), amount: z.number().finite().min(-1000).max(1000).refine((x) => x !== 0, "expected a non-zero amount") }),
  z.strictObject({ kind: z.literal("park"), park: ref, fromContribution: money, toContribution: money }),
  /** The hierarchy buy-out (5.5): the lead firm buys the M blocks linked to it; the cluster becomes a subsidiary link. */
  z.strictObject({ kind: z.literal("buyout"), cluster: ref, leadFirm: ref, blocks: z.number().int().min(1).max(100), price: money }),
]);

export const negotiationSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("propose"), to: ref, terms: offerTermsSchema }),
  z.strictObject({ type: z.literal("accept"), offer: ref }),
  z.strictObject({ type: z.literal("reject"), offer: ref }),
  z.strictObject({ type: z.literal("withdraw"), offer: ref }),
]);

export const orderSchema = z.discriminatedUnion("type", [
  // Clusters (5.11)
  z.strictObject({ type: z.literal("transfer"), contract: ref, from: ref.optional() }),
  z.strictObject({ type: z.literal("plan"), shares: z.record(ref, z.number().finite().min(0).max(1)) }),
  z.strictObject({ type: z.literal("upgrade"), upgrade: z.enum(UPGRADE_TYPES), investment: z.number().finite().positive().max(1000) }),
  z.strictObject({ type: z.literal("learn"), leadFirm: ref }),
  z.strictObject({ type: z.literal("switchChain"), leadFirm: ref, join: z.boolean() }),
  z.strictObject({ type: z.literal("park"), park: ref, mode: z.enum(["build", "join", "upgrade"]) }),
  z.strictObject({ type: z.literal("applyKnowledge"), host: ref }),
  z.strictObject({ type: z.literal("greenRetrofit"), node: ref, blocks: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal("scrap"), node: ref, stage: z.enum(STAGES), blocks: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal("buildEndStage"), stage: z.enum(["U2", "D2"]) }),
  z.strictObject({ type: z.literal("openLine"), blocks: z.number().int().min(1).max(20) }),
  z.strictObject({ type: z.literal("stance"), stance: z.enum(STANCES) }),
  z.strictObject({ type: z.literal("loan"), amount: z.number().finite().positive().max(1000) }),
  z.strictObject({ type: z.literal("repay"), amount: z.number().finite().positive().max(1000) }),
  // Hosts (5.9)
  z.strictObject({ type: z.literal("tariff"), sector: ref, rate: z.number().finite().min(0).max(1) }),
  z.strictObject({ type: z.literal("lcr"), rate: z.number().finite().min(0).max(1) }),
  z.strictObject({ type: z.literal("infrastructure"), borrow: z.boolean() }),
  z.strictObject({ type: z.literal("training") }),
  z.strictObject({ type: z.literal("environment"), level: z.enum(ENV_LEVELS) }),
  z.strictObject({ type: z.literal("sez"), on: z.boolean() }),
  z.strictObject({ type: z.literal("corridorInvest"), edge: ref }),
  z.strictObject({ type: z.literal("jv"), required: z.boolean() }),
  // Lead firms (5.12); L1, offering or renewing a supply contract, is the "supply" offer above
  z.strictObject({ type: z.literal("raiseBarrier"), sector: ref }),
  z.strictObject({ type: z.literal("standardise"), sector: ref }),
  z.strictObject({ type: z.literal("integrate"), sector: ref, host: ref }),
  z.strictObject({ type: z.literal("switchSuppliers"), sector: ref, host: ref }),
  // Any party to a contract
  z.strictObject({ type: z.literal("breach"), contract: ref }),
]);

export const actionSchema = z.discriminatedUnion("type", [...orderSchema.options, ...negotiationSchema.options]);

export type OfferTermsInput = z.infer<typeof offerTermsSchema>;
export type Negotiation = z.infer<typeof negotiationSchema>;
export type Order = z.infer<typeof orderSchema>;
export type Action = Order | Negotiation;
export type OrderType = Order["type"];

export interface ActionInfo {
  /** The rule-book code (A1..A12, H1..H9, L1..L5). */
  code: "A1" | "A2" | "A3" | "A4" | "A5" | "A6" | "A7" | "A8" | "A9" | "A10" | "A11" | "A12" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" | "H7" | "H8" | "H9" | "L1" | "L2" | "L3" | "L4" | "L5" | "contract";
  roles: ReadonlyArray<Role>;
}

export const ORDER_INFO: Record<OrderType, ActionInfo> = {
  transfer: { code: "A1", roles: ["cluster"] },
  plan: { code: "A2", roles: ["cluster"] },
  upgrade: { code: "A3", roles: ["cluster"] },
  learn: { code: "A4", roles: ["cluster"] },
  switchChain: { code: "A5", roles: ["cluster"] },
  park: { code: "A6", roles: ["cluster"] },
  applyKnowledge: { code: "A7", roles: ["cluster"] },
  greenRetrofit: { code: "A8", roles: ["cluster"] },
  scrap: { code: "A9", roles: ["cluster"] },
  buildEndStage: { code: "A10", roles: ["cluster"] },
  openLine: { code: "A3", roles: ["cluster"] },
  stance: { code: "A11", roles: ["cluster"] },
  loan: { code: "A12", roles: ["cluster"] },
  repay: { code: "A12", roles: ["cluster"] },
  tariff: { code: "H1", roles: ["host"] },
  lcr: { code: "H2", roles: ["host"] },
  infrastructure: { code: "H3", roles: ["host"] },
  training: { code: "H4", roles: ["host"] },
  environment: { code: "H5", roles: ["host"] },
  sez: { code: "H6", roles: ["host"] },
  corridorInvest: { code: "H8", roles: ["host"] },
  jv: { code: "H9", roles: ["host"] },
  raiseBarrier: { code: "L2", roles: ["lead"] },
  standardise: { code: "L3", roles: ["lead"] },
  integrate: { code: "L4", roles: ["lead"] },
  switchSuppliers: { code: "L5", roles: ["lead"] },
  breach: { code: "contract", roles: ["cluster", "host", "lead"] },
};

export const isNegotiation = (action: Action): action is Negotiation =>
  action.type === "propose" || action.type === "accept" || action.type === "reject" || action.type === "withdraw";
