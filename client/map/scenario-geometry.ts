/**
 * What the map draws from a scenario: node markers, corridor polylines, host countries, and the
 * route a moved block travels. Reads the scenario JSON without the engine (whose validator is
 * kept out of the first-frame bundle) and refuses a file that lacks what the map needs.
 */
import type { Localized } from "../../shared/types.ts";

export interface MapNode {
  id: string;
  name: Localized;
  lat: number;
  lon: number;
  kind: string;
  country: string;
  /** Whether the coordinates come from a checked source (tags S, V, D); M and G are unverified. */
  verified: boolean;
}

export type MarkerCategory = "home" | "park" | "port" | "city";

export interface Marker extends MapNode {
  category: MarkerCategory;
  /** Park level (0 to 3) where a park sits on the node. */
  level: number;
}

export interface CorridorLine {
  corridor: string;
  name: Localized;
  kind: string;
  mode: string;
  /** Index among corridors of the same kind, for colours. */
  index: number;
  nodes: string[];
}

export interface MapHost {
  id: string;
  name: Localized;
  industrialisation: number;
  /** The node where the host's market sits: where events that hit the host are marked. */
  marketNode: string | null;
}

export interface MapScenario {
  nodes: Map<string, MapNode>;
  markers: Marker[];
  corridors: CorridorLine[];
  hosts: MapHost[];
  approvalStart: number;
}

type Raw = Record<string, unknown>;
const isObject = (x: unknown): x is Raw => typeof x === "object" && x !== null && !Array.isArray(x);
const isLocalized = (x: unknown): x is Localized => isObject(x) && typeof x.en === "string" && typeof x.zh === "string";

const PORT_KINDS = new Set(["port", "port-park", "chokepoint", "waypoint", "rail-terminus"]);

function categoryOf(node: MapNode, parkNodes: ReadonlySet<string>): MarkerCategory | null {
  if (node.kind === "cluster-home") return "home";
  if (parkNodes.has(node.id) || node.kind.endsWith("park") || node.kind === "sez") return "park";
  if (PORT_KINDS.has(node.kind)) return "port";
  if (node.kind === "host-city" || node.kind === "border-zone") return "city";
  return null;
}

export type GeometryResult = { ok: true; value: MapScenario } | { ok: false; error: string };

export function readMapScenario(raw: unknown): GeometryResult {
  if (!isObject(raw)) return { ok: false, error: "scenario: expected an object" };
  const { nodes: rawNodes, corridors: rawCorridors, hosts: rawHosts, parks: rawParks } = raw;
  if (!Array.isArray(rawNodes) || !Array.isArray(rawCorridors) || !Array.isArray(rawHosts)) {
    return { ok: false, error: "scenario: expected arrays nodes, corridors and hosts" };
  }
  const nodes = new Map<string, MapNode>();
  for (const [i, n] of rawNodes.entries()) {
    if (!isObject(n) || typeof n.id !== "string" || !isLocalized(n.name) || typeof n.lat !== "number" || typeof n.lon !== "number") {
      return { ok: false, error: `scenario.nodes[${i}]: expected id, name {en, zh}, lat and lon` };
    }
    const tag = isObject(n.coordSource) ? n.coordSource.tag : undefined;
    nodes.set(n.id, {
      id: n.id,
      name: n.name,
      lat: n.lat,
      lon: n.lon,
      kind: typeof n.kind === "string" ? n.kind : "",
      country: typeof n.country === "string" ? n.country : "",
      verified: tag === "S" || tag === "V" || tag === "D",
    });
  }
  const parkLevels = new Map<string, number>();
  for (const p of Array.isArray(rawParks) ? rawParks : []) {
    if (isObject(p) && typeof p.node === "string") parkLevels.set(p.node, typeof p.level === "number" ? p.level : 0);
  }
  const markers: Marker[] = [];
  for (const node of nodes.values()) {
    const category = categoryOf(node, new Set(parkLevels.keys()));
    if (category) markers.push({ ...node, category, level: parkLevels.get(node.id) ?? 0 });
  }
  const corridors: CorridorLine[] = [];
  const kindCount = new Map<string, number>();
  for (const [i, c] of rawCorridors.entries()) {
    if (!isObject(c) || typeof c.id !== "string" || !isLocalized(c.name) || !Array.isArray(c.paths)) {
      return { ok: false, error: `scenario.corridors[${i}]: expected id, name {en, zh} and paths` };
    }
    const kind = typeof c.kind === "string" ? c.kind : "land";
    const index = kindCount.get(kind) ?? 0;
    kindCount.set(kind, index + 1);
    for (const [j, path] of c.paths.entries()) {
      if (!Array.isArray(path) || path.some((id) => typeof id !== "string" || !nodes.has(id))) {
        return { ok: false, error: `scenario.corridors[${i}].paths[${j}]: expected a list of known node ids` };
      }
      corridors.push({ corridor: c.id, name: c.name, kind, mode: typeof c.mode === "string" ? c.mode : "rail", index, nodes: path as string[] });
    }
  }
  const hosts: MapHost[] = [];
  for (const [i, h] of rawHosts.entries()) {
    if (!isObject(h) || typeof h.id !== "string" || !isLocalized(h.name)) return { ok: false, error: `scenario.hosts[${i}]: expected id and name {en, zh}` };
    const z = isObject(h.industrialisation) && typeof h.industrialisation.value === "number" ? h.industrialisation.value : 0;
    const marketNode = typeof h.marketNode === "string" && nodes.has(h.marketNode) ? h.marketNode : null;
    hosts.push({ id: h.id, name: h.name, industrialisation: z, marketNode });
  }
  const params = isObject(raw.parameters) ? raw.parameters : {};
  const hostParams = isObject(params.host) ? params.host : {};
  const approvalStart = typeof hostParams.approvalStart === "number" ? hostParams.approvalStart : 60;
  return { ok: true, value: { nodes, markers, corridors, hosts, approvalStart } };
}

const RADIANS = Math.PI / 180;
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLon = (b.lon - a.lon) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The shortest chain of corridor nodes between two nodes (by great-circle length), for drawing a
 * flow along the corridors; the engine prices routes itself. Empty when no corridor joins them.
 */
export function routeNodes(map: MapScenario, from: string, to: string): string[] {
  if (!map.nodes.has(from) || !map.nodes.has(to)) return [];
  if (from === to) return [from];
  const neighbours = new Map<string, Array<{ id: string; km: number }>>();
  const link = (a: string, b: string) => {
    const na = map.nodes.get(a);
    const nb = map.nodes.get(b);
    if (!na || !nb) return;
    const km = greatCircleKm(na, nb);
    neighbours.set(a, [...(neighbours.get(a) ?? []), { id: b, km }]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), { id: a, km }]);
  };
  for (const line of map.corridors) line.nodes.slice(1).forEach((id, i) => link(line.nodes[i] as string, id));
  const dist = new Map<string, number>([[from, 0]]);
  const previous = new Map<string, string>();
  const open = new Set<string>([from]);
  while (open.size > 0) {
    let current = "";
    let best = Infinity;
    for (const id of open) {
      const d = dist.get(id) ?? Infinity;
      if (d < best || (d === best && id < current)) [current, best] = [id, d];
    }
    open.delete(current);
    if (current === to) break;
    for (const { id, km } of neighbours.get(current) ?? []) {
      if (best + km < (dist.get(id) ?? Infinity)) {
        dist.set(id, best + km);
        previous.set(id, current);
        open.add(id);
      }
    }
  }
  if (!previous.has(to)) return [];
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0] as string) as string);
  return path;
}

/** The state of one corridor link, as the engine's match view carries it. */
export interface EdgeLike {
  id: string;
  from: string;
  to: string;
  level: number;
  closed: boolean;
  costMult: number;
}

export interface MatchLayer {
  /** Links raised above level 0. */
  upgraded: Array<{ from: string; to: string; level: number }>;
  /** Links closed or made dearer by an event. */
  disrupted: Array<{ from: string; to: string; closed: boolean }>;
  parkLevels: Record<string, number>;
  /** Nodes where an event in play hits a host or a link. */
  eventNodes: string[];
}

/** What the map overlays from a match view: link levels, disruptions, park levels, events. */
export function matchLayer(
  map: MapScenario,
  view: { edges: ReadonlyArray<EdgeLike>; parks: ReadonlyArray<{ node: string; level: number }>; events: ReadonlyArray<{ target: string | null; untilTurn: number }>; turn: number },
): MatchLayer {
  const edgesById = new Map(view.edges.map((e) => [e.id, e]));
  const eventNodes = new Set<string>();
  for (const event of view.events) {
    if (event.target === null || event.untilTurn < view.turn) continue;
    const host = map.hosts.find((h) => h.id === event.target);
    if (host?.marketNode) eventNodes.add(host.marketNode);
    const edge = edgesById.get(event.target);
    if (edge) eventNodes.add(edge.from);
  }
  return {
    upgraded: view.edges.filter((e) => e.level > 0).map((e) => ({ from: e.from, to: e.to, level: e.level })),
    disrupted: view.edges.filter((e) => e.closed || e.costMult > 1).map((e) => ({ from: e.from, to: e.to, closed: e.closed })),
    parkLevels: Object.fromEntries(view.parks.map((p) => [p.node, p.level])),
    eventNodes: [...eventNodes].sort(),
  };
}
