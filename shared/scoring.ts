/** The scoring snapshot of 5.14: a raw score per seat and its percentile within its role. */
import { hostOf } from "./lookup.ts";
import { smileIndex } from "./market.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { ClusterState, HostState, LeadFirmState, MatchState, ScoreRow } from "./state.ts";
import { blocksTotal } from "./state.ts";
import { ROLES, type Role, type SeatId } from "./types.ts";

/** Blocks standing in each host, all clusters together. */
export function blocksByHost(state: MatchState): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of state.clusters) for (const pl of c.plants) if (pl.host !== null) out.set(pl.host, (out.get(pl.host) ?? 0) + blocksTotal(pl.blocks));
  return out;
}

/** Industrialisation gained in the hosts where the cluster has blocks, weighted by its share of their blocks. */
export function partnerZ(state: MatchState, cluster: ClusterState, hostBlocks: ReadonlyMap<string, number> = blocksByHost(state)): number {
  let total = 0;
  for (const pl of cluster.plants) {
    if (pl.host === null) continue;
    const host = hostOf(state, pl.host);
    const all = hostBlocks.get(pl.host) ?? 0;
    if (host && all > 0) total += (host.Z - host.Z0) * (blocksTotal(pl.blocks) / all);
  }
  return total;
}

export function clusterScore(state: MatchState, c: ClusterState, hostBlocks?: ReadonlyMap<string, number>): number {
  const p = state.scenario.parameters;
  const s = p.score;
  return (
    c.vaCum / s.vaDiv +
    s.smileW * smileIndex(c.vaLast, p) +
    s.repW * c.R +
    s.partnerZW * partnerZ(state, c, hostBlocks) -
    s.emisW * c.emissions -
    s.immiserPenalty * c.immiserFlags -
    p.finance.restructurePenalty * c.restructurings
  );
}

export function hostScore(state: MatchState, h: HostState): number {
  const p = state.scenario.parameters;
  const s = p.hostScore;
  return (
    s.zW * (h.Z - h.Z0) +
    s.jobsW * h.jobs +
    s.aW * (h.A - h.A0) +
    s.taxW * h.taxCum +
    s.approvalW * (h.approval - p.host.approvalStart) -
    Math.max(0, h.E - s.eThreshold) -
    s.debtDistressPenalty * Number(h.debtDistressOccurred)
  );
}

export function leadScore(state: MatchState, l: LeadFirmState): number {
  const s = state.scenario.parameters.leadScore;
  const controlled = state.clusters.filter((c) => c.links.some((k) => k.leadFirm === l.id && (k.governance === "CAPTIVE" || k.governance === "HIERARCHY"))).length;
  const shares = l.sectors.map((sector) => {
    const all = state.leadFirms.reduce((sum, other) => sum + (other.purchasesLast[sector] ?? 0), 0);
    return all > 0 ? (l.purchasesLast[sector] ?? 0) / all : 0;
  });
  const marketShare = shares.length > 0 ? shares.reduce((a, b) => a + b, 0) / shares.length : 0;
  return l.profitCum / s.profitDiv + s.perControlledSupplier * controlled + s.marketShareW * marketShare;
}

/** Percentile within the role: the share of the others scoring below, ties counting half; 100 when alone. */
export function percentiles(rows: ReadonlyArray<{ seat: SeatId; score: number }>): Map<SeatId, number> {
  const out = new Map<SeatId, number>();
  for (const row of rows) {
    if (rows.length === 1) {
      out.set(row.seat, 100);
      continue;
    }
    let below = 0;
    for (const other of rows) {
      if (other.seat === row.seat) continue;
      if (other.score < row.score) below += 1;
      else if (other.score === row.score) below += 0.5;
    }
    out.set(row.seat, (100 * below) / (rows.length - 1));
  }
  return out;
}

/**
 * The class-wide win-win index (5.14): half the share of hosts whose industrialisation rose by the
 * target, half the share of clusters at the smile target. Achieved at the threshold while the world
 * stays under its pollution cap; then every score is multiplied by winwinMult.
 */
export function winwinIndex(state: MatchState): { index: number; achieved: boolean } {
  const s = state.scenario.parameters.score;
  const hosts = state.hosts.length > 0 ? state.hosts.filter((h) => h.Z - h.Z0 >= s.hostZTarget).length / state.hosts.length : 0;
  const clusters = state.clusters.length > 0 ? state.clusters.filter((c) => smileIndex(c.vaLast, state.scenario.parameters) >= s.clusterSTarget).length / state.clusters.length : 0;
  const index = 0.5 * hosts + 0.5 * clusters;
  const underCap = state.emissionsCap === null || state.worldFlow <= state.emissionsCap;
  return { index, achieved: index >= s.winwinThreshold && underCap };
}

interface TeamCorridors {
  ids: string[];
  /** Indices of the teams each node lies on, and of those each country has a node on. */
  byNode: Map<string, number[]>;
  byCountry: Map<string, number[]>;
}

const teamsByScenario = new WeakMap<Scenario, TeamCorridors>();

/** Each team corridor, and which of them each node and each country is on (computed once per scenario). */
function teamCorridors(scenario: Scenario): TeamCorridors {
  let teams = teamsByScenario.get(scenario);
  if (!teams) {
    const country = new Map(scenario.nodes.map((n) => [n.id, n.country]));
    const corridors = scenario.corridors.filter((c) => c.kind !== "domestic");
    const byNode = new Map<string, number[]>();
    const byCountry = new Map<string, number[]>();
    const join = (index: Map<string, number[]>, key: string, team: number) => {
      const list = index.get(key);
      if (!list) index.set(key, [team]);
      else if (!list.includes(team)) list.push(team);
    };
    corridors.forEach((c, team) => {
      for (const node of c.paths.flat()) {
        join(byNode, node, team);
        join(byCountry, country.get(node) ?? "", team);
      }
    });
    teams = { ids: corridors.map((c) => c.id), byNode, byCountry };
    teamsByScenario.set(scenario, teams);
  }
  return teams;
}

/**
 * Corridor teams (5.14): the mean percentile of every seat with a node on the corridor: a host with
 * a node on it, a cluster with a plant on it (home plants count where home lies on it). The
 * domestic feeder network is not a team.
 */
export function corridorScores(state: MatchState, percentile: ReadonlyMap<SeatId, number>): MatchState["corridorScores"] {
  const teams = teamCorridors(state.scenario);
  // Each team's percentiles are summed in seat order (its hosts, then its clusters), as a list of them would be.
  const sums = teams.ids.map(() => 0);
  const counts = teams.ids.map(() => 0);
  const join = (team: number, seat: SeatId) => {
    sums[team] = (sums[team] as number) + (percentile.get(seat) ?? 0);
    counts[team] = (counts[team] as number) + 1;
  };
  for (const h of state.hosts) for (const team of teams.byCountry.get(h.id) ?? []) join(team, h.id);
  // The cluster that last joined each team: one with several plants on a corridor counts once.
  const lastJoined = teams.ids.map((): ClusterState | null => null);
  for (const c of state.clusters) {
    for (const pl of c.plants) {
      for (const team of teams.byNode.get(pl.node) ?? []) {
        if (lastJoined[team] === c) continue;
        lastJoined[team] = c;
        join(team, c.id);
      }
    }
  }
  return teams.ids
    .map((id, team) => {
      const seats = counts[team] as number;
      return { corridor: id, score: seats > 0 ? (sums[team] as number) / seats : 0, seats };
    })
    .sort((a, b) => b.score - a.score || (a.corridor < b.corridor ? -1 : 1));
}

export function scoreSnapshot(state: MatchState, winwin: { achieved: boolean } = winwinIndex(state)): ScoreRow[] {
  const p = state.scenario.parameters;
  const hostBlocks = blocksByHost(state);
  const mult = winwin.achieved ? p.score.winwinMult : 1;
  const raw: Array<{ seat: SeatId; role: Role; score: number; smile?: number }> = [
    ...state.clusters.map((c) => ({ seat: c.id, role: "cluster" as const, score: mult * clusterScore(state, c, hostBlocks), smile: smileIndex(c.vaLast, p) })),
    ...state.hosts.map((h) => ({ seat: h.id, role: "host" as const, score: mult * hostScore(state, h) })),
    ...state.leadFirms.map((l) => ({ seat: l.id, role: "lead" as const, score: mult * leadScore(state, l) })),
  ];
  const pct = new Map<SeatId, number>();
  for (const role of ROLES) for (const [seat, value] of percentiles(raw.filter((r) => r.role === role))) pct.set(seat, value);
  return raw.map((r) => ({ ...r, percentile: pct.get(r.seat) ?? 0 }));
}

/** Step 11: scores, percentiles, the win-win index and the corridor teams. */
export function scoreRound(state: MatchState): void {
  const winwin = winwinIndex(state);
  state.scores = scoreSnapshot(state, winwin);
  state.winwin = { ...state.winwin, index: winwin.index, achieved: winwin.achieved };
  state.corridorScores = corridorScores(state, new Map(state.scores.map((r) => [r.seat, r.percentile])));
}
