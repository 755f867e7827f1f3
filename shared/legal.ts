/**
 * The actions a seat could take now, each one valid on its own. Bots and AI players choose from
 * this list, humans see the same choices in the client. Continuous amounts are offered at a few
 * representative values.
 */
import type { Action } from "./actions.ts";
import { clusterOf, hostOf, leadOf, parkAt, seatOf } from "./lookup.ts";
import type { MatchState } from "./state.ts";
import { ENV_LEVELS, STANCES, UPGRADE_TYPES, type SeatId } from "./types.ts";
import { validateAction } from "./validate.ts";

const LOAN_STEPS = [10, 20, 40];
const TRANSFER_BLOCKS = [1, 2, 3];

export function legalActions(state: MatchState, seat: SeatId): Action[] {
  const role = seatOf(state, seat)?.role;
  const candidates: Action[] = [...answers(state, seat)];
  if (role === "cluster") candidates.push(...clusterCandidates(state, seat));
  if (role === "host") candidates.push(...hostCandidates(state, seat));
  if (role === "lead") candidates.push(...leadCandidates(state, seat));
  for (const c of state.contracts) if (c.parties.includes(seat)) candidates.push({ type: "breach", contract: c.id });
  return candidates.filter((a) => validateAction(state, seat, a).ok);
}

function answers(state: MatchState, seat: SeatId): Action[] {
  const out: Action[] = [];
  for (const offer of state.offers) {
    if (offer.to === seat) out.push({ type: "accept", offer: offer.id }, { type: "reject", offer: offer.id });
    if (offer.from === seat) out.push({ type: "withdraw", offer: offer.id });
  }
  return out;
}

/** Nodes in a host where capacity can go: operating parks first, then its market city. */
function destinations(state: MatchState, host: SeatId): string[] {
  const h = state.scenario.hosts.find((x) => x.id === host);
  const parks = state.scenario.nodes.filter((n) => n.country === host && parkAt(state, n.id)).map((n) => n.id);
  return [...new Set([...parks, ...(h ? [h.marketNode] : [])])];
}

function clusterCandidates(state: MatchState, seat: SeatId): Action[] {
  const c = clusterOf(state, seat);
  if (!c) return [];
  const out: Action[] = [];
  for (const stance of STANCES) if (stance !== c.stance) out.push({ type: "stance", stance });
  if (c.links.length > 0) {
    for (const share of [0, 0.5, 1]) out.push({ type: "plan", shares: Object.fromEntries(c.links.map((l) => [l.leadFirm, share / c.links.length])) });
  }
  for (const upgrade of UPGRADE_TYPES) for (const times of [1, 2]) out.push({ type: "upgrade", upgrade, investment: times * state.scenario.parameters.upgrade.iref[upgrade] });
  for (const link of c.links) out.push({ type: "learn", leadFirm: link.leadFirm });
  for (const lead of state.leadFirms) out.push({ type: "switchChain", leadFirm: lead.id, join: !c.links.some((l) => l.leadFirm === lead.id) });
  for (const stage of ["U2", "D2"] as const) out.push({ type: "buildEndStage", stage });
  out.push({ type: "openLine", blocks: 2 });
  for (const host of state.hosts) out.push({ type: "applyKnowledge", host: host.id });
  for (const park of state.parks) {
    for (const mode of ["build", "upgrade", "join"] as const) out.push({ type: "park", park: park.id, mode });
    if (park.country !== "CHN") out.push({ type: "propose", to: park.country, terms: { kind: "park", park: park.id, fromContribution: 10, toContribution: 10 } });
  }
  for (const amount of LOAN_STEPS) out.push({ type: "loan", amount });
  if (c.loan > 0) out.push({ type: "repay", amount: Math.min(c.loan, Math.max(0, Math.floor(c.money))) || 1 });
  for (const plant of c.plants) if (plant.blocks.M > 0) out.push({ type: "scrap", node: plant.node, stage: "M", blocks: 1 });
  for (const plant of c.plants) if (plant.blocks.M > plant.greenM) out.push({ type: "greenRetrofit", node: plant.node, blocks: Math.min(2, plant.blocks.M - plant.greenM) });
  for (const contract of state.contracts) {
    if (contract.terms.kind === "transfer" && contract.terms.cluster === seat && !contract.executed) out.push({ type: "transfer", contract: contract.id });
  }
  for (const host of state.hosts) {
    for (const node of destinations(state, host.id)) {
      for (const blocks of TRANSFER_BLOCKS) {
        out.push({ type: "propose", to: host.id, terms: { kind: "transfer", cluster: seat, host: host.id, node, stage: "M", blocks, payment: 0, jv: host.policies.jv } });
      }
    }
  }
  for (const link of c.links) out.push({ type: "propose", to: link.leadFirm, terms: { kind: "supply", cluster: seat, leadFirm: link.leadFirm, units: 2, rounds: 2 } });
  return out;
}

function hostCandidates(state: MatchState, seat: SeatId): Action[] {
  const h = hostOf(state, seat);
  if (!h) return [];
  const p = state.scenario.parameters;
  const out: Action[] = [];
  for (const sector of state.scenario.sectors) for (const rate of p.trade.tariffLevels) out.push({ type: "tariff", sector: sector.id, rate });
  for (const rate of p.trade.lcrLevels) out.push({ type: "lcr", rate });
  out.push({ type: "infrastructure", borrow: false }, { type: "infrastructure", borrow: true }, { type: "training" });
  for (const level of ENV_LEVELS) out.push({ type: "environment", level });
  out.push({ type: "sez", on: !h.policies.sez }, { type: "jv", required: !h.policies.jv });
  const inHost = new Set(state.scenario.nodes.filter((n) => n.country === seat).map((n) => n.id));
  for (const e of state.edges) if (inHost.has(e.from) || inHost.has(e.to)) out.push({ type: "corridorInvest", edge: e.id });
  const node = destinations(state, seat)[0];
  if (node) {
    for (const c of state.clusters) {
      out.push({ type: "propose", to: c.id, terms: { kind: "transfer", cluster: c.id, host: seat, node, stage: "M", blocks: 2, payment: 5, jv: h.policies.jv } });
    }
  }
  return out;
}

function leadCandidates(state: MatchState, seat: SeatId): Action[] {
  const l = leadOf(state, seat);
  if (!l) return [];
  const moves: Action[] = l.sectors.flatMap((sector) => [
    { type: "raiseBarrier" as const, sector },
    { type: "standardise" as const, sector },
    ...state.hosts.filter((h) => h.w < 0.3).map((h) => ({ type: "integrate" as const, sector, host: h.id })),
    ...[...new Set(state.clusters.filter((c) => c.sector === sector).flatMap((c) => c.plants.map((pl) => pl.host)))]
      .filter((host): host is string => host !== null)
      .map((host) => ({ type: "switchSuppliers" as const, sector, host })),
  ]);
  return moves.concat(state.clusters
    .filter((c) => c.links.some((k) => k.leadFirm === seat))
    .map((c) => ({ type: "propose" as const, to: c.id, terms: { kind: "supply" as const, cluster: c.id, leadFirm: seat, units: 3, rounds: 2 } })));
}
