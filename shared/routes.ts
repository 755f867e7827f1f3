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
  /** Cheapest unit cost from the origin to each node (Infinity when unreachable). */
  cost: Map<string, number>;
  km: Map<string, number>;
  /** The edge used to reach each node on its cheapest route. */
  via: Map<string, EdgeState>;
}

/** Dijkstra over open edges. The graph has a few dozen nodes, so a linear scan for the minimum is fastest. */
export function routesFrom(origin: string, edges: ReadonlyArray<EdgeState>, t: TradeParams): RouteTree {
  const adjacency = new Map<string, EdgeState[]>();
  for (const e of edges) {
    if (e.closed) continue;
    for (const end of [e.from, e.to]) {
      const list = adjacency.get(end);
      if (list) list.push(e);
      else adjacency.set(end, [e]);
    }
  }
  const cost = new Map<string, number>([[origin, 0]]);
  const km = new Map<string, number>([[origin, 0]]);
  const via = new Map<string, EdgeState>();
  const done = new Set<string>();
  for (;;) {
    let current: string | null = null;
    let best = Infinity;
    for (const [node, c] of cost) {
      if (!done.has(node) && (c < best || (c === best && current !== null && node < current))) {
        best = c;
        current = node;
      }
    }
    if (current === null) break;
    done.add(current);
    for (const e of adjacency.get(current) ?? []) {
      const next = e.from === current ? e.to : e.from;
      if (done.has(next)) continue;
      const candidate = best + edgeUnitCost(e, t);
      const known = cost.get(next);
      if (known === undefined || candidate < known) {
        cost.set(next, candidate);
        km.set(next, (km.get(current) ?? 0) + e.km);
        via.set(next, e);
      }
    }
  }
  return { cost, km, via };
}

/** The edges of the cheapest route from the tree's origin to `target`, origin first. */
export function pathEdges(tree: RouteTree, target: string): EdgeState[] {
  const out: EdgeState[] = [];
  let node = target;
  for (let e = tree.via.get(node); e !== undefined; e = tree.via.get(node)) {
    out.push(e);
    node = e.from === node ? e.to : e.from;
  }
  return out.reverse();
}

/** Caches route trees for one resolution (edges do not change while production runs). */
export class RouteCache {
  private readonly trees = new Map<string, RouteTree>();
  private readonly edges: ReadonlyArray<EdgeState>;
  private readonly params: TradeParams;
  constructor(edges: ReadonlyArray<EdgeState>, params: TradeParams) {
    this.edges = edges;
    this.params = params;
  }
  from(origin: string): RouteTree {
    let tree = this.trees.get(origin);
    if (!tree) {
      tree = routesFrom(origin, this.edges, this.params);
      this.trees.set(origin, tree);
    }
    return tree;
  }
}
