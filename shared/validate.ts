/**
 * Whether a seat may take an action now: payload shape, role, prerequisites, and what the action
 * costs given the orders already queued this turn. Never throws; refusals carry a stable code.
 */
import type { z } from "zod";
import { actionSchema, isNegotiation, ORDER_INFO, type Action, type Negotiation, type Order } from "./actions.ts";
import { message, type MessageCode, type MessageParams } from "./i18n.ts";
import { apAllowance, clusterOf, hostOf, leadOf, nodeOf, plantAt, seatOf, sectorOf } from "./lookup.ts";
import { formatPath } from "./scenario/load.ts";
import type { MatchState, OfferTerms } from "./state.ts";
import { relocationCost } from "./transfer.ts";
import { greenRetrofitCost } from "./sustainability.ts";
import { clusterShare, needsHostDeal, parkDeal, parkOf } from "./parks.ts";
import { endStageBlocks, integrationCost, leavingCost, lineCost } from "./chains.ts";
import { brandCap, hasFoothold } from "./brand.ts";
import type { Localized, Role, SeatId } from "./types.ts";
import { err, ok, type Result } from "./types.ts";

export interface ActionError {
  code: MessageCode;
  message: Localized;
  params: MessageParams;
}

export const refuse = (code: MessageCode, params: MessageParams = {}): { ok: false; error: ActionError } =>
  err({ code, message: message(code, params), params });

/** What an order uses up: AP, political capital, money (negative when it brings money in), blocks. */
export interface Use {
  ap: number;
  pc: number;
  money: number;
  blocks?: { node: string; stage: string; n: number };
  /** Orders with the same key may appear once per turn. */
  key?: string;
}

const ACTION_TYPES: ReadonlyArray<string> = [...Object.keys(ORDER_INFO), "propose", "accept", "reject", "withdraw"];

/** zod's issue codes in Chinese, for the part of a refusal a student reads. */
function detailZh(issue: z.core.$ZodIssue | undefined): string {
  switch (issue?.code) {
    case "invalid_type":
      return `类型错误，应为 ${issue.expected}`;
    case "unrecognized_keys":
      return `多余的字段：${issue.keys.join(", ")}`;
    case "too_big":
      return `数值过大（上限 ${String(issue.maximum)}）`;
    case "too_small":
      return `数值过小（下限 ${String(issue.minimum)}）`;
    case "invalid_value":
      return `取值无效，可选：${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return "格式无效";
    default:
      return "内容无效";
  }
}

export function parseAction(raw: unknown): Result<Action, ActionError> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return refuse("INVALID_PAYLOAD", { path: "(root)", detail: "expected an object with a 'type'", detailZh: "应为带有 type 字段的对象" });
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== "string" || !ACTION_TYPES.includes(type)) {
    const list = ACTION_TYPES.join(", ");
    return refuse("INVALID_PAYLOAD", {
      path: "type",
      detail: `unknown action type ${JSON.stringify(type) ?? "(none)"}; expected one of: ${list}`,
      detailZh: `未知的操作类型 ${JSON.stringify(type) ?? "（无）"}；可选：${list}`,
    });
  }
  const parsed = actionSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  // A union reports every branch it tried; an unknown discriminator (no branch tried) reports itself.
  const issues = parsed.error.issues.flatMap((issue) => (issue.code === "invalid_union" && issue.errors.length > 0 ? issue.errors.flat() : [issue]));
  const issue = issues.find((i) => i.path.length > 0 && i.path[0] !== "type") ?? issues[0];
  return refuse("INVALID_PAYLOAD", { path: issue ? formatPath(issue.path) : "(root)", detail: issue?.message ?? "invalid action", detailZh: detailZh(issue) });
}

export function validateAction(state: MatchState, seat: SeatId, raw: unknown, queued: ReadonlyArray<Order> = []): Result<Action, ActionError> {
  const parsed = parseAction(raw);
  if (!parsed.ok) return parsed;
  const seatState = seatOf(state, seat);
  if (!seatState) return refuse("UNKNOWN_SEAT", { seat });
  const action = parsed.value;
  if (isNegotiation(action)) {
    const checked = checkNegotiation(state, seat, action);
    return checked.ok ? ok(action) : checked;
  }
  const checked = checkOrder(state, seat, seatState.role, action, queued);
  return checked.ok ? ok(action) : checked;
}

/** Validates a whole batch in order, as resolution will see it. */
export function validateOrders(state: MatchState, seat: SeatId, orders: ReadonlyArray<unknown>): Result<ReadonlyArray<Order>, ActionError & { index: number }> {
  const accepted: Order[] = [];
  for (const [index, raw] of orders.entries()) {
    const result = validateAction(state, seat, raw, accepted);
    if (!result.ok) return err({ ...result.error, index });
    if (isNegotiation(result.value)) {
      const refused = refuse("NOT_AN_ORDER", { action: result.value.type });
      return err({ ...refused.error, index });
    }
    accepted.push(result.value);
  }
  return ok(checkedOrders(state, seat, accepted));
}

/**
 * Order lists known to pass validation, in their order, for a seat on a state. Validity is a
 * function of (state, seat, list): states are never changed once made and the lists are frozen, so
 * resolving a list checked when it was submitted need not check it again. Lists read back from a
 * log are new objects and are checked in full.
 */
const checkedLists = new WeakMap<MatchState, WeakMap<ReadonlyArray<Order>, SeatId>>();

/**
 * Records `orders` (each the value `validateAction` returned for it, checked in this order behind
 * the ones before it) as valid for `seat` on `state`, and freezes them. Returns the same list.
 */
export function checkedOrders(state: MatchState, seat: SeatId, orders: Order[]): ReadonlyArray<Order> {
  let lists = checkedLists.get(state);
  if (!lists) {
    lists = new WeakMap();
    checkedLists.set(state, lists);
  }
  lists.set(deepFreeze(orders), seat);
  return orders;
}

/** Whether `orders` is a list `checkedOrders` recorded for this seat and state. */
export const isCheckedFor = (state: MatchState, seat: SeatId, orders: unknown): orders is ReadonlyArray<Order> =>
  typeof orders === "object" && orders !== null && checkedLists.get(state)?.get(orders as ReadonlyArray<Order>) === seat;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

interface Budget {
  ap: number;
  pc: number;
  money: number;
  loan: number;
  repay: number;
  upgrades: number;
  /** Blocks the queued orders move or scrap, by "node|stage", and their once-per-turn keys (a turn queues a handful). */
  blocks: Array<{ at: string; n: number }>;
  keys: string[];
}

function budgetAfter(state: MatchState, seat: SeatId, queued: ReadonlyArray<Order>): Budget {
  const cluster = clusterOf(state, seat);
  const host = cluster ? undefined : hostOf(state, seat);
  const actor = cluster ?? host ?? leadOf(state, seat);
  const budget: Budget = {
    ap: apAllowance(state, seat) - (actor?.apUsed ?? 0),
    pc: host?.PC ?? 0,
    money: actor?.money ?? 0,
    loan: 0,
    repay: 0,
    upgrades: 0,
    blocks: [],
    keys: [],
  };
  for (const order of queued) {
    const use = orderUse(state, seat, order);
    budget.ap -= use.ap;
    budget.pc -= use.pc;
    budget.money -= use.money;
    if (order.type === "loan") budget.loan += order.amount;
    if (order.type === "repay") budget.repay += order.amount;
    if (order.type === "upgrade") budget.upgrades += 1;
    if (use.blocks) {
      const k = `${use.blocks.node}|${use.blocks.stage}`;
      budget.blocks.push({ at: k, n: use.blocks.n });
    }
    if (use.key) budget.keys.push(use.key);
  }
  return budget;
}

/** The resources an order takes. Assumes the order is valid; unknown references cost nothing. */
export function orderUse(state: MatchState, seat: SeatId, order: Order): Use {
  const costs = state.scenario.parameters.costs;
  // One shape for every use: fields an order does not have stay undefined.
  const listed = (code: keyof typeof costs, key?: string, money?: number, blocks?: Use["blocks"]): Use => {
    const c = costs[code];
    return { ap: c.ap, pc: c.pc ?? 0, money: money ?? c.money ?? 0, blocks, key };
  };
  switch (order.type) {
    case "transfer": {
      const contract = state.contracts.find((c) => c.id === order.contract);
      const cluster = clusterOf(state, seat);
      if (!contract || contract.terms.kind !== "transfer" || !cluster) return listed("A1", `transfer:${order.contract}`);
      const terms = contract.terms;
      const from = order.from ?? cluster.homeNode;
      const relocation = relocationCost(state, from, terms.node, terms.host);
      const cost = relocation.ok ? relocation.value.perBlock * terms.blocks : 0;
      return listed("A1", `transfer:${order.contract}`, cost - terms.payment, { node: from, stage: terms.stage, n: terms.blocks });
    }
    case "plan":
      return listed("A2", "plan");
    case "upgrade":
      return listed("A3", undefined, order.investment);
    case "switchChain": {
      const cluster = clusterOf(state, seat);
      const link = cluster?.links.find((l) => l.leadFirm === order.leadFirm);
      return listed("A5", `chain:${order.leadFirm}`, cluster && link && !order.join ? leavingCost(state, cluster, link) : 0);
    }
    case "buildEndStage":
      return listed("A10", "endStage");
    case "openLine":
      return listed("A3", "openLine", lineCost(state, order.blocks));
    case "applyKnowledge":
      return listed("A7", `brand:${order.host}`);
    case "raiseBarrier":
      return listed("L2", `barrier:${order.sector}`);
    case "switchSuppliers":
      return listed("L5", `chinaPlusOne:${order.sector}`);
    case "integrate":
      return listed("L4", `integrate:${order.sector}`, integrationCost(state));
    case "standardise":
      return listed("L3", `standard:${order.sector}`);
    case "park": {
      const park = parkOf(state, order.park);
      return listed("A6", `park:${order.park}`, park ? clusterShare(state, seat, park, order.mode) : 0);
    }
    case "greenRetrofit": {
      const cluster = clusterOf(state, seat);
      return listed("A8", `green:${order.node}`, cluster ? greenRetrofitCost(state, cluster, order.node, order.blocks) : 0);
    }
    case "learn":
      return listed("A4", `learn:${order.leadFirm}`);
    case "scrap":
      return listed("A9", undefined, undefined, { node: order.node, stage: order.stage, n: order.blocks });
    case "stance":
      return listed("A11", "stance");
    case "loan":
      return listed("A12", undefined, -order.amount);
    case "repay":
      return listed("A12", undefined, order.amount);
    case "tariff":
      return listed("H1", `tariff:${order.sector}`);
    case "lcr":
      return listed("H2", "lcr");
    case "infrastructure": {
      // Borrowing covers whatever the budget cannot, so such an order never waits for money.
      return listed("H3", "infrastructure", order.borrow ? 0 : undefined);
    }
    case "training":
      return listed("H4", "training");
    case "environment":
      return listed("H5", "environment");
    case "sez":
      return listed("H6", "sez");
    case "corridorInvest":
      return listed("H8", `corridor:${order.edge}`);
    case "jv":
      return listed("H9", "jv");
    case "breach":
      return { ap: 0, pc: 0, money: 0, blocks: undefined, key: `breach:${order.contract}` };
  }
}

function checkOrder(state: MatchState, seat: SeatId, role: Role, order: Order, queued: ReadonlyArray<Order>): Result<true, ActionError> {
  const info = ORDER_INFO[order.type];
  if (!info.roles.includes(role)) return refuse("WRONG_ROLE", { role, action: order.type });

  const budget = budgetAfter(state, seat, queued);
  const use = orderUse(state, seat, order);
  if (use.key && budget.keys.includes(use.key)) return refuse("DUPLICATE_ORDER", { action: order.type });
  const specific = checkOrderRules(state, seat, order, budget);
  if (!specific.ok) return specific;
  if (use.blocks) {
    const cluster = clusterOf(state, seat);
    const plant = cluster && plantAt(cluster, use.blocks.node);
    if (!plant) return refuse("NO_PLANT", { node: use.blocks.node });
    const stage = use.blocks.stage as keyof typeof plant.blocks;
    const at = `${use.blocks.node}|${stage}`;
    const have = plant.blocks[stage] - budget.blocks.reduce((sum, b) => (b.at === at ? sum + b.n : sum), 0);
    if (have < use.blocks.n) return refuse("NOT_ENOUGH_BLOCKS", { have, need: use.blocks.n, stage, node: use.blocks.node });
  }
  if (use.ap > budget.ap) return refuse("NOT_ENOUGH_AP", { need: use.ap, have: budget.ap });
  if (use.pc > budget.pc) return refuse("NOT_ENOUGH_PC", { need: use.pc, have: budget.pc });
  if (use.money > 0 && use.money > budget.money + 1e-9) return refuse("NOT_ENOUGH_MONEY", { need: use.money, have: Math.max(0, budget.money) });
  return ok(true);
}

function checkOrderRules(state: MatchState, seat: SeatId, order: Order, budget: Budget): Result<true, ActionError> {
  const p = state.scenario.parameters;
  const cluster = clusterOf(state, seat);
  const host = hostOf(state, seat);
  switch (order.type) {
    case "transfer": {
      const contract = state.contracts.find((c) => c.id === order.contract);
      if (!contract) return refuse("UNKNOWN_CONTRACT", { contract: order.contract });
      if (contract.terms.kind !== "transfer") return refuse("NOT_TRANSFER_CONTRACT", { contract: order.contract });
      if (contract.terms.cluster !== seat) return refuse("NOT_A_PARTY", { id: order.contract });
      if (contract.executed) return refuse("CONTRACT_EXECUTED", { contract: order.contract });
      const from = order.from ?? (cluster?.homeNode as string);
      if (!nodeOf(state, from)) return refuse("UNKNOWN_NODE", { node: from });
      if (from === contract.terms.node) return refuse("OFFER_TERMS", { detail: "the blocks are already there", detailZh: "这些产能块已在该地" });
      const relocation = relocationCost(state, from, contract.terms.node, contract.terms.host);
      if (!relocation.ok) return refuse("NO_ROUTE", { from, to: contract.terms.node });
      return ok(true);
    }
    case "plan": {
      const links = cluster?.links ?? [];
      const entries = Object.entries(order.shares);
      for (const [leadFirm] of entries) if (!links.some((l) => l.leadFirm === leadFirm)) return refuse("UNKNOWN_LINK", { leadFirm });
      const sum = entries.reduce((s, [, v]) => s + v, 0);
      if (sum > 1 + 1e-9) return refuse("SHARES_INVALID", { sum });
      return ok(true);
    }
    case "scrap":
      if (!nodeOf(state, order.node)) return refuse("UNKNOWN_NODE", { node: order.node });
      return ok(true);
    case "switchChain": {
      const lead = leadOf(state, order.leadFirm);
      if (!lead) return refuse("UNKNOWN_LEAD_FIRM", { leadFirm: order.leadFirm });
      const linked = cluster?.links.some((l) => l.leadFirm === order.leadFirm) ?? false;
      if (order.join && linked) return refuse("ALREADY_LINKED", { leadFirm: order.leadFirm });
      if (!order.join && !linked) return refuse("UNKNOWN_LINK", { leadFirm: order.leadFirm });
      if (order.join && cluster && !lead.sectors.includes(cluster.sector)) return refuse("NOT_IN_SECTOR", { leadFirm: order.leadFirm, sector: cluster.sector });
      return ok(true);
    }
    case "applyKnowledge": {
      const c = cluster as NonNullable<typeof cluster>;
      if (!hostOf(state, order.host)) return refuse("UNKNOWN_HOST", { host: order.host });
      if (c.Q < p.brandRules.minQ) return refuse("Q_TOO_LOW", { Q: c.Q, need: p.brandRules.minQ });
      if (!hasFoothold(state, c, order.host)) return refuse("NO_FOOTHOLD", { host: order.host });
      if ((c.brand[order.host] ?? 0) >= brandCap(state, c) - 1e-9) return refuse("BRAND_CAP", { host: order.host, cap: brandCap(state, c), F: c.F });
      return ok(true);
    }
    case "openLine": {
      const c = cluster as NonNullable<typeof cluster>;
      const target = sectorOf(state, c.sector)?.upgradeTo;
      if (target === undefined) return refuse("NO_HIGHER_CHAIN", { sector: c.sector });
      if (c.X < p.chainRules.minX) return refuse("X_TOO_LOW", { X: c.X, need: p.chainRules.minX, sector: target });
      if (c.plants.some((pl) => pl.sector === target)) return refuse("LINE_EXISTS", { sector: target });
      return ok(true);
    }
    case "buildEndStage": {
      const c = cluster as NonNullable<typeof cluster>;
      const owned = endStageBlocks(c);
      if (owned + 1 > Math.floor(c.F)) return refuse("F_TOO_LOW", { F: c.F, owned, stage: order.stage });
      return ok(true);
    }
    case "integrate":
      if (!leadOf(state, seat)?.sectors.includes(order.sector)) return refuse("NOT_IN_SECTOR", { leadFirm: seat, sector: order.sector });
      if (!hostOf(state, order.host)) return refuse("UNKNOWN_HOST", { host: order.host });
      return ok(true);
    case "switchSuppliers":
      if (!leadOf(state, seat)?.sectors.includes(order.sector)) return refuse("NOT_IN_SECTOR", { leadFirm: seat, sector: order.sector });
      if (!hostOf(state, order.host)) return refuse("UNKNOWN_HOST", { host: order.host });
      if (leadOf(state, seat)?.preferHost[order.sector] === order.host) return refuse("UNCHANGED");
      return ok(true);
    case "raiseBarrier":
    case "standardise":
      if (!leadOf(state, seat)?.sectors.includes(order.sector)) return refuse("NOT_IN_SECTOR", { leadFirm: seat, sector: order.sector });
      if (order.type === "raiseBarrier" && (leadOf(state, seat)?.barrier[order.sector] ?? 0) >= p.leadRules.barrierMax) return refuse("UNCHANGED");
      return ok(true);
    case "park": {
      const park = parkOf(state, order.park);
      if (!park) return refuse("UNKNOWN_PARK", { park: order.park });
      if (order.mode === "build" && park.level > 0) return refuse("PARK_ALREADY_BUILT", { park: park.id, level: park.level });
      if (order.mode !== "build" && park.level === 0) return refuse("PARK_NOT_BUILT", { park: park.id });
      if (order.mode === "upgrade" && park.level >= p.park.build.length) return refuse("PARK_MAX_LEVEL", { park: park.id, level: park.level });
      if (order.mode === "join" && park.members.includes(seat)) return refuse("ALREADY_MEMBER", { park: park.id });
      if (needsHostDeal(park) && !parkDeal(state, seat, park)) return refuse("PARK_NEEDS_DEAL", { park: park.id, host: park.country });
      return ok(true);
    }
    case "greenRetrofit": {
      const plant = cluster && plantAt(cluster, order.node);
      if (!plant) return refuse("NO_PLANT", { node: order.node });
      const ordinary = plant.blocks.M - plant.greenM;
      if (ordinary < order.blocks) return refuse("NOT_ENOUGH_BLOCKS", { have: ordinary, need: order.blocks, stage: "M", node: order.node });
      return ok(true);
    }
    case "upgrade":
      if (budget.upgrades >= p.upgradeRules.maxRollsPerRound) return refuse("TOO_MANY_UPGRADES", { max: p.upgradeRules.maxRollsPerRound });
      return ok(true);
    case "learn":
      if (!cluster?.links.some((l) => l.leadFirm === order.leadFirm)) return refuse("UNKNOWN_LINK", { leadFirm: order.leadFirm });
      return ok(true);
    case "stance":
      return ok(true);
    case "loan": {
      const c = cluster as NonNullable<typeof cluster>;
      if (c.R < p.finance.loanMinR) return refuse("REPUTATION_TOO_LOW", { need: p.finance.loanMinR, have: c.R });
      if (c.loan + budget.loan - budget.repay + order.amount > p.finance.loanMax + 1e-9)
        return refuse("LOAN_LIMIT", { max: p.finance.loanMax, owed: c.loan + budget.loan - budget.repay });
      return ok(true);
    }
    case "repay": {
      const c = cluster as NonNullable<typeof cluster>;
      const max = Math.max(0, Math.min(c.loan + budget.loan - budget.repay, budget.money));
      if (order.amount > max + 1e-9) return refuse("NOTHING_TO_REPAY", { max });
      return ok(true);
    }
    case "tariff":
      if (!sectorOf(state, order.sector)) return refuse("UNKNOWN_SECTOR", { sector: order.sector });
      if (!p.trade.tariffLevels.includes(order.rate)) return refuse("INVALID_LEVEL", { value: order.rate, levels: p.trade.tariffLevels.join(", ") });
      if (host?.policies.tariff[order.sector] === order.rate) return refuse("UNCHANGED");
      return ok(true);
    case "lcr":
      if (!p.trade.lcrLevels.includes(order.rate)) return refuse("INVALID_LEVEL", { value: order.rate, levels: p.trade.lcrLevels.join(", ") });
      if (host?.policies.lcr === order.rate) return refuse("UNCHANGED");
      return ok(true);
    case "infrastructure":
      if (host?.debtDistress) return refuse("INFRA_FROZEN");
      return ok(true);
    case "training":
      return ok(true);
    case "environment":
      if (host?.policies.env === order.level) return refuse("UNCHANGED");
      return ok(true);
    case "sez":
      if (host?.policies.sez === order.on) return refuse("UNCHANGED");
      return ok(true);
    case "jv":
      if (host?.policies.jv === order.required) return refuse("UNCHANGED");
      return ok(true);
    case "corridorInvest": {
      const edge = state.edges.find((e) => e.id === order.edge);
      if (!edge) return refuse("UNKNOWN_EDGE", { edge: order.edge });
      if (nodeOf(state, edge.from)?.country !== seat && nodeOf(state, edge.to)?.country !== seat) return refuse("EDGE_NOT_IN_HOST", { edge: order.edge, host: seat });
      if (edge.level >= p.trade.maxLevel) return refuse("EDGE_MAX_LEVEL", { edge: order.edge, max: p.trade.maxLevel });
      return ok(true);
    }
    case "breach": {
      const contract = state.contracts.find((c) => c.id === order.contract);
      if (!contract) return refuse("UNKNOWN_CONTRACT", { contract: order.contract });
      if (!contract.parties.includes(seat)) return refuse("NOT_A_PARTY", { id: order.contract });
      return ok(true);
    }
    default:
      return ok(true);
  }
}

function checkNegotiation(state: MatchState, seat: SeatId, action: Negotiation): Result<true, ActionError> {
  if (action.type === "propose") return checkProposal(state, seat, action.to, action.terms);
  const offer = state.offers.find((o) => o.id === action.offer);
  if (!offer) return refuse("UNKNOWN_OFFER", { offer: action.offer });
  if (action.type === "withdraw") return offer.from === seat ? ok(true) : refuse("NOT_PROPOSER", { offer: offer.id, from: offer.from });
  if (offer.to !== seat) return refuse("NOT_ADDRESSEE", { offer: offer.id, to: offer.to });
  if (action.type === "accept") return checkSigning(state, offer.terms, [offer.from, offer.to]);
  return ok(true);
}

/** A host signing a transfer or park deal spends H7's AP and political capital when the deal binds. */
export function checkSigning(state: MatchState, terms: OfferTerms, parties: [SeatId, SeatId]): Result<true, ActionError> {
  if (terms.kind !== "transfer" && terms.kind !== "park") return ok(true);
  const host = parties.map((s) => hostOf(state, s)).find((h) => h !== undefined);
  if (!host) return ok(true);
  const cost = state.scenario.parameters.costs.H7;
  const apLeft = apAllowance(state, host.id) - host.apUsed;
  if (cost.ap > apLeft) return refuse("NOT_ENOUGH_AP", { need: cost.ap, have: apLeft });
  if ((cost.pc ?? 0) > host.PC) return refuse("NOT_ENOUGH_PC", { need: cost.pc ?? 0, have: host.PC });
  return ok(true);
}

function checkProposal(state: MatchState, seat: SeatId, to: SeatId, terms: OfferTerms): Result<true, ActionError> {
  const p = state.scenario.parameters;
  if (!seatOf(state, to)) return refuse("UNKNOWN_PARTY", { seat: to });
  if (to === seat) return refuse("SELF_OFFER");
  const open = state.offers.filter((o) => o.from === seat).length;
  if (open >= p.contracts.maxOpenOffersPerSeat) return refuse("TOO_MANY_OFFERS", { max: p.contracts.maxOpenOffersPerSeat });
  const parties = new Set([seat, to]);
  const terms_ = (detail: string, detailZh: string) => refuse("OFFER_TERMS", { detail, detailZh });
  switch (terms.kind) {
    case "transfer": {
      if (!parties.has(terms.cluster) || !parties.has(terms.host)) return terms_("a transfer contract is between the cluster and the host named in it", "产能转移合同须由合同中列明的集群与东道国签订");
      const cluster = clusterOf(state, terms.cluster);
      if (!cluster) return terms_(`'${terms.cluster}' is not a cluster`, `“${terms.cluster}”不是产业集群`);
      if (!hostOf(state, terms.host)) return terms_(`'${terms.host}' is not a host country`, `“${terms.host}”不是东道国`);
      const node = nodeOf(state, terms.node);
      if (!node) return refuse("UNKNOWN_NODE", { node: terms.node });
      if (node.country !== terms.host) return refuse("NODE_NOT_IN_HOST", { node: terms.node, host: terms.host });
      const owned = cluster.plants.filter((pl) => pl.node !== terms.node).reduce((s, pl) => s + pl.blocks[terms.stage], 0);
      if (owned < terms.blocks) return terms_(`${terms.cluster} has only ${owned} ${terms.stage} blocks that could move`, `${terms.cluster} 只有 ${owned} 个可转移的 ${terms.stage} 产能块`);
      return ok(true);
    }
    case "supply": {
      if (!parties.has(terms.cluster) || !parties.has(terms.leadFirm)) return terms_("a supply contract is between the cluster and the lead firm named in it", "供货合同须由合同中列明的集群与领导企业签订");
      const cluster = clusterOf(state, terms.cluster);
      const lead = leadOf(state, terms.leadFirm);
      if (!cluster) return terms_(`'${terms.cluster}' is not a cluster`, `“${terms.cluster}”不是产业集群`);
      if (!lead) return terms_(`'${terms.leadFirm}' is not a lead firm`, `“${terms.leadFirm}”不是领导企业`);
      if (!lead.sectors.includes(cluster.sector)) return terms_(`${lead.id} does not buy ${cluster.sector}`, `${lead.id} 不采购 ${cluster.sector}`);
      if (terms.rounds > p.contracts.maxRounds) return terms_(`at most ${p.contracts.maxRounds} rounds`, `最多 ${p.contracts.maxRounds} 回合`);
      return ok(true);
    }
    case "corridor": {
      const edge = state.edges.find((e) => e.id === terms.edge);
      if (!edge) return refuse("UNKNOWN_EDGE", { edge: terms.edge });
      if (edge.level >= p.trade.maxLevel) return refuse("EDGE_MAX_LEVEL", { edge: terms.edge, max: p.trade.maxLevel });
      if ([seat, to].some((s) => leadOf(state, s))) return terms_("corridor co-investment is between hosts and clusters", "走廊共建只能在东道国与集群之间进行");
      const touched = [edge.from, edge.to].map((n) => nodeOf(state, n)?.country);
      if (![seat, to].some((s) => hostOf(state, s) && touched.includes(s))) return terms_(`one party must be a host that ${terms.edge} runs through`, `一方须为 ${terms.edge} 途经的东道国`);
      if (terms.fromContribution + terms.toContribution <= 0) return terms_("someone has to pay something", "至少一方须出资");
      return ok(true);
    }
    case "payment":
      return ok(true);
    case "buyout": {
      if (seat !== terms.leadFirm || to !== terms.cluster) return terms_("a buy-out is offered by the lead firm to the cluster named in it", "收购须由合同中列明的领导企业向集群提出");
      const link = clusterOf(state, terms.cluster)?.links.find((l) => l.leadFirm === terms.leadFirm);
      if (!link || link.governance !== "HIERARCHY" || link.subsidiary) return terms_("only a hierarchical link that is not yet a subsidiary can be bought out", "只有尚未成为子公司的层级型链接才可被收购");
      return ok(true);
    }
    case "park": {
      const park = parkOf(state, terms.park);
      if (!park) return refuse("UNKNOWN_PARK", { park: terms.park });
      const clusters = [seat, to].filter((s) => clusterOf(state, s));
      if (needsHostDeal(park)) {
        if (!parties.has(park.country) || clusters.length !== 1) return terms_(`a deal on ${park.id} is between a cluster and ${park.country}`, `${park.id} 的协议须由一个集群与 ${park.country} 签订`);
      } else if (clusters.length !== 2) {
        return terms_(`${park.id} lies in China: a co-build deal is between two clusters`, `${park.id} 位于中国：共建协议须由两个集群签订`);
      }
      return ok(true);
    }
  }
}
