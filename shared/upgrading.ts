/**
 * Upgrading (Humphrey and Schmitz; GAME-RULES 5.6): process, product, functional and chain
 * upgrades are dice rolls whose odds depend on the governance of the cluster's output portfolio.
 * Captive chains speed process and product upgrading and choke functional upgrading; market and
 * own channels leave room for it; abandoning assembly frees resources for it.
 */
import { ordersOf, type ResolveContext } from "./context.ts";
import { clusterOf } from "./lookup.ts";
import type { ClusterState, MatchState } from "./state.ts";
import { clamp } from "./state.ts";
import { UPGRADE_TYPES, type Governance, type UpgradeType } from "./types.ts";

export const LEVEL_OF: Record<UpgradeType, "P" | "Q" | "F" | "X"> = { PROC: "P", PROD: "Q", FUNC: "F", CHAIN: "X" };

/**
 * The output portfolio by governance: last round's sales by channel (own channels included); before
 * the first sale, the sales plan's link shares with the rest sold at arm's length (MARKET).
 */
export function portfolio(cluster: ClusterState): Array<{ governance: Governance; share: number }> {
  const sold = Object.entries(cluster.salesMix).filter(([, share]) => (share ?? 0) > 0);
  if (sold.length > 0) return sold.map(([governance, share]) => ({ governance: governance as Governance, share: share ?? 0 }));
  const linked = cluster.links.filter((l) => !l.excluded && l.share > 0).map((l) => ({ governance: l.governance as Governance, share: l.share }));
  const rest = Math.max(0, 1 - linked.reduce((s, l) => s + l.share, 0));
  return rest > 0 ? [...linked, { governance: "MARKET", share: rest }] : linked;
}

export interface UpgradeOdds {
  type: UpgradeType;
  investment: number;
  p: number;
  base: number;
  /** G_eff: the governance table weighted over the output portfolio. */
  governance: number;
  investmentFactor: number;
  parkFactor: number;
  freedFactor: number;
  stance: number;
  prereq: number;
  levelFactor: number;
  level: number;
  lockinFactor: number;
  lockin: number;
}

/** p = clamp(b * G_eff * sqrt(I / I_ref) * park * freed * stance * prereq * (1 - decay * level) * lock-in, pMin, pMax). */
export function upgradeOdds(state: MatchState, cluster: ClusterState, type: UpgradeType, investment: number): UpgradeOdds {
  const p = state.scenario.parameters;
  const u = p.upgrade;
  const rules = p.upgradeRules;
  const t = UPGRADE_TYPES.indexOf(type);
  const mix = portfolio(cluster);
  const total = mix.reduce((s, m) => s + m.share, 0);
  const governance = total > 0 ? mix.reduce((s, m) => s + m.share * (u.G[m.governance][t] ?? 0), 0) / total : (u.G.MARKET[t] ?? 0);
  const parkLevel = Math.max(0, ...state.parks.filter((k) => k.members.includes(cluster.id)).map((k) => k.level));
  const freedRatio = Math.min(1, cluster.freed / rules.freedNorm);
  const level = cluster[LEVEL_OF[type]];
  const lockin = type === "FUNC" && total > 0 ? cluster.links.filter((l) => !l.excluded && l.share > 0).reduce((s, l) => s + l.share * l.lockin, 0) / total : 0;
  const odds = {
    type,
    investment,
    base: u.base[type],
    governance,
    investmentFactor: Math.sqrt(investment / u.iref[type]),
    parkFactor: 1 + u.parkBonusPerLevel * parkLevel,
    freedFactor: type === "FUNC" ? 1 + rules.funcFreedBoost * freedRatio : 1,
    stance: p.stance[cluster.stance].upg,
    prereq: meetsPrereq(state, cluster, type) ? 1 : rules.prereqPenalty,
    levelFactor: Math.max(0, 1 - u.levelDecay * level),
    level,
    lockinFactor: Math.max(0, 1 - p.gov.lockinPenalty * lockin),
    lockin,
  };
  const raw = odds.base * odds.governance * odds.investmentFactor * odds.parkFactor * odds.freedFactor * odds.stance * odds.prereq * odds.levelFactor * odds.lockinFactor;
  return { ...odds, p: clamp(raw, u.pMin, u.pMax) };
}

function meetsPrereq(state: MatchState, cluster: ClusterState, type: UpgradeType): boolean {
  const rule = state.scenario.parameters.upgradeRules.prereq[type];
  if (!rule) return true;
  if ("all" in rule) return Object.entries(rule.all).every(([k, min]) => cluster[k as "P"] >= (min ?? 0));
  return Object.entries(rule.any).some(([k, min]) => cluster[k as "P"] >= (min ?? 0));
}

/** Before governance is recomputed: a functional attempt lets the lead firm's barrier lower the D the cluster sees (L2). */
export function markFunctionalAttempts(ctx: ResolveContext): void {
  for (const { seat, order } of ordersOf(ctx, "upgrade")) {
    if (order.upgrade !== "FUNC") continue;
    for (const link of clusterOf(ctx.state, seat)?.links ?? []) link.attemptingFunc = true;
  }
}

/**
 * Step 8 of 5.4. Each A3 order pays its investment and rolls: success raises the level by 1
 * (a roll under p / critDiv is a breakthrough, +2); failure still teaches (+failXP). Money is spent
 * either way.
 */
export function rollUpgrades(ctx: ResolveContext): void {
  const { state, p, report, rng } = ctx;
  const rules = p.upgradeRules;
  for (const { seat, order } of ordersOf(ctx, "upgrade")) {
    const cluster = clusterOf(state, seat);
    if (!cluster) continue;
    const odds = upgradeOdds(state, cluster, order.upgrade, order.investment);
    cluster.money -= order.investment;
    cluster.apUsed += p.costs.A3.ap;
    const roll = rng.next();
    const key = LEVEL_OF[order.upgrade];
    const from = cluster[key];
    const numbers = {
      cluster: seat,
      type: order.upgrade,
      investment: order.investment,
      p: odds.p,
      roll,
      base: odds.base,
      G: odds.governance,
      inv: odds.investmentFactor,
      stance: odds.stance,
      prereq: odds.prereq,
      level: odds.level,
      lockin: odds.lockin,
      freed: odds.freedFactor,
    };
    if (roll < odds.p) {
      const breakthrough = roll < odds.p / p.upgrade.critDiv;
      cluster[key] = Math.min(rules.maxLevel, from + (breakthrough ? rules.breakthroughLevels : 1));
      report.add(breakthrough ? "UPGRADE_BREAKTHROUGH" : "UPGRADE_SUCCESS", [seat], true, { ...numbers, from, to: cluster[key] });
    } else {
      cluster[key] = Math.min(rules.maxLevel, from + p.upgrade.failXP);
      report.add(odds.lockin > 0 && order.upgrade === "FUNC" ? "UPGRADE_FAILED_LOCKIN" : "UPGRADE_FAILED", [seat], true, { ...numbers, from, to: cluster[key] });
    }
  }
}
