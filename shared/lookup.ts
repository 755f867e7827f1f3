/** Finding entities in the state by id, and the small facts about them several modules need. */
import type { ClusterState, HostState, LeadFirmState, MatchState, Plant } from "./state.ts";
import type { NodeSpec, Scenario, SectorSpec } from "./scenario/schema.ts";
import type { SeatId } from "./types.ts";

const indexes = new WeakMap<ReadonlyArray<{ id: string }>, Map<string, { id: string }>>();

/**
 * Finds by id through an index built once per list. Entity lists never change length after a
 * match starts (drafts copy them whole), so a list's index stays right.
 */
function byId<T extends { id: string }>(list: ReadonlyArray<T>, id: string): T | undefined {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((item) => [item.id, item]));
    indexes.set(list, index);
  }
  return index.get(id) as T | undefined;
}

/** Where each cluster, host and lead firm stands in its scenario's list. */
interface ScenarioPositions {
  scenario: Scenario;
  clusters: Map<string, number>;
  hosts: Map<string, number>;
  leadFirms: Map<string, number>;
}

const positionsByScenario = new WeakMap<Scenario, ScenarioPositions>();
let lastPositions: ScenarioPositions | null = null;

function positionsIn(scenario: Scenario): ScenarioPositions {
  if (lastPositions?.scenario === scenario) return lastPositions;
  let positions = positionsByScenario.get(scenario);
  if (!positions) {
    const of = (list: ReadonlyArray<{ id: string }>) => new Map(list.map((item, i) => [item.id, i]));
    positions = { scenario, clusters: of(scenario.clusters), hosts: of(scenario.hosts), leadFirms: of(scenario.leadFirms) };
    positionsByScenario.set(scenario, positions);
  }
  lastPositions = positions;
  return positions;
}

/**
 * A match keeps its clusters, hosts and lead firms in scenario order (createMatch makes them so,
 * drafts copy them whole), so they are found by their scenario position without an index of each
 * draft's lists; a list in another order is searched through its own index.
 */
function inScenarioOrder<T extends { id: string }>(list: ReadonlyArray<T>, positions: ReadonlyMap<string, number>, id: string): T | undefined {
  const i = positions.get(id);
  const item = i === undefined ? undefined : list[i];
  return item !== undefined && item.id === id ? item : byId(list, id);
}

export const clusterOf = (state: MatchState, id: SeatId): ClusterState | undefined => inScenarioOrder(state.clusters, positionsIn(state.scenario).clusters, id);
export const hostOf = (state: MatchState, id: SeatId): HostState | undefined => inScenarioOrder(state.hosts, positionsIn(state.scenario).hosts, id);
export const leadOf = (state: MatchState, id: SeatId): LeadFirmState | undefined => inScenarioOrder(state.leadFirms, positionsIn(state.scenario).leadFirms, id);
export const seatOf = (state: MatchState, id: SeatId) => byId(state.seats, id);
export const nodeOf = (state: MatchState, id: string): NodeSpec | undefined => byId(state.scenario.nodes, id);
export const sectorOf = (state: MatchState, id: string): SectorSpec | undefined => byId(state.scenario.sectors, id);
/** The cluster's plant of its own sector at a node (new lines of chain upgrading stay where they were opened). */
export const plantAt = (cluster: ClusterState, node: string): Plant | undefined => cluster.plants.find((p) => p.node === node && p.sector === undefined);
export const homePlant = (cluster: ClusterState): Plant | undefined => plantAt(cluster, cluster.homeNode);

/** The AP an entity gets each turn; a cluster in a level-3 park gets one more (5.4). */
export function apAllowance(state: MatchState, seat: SeatId): number {
  const ap = state.scenario.parameters.ap;
  if (clusterOf(state, seat)) return ap.cluster + (state.parks.some((k) => k.level >= 3 && k.members.includes(seat)) ? ap.parkL3Bonus : 0);
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
