/** The low road and the high road, pollution and its cap, win-win and corridor teams (GAME-RULES 5.10, 5.14). */
import { describe, expect, it } from "vitest";
import { resolveTurn } from "../shared/resolve.ts";
import { clusterScore, corridorScores, scoreSnapshot, winwinIndex } from "../shared/scoring.ts";
import type { MatchState } from "../shared/state.ts";
import { validateAction } from "../shared/validate.ts";
import { clusterIn, entriesWith, expectRefused, hostIn, newMatch, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const P = s0.scenario.parameters;
const STEEL = "tangshan_steel";

const play = (state: MatchState, n: number, orders: Record<string, unknown[]> = {}) => {
  let s = state;
  for (let i = 0; i < n; i++) s = resolveTurn(s, orders).state;
  return s;
};

describe("the low road (Kaplinsky)", () => {
  it("pays more at first: lower cost, so more value added in round 1 than the neutral road", () => {
    const low = resolveTurn(s0, { [STEEL]: [{ type: "stance", stance: "low" }] }).state;
    const neutral = resolveTurn(s0, {}).state;
    const va = (s: MatchState) => Object.values(clusterIn(s, STEEL).vaLast).reduce((a, b) => a + b, 0);
    expect(va(low)).toBeGreaterThan(va(neutral));
    expect(clusterIn(low, STEEL).emissions).toBeGreaterThan(clusterIn(neutral, STEEL).emissions);
    expect(clusterIn(low, STEEL).R).toBe(50 + P.stance.low.rep);
  });

  it("erodes its sector's world price when crowded: every round, for good", () => {
    const low = withState(s0, (s) => void (clusterIn(s, STEEL).stance = "low"));
    const after = play(low, 3);
    expect(after.priceIndex.steel).toBeCloseTo((1 - P.market.lowRoadErosion) ** 3, 12);
    expect(after.priceIndex.aluminium).toBe(1);
    const r = resolveTurn(low, {});
    const erosion = entriesWith(r.report, "PRICE_EROSION")[0]!;
    expect(erosion.params.sector).toBe("steel");
  });

  it("needs the whole crowd: one of two apparel clusters on the low road erodes nothing, both do", () => {
    const one = play(withState(s0, (s) => void (clusterIn(s, "shaoxing_apparel").stance = "low")), 1);
    expect(one.priceIndex.apparel).toBe(1);
    const both = play(
      withState(s0, (s) => {
        clusterIn(s, "shaoxing_apparel").stance = "low";
        clusterIn(s, "yiwu_commodities").stance = "low";
      }),
      1,
    );
    expect(both.priceIndex.apparel).toBeCloseTo(1 - P.market.lowRoadErosion, 12);
  });

  it("flags immiserising growth after three rounds of more output and less value per unit, and costs score", () => {
    const s = withState(s0, (x) => {
      const c = clusterIn(x, STEEL);
      c.immiserStreak = P.sustainability.immiserRounds - 1;
      c.lastOutput = { units: 1, vaPerUnit: 1e6 };
    });
    const r = resolveTurn(s, {});
    const c = clusterIn(r.state, STEEL);
    expect(c.immiserFlags).toBe(1);
    expect(c.immiserStreak).toBe(0);
    const card = entriesWith(r.report, "IMMISERISING_GROWTH")[0]!;
    expect(card.text.zh).toContain("贫困化增长");
    const unflagged = withState(r.state, (x) => void (clusterIn(x, STEEL).immiserFlags = 0));
    expect(clusterScore(unflagged, clusterIn(unflagged, STEEL)) - clusterScore(r.state, c)).toBeCloseTo(P.score.immiserPenalty, 9);
  });
});

describe("pollution", () => {
  it("costs reputation when a cluster runs blocks in a host above the incident level", () => {
    const s = withState(s0, (x) => {
      clusterIn(x, STEEL).plants.push({ node: "karachi", host: "PAK", blocks: { U2: 0, U1: 0, M: 2, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 });
      hostIn(x, "PAK").E = 100;
    });
    const r = resolveTurn(s, {});
    expect(clusterIn(r.state, STEEL).R).toBe(50 - P.sustainability.incidentRep);
    expect(entriesWith(r.report, "POLLUTION_INCIDENT")[0]!.params.hosts).toBe("PAK");
  });

  it("sets the cap from what the world emitted in the first round, scaled to the planned length", () => {
    const r = resolveTurn(s0, {}).state;
    expect(r.emissionsCap).toBeCloseTo(P.pollution.capFactor * r.worldFlow * (r.rounds / P.rounds.short), 9);
    expect(r.worldFlow).toBeGreaterThan(0);
  });

  it("over the cap: the round's value added shrinks and every host's standard rises to at least medium", () => {
    const s = withState(resolveTurn(s0, {}).state, (x) => void (x.emissionsCap = 1));
    const calm = withState(s, (x) => void (x.emissionsCap = 1e9));
    const crisis = resolveTurn(s, {});
    const normal = resolveTurn(calm, {});
    expect(crisis.state.winwin.crisis).toBe(true);
    expect(entriesWith(crisis.report, "ECOLOGICAL_CRISIS")).toHaveLength(1);
    expect(crisis.state.hosts.every((h) => h.policies.env !== "low")).toBe(true);
    const va = (x: MatchState) => Object.values(clusterIn(x, "chongqing_autoparts").vaLast).reduce((a, b) => a + b, 0);
    expect(va(crisis.state)).toBeCloseTo(va(normal.state) * P.sustainability.crisisVA, 6);
  });

  it("A8 green retrofit cuts the retrofitted blocks' emissions to greenMult and costs greenCostPerBlock a block", () => {
    const all = clusterIn(s0, STEEL).plants[0]!.blocks.M;
    const ctx = runSteps(s0, { [STEEL]: [{ type: "greenRetrofit", node: "tangshan", blocks: all }] }, 9);
    const base = runSteps(s0, {}, 9);
    expect(clusterIn(ctx.state, STEEL).emissions).toBeCloseTo(clusterIn(base.state, STEEL).emissions * P.pollution.greenMult, 9);
    expect(entriesWith(ctx.report.entries, "GREEN_RETROFIT")[0]!.params.cost).toBe(P.pollution.greenCostPerBlock * all);
    expectRefused(validateAction(s0, STEEL, { type: "greenRetrofit", node: "gwadar", blocks: 1 }), "NO_PLANT");
    expectRefused(validateAction(s0, STEEL, { type: "greenRetrofit", node: "tangshan", blocks: all + 1 }), "NOT_ENOUGH_BLOCKS");
    expectRefused(validateAction(s0, STEEL, { type: "greenRetrofit", node: "tangshan", blocks: 1 }, [{ type: "greenRetrofit", node: "tangshan", blocks: 1 }]), "DUPLICATE_ORDER");
  });
});

describe("win-win and corridor teams (5.14)", () => {
  it("computes the win-win index and multiplies every score when it is achieved under the cap", () => {
    const s = withState(s0, (x) => {
      for (const h of x.hosts) h.Z = h.Z0 + P.score.hostZTarget;
      for (const c of x.clusters) c.vaLast = { U2: 10, U1: 0, M: 0, D1: 0, D2: 10 };
    });
    expect(winwinIndex(s)).toEqual({ index: 1, achieved: true });
    const plain = withState(s, (x) => void (x.hosts[0]!.Z = x.hosts[0]!.Z0));
    const boosted = scoreSnapshot(s).find((r) => r.seat === "PAK")!.score;
    const hostsDone = (x: MatchState) => x.hosts.filter((h) => h.Z - h.Z0 >= P.score.hostZTarget).length / x.hosts.length;
    expect(winwinIndex(plain).index).toBeCloseTo(0.5 * hostsDone(plain) + 0.5, 12);
    const overCap = withState(s, (x) => {
      x.emissionsCap = 1;
      x.worldFlow = 2;
    });
    expect(winwinIndex(overCap).achieved).toBe(false);
    expect(boosted / scoreSnapshot(overCap).find((r) => r.seat === "PAK")!.score).toBeCloseTo(P.score.winwinMult, 9);
  });

  it("scores corridor teams as the mean percentile of their hosts and clusters, leaving out the domestic network", () => {
    const state = play(s0, 1);
    const pct = new Map(state.scores.map((r) => [r.seat, r.percentile]));
    const teams = corridorScores(state, pct);
    expect(teams.map((t) => t.corridor)).not.toContain("CN_TRUNK");
    const cpec = teams.find((t) => t.corridor === "CPEC")!;
    expect(cpec.seats).toBeGreaterThan(0);
    expect(cpec.score).toBeCloseTo(pct.get("PAK")!, 9);
    expect(state.corridorScores).toEqual(teams);
    for (let i = 1; i < teams.length; i++) expect(teams[i - 1]!.score).toBeGreaterThanOrEqual(teams[i]!.score);
  });
});

describe("the cap holds in a quiet world", () => {
  it("a match where nobody acts stays under the pollution cap for the whole short game", () => {
    let s = s0;
    for (let i = 0; i < P.rounds.short; i++) {
      s = resolveTurn(s, {}).state;
      expect(s.winwin.crisis, `round ${i + 1}`).toBe(false);
    }
  });
});
