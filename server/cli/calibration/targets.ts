/**
 * The calibration targets of issue 4 (GAME-RULES 9.6, sharpened), computed from played matches.
 * Each has a fixed range; it holds when its value lies in the range and its population n is at
 * least MIN_N. The exact definitions are in docs/calibration.md.
 */
import type { ClusterRecord, HostRecord, MatchRecord } from "./record.ts";

export const MIN_N = 10;

export interface Target {
  id: string;
  description: string;
  value: number | null;
  range: [number, number];
  n: number;
  holds: boolean;
}

/** A pair of matches on one seed that differ only in the difficulty of `seats` (hard in `hard`, normal in `normal`). */
export interface DifficultyPair {
  seed: number;
  seats: string[];
  hard: MatchRecord;
  normal: MatchRecord;
}

export function median(values: ReadonlyArray<number>): number | null {
  return quantile(values, 0.5);
}

/** Linear interpolation between order statistics (the "type 7" quantile). */
export function quantile(values: ReadonlyArray<number>, q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const mean = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const last = <T>(xs: ReadonlyArray<T>): T => xs[xs.length - 1] as T;

function target(id: string, description: string, value: number | null, range: [number, number], n: number, extra = true): Target {
  const inRange = value !== null && value >= range[0] - 1e-12 && value <= range[1] + 1e-12;
  return { id, description, value, range, n, holds: inRange && n >= MIN_N && extra };
}

/** Captive-only (GAME-RULES 9.6a): every link captive after every round, and never an own channel of its own. */
const captiveAllGame = (c: ClusterRecord): boolean => c.rounds.length > 0 && c.rounds.every((r) => r.governance.length > 0 && r.governance.every((g) => g === "CAPTIVE") && r.brand === 0);
const briPath = (c: ClusterRecord): boolean => {
  const end = last(c.rounds);
  return end !== undefined && c.rounds.some((r) => r.abroad > 0) && end.brand > 0 && end.F >= c.startF + 1;
};
/** The road a cluster took: the stance it held in most rounds. */
function road(c: ClusterRecord): string {
  const counts = new Map<string, number>();
  for (const r of c.rounds) counts.set(r.stance, (counts.get(r.stance) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "neutral";
}
const vaUpTo = (c: ClusterRecord, rounds: number): number => c.rounds.slice(0, rounds).reduce((s, r) => s + r.va, 0);

/** Mid gradient: a host whose wage index lies in the middle of the range, neither the poorest nor the richest (docs/calibration.md). */
export const MID_GRADIENT: [number, number] = [0.15, 0.6];
const trains = (h: HostRecord): boolean => (last(h.rounds)?.training ?? 0) > 0;
const midGradient = (h: HostRecord): boolean => h.wageIndex >= MID_GRADIENT[0] && h.wageIndex <= MID_GRADIENT[1];
const raceToBottom = (h: HostRecord): boolean => !trains(h) && h.rounds.some((r) => r.sez || r.env === "low") && h.rounds.every((r) => r.env !== "high");

function shareOfMatches(matches: ReadonlyArray<MatchRecord>, compare: (m: MatchRecord) => boolean | null): { value: number | null; n: number } {
  const outcomes = matches.map(compare).filter((x): x is boolean => x !== null);
  return { value: outcomes.length > 0 ? outcomes.filter(Boolean).length / outcomes.length : null, n: outcomes.length };
}

const GOVERNANCE_SECTORS = ["apparel", "electronics"];

export function computeTargets(matches: ReadonlyArray<MatchRecord>, pairs: ReadonlyArray<DifficultyPair>): Target[] {
  const clusters = matches.flatMap((m) => m.clusters);
  const captive = clusters.filter(captiveAllGame).map((c) => last(c.rounds).smile);
  const bri = clusters.filter(briPath).map((c) => last(c.rounds).smile);

  const roadGroups = (m: MatchRecord) => ({ low: m.clusters.filter((c) => road(c) === "low"), high: m.clusters.filter((c) => road(c) === "high") });
  const early = shareOfMatches(matches, (m) => {
    const { low, high } = roadGroups(m);
    if (low.length === 0 || high.length === 0 || (low[0]?.rounds.length ?? 0) < 2) return null;
    return mean(low.map((c) => vaUpTo(c, 2))) > mean(high.map((c) => vaUpTo(c, 2)));
  });
  const late = shareOfMatches(matches, (m) => {
    const { low, high } = roadGroups(m);
    if (low.length === 0 || high.length === 0 || (low[0]?.rounds.length ?? 0) < 5) return null;
    return mean(low.map((c) => c.rounds[4]?.score ?? 0)) < mean(high.map((c) => c.rounds[4]?.score ?? 0));
  });
  const hosts = shareOfMatches(matches, (m) => {
    const training = m.hosts.filter((h) => midGradient(h) && trains(h));
    const racing = m.hosts.filter(raceToBottom);
    if (training.length === 0 || racing.length === 0) return null;
    return mean(training.map((h) => last(h.rounds).score)) > mean(racing.map((h) => last(h.rounds).score));
  });

  const govClusters = clusters.filter((c) => GOVERNANCE_SECTORS.includes(c.sector) && c.rounds.length > 0);
  const shifted = (c: ClusterRecord): boolean => c.rounds.some((r, i) => r.governance.some((g, k) => g === "MODULAR" && (i === 0 ? c.startGovernance[k] : c.rounds[i - 1]?.governance[k]) === "CAPTIVE"));
  const shareShifted = (list: ClusterRecord[]): number | null => (list.length > 0 ? list.filter(shifted).length / list.length : null);
  const under = (kind: string) => govClusters.filter((c) => c.leads.some((l) => l.archetype === kind));
  const gk = shareShifted(under("gatekeeper"));
  const partner = shareShifted(under("partner"));
  const ordered = gk !== null && partner !== null && gk < partner;

  const pairOutcomes = pairs.flatMap((pair) =>
    pair.seats.map((seat) => {
      const score = (m: MatchRecord) => [...m.clusters, ...m.hosts, ...m.leads].find((s) => s.seat === seat)?.rounds.at(-1)?.score ?? 0;
      return score(pair.hard) > score(pair.normal);
    }),
  );

  const wins = new Map<string, number>();
  let contests = 0;
  for (const m of matches) {
    for (const role of [m.clusters, m.hosts, m.leads] as const) {
      const best = [...role].sort((a, b) => (b.rounds.at(-1)?.score ?? 0) - (a.rounds.at(-1)?.score ?? 0))[0];
      if (!best) continue;
      wins.set(best.archetype, (wins.get(best.archetype) ?? 0) + 1);
    }
    contests += 1;
  }
  const topShare = contests > 0 ? Math.max(0, ...[...wins.values()].map((w) => w / contests)) : null;
  const topArchetype = [...wins].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "-";

  return [
    target("captive-plateau", "median final smile index of clusters that stayed captive all game", median(captive), [0.2, 0.3], captive.length),
    target("bri-functional-path", "median final smile index of clusters that transferred capacity, applied knowledge in a Belt and Road market and succeeded at a functional upgrade", median(bri), [0.45, 0.6], bri.length),
    target("low-road-early", "share of matches where low-road clusters lead high-road clusters on value added after round 2", early.value, [0.6, 1], early.n),
    target("low-road-late", "share of matches where low-road clusters trail high-road clusters on score after round 5", late.value, [0.6, 1], late.n),
    target("host-gradient", "share of matches where mid-gradient hosts that train labour outscore hosts that only cut standards and taxes", hosts.value, [0.6, 1], hosts.n),
    target(
      "governance-shift",
      `share of apparel and electronics clusters that move from captive to modular, and lower under Gatekeepers than Partners (Gatekeeper ${gk === null ? "-" : gk.toFixed(3)}, Partner ${partner === null ? "-" : partner.toFixed(3)})`,
      shareShifted(govClusters),
      [0.25, 0.75],
      govClusters.length,
      ordered,
    ),
    target("hard-beats-normal", "share of pairs (same seed and seats, one seat per role hard instead of normal) where the hard seat outscores the normal one", pairOutcomes.length > 0 ? pairOutcomes.filter(Boolean).length / pairOutcomes.length : null, [0.6, 1], pairOutcomes.length),
    target("no-dominant-strategy", `largest share of matches in which one archetype wins its role (${topArchetype})`, topShare, [0, 0.7], contests),
  ];
}

export interface Band {
  round: number;
  p25: number;
  p50: number;
  p75: number;
}

/** Per round, the quartiles of the key figures by role and archetype: the debrief's reference curves. */
export function referenceCurves(matches: ReadonlyArray<MatchRecord>): Record<string, Record<string, Record<string, Band[]>>> {
  const figures = {
    cluster: { score: (r: { score: number }) => r.score, va: (r: { va: number }) => r.va, smile: (r: { smile: number }) => r.smile },
    host: { score: (r: { score: number }) => r.score, dZ: (r: { dZ: number }) => r.dZ, A: (r: { A: number }) => r.A },
    lead: { score: (r: { score: number }) => r.score },
  };
  const bands = <R>(seats: ReadonlyArray<{ archetype: string; rounds: R[] }>, pick: Record<string, (r: R) => number>) => {
    const out: Record<string, Record<string, Band[]>> = {};
    for (const archetype of [...new Set(seats.map((s) => s.archetype))].sort()) {
      const mine = seats.filter((s) => s.archetype === archetype);
      const rounds = Math.max(0, ...mine.map((s) => s.rounds.length));
      out[archetype] = Object.fromEntries(
        Object.entries(pick).map(([name, f]) => [
          name,
          Array.from({ length: rounds }, (_, i) => {
            const xs = mine.flatMap((s) => (s.rounds[i] === undefined ? [] : [f(s.rounds[i] as R)]));
            const r = (q: number) => Math.round((quantile(xs, q) ?? 0) * 1000) / 1000;
            return { round: i + 1, p25: r(0.25), p50: r(0.5), p75: r(0.75) };
          }),
        ]),
      );
    }
    return out;
  };
  return {
    cluster: bands(matches.flatMap((m) => m.clusters), figures.cluster),
    host: bands(matches.flatMap((m) => m.hosts), figures.host),
    lead: bands(matches.flatMap((m) => m.leads), figures.lead),
  };
}
