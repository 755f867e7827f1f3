/**
 * Moving between chains and building up the ends of the smile (GAME-RULES 5.11, 5.12): a cluster
 * joins or leaves a lead firm's chain (A5) and builds R&D or brand blocks its functional level
 * allows (A10); lead firms raise barriers (L2) and publish standards (L3).
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { decideGovernance } from "./governance.ts";
import { clusterOf, homePlant, leadOf } from "./lookup.ts";
import type { ClusterState, Link, MatchState } from "./state.ts";
import { clamp } from "./state.ts";

/** Opening a new line costs lineBase plus linePerBlock a block (5.6). */
export const lineCost = (state: MatchState, blocks: number): number => state.scenario.parameters.chainRules.lineBase + state.scenario.parameters.chainRules.linePerBlock * blocks;

/** R&D and brand blocks a cluster owns, wherever they stand. */
export const endStageBlocks = (cluster: ClusterState): number => cluster.plants.reduce((s, p) => s + p.blocks.U2 + p.blocks.D2, 0);

/** Leaving a chain costs switchCost[governance] of the value of the M blocks the link takes (asset specificity). */
export function leavingCost(state: MatchState, cluster: ClusterState, link: Link): number {
  const p = state.scenario.parameters;
  const rate = link.governance === "HIERARCHY" ? 0 : p.gov.switchCost[link.governance];
  const mBlocks = cluster.plants.reduce((s, pl) => s + pl.blocks.M, 0);
  return rate * link.share * mBlocks * p.chainRules.blockValue;
}

/** A new link starts with no share and whatever governance the drivers and entry conditions allow. */
export function newLink(state: MatchState, cluster: ClusterState, leadFirm: string): Link {
  const g = state.scenario.parameters.gov;
  const probe: Link = { leadFirm, share: 0, governance: "CAPTIVE", lockin: 0, trust: 0, high: { C: false, D: false, K: false }, excluded: false, attemptingFunc: false, subsidiary: false, buyoutOffered: false };
  const first = decideGovernance(state, cluster, probe);
  probe.high = { C: first.drivers.C >= g.theta, D: first.drivers.D >= g.theta, K: first.drivers.K >= g.theta };
  const verdict = decideGovernance(state, cluster, { ...probe, governance: first.drivers.highD ? "CAPTIVE" : "HIERARCHY" });
  return { ...probe, governance: verdict.governance, excluded: verdict.excluded, high: { C: verdict.drivers.highC, D: verdict.drivers.highD, K: verdict.drivers.highK } };
}

/** L4 builds integrateBlocks M blocks at the replacement value of a block. */
export const integrationCost = (state: MatchState): number => state.scenario.parameters.leadRules.integrateBlocks * state.scenario.parameters.chainRules.blockValue;

/** Where a lead firm's own plant goes in a host: its first operating park, or its market city. */
function integrationNode(state: MatchState, host: string): string {
  const park = state.parks.find((k) => k.country === host && k.level >= 1);
  return park?.node ?? state.scenario.hosts.find((h) => h.id === host)?.marketNode ?? host;
}

/** Before governance is recomputed: lead firms' barriers, "China+1", own plants and standards (L2, L5, L4, L3). */
export function applyLeadFirmMoves(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const { seat, order } of ordersOf(ctx, "raiseBarrier")) {
    const lead = leadOf(state, seat);
    if (!lead) continue;
    lead.barrier[order.sector] = Math.min(p.leadRules.barrierMax, (lead.barrier[order.sector] ?? 0) + p.leadRules.barrierStep);
    lead.money -= p.costs.L2.money ?? 0;
    lead.apUsed += p.costs.L2.ap;
    report.add("BARRIER_RAISED", [seat], true, { leadFirm: seat, sector: order.sector, barrier: lead.barrier[order.sector] ?? 0 });
  }
  for (const { seat, order } of ordersOf(ctx, "switchSuppliers")) {
    const lead = leadOf(state, seat);
    if (!lead) continue;
    lead.preferHost[order.sector] = order.host;
    lead.apUsed += p.costs.L5.ap;
    report.add("CHINA_PLUS_ONE", [seat, order.host], true, { leadFirm: seat, sector: order.sector, host: order.host, threshold: p.leadRules.chinaPlusOneCost });
  }
  for (const { seat, order } of ordersOf(ctx, "integrate")) {
    const lead = leadOf(state, seat);
    if (!lead) continue;
    const node = integrationNode(state, order.host);
    const existing = lead.plants.find((pl) => pl.node === node && pl.sector === order.sector);
    if (existing) existing.blocks += p.leadRules.integrateBlocks;
    else lead.plants.push({ host: order.host, node, sector: order.sector, blocks: p.leadRules.integrateBlocks });
    lead.money -= integrationCost(state);
    lead.apUsed += p.costs.L4.ap;
    // A lead firm's plant in a park puts it next to its suppliers there (relational proximity, 5.5).
    const park = state.parks.find((k) => k.node === node && k.level >= 1);
    if (park && !park.members.includes(seat)) park.members.push(seat);
    report.add("LEAD_INTEGRATED", [seat, order.host], true, { leadFirm: seat, sector: order.sector, host: order.host, node, blocks: p.leadRules.integrateBlocks, cost: integrationCost(state) });
  }
  for (const { seat, order } of ordersOf(ctx, "standardise")) {
    const lead = leadOf(state, seat);
    const shift = state.sectorShifts[order.sector];
    if (!lead || !shift) continue;
    shift.D += p.leadRules.standardStep;
    shift.C -= p.leadRules.standardCCut;
    lead.apUsed += p.costs.L3.ap;
    const base = state.scenario.sectors.find((s) => s.id === order.sector)?.D ?? 0;
    report.add("STANDARD_PUBLISHED", [seat], true, { leadFirm: seat, sector: order.sector, D: clamp(base + shift.D, 0, 1), step: p.leadRules.standardStep });
  }
}

/** After parks: clusters join or leave chains (A5) and build end-stage blocks (A10). */
export function applyChainMoves(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const { seat, order } of ordersOf(ctx, "switchChain")) {
    const cluster = clusterOf(state, seat);
    if (!cluster) continue;
    cluster.apUsed += p.costs.A5.ap;
    const existing = cluster.links.find((l) => l.leadFirm === order.leadFirm);
    if (order.join && !existing) {
      const link = newLink(state, cluster, order.leadFirm);
      cluster.links.push(link);
      report.add("CHAIN_JOINED", [seat, order.leadFirm], true, { cluster: seat, leadFirm: order.leadFirm, governance: link.governance });
    } else if (!order.join && existing) {
      const cost = leavingCost(state, cluster, existing);
      cluster.money -= cost;
      cluster.links = cluster.links.filter((l) => l !== existing);
      report.add("CHAIN_LEFT", [seat, order.leadFirm], true, { cluster: seat, leadFirm: order.leadFirm, governance: existing.governance, cost });
    }
  }
  for (const { seat, order } of ordersOf(ctx, "openLine")) {
    const cluster = clusterOf(state, seat);
    const target = cluster && state.scenario.sectors.find((s) => s.id === cluster.sector)?.upgradeTo;
    if (!cluster || target === undefined || cluster.plants.some((pl) => pl.sector === target)) continue;
    const blocks = { U2: 0, U1: 0, M: order.blocks, D1: 0, D2: 0 };
    cluster.plants.push({ node: cluster.homeNode, host: null, blocks, rampingM: order.blocks, greenM: 0, jv: false, arrivedTurn: state.turn, sector: target, skill: p.chainRules.lineSkill });
    const cost = lineCost(state, order.blocks);
    cluster.money -= cost;
    cluster.apUsed += p.costs.A3.ap;
    report.add("LINE_OPENED", [seat], true, { cluster: seat, sector: target, blocks: order.blocks, cost, skill: p.chainRules.lineSkill, X: cluster.X });
  }
  for (const { seat, order } of ordersOf(ctx, "buildEndStage")) {
    const cluster = clusterOf(state, seat);
    const home = cluster && homePlant(cluster);
    if (!cluster || !home || endStageBlocks(cluster) + 1 > Math.floor(cluster.F)) continue;
    home.blocks[order.stage] += 1;
    cluster.money -= p.costs.A10.money ?? 0;
    cluster.apUsed += p.costs.A10.ap;
    report.add("END_STAGE_BUILT", [seat], true, { cluster: seat, stage: order.stage, F: cluster.F, owned: endStageBlocks(cluster) });
  }
}
