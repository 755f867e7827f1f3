/**
 * Governance of each lead-firm link, computed from complexity C, codifiability D and relative
 * supplier capability K (Gereffi, Humphrey and Sturgeon 2005; GAME-RULES 5.5). Nothing assigns a
 * governance type: players move K by upgrading, events and standards move C and D, and the GHS
 * table with hysteresis and entry conditions says what the link becomes.
 */
import type { ResolveContext } from "./context.ts";
import { leadOf, sectorOf } from "./lookup.ts";
import type { ClusterState, Link, MatchState } from "./state.ts";
import { clamp } from "./state.ts";
import type { LinkGovernance, Localized } from "./types.ts";

export interface LinkDrivers {
  C: number;
  D: number;
  /** Absolute capability (P + Q) / 20. */
  Kabs: number;
  /** Capability relative to the transaction's demands: Kabs - kC * C + k0. */
  K: number;
  highC: boolean;
  highD: boolean;
  highK: boolean;
}

/** Above the threshold, with hysteresis: a driver that was high stays high down to theta - h. */
export const isHigh = (x: number, wasHigh: boolean, theta: number, h: number): boolean => (wasHigh ? x >= theta - h : x >= theta + h);

export function linkDrivers(state: MatchState, cluster: ClusterState, link: Link): LinkDrivers {
  const g = state.scenario.parameters.gov;
  const sector = sectorOf(state, cluster.sector);
  const shift = state.sectorShifts[cluster.sector] ?? { C: 0, D: 0 };
  const barrier = leadOf(state, link.leadFirm)?.barrier[cluster.sector] ?? 0;
  const C = clamp((sector?.C ?? 0) + shift.C, 0, 1);
  const D = clamp((sector?.D ?? 0) + shift.D - (link.attemptingFunc ? barrier : 0), 0, 1);
  const Kabs = (cluster.P + cluster.Q) / 20;
  const K = clamp(Kabs - g.kC * C + g.k0, 0, 1);
  return {
    C,
    D,
    Kabs,
    K,
    highC: isHigh(C, link.high.C, g.theta, g.hyst),
    highD: isHigh(D, link.high.D, g.theta, g.hyst),
    highK: isHigh(K, link.high.K, g.theta, g.hyst),
  };
}

/** The GHS key-determinant table (GAME-RULES 5.5); EXCLUDED when a simple, codified chain needs more than the supplier can do. */
export function ghsGovernance(highC: boolean, highD: boolean, highK: boolean): LinkGovernance | "EXCLUDED" {
  if (!highC) {
    if (highD && !highK) return "EXCLUDED";
    return "MARKET";
  }
  if (highD) return highK ? "MODULAR" : "CAPTIVE";
  return highK ? "RELATIONAL" : "HIERARCHY";
}

export interface GovernanceVerdict {
  drivers: LinkDrivers;
  /** What the GHS table says before entry conditions. */
  table: LinkGovernance | "EXCLUDED";
  governance: LinkGovernance;
  excluded: boolean;
  /** The entry condition that kept the link out of the table's type, if any. */
  blocked: null | { wanted: LinkGovernance; need: Localized; reputation: number; F: number; trust: number };
}

/**
 * Entry conditions gate moves into network and market governance ("developing-country clusters
 * find them hard to enter"); a link already in a type keeps it without qualifying again, which is
 * how the scenario's starting links count as established relationships (docs/rules.md).
 */
export function decideGovernance(state: MatchState, cluster: ClusterState, link: Link): GovernanceVerdict {
  const g = state.scenario.parameters.gov;
  const drivers = linkDrivers(state, cluster, link);
  const table = ghsGovernance(drivers.highC, drivers.highD, drivers.highK);
  if (table === "EXCLUDED") return { drivers, table, governance: link.governance, excluded: true, blocked: null };
  if (table === link.governance) return { drivers, table, governance: table, excluded: false, blocked: null };

  const baseline = sectorOf(state, cluster.sector)?.C ?? 0;
  const fallback: LinkGovernance = drivers.highD ? "CAPTIVE" : "HIERARCHY";
  const facts = { reputation: cluster.R, F: cluster.F, trust: link.trust };
  const blocked = (wanted: LinkGovernance, need: Localized, to: LinkGovernance): GovernanceVerdict => ({
    drivers,
    table,
    governance: to,
    excluded: false,
    blocked: { wanted, need, ...facts },
  });
  if (table === "MODULAR" || table === "RELATIONAL") {
    if (cluster.R < g.entry.networkMinR) return blocked(table, { en: `reputation ${g.entry.networkMinR}`, zh: `声誉 ${g.entry.networkMinR}` }, fallback);
    if (table === "RELATIONAL" && link.trust < g.entry.relationalTrustRounds && !coLocated(state, cluster, link)) {
      return blocked(table, { en: `${g.entry.relationalTrustRounds} rounds of trust`, zh: `${g.entry.relationalTrustRounds} 回合的信任` }, fallback);
    }
  }
  if (table === "MARKET" && baseline >= g.theta && (cluster.R < g.entry.marketDiffMinR || cluster.F < g.entry.marketDiffMinF)) {
    return blocked(
      "MARKET",
      { en: `reputation ${g.entry.marketDiffMinR} and functional capability ${g.entry.marketDiffMinF}`, zh: `声誉 ${g.entry.marketDiffMinR} 与功能能力 ${g.entry.marketDiffMinF}` },
      cluster.R >= g.entry.networkMinR ? "MODULAR" : "CAPTIVE");
  }
  return { drivers, table, governance: table, excluded: false, blocked: null };
}

/** Spatial proximity: the cluster shares a park with one of the lead firm's own plants (lead-firm plants come with L4). */
function coLocated(state: MatchState, cluster: ClusterState, link: Link): boolean {
  return state.parks.some((park) => park.members.includes(cluster.id) && park.members.includes(link.leadFirm));
}

/**
 * Recomputes every link (5.4 steps 5 and 10). After upgrading (`afterUpgrading`), links that are
 * still captive deepen their lock-in; leaving captive resets it.
 */
export function recomputeGovernance(ctx: ResolveContext, afterUpgrading: boolean): void {
  const { state, p, report } = ctx;
  const g = p.gov;
  for (const cluster of state.clusters) {
    for (const link of cluster.links) {
      const before = link.governance;
      const wasExcluded = link.excluded;
      const verdict = decideGovernance(state, cluster, link);
      const d = verdict.drivers;
      link.high = { C: d.highC, D: d.highD, K: d.highK };
      link.governance = verdict.governance;
      link.excluded = verdict.excluded;
      const numbers = { cluster: cluster.id, leadFirm: link.leadFirm, K: d.K, C: d.C, D: d.D, P: cluster.P, Q: cluster.Q, theta: g.theta, hyst: g.hyst };
      if (verdict.excluded && !wasExcluded) report.add("GOV_EXCLUDED", [cluster.id, link.leadFirm], false, numbers);
      if (!verdict.excluded && wasExcluded) report.add("GOV_READMITTED", [cluster.id, link.leadFirm], false, numbers);
      if (before !== link.governance) {
        report.add("GOV_SHIFT", [cluster.id, link.leadFirm], true, { ...numbers, from: before, to: link.governance, K_state: d.highK ? "high" : "low", D_state: d.highD ? "high" : "low", C_state: d.highC ? "high" : "low" });
      }
      if (verdict.blocked && verdict.blocked.wanted !== before) {
        report.add("GOV_ENTRY_BLOCKED", [cluster.id], false, { ...numbers, wanted: verdict.blocked.wanted, need: verdict.blocked.need.en, needZh: verdict.blocked.need.zh, R: cluster.R, F: cluster.F, trust: link.trust, to: link.governance });
      }
      if (link.governance !== "HIERARCHY") {
        link.buyoutOffered = false;
        link.subsidiary = false;
      }
      if (afterUpgrading) {
        link.lockin = link.governance === "CAPTIVE" ? Math.min(g.lockinMax, link.lockin + 1) : 0;
        link.attemptingFunc = false;
      }
    }
  }
}
