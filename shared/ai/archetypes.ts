/**
 * The AI players' archetypes (GAME-RULES 5.15), their difficulties, and the default mix a match
 * seats. The mix rotates with the seed so that, over many matches, every archetype plays every seat.
 */
import type { Scenario } from "../scenario/schema.ts";
import type { Localized, Role, SeatId } from "../types.ts";

export const CLUSTER_ARCHETYPES = ["upgrader", "volume", "transferrer"] as const;
export const HOST_ARCHETYPES = ["developmental", "rentier", "cautious"] as const;
export const LEAD_ARCHETYPES = ["gatekeeper", "partner"] as const;
export type ClusterArchetype = (typeof CLUSTER_ARCHETYPES)[number];
export type HostArchetype = (typeof HOST_ARCHETYPES)[number];
export type LeadArchetype = (typeof LEAD_ARCHETYPES)[number];
export type Archetype = ClusterArchetype | HostArchetype | LeadArchetype;

export const DIFFICULTIES = ["easy", "normal", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface AiSeat {
  seat: SeatId;
  archetype: Archetype;
  difficulty: Difficulty;
}

export const ARCHETYPES_OF: Record<Role, ReadonlyArray<Archetype>> = {
  cluster: CLUSTER_ARCHETYPES,
  host: HOST_ARCHETYPES,
  lead: LEAD_ARCHETYPES,
};

export const ARCHETYPE_NAMES: Record<Archetype, Localized> = {
  upgrader: { en: "Upgrader", zh: "升级者" },
  volume: { en: "Volume / low road", zh: "规模型（低端道路）" },
  transferrer: { en: "Transferrer", zh: "转移者" },
  developmental: { en: "Developmental state", zh: "发展型国家" },
  rentier: { en: "Rentier", zh: "食利型国家" },
  cautious: { en: "Cautious", zh: "谨慎型国家" },
  gatekeeper: { en: "Gatekeeper", zh: "守门人" },
  partner: { en: "Partner", zh: "合作伙伴" },
};

/** Cluster weights of 5.15: value added, smile position, reputation, emissions. */
export const CLUSTER_WEIGHTS: Record<ClusterArchetype, { va: number; smile: number; rep: number; emissions: number }> = {
  upgrader: { va: 1, smile: 1.5, rep: 0.5, emissions: 0.5 },
  volume: { va: 1.5, smile: 0.3, rep: 0.1, emissions: 0 },
  transferrer: { va: 1, smile: 1, rep: 0.3, emissions: 0.3 },
};

/** Host weights of 5.15: jobs, industrialisation, technology transfer, tax, emissions, debt risk. */
export const HOST_WEIGHTS: Record<HostArchetype, { jobs: number; z: number; tech: number; tax: number; emissions: number; debt: number }> = {
  developmental: { jobs: 1, z: 1.5, tech: 1, tax: 0.5, emissions: 0.8, debt: 0.5 },
  rentier: { jobs: 0.7, z: 0.5, tech: 0.3, tax: 1.5, emissions: 0.3, debt: 0.5 },
  cautious: { jobs: 0.8, z: 1, tech: 0.5, tax: 0.5, emissions: 1.2, debt: 1.5 },
};

/** How often an AI of each difficulty departs from its best move (5.15: epsilon-noise). */
export const EPSILON: Record<Difficulty, number> = { easy: 0.1, normal: 0.05, hard: 0 };

export const isArchetypeOf = (role: Role, archetype: string): archetype is Archetype => (ARCHETYPES_OF[role] as ReadonlyArray<string>).includes(archetype);

/**
 * The documented default mix (docs/ai.md): clusters cycle Upgrader, Volume, Transferrer and hosts
 * Developmental, Rentier, Cautious in scenario order, lead firms alternate Gatekeeper and Partner;
 * each cycle starts at an offset given by the seed, so over seeds every seat meets every archetype.
 */
export function defaultArchetypes(scenario: Scenario, seed = 0, difficulty: Difficulty = "normal", seats?: ReadonlyArray<SeatId>): AiSeat[] {
  const rotate = <T>(list: ReadonlyArray<T>, i: number): T => list[(i + seed) % list.length] as T;
  const all: AiSeat[] = [
    ...scenario.clusters.map((c, i) => ({ seat: c.id, archetype: rotate(CLUSTER_ARCHETYPES, i), difficulty })),
    ...scenario.hosts.map((h, i) => ({ seat: h.id, archetype: rotate(HOST_ARCHETYPES, i), difficulty })),
    ...scenario.leadFirms.map((l, i) => ({ seat: l.id, archetype: rotate(LEAD_ARCHETYPES, i), difficulty })),
  ];
  if (!seats) return all;
  const wanted = new Set(seats);
  return all.filter((a) => wanted.has(a.seat));
}

/**
 * The AI players a match log's header lists (`settings.ai`: `{seat, archetype, difficulty}`), kept only
 * where the seat exists and the archetype fits its role; anything else in the list is left out.
 */
export function aiSeatsFrom(raw: unknown, roles: ReadonlyMap<SeatId, Role>): AiSeat[] {
  if (!Array.isArray(raw)) return [];
  const out: AiSeat[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const { seat, archetype, difficulty } = item as Record<string, unknown>;
    const role = typeof seat === "string" ? roles.get(seat) : undefined;
    if (!role || typeof archetype !== "string" || !isArchetypeOf(role, archetype)) continue;
    if (typeof difficulty !== "string" || !(DIFFICULTIES as ReadonlyArray<string>).includes(difficulty)) continue;
    out.push({ seat: seat as SeatId, archetype, difficulty: difficulty as Difficulty });
  }
  return out;
}
