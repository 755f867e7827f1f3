/**
 * The figures behind each debrief chart, turn by turn, read from the frames of a debrief. Every
 * figure is the engine's own (state fields, the smile index, the governance drivers); nothing here
 * re-derives a rule. Figures that live only in the private state are null for a public-only log.
 */
import { linkDrivers } from "../governance.ts";
import { smileIndex } from "../market.ts";
import type { Parameters } from "../scenario/schema.ts";
import type { MatchState } from "../state.ts";
import { STAGES, type Localized, type SeatId, type Stage } from "../types.ts";
import type { MatchView } from "../view.ts";
import type { Debrief, DebriefFrame } from "./frames.ts";

/** The frames after each resolution, first turn first: one per turn played. */
export const turnFrames = (debrief: Debrief): DebriefFrame[] => debrief.frames.filter((f) => f.phase === "report");

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const scoreRow = (view: MatchView | null, seat: SeatId) => view?.scores.find((s) => s.seat === seat);

// ---------------------------------------------------------------------------------------------
// Smile curve

export const UPGRADE_LETTERS = { PROC: "P", PROD: "Q", FUNC: "F", CHAIN: "X" } as const;
export type UpgradeLetter = (typeof UPGRADE_LETTERS)[keyof typeof UPGRADE_LETTERS];

export interface SmilePoint {
  turn: number;
  /** The smile index S (0 = pure assembly, 1 = the curve's ends), as the engine scores it. */
  smile: number;
  /** -1 upstream, +1 downstream, 0 nothing earned; null when the value added by stage is private. */
  side: -1 | 0 | 1 | null;
  /** The upgrades of that turn: their type letter and what became of them ("attempted" when only the orders are known). */
  upgrades: Array<{ letter: UpgradeLetter; outcome: "success" | "breakthrough" | "failed" | "attempted" }>;
}

/** Which side of the curve the value added leans to, weighting each stage by its position. */
export function smileSide(vaLast: Record<Stage, number>, p: Parameters): -1 | 0 | 1 {
  let signed = 0;
  let total = 0;
  for (const stage of STAGES) {
    const va = Math.max(0, vaLast[stage]);
    signed += va * p.stages[stage].x;
    total += va;
  }
  return total > 0 ? (Math.sign(signed) as -1 | 0 | 1) : 0;
}

const letterOf = (type: unknown): UpgradeLetter | null => UPGRADE_LETTERS[type as keyof typeof UPGRADE_LETTERS] ?? null;

function upgradesIn(debrief: Debrief, frame: DebriefFrame, cluster: SeatId): SmilePoint["upgrades"] {
  if (frame.report) {
    const outcomes: Record<string, SmilePoint["upgrades"][number]["outcome"]> = { UPGRADE_SUCCESS: "success", UPGRADE_BREAKTHROUGH: "breakthrough", UPGRADE_FAILED: "failed", UPGRADE_FAILED_LOCKIN: "failed" };
    return frame.report.entries.flatMap((e) => {
      const outcome = outcomes[e.code];
      const letter = letterOf(e.params.type);
      return outcome && letter && e.seats[0] === cluster ? [{ letter, outcome }] : [];
    });
  }
  const commit = debrief.frames.find((f) => f.turn === frame.turn && f.phase === "commit");
  return (commit?.orders ?? [])
    .filter((o) => o.seat === cluster)
    .flatMap((o) => o.actions.filter((a) => a.type === "upgrade").flatMap((a) => (letterOf(a.upgrade) ? [{ letter: letterOf(a.upgrade) as UpgradeLetter, outcome: "attempted" as const }] : [])));
}

export function smileSeries(debrief: Debrief): Array<{ cluster: SeatId; points: SmilePoint[] }> {
  const frames = turnFrames(debrief);
  const clusters = debrief.seats.filter((s) => s.role === "cluster").map((s) => s.id);
  return clusters.map((cluster) => ({
    cluster,
    points: frames.map((frame) => {
      const own = frame.state?.clusters.find((c) => c.id === cluster);
      const smile = own && frame.state ? smileIndex(own.vaLast, frame.state.scenario.parameters) : (scoreRow(frame.publicView, cluster)?.smile ?? 0);
      return { turn: frame.turn, smile, side: own && frame.state ? smileSide(own.vaLast, frame.state.scenario.parameters) : null, upgrades: upgradesIn(debrief, frame, cluster) };
    }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Governance of each chain link beside its drivers

export interface GovernancePoint {
  turn: number;
  governance: string;
  excluded: boolean | null;
  /** Complexity, codifiability and relative supplier capability (0–1); null in a public-only log. */
  C: number | null;
  D: number | null;
  K: number | null;
}

/** A chain link's id: the cluster and its lead firm, joined as edge ids are. */
export const linkId = (cluster: SeatId, leadFirm: SeatId): string => `${cluster}~${leadFirm}`;

export function governanceSeries(debrief: Debrief): Array<{ link: string; cluster: SeatId; leadFirm: SeatId; theta: number | null; points: GovernancePoint[] }> {
  const frames = turnFrames(debrief);
  const links = new Map<string, { cluster: SeatId; leadFirm: SeatId }>();
  for (const frame of frames) for (const c of frame.publicView?.clusters ?? []) for (const l of c.links) links.set(linkId(c.id, l.leadFirm), { cluster: c.id, leadFirm: l.leadFirm });
  return [...links].map(([link, { cluster, leadFirm }]) => ({
    link,
    cluster,
    leadFirm,
    theta: frames[0]?.state?.scenario.parameters.gov.theta ?? null,
    points: frames.flatMap((frame): GovernancePoint[] => {
      const stateCluster = frame.state?.clusters.find((c) => c.id === cluster);
      const stateLink = stateCluster?.links.find((l) => l.leadFirm === leadFirm);
      if (frame.state && stateCluster && stateLink) {
        const d = linkDrivers(frame.state, stateCluster, stateLink);
        return [{ turn: frame.turn, governance: stateLink.governance, excluded: stateLink.excluded, C: d.C, D: d.D, K: d.K }];
      }
      const publicLink = frame.publicView?.clusters.find((c) => c.id === cluster)?.links.find((l) => l.leadFirm === leadFirm);
      return publicLink ? [{ turn: frame.turn, governance: publicLink.governance, excluded: null, C: null, D: null, K: null }] : [];
    }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Capacity moved along the corridors

interface RawCorridor {
  id: string;
  kind: string;
  name: Localized | null;
  nodes: Set<string>;
}

/** The scenario's corridors as the log's header records them (read loosely: an older scenario may differ). */
export function corridorsOf(scenario: unknown): RawCorridor[] {
  const raw = (scenario as { corridors?: unknown } | null)?.corridors;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c: { id?: unknown; kind?: unknown; name?: unknown; paths?: unknown }) =>
    typeof c?.id === "string" && Array.isArray(c.paths)
      ? [{ id: c.id, kind: typeof c.kind === "string" ? c.kind : "land", name: (c.name as Localized | undefined) ?? null, nodes: new Set((c.paths as unknown[]).flat().filter((n): n is string => typeof n === "string")) }]
      : [],
  );
}

/**
 * Blocks that arrived at the nodes of each corridor (a node on two corridors counts for both),
 * and the goods that flowed over its links, turn by turn. The domestic network is left out.
 */
export function corridorSeries(debrief: Debrief): Array<{ corridor: string; name: Localized | null; points: Array<{ turn: number; blocks: number; flow: number }> }> {
  const frames = turnFrames(debrief);
  return corridorsOf(debrief.header.scenario)
    .filter((c) => c.kind !== "domestic")
    .map((c) => ({
      corridor: c.id,
      name: c.name,
      points: frames.map((frame) => ({
        turn: frame.turn,
        blocks: frame.moved.filter((m) => c.nodes.has(m.to)).reduce((s, m) => s + m.blocks, 0),
        flow: (frame.publicView?.edges ?? []).filter((e) => e.corridors.includes(c.id)).reduce((s, e) => s + e.flowLast, 0),
      })),
    }));
}

// ---------------------------------------------------------------------------------------------
// Value captured by clusters and hosts

export interface Lorenz {
  /** Cumulative share of seats (0..1) against cumulative share of value (0..1), poorest first. */
  points: Array<{ population: number; value: number }>;
  gini: number;
}

/** The Lorenz curve and Gini coefficient of non-negative values (negative values count as 0). */
export function lorenz(values: number[]): Lorenz {
  const xs = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const total = xs.reduce((a, b) => a + b, 0);
  const points = [{ population: 0, value: 0 }];
  let running = 0;
  xs.forEach((x, i) => {
    running += x;
    points.push({ population: (i + 1) / xs.length, value: total > 0 ? running / total : (i + 1) / xs.length });
  });
  // Gini = 1 - twice the area under the curve (trapezoids).
  let area = 0;
  points.forEach((p, i) => {
    const q = points[i - 1];
    if (q) area += ((p.population - q.population) * (p.value + q.value)) / 2;
  });
  return { points, gini: xs.length === 0 ? 0 : 1 - 2 * area };
}

export interface Distribution {
  turn: number;
  /** Cumulative value added by each cluster, cumulative tax collected by each host. */
  clusters: Array<{ seat: SeatId; value: number }>;
  hosts: Array<{ seat: SeatId; value: number }>;
  lorenz: Lorenz;
}

/**
 * Value captured up to a turn: clusters' cumulative value added (after the governance share σ) and
 * hosts' cumulative tax on the plants they host. Both are private figures: null without the state.
 */
export function distributionAt(frame: DebriefFrame): Distribution | null {
  const state = frame.state;
  if (!state) return null;
  const clusters = state.clusters.map((c) => ({ seat: c.id, value: c.vaCum }));
  const hosts = state.hosts.map((h) => ({ seat: h.id, value: h.taxCum }));
  return { turn: frame.turn, clusters, hosts, lorenz: lorenz([...clusters, ...hosts].map((x) => x.value)) };
}

/** Per turn, the value captured that turn by all clusters together and by all hosts together. */
export function capturedByTurn(debrief: Debrief): Array<{ turn: number; clusters: number; hosts: number }> | null {
  const frames = turnFrames(debrief);
  if (frames.some((f) => !f.state)) return null;
  let taxBefore = 0;
  return frames.map((frame) => {
    const state = frame.state as MatchState;
    const tax = state.hosts.reduce((s, h) => s + h.taxCum, 0);
    const point = { turn: frame.turn, clusters: state.clusters.reduce((s, c) => s + STAGES.reduce((t, st) => t + c.vaLast[st], 0), 0), hosts: tax - taxBefore };
    taxBefore = tax;
    return point;
  });
}

// ---------------------------------------------------------------------------------------------
// Capacity offered to hosts against capacity they absorbed

export interface AbsorptionPoint {
  turn: number;
  /** Blocks proposed for transfer into the host in that turn's offers. */
  offered: number;
  /** Blocks that arrived in the host's plants. */
  absorbed: number;
  /** The host's absorptive capacity A after the turn (public). */
  A: number | null;
}

export function absorptionSeries(debrief: Debrief): Array<{ host: SeatId; points: AbsorptionPoint[] }> {
  const frames = turnFrames(debrief);
  const hosts = debrief.seats.filter((s) => s.role === "host").map((s) => s.id);
  return hosts.map((host) => ({
    host,
    points: frames.map((frame) => {
      const negotiate = debrief.frames.find((f) => f.turn === frame.turn && f.phase === "negotiate");
      const offered = (negotiate?.offers ?? [])
        .filter((o) => o.action.type === "propose" && o.action.terms?.kind === "transfer" && o.action.terms.host === host)
        .reduce((s, o) => s + Number(o.action.terms?.blocks ?? 0), 0);
      const absorbed = frame.moved.filter((m) => m.host === host).reduce((s, m) => s + m.blocks, 0);
      const A = frame.publicView?.hosts.find((h) => h.id === host)?.A ?? null;
      return { turn: frame.turn, offered, absorbed, A };
    }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Decision timeline and shocks

export interface TimelineEntry {
  turn: number;
  phase: "negotiate" | "commit";
  seat: SeatId;
  line: number;
  /** The action types (an offer's type, or each order's type). */
  what: string[];
  by: string | null;
}

export interface Shock {
  turn: number;
  card: string;
  name: Localized | null;
  target: string | null;
  /** Set by the instructor (forced card) rather than drawn. */
  forced: boolean;
}

export function decisionTimeline(debrief: Debrief): { decisions: TimelineEntry[]; shocks: Shock[]; instructor: Array<{ turn: number; line: number; type: string }> } {
  const decisions: TimelineEntry[] = [];
  const instructor: Array<{ turn: number; line: number; type: string }> = [];
  for (const frame of debrief.frames) {
    for (const o of frame.offers) decisions.push({ turn: frame.turn, phase: "negotiate", seat: o.seat, line: o.line, what: [String(o.action.type)], by: o.by });
    for (const o of frame.orders) decisions.push({ turn: frame.turn, phase: "commit", seat: o.seat, line: o.line, what: o.actions.map((a) => String(a.type)), by: o.by });
    for (const i of frame.instructor) instructor.push({ turn: frame.turn, line: i.line, type: String(i.action.type) });
  }
  const cards = (debrief.header.scenario as { eventCards?: Array<{ id?: unknown; name?: unknown }> } | null)?.eventCards ?? [];
  const forced = new Set(debrief.frames.flatMap((f) => f.instructor.flatMap((i) => (i.action.type === "eventControls" && Array.isArray(i.action.forced) ? (i.action.forced as string[]) : []))));
  const shocks: Shock[] = [];
  const seen = new Set<string>();
  for (const frame of debrief.frames) {
    for (const e of frame.publicView?.events ?? []) {
      const key = `${e.card}@${e.startedTurn}@${e.target ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const card = cards.find((c) => c.id === e.card);
      shocks.push({ turn: e.startedTurn, card: e.card, name: (card?.name as Localized | undefined) ?? null, target: e.target, forced: forced.has(e.card) });
    }
  }
  shocks.sort((a, b) => a.turn - b.turn || (a.card < b.card ? -1 : 1));
  return { decisions, shocks, instructor };
}

// ---------------------------------------------------------------------------------------------
// This class against the AI reference curves

export interface Band {
  round: number;
  p25: number;
  p50: number;
  p75: number;
}

/** assets/reference/<scenario>.json: quartiles per round by role, archetype and figure, from AI-only runs. */
export interface ReferenceCurves {
  scenario: string;
  seeds: number;
  rounds: number;
  curves: Record<string, Record<string, Record<string, Band[]>>>;
}

/** A figure of one seat in a frame, as the reference curves measure it (null when private and unknown). */
export function seatFigure(frame: DebriefFrame, role: string, seat: SeatId, figure: string): number | null {
  const view = frame.publicView;
  if (figure === "score") return scoreRow(view, seat)?.score ?? null;
  if (role === "cluster" && figure === "smile") return scoreRow(view, seat)?.smile ?? null;
  if (role === "cluster" && figure === "va") {
    const c = frame.state?.clusters.find((x) => x.id === seat);
    return c ? STAGES.reduce((s, st) => s + c.vaLast[st], 0) : null;
  }
  const host = view?.hosts.find((h) => h.id === seat);
  if (role === "host" && figure === "dZ") return host ? host.Z - host.Z0 : null;
  if (role === "host" && figure === "A") return host ? host.A : null;
  return null;
}

/** The class's median (and range) of a figure by round, beside the reference bands of each archetype. */
export function referenceComparison(debrief: Debrief, reference: ReferenceCurves, role: string, figure: string) {
  const seats = debrief.seats.filter((s) => s.role === role && debrief.header.seats.some((h) => (h as { seat?: unknown }).seat === s.id)).map((s) => s.id);
  const played = seats.length > 0 ? seats : debrief.seats.filter((s) => s.role === role).map((s) => s.id);
  const classCurve = turnFrames(debrief).map((frame) => {
    const xs = played.flatMap((seat) => {
      const v = seatFigure(frame, role, seat, figure);
      return v === null ? [] : [v];
    });
    return { round: frame.turn, p50: median(xs), min: xs.length > 0 ? Math.min(...xs) : null, max: xs.length > 0 ? Math.max(...xs) : null };
  });
  const archetypes = Object.entries(reference.curves[role] ?? {}).flatMap(([archetype, figures]) => (figures[figure] ? [{ archetype, bands: figures[figure] }] : []));
  const scenarioId = (debrief.header.scenario as { id?: unknown } | null)?.id;
  return { role, figure, seats: played, classCurve, archetypes, sameScenario: scenarioId === reference.scenario };
}

// ---------------------------------------------------------------------------------------------
// Two matches side by side

export interface ParameterDifference {
  path: string;
  a: unknown;
  b: unknown;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (typeof value === "object" && value !== null) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(path, Array.isArray(value) ? [] : {});
    for (const [key, v] of entries) flatten(v, path === "" ? key : `${path}.${key}`, out);
  } else out.set(path, value);
}

/** What differs between two logs' headers: seed, seats, settings and every scenario parameter, by path. */
export function headerDifferences(a: Debrief["header"], b: Debrief["header"]): ParameterDifference[] {
  const pick = (h: Debrief["header"]) => ({ engineVersion: h.engineVersion, seed: h.seed, seats: h.seats, settings: h.settings, scenario: h.scenario });
  const fa = new Map<string, unknown>();
  const fb = new Map<string, unknown>();
  flatten(pick(a), "", fa);
  flatten(pick(b), "", fb);
  // Clock times, room codes and token hashes differ between any two class sessions: they are not parameters.
  const incidental = /^settings\.(createdAt|code|matchId|instructorTokenHash)$/;
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].filter((p) => !incidental.test(p)).sort();
  const same = (x: unknown, y: unknown) => x === y || (typeof x === "object" && typeof y === "object" && JSON.stringify(x) === JSON.stringify(y));
  return paths.filter((p) => !same(fa.get(p), fb.get(p))).map((p) => ({ path: p, a: fa.get(p), b: fb.get(p) }));
}

/** Per turn, the median score of each role and the class's win-win index: what the compare chart draws for each match. */
export function matchSummary(debrief: Debrief): Array<{ turn: number; cluster: number | null; host: number | null; lead: number | null; winwin: number | null }> {
  return turnFrames(debrief).map((frame) => {
    const byRole = (role: string) => median((frame.publicView?.scores ?? []).filter((s) => s.role === role).map((s) => s.score));
    return { turn: frame.turn, cluster: byRole("cluster"), host: byRole("host"), lead: byRole("lead"), winwin: frame.publicView?.winwin.index ?? null };
  });
}
