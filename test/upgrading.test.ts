/** Upgrading and learning (GAME-RULES 5.6): odds by governance, outcomes, and spillovers from lead firms. */
import { describe, expect, it } from "vitest";
import { resolveTurn } from "../shared/resolve.ts";
import type { MatchState } from "../shared/state.ts";
import { portfolio, upgradeOdds } from "../shared/upgrading.ts";
import { validateAction } from "../shared/validate.ts";
import { clusterIn, entriesWith, expectRefused, newMatch, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const P = s0.scenario.parameters;
const APPAREL = "shaoxing_apparel"; // captive 0.6 to EuroWear, P5 Q4 F1
const STEEL = "tangshan_steel"; // market 0.3 to Meridian, P5 Q5 F1

const odds = (s: MatchState, cluster: string, type: "PROC" | "PROD" | "FUNC" | "CHAIN", investment: number) => upgradeOdds(s, clusterIn(s, cluster), type, investment);

describe("the odds of 5.6", () => {
  it("weights the governance table over the output portfolio (captive 0.6 + arm's length 0.4)", () => {
    const mix = portfolio(clusterIn(s0, APPAREL));
    expect(mix).toEqual([
      { governance: "CAPTIVE", share: 0.6 },
      { governance: "MARKET", share: expect.closeTo(0.4, 12) },
    ]);
    expect(odds(s0, APPAREL, "FUNC", 25).governance).toBeCloseTo(0.6 * P.upgrade.G.CAPTIVE[2]! + 0.4 * P.upgrade.G.MARKET[2]!, 12);
    expect(odds(s0, APPAREL, "PROC", 10).governance).toBeCloseTo(0.6 * P.upgrade.G.CAPTIVE[0]! + 0.4 * P.upgrade.G.MARKET[0]!, 12);
  });

  it("is the product of its factors, clamped", () => {
    const o = odds(s0, APPAREL, "FUNC", 25);
    const product = o.base * o.governance * o.investmentFactor * o.parkFactor * o.freedFactor * o.stance * o.prereq * o.levelFactor * o.lockinFactor;
    expect(o.p).toBeCloseTo(Math.min(P.upgrade.pMax, Math.max(P.upgrade.pMin, product)), 12);
    expect(o.investmentFactor).toBeCloseTo(Math.sqrt(25 / P.upgrade.iref.FUNC), 12);
    expect(odds(s0, APPAREL, "PROC", 1000).p).toBe(P.upgrade.pMax);
    expect(odds(s0, APPAREL, "FUNC", 0.01).p).toBe(P.upgrade.pMin);
  });

  it("captive chains favour process and product upgrading and damp functional upgrading (Humphrey and Schmitz)", () => {
    const captive = withState(s0, (s) => void (clusterIn(s, APPAREL).links[0]!.share = 1));
    const market = withState(s0, (s) => void (clusterIn(s, APPAREL).links[0]!.share = 0));
    expect(odds(captive, APPAREL, "PROC", 10).governance).toBeGreaterThan(odds(market, APPAREL, "PROC", 10).governance);
    expect(odds(captive, APPAREL, "FUNC", 25).p).toBeLessThan(odds(market, APPAREL, "FUNC", 25).p / 3);
  });

  it("lock-in damps functional upgrading only", () => {
    const locked = withState(s0, (s) => void (clusterIn(s, APPAREL).links[0]!.lockin = 3));
    expect(odds(locked, APPAREL, "FUNC", 25).lockinFactor).toBeCloseTo(1 - P.gov.lockinPenalty * 3 * 0.6, 12);
    expect(odds(locked, APPAREL, "PROC", 10).lockinFactor).toBe(1);
  });

  it("freed credit from abandoned assembly raises functional odds, capped at a ratio of 1", () => {
    const freed = withState(s0, (s) => void (clusterIn(s, APPAREL).freed = 10));
    const lots = withState(s0, (s) => void (clusterIn(s, APPAREL).freed = 100));
    expect(odds(freed, APPAREL, "FUNC", 25).freedFactor).toBeCloseTo(1 + P.upgradeRules.funcFreedBoost * 0.5, 12);
    expect(odds(lots, APPAREL, "FUNC", 25).freedFactor).toBeCloseTo(1 + P.upgradeRules.funcFreedBoost, 12);
    expect(odds(freed, APPAREL, "PROC", 10).freedFactor).toBe(1);
  });

  it("halves odds without the prerequisites and shrinks them as the level rises", () => {
    const weak = withState(s0, (s) => void (clusterIn(s, APPAREL).P = 3));
    expect(odds(weak, APPAREL, "FUNC", 25).prereq).toBe(P.upgradeRules.prereqPenalty);
    expect(odds(s0, APPAREL, "FUNC", 25).prereq).toBe(1);
    expect(odds(s0, APPAREL, "CHAIN", 30).prereq).toBe(P.upgradeRules.prereqPenalty);
    const high = withState(s0, (s) => void (clusterIn(s, APPAREL).P = 8));
    expect(odds(high, APPAREL, "PROC", 10).levelFactor).toBeCloseTo(1 - P.upgrade.levelDecay * 8, 12);
  });

  it("the high road lifts the odds and the low road lowers them", () => {
    const high = withState(s0, (s) => void (clusterIn(s, STEEL).stance = "high"));
    const low = withState(s0, (s) => void (clusterIn(s, STEEL).stance = "low"));
    expect(odds(high, STEEL, "PROD", 15).p).toBeGreaterThan(odds(s0, STEEL, "PROD", 15).p);
    expect(odds(low, STEEL, "PROD", 15).p).toBeLessThan(odds(s0, STEEL, "PROD", 15).p);
  });
});

describe("rolling (A3)", () => {
  it("spends the investment either way; success adds a level, failure adds learning by trying; the report carries the odds", () => {
    let successes = 0;
    let failures = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const s = newMatch(seed);
      const orders = { [STEEL]: [{ type: "upgrade", upgrade: "PROC", investment: 10 }] };
      // The roll comes after learning (5.4 step 8), so the odds are those of the state at that moment.
      const atRoll = runSteps(s, orders, 7).state;
      const expected = upgradeOdds(atRoll, clusterIn(atRoll, STEEL), "PROC", 10);
      const ctx = runSteps(s, orders, 8);
      const entry = ctx.report.entries.find((e) => e.code.startsWith("UPGRADE_"))!;
      expect(clusterIn(ctx.state, STEEL).P).toBe(Number(entry.params.to));
      expect(Number(entry.params.p)).toBeCloseTo(expected.p, 12);
      expect(Number(entry.params.G)).toBeCloseTo(expected.governance, 12);
      const from = Number(entry.params.from);
      if (entry.code === "UPGRADE_FAILED") {
        failures++;
        expect(Number(entry.params.to)).toBeCloseTo(from + P.upgrade.failXP, 12);
        expect(Number(entry.params.roll)).toBeGreaterThanOrEqual(expected.p);
      } else {
        successes++;
        expect(Number(entry.params.to)).toBe(from + (entry.code === "UPGRADE_BREAKTHROUGH" ? P.upgradeRules.breakthroughLevels : 1));
        expect(Number(entry.params.roll)).toBeLessThan(expected.p);
      }
    }
    expect(successes).toBeGreaterThan(0);
    expect(failures).toBeGreaterThan(0);
  });

  it("succeeds about as often as its odds say, over many seeds", () => {
    const p = odds(s0, STEEL, "PROD", 15).p;
    let hits = 0;
    const n = 400;
    for (let seed = 1; seed <= n; seed++) {
      const r = resolveTurn(newMatch(seed), { [STEEL]: [{ type: "upgrade", upgrade: "PROD", investment: 15 }] });
      if (entriesWith(r.report, "UPGRADE_SUCCESS").length + entriesWith(r.report, "UPGRADE_BREAKTHROUGH").length > 0) hits++;
    }
    expect(hits / n).toBeGreaterThan(p - 0.08);
    expect(hits / n).toBeLessThan(p + 0.08);
  });

  it("captive apparel succeeds at process upgrading far more often than at functional upgrading", () => {
    let proc = 0;
    let func = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const s = newMatch(seed);
      const a = resolveTurn(s, { [APPAREL]: [{ type: "upgrade", upgrade: "PROC", investment: 25 }] }).report;
      const b = resolveTurn(s, { [APPAREL]: [{ type: "upgrade", upgrade: "FUNC", investment: 25 }] }).report;
      if (a.entries.some((e) => e.code === "UPGRADE_SUCCESS" || e.code === "UPGRADE_BREAKTHROUGH")) proc++;
      if (b.entries.some((e) => e.code === "UPGRADE_SUCCESS" || e.code === "UPGRADE_BREAKTHROUGH")) func++;
    }
    expect(proc).toBeGreaterThan(2 * func);
  });

  it("money is spent on success and failure alike", () => {
    const ctx = runSteps(s0, { [STEEL]: [{ type: "upgrade", upgrade: "FUNC", investment: 25 }] }, 7);
    const before = clusterIn(ctx.state, STEEL).money;
    const after = runSteps(s0, { [STEEL]: [{ type: "upgrade", upgrade: "FUNC", investment: 25 }] }, 8);
    expect(clusterIn(after.state, STEEL).money).toBeCloseTo(before - 25, 9);
  });

  it("allows at most two attempts a round and needs the money", () => {
    const order = { type: "upgrade", upgrade: "PROC", investment: 10 } as const;
    expect(validateAction(s0, STEEL, order, [order]).ok).toBe(true);
    expectRefused(validateAction(s0, STEEL, order, [order, order]), "TOO_MANY_UPGRADES");
    expectRefused(validateAction(s0, STEEL, { ...order, investment: 500 }), "NOT_ENOUGH_MONEY");
    expectRefused(validateAction(s0, "PAK", order), "WRONG_ROLE");
  });
});

describe("learning from lead firms (A4 and passive spillovers)", () => {
  it("passes on process know-how in proportion to governance, share and the gap: dP = lambdaP * share * (P_L - P) / 10", () => {
    const ctx = runSteps(s0, {}, 7);
    const apparel = clusterIn(ctx.state, APPAREL);
    const lambda = P.learning.lambdaP.CAPTIVE;
    expect(apparel.P - 5).toBeCloseTo((lambda * 0.6 * (P.learning.leadCap - 5)) / 10, 12);
    const steel = clusterIn(ctx.state, STEEL);
    expect(steel.P - 5).toBeCloseTo((P.learning.lambdaP.MARKET * 0.3 * (P.learning.leadCap - 5)) / 10, 12);
    expect(apparel.F).toBe(1);
  });

  it("active learning doubles the spillover, costs money, and deepens lock-in", () => {
    const passive = clusterIn(runSteps(s0, {}, 7).state, APPAREL);
    const ctx = runSteps(s0, { [APPAREL]: [{ type: "learn", leadFirm: "eurowear" }] }, 7);
    const active = clusterIn(ctx.state, APPAREL);
    expect(active.P - 5).toBeCloseTo(P.learning.activeMult * (passive.P - 5), 12);
    expect(active.links[0]!.lockin).toBe(1);
    expect(passive.money - active.money).toBeCloseTo(P.costs.A4.money ?? 0, 9);
    const entry = ctx.report.entries.find((e) => e.code === "LEARNED_ACTIVELY")!;
    expect(Number(entry.params.dP)).toBeCloseTo(active.P - 5, 12);
    expectRefused(validateAction(s0, APPAREL, { type: "learn", leadFirm: "novatech" }), "UNKNOWN_LINK");
  });

  it("never takes back capability above the lead firm's", () => {
    const strong = withState(s0, (s) => void (clusterIn(s, APPAREL).P = 10));
    expect(clusterIn(runSteps(strong, {}, 7).state, APPAREL).P).toBe(10);
  });
});
