/**
 * The numbers behind AI decisions, estimated on a belief with the engine's own cost and price
 * formulas: what an M block earns at home and in a host, and what moving it costs.
 */
import { blockCost, productivity } from "../market.ts";
import { homePlant, parkAt, sectorOf } from "../lookup.ts";
import type { ClusterState, MatchState, Plant } from "../state.ts";
import { relocationCost } from "../transfer.ts";
import type { SeatId } from "../types.ts";

/** Last round's price of a sector's M output in a market (the public board), else the base price. */
export function boardPrice(state: MatchState, market: string, sector: string): number {
  const row = state.board.find((r) => r.market === market && r.sector === sector);
  if (row) return row.price;
  const spec = sectorOf(state, sector);
  return (spec?.P0 ?? 10) * (state.priceIndex[sector] ?? 1);
}

/** Spot demand left for newcomers in a market: demand less what was sold there last round. */
function roomIn(state: MatchState, market: string, sector: string): number {
  const row = state.board.find((r) => r.market === market && r.sector === sector);
  return row ? Math.max(0, row.demand - row.sold) : 0;
}

const quality = (state: MatchState, c: ClusterState): number => state.scenario.parameters.production.qualityBase + state.scenario.parameters.production.qualityPerQ * c.Q;

/** Margin of one producing M block at home: China price times quality less the full block cost. */
export function homeMargin(state: MatchState, c: ClusterState): number {
  const home = homePlant(c);
  if (!home) return 0;
  return boardPrice(state, "CHN", c.sector) * quality(state, c) - blockCost(state, c, home, "M").full;
}

/**
 * What a block earns at home on average over the rounds left: its margin now, less the rise of
 * Chinese wages (5.7) it will meet; an idle block earns minus its maintenance.
 */
export function homeValue(state: MatchState, c: ClusterState, idle: boolean): number {
  const p = state.scenario.parameters;
  if (idle) return -p.stages.M.fixed * p.production.idleMaintenance;
  const rise = p.stages.M.labour * state.china.wage * p.wages.cnGrowth * (roundsLeft(state) - 1) / 2;
  return homeMargin(state, c) - rise;
}

/** Where a cluster's capacity would go in a host: its first operating park, else its market city. */
export function destinationIn(state: MatchState, host: SeatId): string | null {
  const park = state.parks.find((k) => k.country === host && k.level >= 1);
  return park?.node ?? state.scenario.hosts.find((h) => h.id === host)?.marketNode ?? null;
}

export interface HostProspect {
  host: SeatId;
  node: string;
  margin: number;
  relocation: number;
  /** Gain per block over the rounds left, net of relocation: (host margin - home margin) * rounds - relocation. */
  gain: number;
}

/**
 * A host's margin for one M block: the better of its own market (where it has room) and the China
 * price, times quality and the host's productivity, less the block's cost there.
 */
export function hostProspect(state: MatchState, c: ClusterState, host: SeatId, roundsLeft: number, home = homeMargin(state, c)): HostProspect | null {
  const node = destinationIn(state, host);
  if (!node) return null;
  const reloc = relocationCost(state, c.homeNode, node, host);
  if (!reloc.ok) return null;
  const plant: Plant = { node, host, blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: state.turn };
  const local = roomIn(state, host, c.sector) >= 1 ? boardPrice(state, host, c.sector) : 0;
  const price = Math.max(local, boardPrice(state, "CHN", c.sector) * 0.9);
  const margin = price * quality(state, c) * productivity(state, plant) - blockCost(state, c, plant, "M").full;
  return { host, node, margin, relocation: reloc.value.perBlock, gain: (margin - home) * roundsLeft - reloc.value.perBlock };
}

/** M blocks that stood idle last round, or would at the scenario's starting utilisation before any sale. */
export function idleBlocks(state: MatchState, c: ClusterState): number {
  const home = homePlant(c);
  if (!home) return 0;
  if (c.unitsSold <= 0) {
    const linked = c.links.reduce((s, l) => s + l.share, 0);
    return Math.floor(home.blocks.M * (1 - state.scenario.parameters.china.startUtilisation) * (1 - linked) + 1e-9);
  }
  const capacity = c.plants.filter((pl) => pl.sector === undefined).reduce((s, pl) => s + pl.blocks.M * productivity(state, pl), 0);
  return Math.max(0, Math.floor(capacity - c.unitsSold + 1e-9));
}

export const mBlocks = (c: ClusterState): number => c.plants.filter((pl) => pl.sector === undefined).reduce((s, pl) => s + pl.blocks.M, 0);
export const mAbroad = (c: ClusterState): number => c.plants.filter((pl) => pl.sector === undefined && pl.host !== null).reduce((s, pl) => s + pl.blocks.M, 0);

/** Rounds still to play after this one, this one included. */
export const roundsLeft = (state: MatchState): number => Math.max(1, state.rounds - state.turn + 1);

/** Whether a park stands at the node and the cluster is not yet a member. */
export const joinablePark = (state: MatchState, c: ClusterState, node: string) => {
  const park = parkAt(state, node);
  return park && !park.members.includes(c.id) ? park : undefined;
};
