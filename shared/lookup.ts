/** Finding entities in the state by id, and the small facts about them several modules need. */
import type { ClusterState, HostState, LeadFirmState, MatchState, Plant } from "./state.ts";
import type { NodeSpec, SectorSpec } from "./scenario/schema.ts";
import type { SeatId } from "./types.ts";

export const clusterOf = (state: MatchState, id: SeatId): ClusterState | undefined => state.clusters.find((c) => c.id === id);
export const hostOf = (state: MatchState, id: SeatId): HostState | undefined => state.hosts.find((h) => h.id === id);
export const leadOf = (state: MatchState, id: SeatId): LeadFirmState | undefined => state.leadFirms.find((l) => l.id === id);
export const seatOf = (state: MatchState, id: SeatId) => state.seats.find((s) => s.id === id);
export const nodeOf = (state: MatchState, id: string): NodeSpec | undefined => state.scenario.nodes.find((n) => n.id === id);
export const sectorOf = (state: MatchState, id: string): SectorSpec | undefined => state.scenario.sectors.find((s) => s.id === id);
export const plantAt = (cluster: ClusterState, node: string): Plant | undefined => cluster.plants.find((p) => p.node === node);
export const homePlant = (cluster: ClusterState): Plant | undefined => plantAt(cluster, cluster.homeNode);

/** The AP an entity gets each turn (a level-3 park bonus comes with the parks module). */
export function apAllowance(state: MatchState, seat: SeatId): number {
  const ap = state.scenario.parameters.ap;
  if (clusterOf(state, seat)) return ap.cluster;
  if (hostOf(state, seat)) return ap.host;
  return ap.lead;
}

export function apUsed(state: MatchState, seat: SeatId): number {
  return (clusterOf(state, seat) ?? hostOf(state, seat) ?? leadOf(state, seat))?.apUsed ?? 0;
}

/** An operating park (level 1 or more) at this node, if any. */
export const parkAt = (state: MatchState, node: string) => state.parks.find((p) => p.node === node && p.level >= 1);

/** Whoever holds money under this seat id. */
export const accountOf = (state: MatchState, seat: SeatId): { money: number } | undefined =>
  clusterOf(state, seat) ?? hostOf(state, seat) ?? leadOf(state, seat);
