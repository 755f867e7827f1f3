/** Step 3 of 5.4: binding contracts, capacity transfers (A1) and scrapping (A9). */
import { ordersOf, type ResolveContext } from "./context.ts";
import { eventModifiers } from "./events.ts";
import { raiseEdge } from "./hosts.ts";
import { accountOf, clusterOf, hostOf, plantAt } from "./lookup.ts";
import type { Contract, MatchState } from "./state.ts";
import { clamp } from "./state.ts";
import { addFreedCredit, dropEmptyPlants, ensurePlant, moveBlocks, relocationCost, removeBlocks } from "./transfer.ts";
import type { SeatId } from "./types.ts";

/** Money moves between any two seats; a seat that cannot pay goes negative and section 11 deals with it. */
export function pay(state: MatchState, from: SeatId, to: SeatId, amount: number): void {
  const payer = accountOf(state, from);
  const payee = accountOf(state, to);
  if (!payer || !payee) return;
  payer.money -= amount;
  payee.money += amount;
}

const otherParty = (c: Contract, seat: SeatId): SeatId => (c.parties[0] === seat ? c.parties[1] : c.parties[0]);

/**
 * Breaking a contract costs the penalty (and a cluster's reputation), unless a host party is going
 * through a political change this round, which makes its contracts open to renegotiation (5.13).
 */
function breach(ctx: ResolveContext, contract: Contract, breacher: SeatId, code: "BREACH" | "BREACH_UNDELIVERED"): void {
  const { p, state, report } = ctx;
  const other = otherParty(contract, breacher);
  state.contracts = state.contracts.filter((c) => c.id !== contract.id);
  if (contract.parties.some((s) => eventModifiers(state).renegotiable.includes(s))) {
    report.add("CONTRACT_RENEGOTIATED", [breacher, other], true, { seat: breacher, contract: contract.id, other });
    return;
  }
  pay(state, breacher, other, p.contracts.breachPenalty);
  const cluster = clusterOf(state, breacher);
  if (cluster) cluster.R = clamp(cluster.R - p.contracts.breachRep, p.reputation.min, p.reputation.max);
  if (code === "BREACH_UNDELIVERED") report.add(code, [breacher, other], true, { seat: breacher, contract: contract.id });
  report.add("BREACH", [breacher, other], true, { seat: breacher, contract: contract.id, penalty: p.contracts.breachPenalty, other });
}

export function applyContracts(ctx: ResolveContext): void {
  const { p, state, report } = ctx;

  for (const { seat, order } of ordersOf(ctx, "breach")) {
    const contract = state.contracts.find((c) => c.id === order.contract);
    if (contract) breach(ctx, contract, seat, "BREACH");
  }

  for (const contract of state.contracts.filter((c) => c.signedTurn === state.turn && !c.executed)) {
    const [first, second] = contract.parties;
    if (contract.terms.kind === "payment") {
      const [payer, payee] = contract.terms.amount > 0 ? [first, second] : [second, first];
      const amount = Math.abs(contract.terms.amount);
      pay(state, payer, payee, amount);
      contract.executed = true;
      report.add("PAYMENT", [payer, payee], false, { payer, payee, amount, contract: contract.id });
    } else if (contract.terms.kind === "buyout") {
      const { cluster: clusterId, leadFirm, blocks, price } = contract.terms;
      const link = clusterOf(state, clusterId)?.links.find((l) => l.leadFirm === leadFirm);
      contract.executed = true;
      if (!link || link.governance !== "HIERARCHY") continue;
      pay(state, leadFirm, clusterId, blocks * price);
      link.subsidiary = true;
      report.add("BUYOUT_DONE", [clusterId, leadFirm], true, { cluster: clusterId, leadFirm, blocks, paid: blocks * price });
    } else if (contract.terms.kind === "corridor") {
      const { edge, fromContribution, toContribution } = contract.terms;
      const cost = p.costs.H8.money ?? 0;
      const paid = fromContribution + toContribution;
      contract.executed = true;
      const target = state.edges.find((e) => e.id === edge);
      if (paid + 1e-9 >= cost && target && target.level < p.trade.maxLevel) {
        const a = accountOf(state, first);
        const b = accountOf(state, second);
        if (a) a.money -= fromContribution;
        if (b) b.money -= toContribution;
        raiseEdge(ctx, edge);
        report.add("CORRIDOR_UPGRADED", [first, second], true, { edge, level: state.edges.find((e) => e.id === edge)?.level ?? 0, paid });
      } else {
        report.add("CORRIDOR_SHORT", [first, second], false, { contract: contract.id, paid, cost });
      }
    }
  }

  for (const { seat, order } of ordersOf(ctx, "transfer")) {
    const contract = state.contracts.find((c) => c.id === order.contract);
    const cluster = clusterOf(state, seat);
    if (!contract || contract.terms.kind !== "transfer" || !cluster) continue;
    const terms = contract.terms;
    const fromNode = order.from ?? cluster.homeNode;
    const from = plantAt(cluster, fromNode);
    const relocation = relocationCost(state, fromNode, terms.node, terms.host);
    const host = hostOf(state, terms.host);
    if (!from || !relocation.ok || !host || from.blocks[terms.stage] < terms.blocks) continue;
    const cost = relocation.value.perBlock * terms.blocks;
    cluster.money -= cost;
    cluster.apUsed += p.costs.A1.ap;
    const to = ensurePlant(cluster, terms.node, terms.host, state.turn);
    to.jv = to.jv || terms.jv || host.policies.jv;
    moveBlocks(cluster, from, to, terms.stage, terms.blocks);
    if (terms.stage === "M" && from.host === null) addFreedCredit(state, cluster, terms.blocks);
    if (terms.payment !== 0) pay(state, host.id, cluster.id, terms.payment);
    contract.executed = true;
    report.add("TRANSFER_DONE", [seat, terms.host], true, {
      cluster: seat,
      blocks: terms.blocks,
      stage: terms.stage,
      from: fromNode,
      to: terms.node,
      host: terms.host,
      cost,
      km: relocation.value.km,
    });
  }
  for (const contract of state.contracts.filter((c) => c.terms.kind === "transfer" && !c.executed && c.untilTurn <= state.turn)) {
    if (contract.terms.kind === "transfer") breach(ctx, contract, contract.terms.cluster, "BREACH_UNDELIVERED");
  }

  for (const { seat, order } of ordersOf(ctx, "scrap")) {
    const cluster = clusterOf(state, seat);
    const plant = cluster && plantAt(cluster, order.node);
    if (!cluster || !plant || plant.blocks[order.stage] < order.blocks) continue;
    removeBlocks(plant, order.stage, order.blocks);
    cluster.apUsed += p.costs.A9.ap;
    const subsidy = p.finance.scrapSubsidy * order.blocks;
    cluster.money += subsidy;
    if (order.stage === "M") addFreedCredit(state, cluster, order.blocks);
    dropEmptyPlants(cluster);
    report.add("SCRAPPED", [seat], true, { cluster: seat, blocks: order.blocks, stage: order.stage, node: order.node, subsidy });
  }
}
