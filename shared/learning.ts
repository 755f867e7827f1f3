/**
 * Learning from lead firms (GAME-RULES 5.6): every link passes on process and product know-how in
 * proportion to how tightly it is governed; actively learning (A4) doubles it and deepens lock-in.
 * Lead firms never pass on design and marketing (no F spillover).
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { clusterOf, leadOf } from "./lookup.ts";
import type { SeatId } from "./types.ts";

/** Step 7 of 5.4: dP = lambdaP[gov] * share * (P_L - P) / 10 * learn_mult, and likewise Q. */
export function learnFromLeadFirms(ctx: ResolveContext): void {
  const { state, p, report } = ctx;
  const active = new Map<SeatId, Set<string>>();
  for (const { seat, order } of ordersOf(ctx, "learn")) {
    const set = active.get(seat) ?? new Set<string>();
    set.add(order.leadFirm);
    active.set(seat, set);
  }
  for (const cluster of state.clusters) {
    const stanceMult = p.stance[cluster.stance].learn;
    let dP = 0;
    let dQ = 0;
    for (const link of cluster.links) {
      const lead = leadOf(state, link.leadFirm);
      if (!lead || link.excluded || link.share <= 0) continue;
      const studying = active.get(cluster.id)?.has(link.leadFirm) ?? false;
      const mult = stanceMult * (studying ? p.learning.activeMult : 1);
      const gainP = (p.learning.lambdaP[link.governance] * link.share * Math.max(0, lead.P - cluster.P)) / 10 * mult;
      const gainQ = (p.learning.lambdaQ[link.governance] * link.share * Math.max(0, lead.Q - cluster.Q)) / 10 * mult;
      dP += gainP;
      dQ += gainQ;
      if (studying) {
        link.lockin = Math.min(p.gov.lockinMax, link.lockin + 1);
        report.add("LEARNED_ACTIVELY", [cluster.id, link.leadFirm], false, {
          cluster: cluster.id,
          leadFirm: link.leadFirm,
          dP: gainP,
          dQ: gainQ,
          governance: link.governance,
          lambdaP: p.learning.lambdaP[link.governance],
          share: link.share,
          lockin: link.lockin,
        });
      }
    }
    // A new line catches up with the cluster's capability as it learns the new chain (5.6).
    for (const plant of cluster.plants) if (plant.skill !== undefined) plant.skill = Math.min(1, plant.skill + p.chainRules.lineLearn);
    // Spillovers close the gap to the lead firm; they never take back what upgrading earned.
    cluster.P = Math.max(cluster.P, Math.min(p.learning.leadCap, cluster.P + dP));
    cluster.Q = Math.max(cluster.Q, Math.min(p.learning.leadCap, cluster.Q + dQ));
  }
  for (const { seat } of ordersOf(ctx, "learn")) {
    const cluster = clusterOf(state, seat);
    if (!cluster) continue;
    cluster.money -= p.costs.A4.money ?? 0;
    cluster.apUsed += p.costs.A4.ap;
  }
}
