/**
 * One calibration match, played by AI players, reduced to the figures the targets and the reference
 * curves need, round by round (plain JSON, so worker threads can send it back).
 */
import { playAiTurn, type AiSeat, type Archetype } from "../../../shared/ai/index.ts";
import { smileIndex } from "../../../shared/market.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { createMatch, type MatchState } from "../../../shared/state.ts";
import { STAGES } from "../../../shared/types.ts";

export interface ClusterRound {
  governance: string[];
  stance: string;
  va: number;
  score: number;
  smile: number;
  abroad: number;
  brand: number;
  F: number;
}

export interface HostRound {
  score: number;
  dZ: number;
  A: number;
  training: number;
  env: string;
  sez: boolean;
}

export interface SeatRecord<R> {
  seat: string;
  archetype: Archetype;
  difficulty: string;
  rounds: R[];
}

export interface ClusterRecord extends SeatRecord<ClusterRound> {
  sector: string;
  startF: number;
  /** Governance of each link at the start. */
  startGovernance: string[];
  /** Lead firm of each link at the start, with the archetype that plays it. */
  leads: Array<{ leadFirm: string; archetype: Archetype | null }>;
}

export interface HostRecord extends SeatRecord<HostRound> {
  wageIndex: number;
}

export interface MatchRecord {
  seed: number;
  clusters: ClusterRecord[];
  hosts: HostRecord[];
  leads: Array<SeatRecord<{ score: number }>>;
}

const scoreOf = (state: MatchState, seat: string): number => state.scores.find((s) => s.seat === seat)?.score ?? 0;

export function playCalibrationMatch(scenario: Scenario, seed: number, ais: ReadonlyArray<AiSeat>, rounds: number): MatchRecord {
  const created = createMatch(scenario, ais.map((a) => ({ seat: a.seat, controller: "ai" as const })), seed, { rounds });
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  const ai = (seat: string) => ais.find((a) => a.seat === seat) as AiSeat;
  const record: MatchRecord = {
    seed,
    clusters: state.clusters.map((c) => ({
      seat: c.id,
      archetype: ai(c.id).archetype,
      difficulty: ai(c.id).difficulty,
      sector: c.sector,
      startF: c.F,
      startGovernance: c.links.map((l) => l.governance),
      leads: c.links.map((l) => ({ leadFirm: l.leadFirm, archetype: ais.find((a) => a.seat === l.leadFirm)?.archetype ?? null })),
      rounds: [],
    })),
    hosts: state.hosts.map((h) => ({ seat: h.id, archetype: ai(h.id).archetype, difficulty: ai(h.id).difficulty, wageIndex: scenario.hosts.find((s) => s.id === h.id)?.wageIndex.value ?? 0, rounds: [] })),
    leads: state.leadFirms.map((l) => ({ seat: l.id, archetype: ai(l.id).archetype, difficulty: ai(l.id).difficulty, rounds: [] })),
  };
  for (let r = 0; r < rounds; r++) {
    state = playAiTurn(state, ais, [], undefined, { log: false }).state;
    const p = state.scenario.parameters;
    state.clusters.forEach((c, i) => {
      record.clusters[i]?.rounds.push({
        governance: c.links.map((l) => l.governance),
        stance: c.stance,
        va: STAGES.reduce((s, st) => s + c.vaLast[st], 0),
        score: scoreOf(state, c.id),
        smile: smileIndex(c.vaLast, p),
        abroad: c.plants.filter((pl) => pl.host !== null).reduce((s, pl) => s + pl.blocks.M, 0),
        brand: Object.values(c.brand).reduce((a, b) => a + b, 0),
        F: c.F,
      });
    });
    state.hosts.forEach((h, i) => {
      record.hosts[i]?.rounds.push({ score: scoreOf(state, h.id), dZ: h.Z - h.Z0, A: h.A, training: h.policies.training, env: h.policies.env, sez: h.policies.sez });
    });
    state.leadFirms.forEach((l, i) => record.leads[i]?.rounds.push({ score: scoreOf(state, l.id) }));
  }
  return record;
}
