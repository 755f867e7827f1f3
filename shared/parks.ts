/**
 * Industrial parks as platforms (GAME-RULES 5.8): building and joining them with the host, what
 * members share (know-how, cheaper relocation, better upgrade odds), point–axis spillover between
 * parks on a corridor, twin parks, and green eco-parks.
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { eventModifiers } from "./events.ts";
import { clusterOf, hostOf } from "./lookup.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { ClusterState, Contract, MatchState, ParkState, Plant } from "./state.ts";
import { clamp } from "./state.ts";
import type { SeatId } from "./types.ts";

export const parkOf = (state: MatchState, id: string): ParkState | undefined => state.parks.find((k) => k.id === id);

/** Cost of the next level: build (0 → 1) or upgrade (1 → 2, 2 → 3). */
export function nextLevelCost(state: MatchState, park: ParkState): number | null {
  const cost = state.scenario.parameters.park.build[park.level];
  if (cost === undefined) return null;
  // A green-finance window makes eco-parks cheaper to build (5.13).
  return park.green ? cost * eventModifiers(state).greenCostMult : cost;
}

/** A park in a host country needs the host's agreement; a park in China does not. */
export const needsHostDeal = (park: ParkState): boolean => park.country !== "CHN";

/** This turn's signed park deal between a cluster and the park's host, if any. */
export function parkDeal(state: MatchState, cluster: SeatId, park: ParkState): Contract | undefined {
  return state.contracts.find(
    (c) => c.terms.kind === "park" && c.terms.park === park.id && c.parties.includes(cluster) && c.parties.includes(park.country) && c.signedTurn === state.turn && !c.executed,
  );
}

/** What the host puts into a deal: its side's contribution. */
function hostContribution(deal: Contract | undefined, host: string): number {
  if (!deal || deal.terms.kind !== "park") return 0;
  return deal.parties[0] === host ? deal.terms.fromContribution : deal.terms.toContribution;
}

/** What building or upgrading costs the cluster: the level's cost less what the host puts in. */
export function clusterShare(state: MatchState, cluster: SeatId, park: ParkState, mode: "build" | "upgrade" | "join"): number {
  if (mode === "join") return 0;
  const cost = nextLevelCost(state, park) ?? 0;
  return Math.max(0, cost - hostContribution(parkDeal(state, cluster, park), park.country));
}

/** Step 4 of 5.4: park builds, upgrades and joins (A6). */
export function applyParks(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  for (const { seat, order } of ordersOf(ctx, "park")) {
    const cluster = clusterOf(state, seat);
    const park = parkOf(state, order.park);
    if (!cluster || !park) continue;
    const deal = parkDeal(state, seat, park);
    if (needsHostDeal(park) && !deal) continue;
    // A second cluster asking to build what the first just built joins it instead.
    const mode = order.mode === "build" && park.level > 0 ? "join" : order.mode;
    cluster.apUsed += p.costs.A6.ap;
    if (mode === "build" || mode === "upgrade") {
      const cost = nextLevelCost(state, park);
      if (cost === null) continue;
      const fromHost = hostContribution(deal, park.country);
      const host = hostOf(state, park.country);
      if (host) host.money -= Math.min(cost, fromHost);
      cluster.money -= Math.max(0, cost - fromHost);
      park.level += 1;
      if (mode === "build") cluster.R = clamp(cluster.R + p.parkRules.successRep, p.reputation.min, p.reputation.max);
      report.add(mode === "build" ? "PARK_BUILT" : "PARK_UPGRADED", [seat, park.country], true, { cluster: seat, park: park.id, level: park.level, cost, host: Math.min(cost, fromHost), rep: p.parkRules.successRep });
    }
    if (!park.members.includes(seat)) {
      park.members.push(seat);
      if (mode === "join") report.add("PARK_JOINED", [seat, park.country], true, { cluster: seat, park: park.id, level: park.level });
    }
    if (deal) deal.executed = true;
  }
}

/**
 * Every round: members learn from the best process capability in their park, the park's host gains
 * absorptive capacity per level, and members of green eco-parks gain reputation.
 */
export function parkSpillovers(ctx: ResolveContext): void {
  const { state, p } = ctx;
  for (const park of state.parks) {
    if (park.level < 1 || park.members.length === 0) continue;
    const members = park.members.map((id) => clusterOf(state, id)).filter((c): c is ClusterState => c !== undefined);
    const best = Math.max(...members.map((c) => c.P));
    for (const c of members) {
      c.P += p.park.spillover * (best - c.P);
      if (park.green) c.R = clamp(c.R + p.parkRules.ecoRep, p.reputation.min, p.reputation.max);
    }
    const host = hostOf(state, park.country);
    if (host) host.A = clamp(host.A + p.park.hostA * park.level, 0, 1);
  }
}

const hopsByScenario = new WeakMap<Scenario, Map<string, Map<string, number>>>();

/** Fewest corridor edges between two nodes along any one corridor path (point–axis distance). */
export function corridorHops(scenario: Scenario, a: string, b: string): number {
  let hops = hopsByScenario.get(scenario);
  if (!hops) {
    const table = new Map<string, Map<string, number>>();
    for (const corridor of scenario.corridors) {
      for (const path of corridor.paths) {
        path.forEach((x, i) => {
          const row = table.get(x) ?? new Map<string, number>();
          table.set(x, row);
          path.forEach((y, j) => {
            const d = Math.abs(i - j);
            if (d < (row.get(y) ?? Infinity)) row.set(y, d);
          });
        });
      }
    }
    hops = table;
    hopsByScenario.set(scenario, hops);
  }
  return hops.get(a)?.get(b) ?? Infinity;
}

/** Point–axis spillover: +corridorSpill productivity for each other operating park within corridorEdges on a corridor. */
export function pointAxisBonus(state: MatchState, plant: Pick<Plant, "node">): number {
  const here = state.parks.find((k) => k.node === plant.node && k.level >= 1);
  if (!here) return 1;
  const p = state.scenario.parameters;
  const near = state.parks.filter((k) => k !== here && k.level >= 1 && corridorHops(state.scenario, here.node, k.node) <= p.parkRules.corridorEdges).length;
  return 1 + p.park.corridorSpill * near;
}

/** Twin parks: a cluster in both parks of a pair runs its plants at either one twinBonus cheaper. */
export function twinDiscount(state: MatchState, cluster: Pick<ClusterState, "id">, plant: Plant): number {
  const here = state.parks.find((k) => k.node === plant.node && k.level >= 1 && k.members.includes(cluster.id));
  if (!here || here.twin === null) return 1;
  const twin = parkOf(state, here.twin);
  return twin && twin.level >= 1 && twin.members.includes(cluster.id) ? 1 - state.scenario.parameters.park.twinBonus : 1;
}
