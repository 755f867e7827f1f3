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

/** Cheapest routes from one origin: unit cost, length and last edge for every reachable node. */
export class RouteTree {
  private readonly graph: RouteGraph;
  private readonly cost: Float64Array;
  private readonly km: Float64Array;
  private readonly via: Int32Array;
  constructor(graph: RouteGraph, cost: Float64Array, km: Float64Array, via: Int32Array) {
    this.graph = graph;
    this.cost = cost;
    this.km = km;
    this.via = via;
  }
  /** Unit cost of the cheapest route to `node`, or undefined when no open route reaches it. */
  costTo(node: string): number | undefined {
    const i = this.graph.index.get(node);
    const c = i === undefined ? Infinity : (this.cost[i] as number);
    return c === Infinity ? undefined : c;
  }
  kmTo(node: string): number | undefined {
    const i = this.graph.index.get(node);
    return i === undefined || this.cost[i] === Infinity ? undefined : this.km[i];
  }
  /** The cheapest of the nodes at these graph indices (-1: not in the graph); the first wins a tie. */
  nearestOf(indices: Int32Array): { node: string; cost: number } | null {
    let best = -1;
    let bestCost = Infinity;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      if (i < 0) continue;
      const c = this.cost[i] as number;
      if (c < bestCost) {
        best = i;
        bestCost = c;
      }
    }
    return best < 0 ? null : { node: this.graph.nodes[best] as string, cost: bestCost };
  }
  /** Calls `visit` with each edge of `edges` (a list this tree's graph serves) on the cheapest route to `node`, from `node` back to the origin. */
  forEachEdgeTo(node: string, edges: ReadonlyArray<EdgeState>, visit: (edge: EdgeState) => void): void {
    let at = this.graph.index.get(node);
    if (at === undefined) return;
    for (let edge = this.via[at] as number; edge >= 0; edge = this.via[at] as number) {
      visit(edges[this.graph.edgeAt[edge] as number] as EdgeState);
      at = this.graph.otherEnd(edge, at);
    }
  }
}

/** A binary min-heap of (key, node) pairs with lazy deletion; ties order by node. */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  size = 0;
  /** The key of the entry popped last. */
  lastKey = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }
  private less(i: number, j: number): boolean {
    const a = this.keys[i] as number;
    const b = this.keys[j] as number;
    return a < b || (a === b && (this.nodes[i] as number) < (this.nodes[j] as number));
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i] as number;
    this.keys[i] = this.keys[j] as number;
    this.keys[j] = k;
    const v = this.nodes[i] as number;
    this.nodes[i] = this.nodes[j] as number;
    this.nodes[j] = v;
  }
  push(key: number, node: number): void {
    let i = this.size++;
    this.keys[i] = key;
    this.nodes[i] = node;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): number {
    const top = this.nodes[0] as number;
    this.lastKey = this.keys[0] as number;
    this.size--;
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size] as number;
      this.nodes[0] = this.nodes[this.size] as number;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.size && this.less(l, m)) m = l;
        if (r < this.size && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** The open edges as integer-indexed adjacency, with a cheapest-route tree per origin computed on demand. */
class RouteGraph {
  readonly nodes: string[] = [];
  readonly index = new Map<string, number>();
  /**
   * For each open edge of the graph: its position in the edge list, and its two end nodes. Every
   * list this graph serves holds the same edges in the same order (its cache key says so).
   */
  readonly edgeAt: number[] = [];
  private readonly edgeEnds: number[] = [];
  readonly trees = new Map<string, RouteTree>();
  /** Nearest node of a node set from an origin, by origin then by the node list (lists come from the scenario and are stable). */
  readonly nearest = new Map<string, Map<ReadonlyArray<string>, { node: string; cost: number } | null>>();
  /** The same for a whole list of node sets at once (the spot markets), by origin then by that list. */
  readonly nearestEach = new Map<string, Map<ReadonlyArray<ReadonlyArray<string>>, ReadonlyArray<{ node: string; cost: number } | null>>>();
  /** Arcs in compressed rows: node i's arcs are arcStart[i] .. arcStart[i + 1] - 1, in the order the edges come. */
  private readonly arcStart: Int32Array;
  private readonly arcTo: Int32Array;
  private readonly arcEdge: Int32Array;
  private readonly arcCost: Float64Array;
  private readonly arcKm: Float64Array;
  /** One heap for every search of this graph (searches never overlap). */
  private readonly heap: MinHeap;

  constructor(edges: ReadonlyArray<EdgeState>, t: TradeParams) {
    const rows: Array<Array<{ to: number; edge: number; cost: number; km: number }>> = [];
    const at = (node: string): number => {
      let i = this.index.get(node);
      if (i === undefined) {
        i = this.nodes.length;
        this.index.set(node, i);
        this.nodes.push(node);
        rows.push([]);
      }
      return i;
    };
    let arcs = 0;
    edges.forEach((e, position) => {
      if (e.closed) return;
      const a = at(e.from);
      const b = at(e.to);
      const cost = edgeUnitCost(e, t);
      const edge = this.edgeAt.push(position) - 1;
      this.edgeEnds.push(a, b);
      rows[a]?.push({ to: b, edge, cost, km: e.km });
      rows[b]?.push({ to: a, edge, cost, km: e.km });
      arcs += 2;
    });
    this.arcStart = new Int32Array(rows.length + 1);
    this.arcTo = new Int32Array(arcs);
    this.arcEdge = new Int32Array(arcs);
    this.arcCost = new Float64Array(arcs);
    this.arcKm = new Float64Array(arcs);
    let k = 0;
    rows.forEach((row, i) => {
      this.arcStart[i] = k;
      for (const arc of row) {
        this.arcTo[k] = arc.to;
        this.arcEdge[k] = arc.edge;
        this.arcCost[k] = arc.cost;
        this.arcKm[k] = arc.km;
        k++;
      }
    });
    this.arcStart[rows.length] = k;
    this.heap = new MinHeap(arcs + 1);
  }

  otherEnd(edge: number, node: number): number {
    const a = this.edgeEnds[2 * edge] as number;
    return a === node ? (this.edgeEnds[2 * edge + 1] as number) : a;
  }

  private readonly indicesOf = new Map<ReadonlyArray<string>, Int32Array>();
  /** Graph indices of a node list (lists come from the scenario and are stable), -1 for nodes off the graph. */
  indices(nodes: ReadonlyArray<string>): Int32Array {
    let out = this.indicesOf.get(nodes);
    if (!out) {
      out = Int32Array.from(nodes, (node) => this.index.get(node) ?? -1);
      this.indicesOf.set(nodes, out);
    }
    return out;
  }

  /** Dijkstra with a binary heap of (cost, node); equal costs pop the lower node index first, so results are the same everywhere. */
  from(origin: string): RouteTree {
    const cached = this.trees.get(origin);
    if (cached) return cached;
    const n = this.nodes.length;
    const cost = new Float64Array(n).fill(Infinity);
    const km = new Float64Array(n);
    const via = new Int32Array(n).fill(-1);
    const start = this.index.get(origin);
    if (start !== undefined) {
      const { heap, arcStart, arcTo, arcEdge, arcCost, arcKm } = this;
      heap.size = 0;
      cost[start] = 0;
      heap.push(0, start);
      while (heap.size > 0) {
        const current = heap.pop();
        const best = cost[current] as number;
        if (heap.lastKey > best) continue;
        const end = arcStart[current + 1] as number;
        for (let a = arcStart[current] as number; a < end; a++) {
          const to = arcTo[a] as number;
          const candidate = best + (arcCost[a] as number);
          if (candidate < (cost[to] as number)) {
            cost[to] = candidate;
            km[to] = (km[current] as number) + (arcKm[a] as number);
            via[to] = arcEdge[a] as number;
            heap.push(candidate, to);
          }
        }
      }
    }
    const tree = new RouteTree(this, cost, km, via);
    this.trees.set(origin, tree);
    return tree;
  }
}

/** A copy of the routing fields of an edge list (what decides routing; flows and capacity do not), to tell later whether a list still routes the same. */
class RouteFingerprint {
  private readonly ids: string[];
  private readonly modes: Mode[];
  private readonly numbers: Float64Array;
  constructor(edges: ReadonlyArray<EdgeState>) {
    this.ids = edges.map((e) => e.id);
    this.modes = edges.map((e) => e.mode);
    this.numbers = new Float64Array(edges.length * 4);
    edges.forEach((e, i) => {
      this.numbers[i * 4] = e.km;
      this.numbers[i * 4 + 1] = e.level;
      this.numbers[i * 4 + 2] = e.costMult;
      this.numbers[i * 4 + 3] = e.closed ? 1 : 0;
    });
  }
  matches(edges: ReadonlyArray<EdgeState>): boolean {
    if (edges.length !== this.ids.length) return false;
    const n = this.numbers;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i] as EdgeState;
      if (n[i * 4 + 1] !== e.level || n[i * 4 + 2] !== e.costMult || n[i * 4 + 3] !== (e.closed ? 1 : 0) || n[i * 4] !== e.km || this.ids[i] !== e.id || this.modes[i] !== e.mode) return false;
    }
    return true;
  }
}

const hashBits = new Float64Array(1);
const hashWords = new Int32Array(hashBits.buffer);

/** Mixes a number's bits into a 32-bit FNV-1a style hash. */
function mixNumber(hash: number, x: number): number {
  hashBits[0] = x;
  return Math.imul(Math.imul(hash ^ (hashWords[0] as number), 0x01000193) ^ (hashWords[1] as number), 0x01000193);
}

/** A hash of the numeric routing fields; graphs under one hash are told apart by their fingerprints. */
function routingHash(edges: ReadonlyArray<EdgeState>): number {
  let hash = mixNumber(0x811c9dc5, edges.length);
  for (const e of edges) hash = mixNumber(mixNumber(mixNumber(mixNumber(hash, e.km), e.level), e.costMult), e.closed ? 1 : 0);
  return hash;
}

interface KnownGraph {
  fingerprint: RouteFingerprint;
  t: TradeParams;
  graph: RouteGraph;
}

/**
 * Route graphs only change when an edge opens, closes, changes level or cost, so they are kept
 * by that content across turns and matches: the same answer, computed once. They are found by a
 * hash of the edges' numbers, then compared field by field; the oldest goes first when full.
 */
const graphs = new Map<number, KnownGraph[]>();
let graphCount = 0;
const GRAPH_CACHE_SIZE = 32;

function graphFor(edges: ReadonlyArray<EdgeState>, t: TradeParams): KnownGraph {
  const hash = routingHash(edges);
  const sameHash = graphs.get(hash);
  if (sameHash) for (const known of sameHash) if (known.t === t && known.fingerprint.matches(edges)) return known;
  if (graphCount >= GRAPH_CACHE_SIZE) {
    const [oldest, list] = graphs.entries().next().value as [number, KnownGraph[]];
    graphs.delete(oldest);
    graphCount -= list.length;
  }
  const known = { fingerprint: new RouteFingerprint(edges), t, graph: new RouteGraph(edges, t) };
  if (sameHash) sameHash.push(known);
  else graphs.set(hash, [known]);
  graphCount++;
  return known;
}

/**
 * Connected components of the open graph, kept by which edges are closed (usually none): whether
 * a route exists does not depend on levels or costs, so this never needs a full route graph.
 */
const componentsByClosed = new Map<string, Map<string, number>>();

/** Whether an open route joins two nodes. */
export function routeExists(from: string, to: string, edges: ReadonlyArray<EdgeState>): boolean {
  if (from === to) return true;
  let closed = "";
  for (const e of edges) if (e.closed) closed += `${e.id};`;
  let components = componentsByClosed.get(closed);
  if (!components) {
    components = new Map();
    const adjacency = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const list = adjacency.get(a);
      if (list) list.push(b);
      else adjacency.set(a, [b]);
    };
    for (const e of edges) {
      if (e.closed) continue;
      link(e.from, e.to);
      link(e.to, e.from);
    }
    let label = 0;
    for (const start of adjacency.keys()) {
      if (components.has(start)) continue;
      const stack = [start];
      components.set(start, label);
      while (stack.length > 0) {
        for (const next of adjacency.get(stack.pop() as string) ?? []) {
          if (!components.has(next)) {
            components.set(next, label);
            stack.push(next);
          }
        }
      }
      label++;
    }
    if (componentsByClosed.size >= GRAPH_CACHE_SIZE) componentsByClosed.delete(componentsByClosed.keys().next().value as string);
    componentsByClosed.set(closed, components);
  }
  const a = components.get(from);
  return a !== undefined && a === components.get(to);
}

export function routesFrom(origin: string, edges: ReadonlyArray<EdgeState>, t: TradeParams): RouteTree {
  return graphFor(edges, t).graph.from(origin);
}

/** The route graph for one resolution (edges do not change while production runs). */
export class RouteCache {
  private readonly graph: RouteGraph;
  private readonly fingerprint: RouteFingerprint;
  private readonly edges: ReadonlyArray<EdgeState>;
  constructor(edges: ReadonlyArray<EdgeState>, params: TradeParams) {
    ({ graph: this.graph, fingerprint: this.fingerprint } = graphFor(edges, params));
    this.edges = edges;
  }
  /** Adds `units` to the flow of each edge on the cheapest route from the tree's origin to `target`. */
  addFlow(tree: RouteTree, target: string, units: number): void {
    tree.forEachEdgeTo(target, this.edges, (edge) => (edge.flowLast += units));
  }
  /** Whether this cache still describes these edges (a step may have raised or closed one since). */
  describes(edges: ReadonlyArray<EdgeState>): boolean {
    return this.fingerprint.matches(edges);
  }
  from(origin: string): RouteTree {
    return this.graph.from(origin);
  }
  /** The cheapest of `nodes` to reach from `origin` (kept with the graph, which outlives this turn). */
  nearest(origin: string, nodes: ReadonlyArray<string>): { node: string; cost: number } | null {
    let byNodes = this.graph.nearest.get(origin);
    if (!byNodes) {
      byNodes = new Map();
      this.graph.nearest.set(origin, byNodes);
    }
    const known = byNodes.get(nodes);
    if (known !== undefined) return known;
    const best = this.from(origin).nearestOf(this.graph.indices(nodes));
    byNodes.set(nodes, best);
    return best;
  }
  /** `nearest` for each of a list of node sets that comes from the scenario and is stable (the spot markets'), kept with the graph. */
  nearestEach(origin: string, sets: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<{ node: string; cost: number } | null> {
    let bySets = this.graph.nearestEach.get(origin);
    if (!bySets) {
      bySets = new Map();
      this.graph.nearestEach.set(origin, bySets);
    }
    let routes = bySets.get(sets);
    if (!routes) {
      routes = sets.map((nodes) => this.nearest(origin, nodes));
      bySets.set(sets, routes);
    }
    return routes;
  }
}
