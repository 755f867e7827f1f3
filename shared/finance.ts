/** Seat settings (A2, A11, A12), loans, interest, and what happens when money runs out (GAME-RULES 11). */
import { ordersOf, type ResolveContext } from "./context.ts";
import { clusterOf, homePlant } from "./lookup.ts";
import { clamp, type ClusterState } from "./state.ts";
import { addFreedCredit, removeBlocks } from "./transfer.ts";

/** Applied first: the road a cluster takes, its sales plan and its borrowing shape the whole turn. */
export function applySettings(ctx: ResolveContext): void {
  const { state, report } = ctx;
  for (const { seat, order } of ordersOf(ctx, "stance")) {
    const c = clusterOf(state, seat) as ClusterState;
    c.stance = order.stance;
    c.stanceSetTurn = state.turn;
    report.add("STANCE_SET", [seat], false, { cluster: seat, stance: order.stance });
  }
  for (const { seat, order } of ordersOf(ctx, "plan")) {
    const c = clusterOf(state, seat) as ClusterState;
    for (const link of c.links) link.share = order.shares[link.leadFirm] ?? link.share;
    report.add("PLAN_SET", [seat], false, { cluster: seat });
  }
  for (const { seat, order } of ordersOf(ctx, "loan")) {
    const c = clusterOf(state, seat) as ClusterState;
    c.loan += order.amount;
    c.money += order.amount;
    report.add("LOAN_TAKEN", [seat], false, { cluster: seat, amount: order.amount, owed: c.loan });
  }
  for (const { seat, order } of ordersOf(ctx, "repay")) {
    const c = clusterOf(state, seat) as ClusterState;
    const amount = Math.min(order.amount, c.loan, Math.max(0, c.money));
    c.loan -= amount;
    c.money -= amount;
    report.add("LOAN_REPAID", [seat], false, { cluster: seat, amount, owed: c.loan });
  }
}

/**
 * End of the round for each cluster: interest, reputation drift from its stance, decay of freed
 * credit; then, if money is negative: emergency credit from the policy bank up to the loan cap,
 * forced scrapping of idle M blocks at home, and finally restructuring (section 11, docs/rules.md).
 */
export function settleClusters(ctx: ResolveContext): void {
  const { p, state, report } = ctx;
  const f = p.finance;
  for (const c of state.clusters) {
    c.money -= c.loan * f.loanRate;
    c.R = clamp(c.R + p.stance[c.stance].rep, p.reputation.min, p.reputation.max);
    c.freed *= 1 - p.upgrade.freedDecay;
    for (const link of c.links) if (link.share > 0) link.trust += 1;
    if (c.money >= 0) continue;

    const credit = Math.min(-c.money, Math.max(0, f.loanMax - c.loan));
    if (credit > 0) {
      c.loan += credit;
      c.money += credit;
      report.add("EMERGENCY_CREDIT", [c.id], true, { seat: c.id, amount: credit });
    }
    const home = homePlant(c);
    if (c.money < 0 && home) {
      const idle = Math.floor(home.blocks.M - (ctx.producedM.get(home) ?? 0) + 1e-9);
      const needed = Math.ceil(-c.money / f.scrapSubsidy);
      const scrapped = Math.max(0, Math.min(idle, needed));
      if (scrapped > 0) {
        removeBlocks(home, "M", scrapped);
        c.money += scrapped * f.scrapSubsidy;
        addFreedCredit(state, c, scrapped);
        report.add("FORCED_SCRAP", [c.id], true, { seat: c.id, blocks: scrapped });
      }
    }
    if (c.money < 0) {
      report.add("RESTRUCTURED", [c.id], true, { seat: c.id, amount: -c.money, rep: f.restructureRep, penalty: f.restructurePenalty });
      c.money = 0;
      c.R = clamp(c.R - f.restructureRep, p.reputation.min, p.reputation.max);
      c.restructurings += 1;
    }
  }
}
