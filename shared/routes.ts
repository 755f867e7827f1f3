/** The route graph: corridor edges, their cost, and cheapest routes between nodes (GAME-RULES 5.2, 5.7). */
import type { Scenario } from "./scenario/schema.ts";
import { edgeKey } from "./scenario/load.ts";
import type { EdgeState } from "./state.ts";
import type { Mode } from "./types.ts";

const EARTH_RADIUS_KM = 6371;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance, rounded to whole km so that the last bits of trigonometry never reach the hash. */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** One undirected edge per node pair; corridors sharing a segment share the edge. */
export function buildEdges(scenario: Scenario): EdgeState[] {
  const t = scenario.parameters.trade;
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const overrides = new Map(scenario.edgeOverrides.map((o) => [edgeKey(o.from, o.to), o]));
  const edges = new Map<string, EdgeState>();
  for (const corridor of scenario.corridors) {
    for (const path of corridor.paths) {
      for (let i = 1; i < path.length; i++) {
        const from = path[i - 1] as string;
        const to = path[i] as string;
        const id = edgeKey(from, to);
        const existing = edges.get(id);
        if (existing) {
          if (!existing.corridors.includes(corridor.id)) existing.corridors.push(corridor.id);
          continue;
        }
        const a = nodes.get(from);
        const b = nodes.get(to);
        if (!a || !b) continue;
        const override = overrides.get(id);
        const mode: Mode = corridor.mode;
        edges.set(id, {
          id,
          from: id.split("~")[0] as string,
          to: id.split("~")[1] as string,
          mode,
          km: override?.km ?? Math.round(greatCircleKm(a, b) * t.detour[mode]),
          corridors: [corridor.id],
          level: override?.level ?? 0,
          capacity: t.capacity[mode],
          risk: override?.risk ?? 0,
          closed: false,
          costMult: 1,
          flowLast: 0,
        });
      }
    }
  }
  return [...edges.values()];
}

export interface TradeParams {
  costPer1000km: Record<Mode, number>;
  levelCostCut: number;
}

/** Transport cost of one unit along an edge, before the sector's transport multiplier. */
export const edgeUnitCost = (edge: EdgeState, t: TradeParams): number =>
  (edge.km / 1000) * t.costPer1000km[edge.mode] * Math.max(0, 1 - t.levelCostCut * edge.level) * edge.costMult;

export interface RouteTree {
  /** Cheapest unit cost from the origin to each node (absent when unreachable). */
  cost: Map<string, number>;
  km: Map<string, number>;
  /** The id of the edge used to reach each node on its cheapest route. */
  via: Map<string, string>;
}

interface Arc {
  to: number;
  edge: string;
  cost: number;
  km: number;
}

/** The open edges as integer-indexed adjacency, with a cheapest-route tree per origin computed on demand. */
class RouteGraph {
  readonly nodes: string[] = [];
  readonly index = new Map<string, number>();
  readonly arcs: Arc[][] = [];
  readonly trees = new Map<string, RouteTree>();

  constructor(edges: ReadonlyArray<EdgeState>, t: TradeParams) {
    const at = (node: string): number => {
      let i = this.index.get(node);
      if (i === undefined) {
        i = this.nodes.length;
        this.index.set(node, i);
        this.nodes.push(node);
        this.arcs.push([]);
      }
      return i;
    };
    for (const e of edges) {
      if (e.closed) continue;
      const a = at(e.from);
      const b = at(e.to);
      const cost = edgeUnitCost(e, t);
      (this.arcs[a] as Arc[]).push({ to: b, edge: e.id, cost, km: e.km });
      (this.arcs[b] as Arc[]).push({ to: a, edge: e.id, cost, km: e.km });
    }
  }

  /** Dijkstra; a few dozen nodes, so a linear scan for the next node beats a heap. Ties go to the smaller node id. */
  from(origin: string): RouteTree {
    const cached = this.trees.get(origin);
    if (cached) return cached;
    const tree: RouteTree = { cost: new Map([[origin, 0]]), km: new Map([[origin, 0]]), via: new Map() };
    const start = this.index.get(origin);
    if (start !== undefined) {
      const n = this.nodes.length;
      const cost = new Float64Array(n).fill(Infinity);
      const km = new Float64Array(n);
      const via: Array<string | null> = new Array<string | null>(n).fill(null);
      const done = new Uint8Array(n);
      cost[start] = 0;
      for (;;) {
        let current = -1;
        for (let i = 0; i < n; i++) {
          if (done[i] || cost[i] === Infinity) continue;
          if (current < 0 || (cost[i] as number) < (cost[current] as number) || (cost[i] === cost[current] && (this.nodes[i] as string) < (this.nodes[current] as string))) current = i;
        }
        if (current < 0) break;
        done[current] = 1;
        for (const arc of this.arcs[current] as Arc[]) {
          if (done[arc.to]) continue;
          const candidate = (cost[current] as number) + arc.cost;
          if (candidate < (cost[arc.to] as number)) {
            cost[arc.to] = candidate;
            km[arc.to] = (km[current] as number) + arc.km;
            via[arc.to] = arc.edge;
          }
        }
      }
      for (let i = 0; i < n; i++) {
        if (i === start || cost[i] === Infinity) continue;
        const node = this.nodes[i] as string;
        tree.cost.set(node, cost[i] as number);
        tree.km.set(node, km[i] as number);
        tree.via.set(node, via[i] as string);
      }
    }
    this.trees.set(origin, tree);
    return tree;
  }
}

/**
 * Route graphs only change when an edge opens, closes, changes level or cost, so they are kept
 * by that signature across turns and matches: the same answer, computed once.
 */
const graphs = new Map<string, RouteGraph>();
const GRAPH_CACHE_SIZE = 32;

function graphFor(edges: ReadonlyArray<EdgeState>, t: TradeParams): RouteGraph {
  let signature = `${t.levelCostCut}|${t.costPer1000km.rail}|${t.costPer1000km.road}|${t.costPer1000km.sea}`;
  for (const e of edges) signature += `|${e.id}:${e.mode}:${e.km}:${e.level}:${e.costMult}:${e.closed ? 1 : 0}`;
  let graph = graphs.get(signature);
  if (!graph) {
    graph = new RouteGraph(edges, t);
    if (graphs.size >= GRAPH_CACHE_SIZE) graphs.delete(graphs.keys().next().value as string);
    graphs.set(signature, graph);
  }
  return graph;
}

export function routesFrom(origin: string, edges: ReadonlyArray<EdgeState>, t: TradeParams): RouteTree {
  return graphFor(edges, t).from(origin);
}

/** The ids of the edges on the cheapest route from the tree's origin to `target`, origin first. */
export function pathEdgeIds(tree: RouteTree, target: string, edgesById: ReadonlyMap<string, EdgeState>): string[] {
  const out: string[] = [];
  let node = target;
  for (let id = tree.via.get(node); id !== undefined; id = tree.via.get(node)) {
    out.push(id);
    const e = edgesById.get(id);
    if (!e) break;
    node = e.from === node ? e.to : e.from;
  }
  return out.reverse();
}

/** The route graph for one resolution (edges do not change while production runs). */
export class RouteCache {
  private readonly graph: RouteGraph;
  readonly edgesById: ReadonlyMap<string, EdgeState>;
  constructor(edges: ReadonlyArray<EdgeState>, params: TradeParams) {
    this.graph = graphFor(edges, params);
    this.edgesById = new Map(edges.map((e) => [e.id, e]));
  }
  private readonly nearestCache = new Map<string, Map<string, { node: string; cost: number } | null>>();
  private readonly nearestEachCache = new Map<string, Array<{ node: string; cost: number } | null>>();
  from(origin: string): RouteTree {
    return this.graph.from(origin);
  }
  /** The cheapest of `nodes` to reach from `origin`; `key` names the node set (a market) for caching. */
  nearest(origin: string, key: string, nodes: ReadonlyArray<string>): { node: string; cost: number } | null {
    let byKey = this.nearestCache.get(origin);
    if (!byKey) {
      byKey = new Map();
      this.nearestCache.set(origin, byKey);
    }
    const known = byKey.get(key);
    if (known !== undefined) return known;
    const tree = this.from(origin);
    let best: { node: string; cost: number } | null = null;
    for (const node of nodes) {
      const c = tree.cost.get(node);
      if (c !== undefined && (best === null || c < best.cost)) best = { node, cost: c };
    }
    byKey.set(key, best);
    return best;
  }

  /** `nearest` for each of a fixed list of node sets (the spot markets), cached per origin. */
  nearestEach(origin: string, sets: ReadonlyArray<{ id: string; nodes: ReadonlyArray<string> }>): Array<{ node: string; cost: number } | null> {
    let routes = this.nearestEachCache.get(origin);
    if (!routes) {
      routes = sets.map((set) => this.nearest(origin, set.id, set.nodes));
      this.nearestEachCache.set(origin, routes);
    }
    return routes;
  }
}
