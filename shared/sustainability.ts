/**
 * Kaplinsky's low road and high road (GAME-RULES 5.10): pollution incidents cost reputation, a
 * crowded low road erodes the world price, output that grows while value per unit falls is
 * immiserising growth, and a world over its pollution cap is in ecological crisis.
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { eventModifiers } from "./events.ts";
import { clusterOf, hostOf, plantAt } from "./lookup.ts";
import { clamp, type ClusterState, type MatchState } from "./state.ts";
import { STAGES } from "./types.ts";

/** A8 costs greenCostPerBlock a block, less the park discount in a green (eco-) park (5.8, 5.10). */
export function greenRetrofitCost(state: MatchState, cluster: ClusterState, node: string, blocks: number): number {
  const p = state.scenario.parameters;
  const eco = state.parks.some((k) => k.node === node && k.green && k.level >= 1 && k.members.includes(cluster.id));
  return p.pollution.greenCostPerBlock * blocks * (eco ? p.park.greenDisc : 1) * eventModifiers(state).greenCostMult;
}

/** Before production: A8 retrofits take effect this round. */
export function applyGreenRetrofits(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const { seat, order } of ordersOf(ctx, "greenRetrofit")) {
    const cluster = clusterOf(state, seat);
    const plant = cluster && plantAt(cluster, order.node);
    if (!cluster || !plant || plant.blocks.M - plant.greenM < order.blocks) continue;
    const cost = greenRetrofitCost(state, cluster, order.node, order.blocks);
    cluster.money -= cost;
    cluster.apUsed += p.costs.A8.ap;
    plant.greenM += order.blocks;
    report.add("GREEN_RETROFIT", [seat], true, { cluster: seat, blocks: order.blocks, node: order.node, cost });
  }
}

/** After production (5.4 step 9): incidents, price erosion, immiserising growth, the cap and the crisis. */
export function applySustainability(ctx: ResolveContext): void {
  pollutionIncidents(ctx);
  lowRoadErosion(ctx);
  immiserisingGrowth(ctx);
  ecologicalCrisis(ctx);
}

/** A cluster with blocks in a host whose pollution stock is above the incident level loses reputation. */
function pollutionIncidents(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  const s = p.sustainability;
  for (const cluster of state.clusters) {
    const hosts = [...new Set(cluster.plants.filter((pl) => pl.host !== null && pl.blocks.M > 0).map((pl) => pl.host as string))];
    const polluted = hosts.filter((h) => (hostOf(state, h)?.E ?? 0) > s.incidentE);
    if (polluted.length === 0) continue;
    cluster.R = clamp(cluster.R - s.incidentRep, p.reputation.min, p.reputation.max);
    report.add("POLLUTION_INCIDENT", [cluster.id, ...polluted], true, { cluster: cluster.id, hosts: polluted.join(", "), threshold: s.incidentE, rep: s.incidentRep });
  }
}

/**
 * The race to the bottom: where the low road is crowded, the sector's world price index falls
 * lowRoadErosion a round, for good. "Crowded" is lowRoadCrowd clusters, or every cluster of a sector
 * that has fewer (docs/rules.md).
 */
function lowRoadErosion(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const sector of state.scenario.sectors) {
    const inSector = state.clusters.filter((c) => c.sector === sector.id);
    const low = inSector.filter((c) => c.stance === "low").length;
    const crowd = Math.min(p.market.lowRoadCrowd, inSector.length);
    if (low === 0 || low < crowd) continue;
    const before = state.priceIndex[sector.id] ?? 1;
    state.priceIndex[sector.id] = before * (1 - p.market.lowRoadErosion);
    report.add("PRICE_EROSION", inSector.map((c) => c.id), true, { sector: sector.id, low, index: state.priceIndex[sector.id] ?? 1, erosion: p.market.lowRoadErosion });
  }
}

/** More output, less value per unit, immiserRounds rounds running: a flag, a score penalty and a debrief card. */
function immiserisingGrowth(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const cluster of state.clusters) {
    const units = cluster.unitsSold;
    const va = STAGES.reduce((s, st) => s + cluster.vaLast[st], 0);
    const vaPerUnit = units > 0 ? va / units : 0;
    const before = cluster.lastOutput;
    const worse = before.units > 0 && units > before.units && vaPerUnit < before.vaPerUnit;
    cluster.immiserStreak = worse ? cluster.immiserStreak + 1 : 0;
    cluster.lastOutput = { units, vaPerUnit };
    if (cluster.immiserStreak >= p.sustainability.immiserRounds) {
      cluster.immiserFlags += 1;
      cluster.immiserStreak = 0;
      report.add("IMMISERISING_GROWTH", [cluster.id], true, { cluster: cluster.id, rounds: p.sustainability.immiserRounds, units, vaPerUnit, penalty: p.score.immiserPenalty });
    }
  }
}

/**
 * The cap is capFactor times what the world emitted in the first round, scaled to the planned
 * length (rounds / 6), and applies to what it emits each round. Over it, that round's value added shrinks to crisisVA and every host's
 * environmental standard rises to at least crisisEnvFloor.
 */
function ecologicalCrisis(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  if (state.emissionsCap === null) state.emissionsCap = p.pollution.capFactor * state.worldFlow * (state.rounds / p.rounds.short);
  state.winwin.crisis = state.worldFlow > state.emissionsCap;
  if (!state.winwin.crisis) return;
  const cut = 1 - p.sustainability.crisisVA;
  for (const cluster of state.clusters) {
    const va = STAGES.reduce((s, st) => s + cluster.vaLast[st], 0);
    if (va <= 0) continue;
    for (const st of STAGES) cluster.vaLast[st] *= p.sustainability.crisisVA;
    cluster.vaCum -= va * cut;
    cluster.money -= va * cut;
  }
  const order = ["low", "med", "high"] as const;
  const floor = order.indexOf(p.sustainability.crisisEnvFloor);
  for (const host of state.hosts) if (order.indexOf(host.policies.env) < floor) host.policies.env = p.sustainability.crisisEnvFloor;
  report.add("ECOLOGICAL_CRISIS", [], true, { worldE: state.worldFlow, cap: state.emissionsCap, va: p.sustainability.crisisVA, env: p.sustainability.crisisEnvFloor });
}
