/**
 * The claims of the source paper and its theory, each checked on the engine (issue "the theory in
 * the engine"): Humphrey and Schmitz on governance and upgrading, GHS on governance shifts, the
 * seed's Belt and Road path (abandon assembly, apply knowledge in new markets), Kaplinsky's roads.
 */
import { describe, expect, it } from "vitest";
import { decideGovernance, linkDrivers } from "../shared/governance.ts";
import { gradientMultiplier } from "../shared/hosts.ts";
import { reportFor } from "../shared/report.ts";
import { resolveTurn } from "../shared/resolve.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { createMatch, type MatchState } from "../shared/state.ts";
import { upgradeOdds } from "../shared/upgrading.ts";
import { validateAction } from "../shared/validate.ts";
import { clusterIn, entriesWith, expectRefused, leadIn, mustOk, newMatch, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const P = s0.scenario.parameters;
const APPAREL = "shaoxing_apparel";
const odds = (s: MatchState, type: "PROC" | "PROD" | "FUNC", investment = 20) => upgradeOdds(s, clusterIn(s, APPAREL), type, investment).p;

describe("Humphrey and Schmitz: governance shapes which upgrading is likely", () => {
  it("in a captive link, process and product upgrading are more likely than functional; in an own-brand channel the reverse", () => {
    const captive = withState(s0, (s) => void (clusterIn(s, APPAREL).salesMix = { CAPTIVE: 1 }));
    expect(odds(captive, "PROC")).toBeGreaterThan(odds(captive, "FUNC"));
    expect(odds(captive, "PROD")).toBeGreaterThan(odds(captive, "FUNC"));
    const own = withState(s0, (s) => void (clusterIn(s, APPAREL).salesMix = { OWN: 1 }));
    const adjust = (type: "PROC" | "FUNC") => upgradeOdds(own, clusterIn(own, APPAREL), type, P.upgrade.iref[type]);
    // Same investment relative to each type's reference, so only governance and base odds differ.
    expect(adjust("FUNC").governance).toBeGreaterThan(adjust("PROC").governance);
    expect(adjust("FUNC").governance / adjust("PROC").governance).toBeGreaterThan(2);
  });

  it("functional upgrading is damped below P and Q of 4", () => {
    const weak = withState(s0, (s) => void (clusterIn(s, APPAREL).Q = 3));
    expect(odds(weak, "FUNC")).toBeCloseTo(odds(s0, "FUNC") * P.upgradeRules.prereqPenalty, 9);
  });

  it("transferring or scrapping M blocks raises functional odds through freed credit", () => {
    const scrapped = resolveTurn(s0, { [APPAREL]: [{ type: "scrap", node: "shaoxing", stage: "M", blocks: 2 }] }).state;
    const kept = resolveTurn(s0, {}).state;
    expect(clusterIn(scrapped, APPAREL).freed).toBeCloseTo(2 * P.upgrade.freedPerBlock * (1 - P.upgrade.freedDecay), 9);
    const f = (s: MatchState) => upgradeOdds(s, clusterIn(s, APPAREL), "FUNC", 25);
    expect(f(scrapped).freedFactor).toBeGreaterThan(f(kept).freedFactor);
    expect(f(scrapped).p).toBeGreaterThan(f(kept).p);
  });
});

describe("GHS: the apparel story, captive to modular", () => {
  const afterUpgrades = (n: number, R: number) =>
    withState(s0, (s) => {
      const c = clusterIn(s, APPAREL);
      c.P += Math.ceil(n / 2);
      c.Q += Math.floor(n / 2);
      c.R = R;
    });

  it("takes about three upgrades with the default numbers, and needs the reputation to enter", () => {
    const verdict = (s: MatchState) => decideGovernance(s, clusterIn(s, APPAREL), clusterIn(s, APPAREL).links[0]!).governance;
    const minR = P.gov.entry.networkMinR;
    expect(verdict(afterUpgrades(2, minR))).toBe("CAPTIVE");
    expect(verdict(afterUpgrades(3, minR))).toBe("MODULAR");
    expect(verdict(afterUpgrades(3, minR - 5))).toBe("CAPTIVE");
  });

  it("a lead firm's barrier delays it while the cluster attempts functional upgrading", () => {
    const ready = withState(afterUpgrades(3, 60), (s) => void (leadIn(s, "eurowear").barrier.apparel = P.leadRules.barrierMax));
    const trying = runSteps(ready, { [APPAREL]: [{ type: "upgrade", upgrade: "FUNC", investment: 25 }] }, 5);
    expect(clusterIn(trying.state, APPAREL).links[0]!.governance).not.toBe("MODULAR");
    const quiet = runSteps(ready, {}, 5);
    expect(clusterIn(quiet.state, APPAREL).links[0]!.governance).toBe("MODULAR");
  });

  it("lock-in grows in captive links and applying knowledge in a Belt and Road market (A7) cuts it", () => {
    let s = s0;
    for (let i = 0; i < 3; i++) s = resolveTurn(s, {}).state;
    expect(clusterIn(s, APPAREL).links[0]!.lockin).toBe(3);
    expect(Object.keys(clusterIn(s, APPAREL).soldIn).length).toBeGreaterThan(0);
    const host = Object.keys(clusterIn(s, APPAREL).soldIn).find((m) => s.hosts.some((h) => h.id === m))!;
    const ctx = runSteps(s, { [APPAREL]: [{ type: "applyKnowledge", host }] }, 4);
    expect(clusterIn(ctx.state, APPAREL).links[0]!.lockin).toBe(3 - P.brandRules.lockinCut);
    expect(clusterIn(ctx.state, APPAREL).brand[host]).toBeCloseTo(Math.min(P.brandRules.step, P.brandRules.capPerF * clusterIn(s, APPAREL).F), 12);
  });
});

describe("the Belt and Road path: apply knowledge in smaller markets, become the buyer", () => {
  it("A7 needs product capability and a foothold, and brand presence is capped by functional capability", () => {
    expectRefused(validateAction(s0, APPAREL, { type: "applyKnowledge", host: "PAK" }), "NO_FOOTHOLD");
    const weak = withState(s0, (s) => {
      clusterIn(s, APPAREL).Q = 3;
      clusterIn(s, APPAREL).soldIn = { PAK: 1 };
    });
    expectRefused(validateAction(weak, APPAREL, { type: "applyKnowledge", host: "PAK" }), "Q_TOO_LOW");
    const capped = withState(s0, (s) => {
      clusterIn(s, APPAREL).soldIn = { PAK: 1 };
      clusterIn(s, APPAREL).brand = { PAK: P.brandRules.capPerF * clusterIn(s, APPAREL).F };
    });
    expectRefused(validateAction(capped, APPAREL, { type: "applyKnowledge", host: "PAK" }), "BRAND_CAP");
    expectRefused(validateAction(s0, APPAREL, { type: "applyKnowledge", host: "ATL" }), "UNKNOWN_HOST");
  });

  it("sales under the cluster's own brand count as an OWN channel, which lifts functional odds next round", () => {
    const branded = withState(s0, (s) => {
      const c = clusterIn(s, APPAREL);
      c.F = 4;
      for (const h of s.hosts) c.brand[h.id] = 0.4;
    });
    const after = resolveTurn(branded, {}).state;
    const c = clusterIn(after, APPAREL);
    expect(c.salesMix.OWN ?? 0).toBeGreaterThan(0);
    const plain = clusterIn(resolveTurn(withState(s0, (s) => void (clusterIn(s, APPAREL).F = 4)), {}).state, APPAREL);
    expect(upgradeOdds(after, c, "FUNC", 25).governance).toBeGreaterThan(upgradeOdds(after, plain, "FUNC", 25).governance);
  });
});

describe("the industrial gradient (5.8)", () => {
  it("the late-mover bonus applies only in its range", () => {
    const ctx = runSteps(s0, {}, 0);
    expect(gradientMultiplier(ctx, 0.3)).toBe(P.transfer.gradientBonus);
    expect(gradientMultiplier(ctx, P.transfer.gradientSweet[0])).toBe(P.transfer.gradientBonus);
    expect(gradientMultiplier(ctx, P.transfer.gradientSweet[1])).toBe(P.transfer.gradientBonus);
    expect(gradientMultiplier(ctx, 0.55)).toBe(1);
    expect(gradientMultiplier(ctx, 0.15)).toBe(1);
    expect(gradientMultiplier(ctx, 0.05)).toBe(P.transfer.gradientPenalty);
    expect(gradientMultiplier(ctx, 0.7)).toBe(P.transfer.gradientPenalty);
  });
});

describe("Kaplinsky: the low road erodes price when three clusters share it", () => {
  const threeSteelClusters = (): Scenario => {
    const scenario = structuredClone(s0.scenario);
    const tangshan = scenario.clusters.find((c) => c.id === "tangshan_steel")!;
    scenario.clusters.push({ ...structuredClone(tangshan), id: "wuhu_steel", homeNode: "wuhu" }, { ...structuredClone(tangshan), id: "shahe_steel", homeNode: "shahe" });
    return scenario;
  };

  it("erodes the world steel price when three steel clusters take the low road, not when two do", () => {
    const scenario = threeSteelClusters();
    const match = mustOk(createMatch(scenario, [], 1));
    const low = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, [{ type: "stance", stance: "low" }]]));
    const three = resolveTurn(match, low(["tangshan_steel", "wuhu_steel", "shahe_steel"]));
    expect(three.state.priceIndex.steel).toBeCloseTo(1 - P.market.lowRoadErosion, 12);
    expect(entriesWith(three.report, "PRICE_EROSION")).toHaveLength(1);
    const two = resolveTurn(match, low(["tangshan_steel", "wuhu_steel"]));
    expect(two.state.priceIndex.steel).toBe(1);
  });
});

describe("events move governance", () => {
  it("a standards event moves a captive link toward modular, and over the line for a cluster just short of it", () => {
    const shortOf = withState(s0, (s) => {
      const c = clusterIn(s, APPAREL);
      c.P = 6;
      c.Q = 5;
      c.R = 60;
    });
    const c = clusterIn(shortOf, APPAREL);
    expect(decideGovernance(shortOf, c, c.links[0]!).governance).toBe("CAPTIVE");
    const card = s0.scenario.eventCards.find((x) => x.id === "standardisation")!;
    const shift = card.effects.find((e) => e.kind === "sectorShift") as { C: number; D: number };
    const standardised = withState(shortOf, (s) => void (s.sectorShifts.apparel = { C: shift.C, D: shift.D }));
    const before = linkDrivers(shortOf, c, c.links[0]!);
    const after = linkDrivers(standardised, clusterIn(standardised, APPAREL), clusterIn(standardised, APPAREL).links[0]!);
    expect(after.K).toBeGreaterThan(before.K);
    expect(after.D).toBeGreaterThan(before.D);
    expect(clusterIn(resolveTurn(standardised, {}).state, APPAREL).links[0]!.governance).toBe("MODULAR");
  });

  it("a technology leap moves a captive link toward hierarchy, and over the line where codifiability was borderline", () => {
    const card = s0.scenario.eventCards.find((x) => x.id === "tech_leap")!;
    const shift = card.effects.find((e) => e.kind === "sectorShift") as { C: number; D: number };
    const c = clusterIn(s0, APPAREL);
    const before = linkDrivers(s0, c, c.links[0]!);
    const leapt = withState(s0, (s) => void (s.sectorShifts.apparel = { C: shift.C, D: shift.D - 0.05 }));
    const after = linkDrivers(leapt, clusterIn(leapt, APPAREL), clusterIn(leapt, APPAREL).links[0]!);
    expect(after.K).toBeLessThan(before.K);
    expect(after.D).toBeLessThan(before.D);
    expect(clusterIn(resolveTurn(leapt, {}).state, APPAREL).links[0]!.governance).toBe("HIERARCHY");
  });
});

describe("reports that explain (every seat, both languages)", () => {
  it("gives every seat and the instructor a report each turn, in English and Chinese, every {name} filled in", () => {
    const r = resolveTurn(s0, { tangshan_steel: [{ type: "upgrade", upgrade: "PROC", investment: 10 }] });
    for (const seat of s0.seats) {
      const mine = reportFor(r.report, seat.id);
      expect(mine.entries.length, seat.id).toBeGreaterThan(0);
      for (const e of mine.entries) {
        expect(e.text.en).not.toMatch(/\{\w+\}/);
        expect(e.text.zh).not.toMatch(/\{\w+\}/);
        expect(e.text.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(reportFor(r.report, "instructor").entries.length).toBe(r.report.entries.length);
    const privateToSteel = r.report.entries.filter((e) => !e.public && e.seats.includes("tangshan_steel"));
    expect(privateToSteel.length).toBeGreaterThan(0);
    expect(reportFor(r.report, "wuhu_cement").entries.some((e) => privateToSteel.includes(e))).toBe(false);
  });
});
