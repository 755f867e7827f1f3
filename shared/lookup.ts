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

/** A scenario's nodes and sectors by id, and where each cluster, host and lead firm stands in its list. */
interface ScenarioIndex {
  scenario: Scenario;
  nodes: Map<string, NodeSpec>;
  sectors: Map<string, SectorSpec>;
  clusters: Map<string, number>;
  hosts: Map<string, number>;
  leadFirms: Map<string, number>;
}

const indexByScenario = new WeakMap<Scenario, ScenarioIndex>();
/** The index asked for last: nearly every call is about the same scenario. */
let lastIndex: ScenarioIndex | null = null;

function indexOf(scenario: Scenario): ScenarioIndex {
  if (lastIndex?.scenario === scenario) return lastIndex;
  let index = indexByScenario.get(scenario);
  if (!index) {
    const positions = (list: ReadonlyArray<{ id: string }>) => new Map(list.map((item, i) => [item.id, i]));
    index = {
      scenario,
      nodes: new Map(scenario.nodes.map((n) => [n.id, n])),
      sectors: new Map(scenario.sectors.map((s) => [s.id, s])),
      clusters: positions(scenario.clusters),
      hosts: positions(scenario.hosts),
      leadFirms: positions(scenario.leadFirms),
    };
    indexByScenario.set(scenario, index);
  }
  lastIndex = index;
  return index;
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

export const clusterOf = (state: MatchState, id: SeatId): ClusterState | undefined => inScenarioOrder(state.clusters, indexOf(state.scenario).clusters, id);
export const hostOf = (state: MatchState, id: SeatId): HostState | undefined => inScenarioOrder(state.hosts, indexOf(state.scenario).hosts, id);
export const leadOf = (state: MatchState, id: SeatId): LeadFirmState | undefined => inScenarioOrder(state.leadFirms, indexOf(state.scenario).leadFirms, id);
export const seatOf = (state: MatchState, id: SeatId) => byId(state.seats, id);
export const nodeOf = (state: MatchState, id: string): NodeSpec | undefined => indexOf(state.scenario).nodes.get(id);
export const sectorOf = (state: MatchState, id: string): SectorSpec | undefined => indexOf(state.scenario).sectors.get(id);
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
