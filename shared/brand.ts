/**
 * Applying knowledge in Belt and Road markets (A7; GAME-RULES 5.6, the seed's core mechanic): a
 * cluster that learned process and product skills from lead firms becomes the buyer and brand
 * owner in smaller, less unequal markets, where functional upgrading is possible.
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { clusterOf } from "./lookup.ts";
import type { ClusterState, MatchState } from "./state.ts";

/** Brand presence a cluster may hold in one market: capPerF per functional level, up to max. */
export const brandCap = (state: MatchState, cluster: ClusterState): number => {
  const b = state.scenario.parameters.brandRules;
  return Math.min(b.max, b.capPerF * cluster.F);
};

/** A foothold: membership of an operating park in that host, or exports to it last round. */
export const hasFoothold = (state: MatchState, cluster: ClusterState, host: string): boolean =>
  state.parks.some((k) => k.country === host && k.level >= 1 && k.members.includes(cluster.id)) || (cluster.soldIn[host] ?? 0) > 0;

/** Members of a twin park in that host get an extra step of presence. */
const twinStep = (state: MatchState, cluster: ClusterState, host: string): number =>
  state.parks.some((k) => k.country === host && k.twin !== null && k.members.includes(cluster.id)) ? state.scenario.parameters.brandRules.twinBonus : 0;

/** Step 4: A7 raises brand presence in the host, opening an own (OWN) channel there, and cuts lock-in. */
export function applyKnowledge(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  const b = p.brandRules;
  for (const { seat, order } of ordersOf(ctx, "applyKnowledge")) {
    const cluster = clusterOf(state, seat);
    if (!cluster) continue;
    cluster.money -= p.costs.A7.money ?? 0;
    cluster.apUsed += p.costs.A7.ap;
    const presence = Math.min(brandCap(state, cluster), (cluster.brand[order.host] ?? 0) + b.step + twinStep(state, cluster, order.host));
    cluster.brand[order.host] = presence;
    for (const link of cluster.links) link.lockin = Math.max(0, link.lockin - b.lockinCut);
    report.add("BRAND_OPENED", [seat, order.host], true, { cluster: seat, host: order.host, presence, cap: brandCap(state, cluster), lockinCut: b.lockinCut });
  }
}
