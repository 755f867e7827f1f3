/** Industrial parks (GAME-RULES 5.8): deals with hosts, building, joining, and what members share. */
import { describe, expect, it } from "vitest";
import { productivity, blockCost } from "../shared/market.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import { corridorHops, pointAxisBonus } from "../shared/parks.ts";
import { apAllowance } from "../shared/lookup.ts";
import { resolveTurn } from "../shared/resolve.ts";
import type { MatchState } from "../shared/state.ts";
import { upgradeOdds } from "../shared/upgrading.ts";
import { validateAction } from "../shared/validate.ts";
import { clusterIn, entriesWith, expectRefused, hostIn, mustOk, newMatch, offerAndAccept, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const P = s0.scenario.parameters;
const C = "tangshan_steel";
const parkIn = (s: MatchState, id: string) => s.parks.find((k) => k.id === id)!;

describe("park deals", () => {
  it("a host park needs a deal with its host; the host pays H7's AP and political capital when it binds", () => {
    expectRefused(validateAction(s0, C, { type: "park", park: "gwadar_park", mode: "join" }), "PARK_NEEDS_DEAL");
    const { state, contract } = offerAndAccept(s0, C, "PAK", { kind: "park", park: "gwadar_park", fromContribution: 0, toContribution: 0 });
    expect(state.contracts.find((c) => c.id === contract)).toBeDefined();
    expect(hostIn(state, "PAK").apUsed).toBe(P.costs.H7.ap);
    expect(hostIn(state, "PAK").PC).toBe(P.hostRules.startPC - (P.costs.H7.pc ?? 0));
    expect(validateAction(state, C, { type: "park", park: "gwadar_park", mode: "join" }).ok).toBe(true);
  });

  it("refuses deals with the wrong parties and unknown parks", () => {
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: "KAZ", terms: { kind: "park", park: "gwadar_park", fromContribution: 0, toContribution: 0 } }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: "PAK", terms: { kind: "park", park: "atlantis", fromContribution: 0, toContribution: 0 } }), "UNKNOWN_PARK");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: "PAK", terms: { kind: "park", park: "ningbo_ecopark", fromContribution: 0, toContribution: 0 } }), "OFFER_TERMS");
    expect(applyNegotiation(s0, C, { type: "propose", to: "wuhu_cement", terms: { kind: "park", park: "ningbo_ecopark", fromContribution: 15, toContribution: 15 } }).ok).toBe(true);
  });
});

describe("A6: build, upgrade, join", () => {
  it("builds a Chinese park at full cost, makes the builder a member, and adds reputation", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "park", park: "ningbo_ecopark", mode: "build" }] }, 4);
    const park = parkIn(ctx.state, "ningbo_ecopark");
    expect(park.level).toBe(1);
    expect(park.members).toEqual([C]);
    expect(clusterIn(ctx.state, C).money).toBeCloseTo(clusterIn(s0, C).money - P.park.build[0]!, 9);
    expect(clusterIn(ctx.state, C).R).toBe(clusterIn(s0, C).R + P.parkRules.successRep);
    expect(entriesWith(ctx.report.entries, "PARK_BUILT")).toHaveLength(1);
  });

  it("splits a host park's upgrade cost with the host as the deal says", () => {
    const { state } = offerAndAccept(s0, C, "PAK", { kind: "park", park: "gwadar_park", fromContribution: 0, toContribution: 20 });
    const ctx = runSteps(state, { [C]: [{ type: "park", park: "gwadar_park", mode: "upgrade" }] }, 4);
    expect(parkIn(ctx.state, "gwadar_park").level).toBe(2);
    expect(clusterIn(ctx.state, C).money).toBeCloseTo(clusterIn(s0, C).money - (P.park.build[1]! - 20), 9);
    expect(hostIn(ctx.state, "PAK").money).toBeCloseTo(hostIn(s0, "PAK").money - 20, 9);
    expect(parkIn(ctx.state, "gwadar_park").members).toContain(C);
  });

  it("refuses what does not fit the park's state", () => {
    expectRefused(validateAction(s0, C, { type: "park", park: "qinzhou_cmqip", mode: "build" }), "PARK_ALREADY_BUILT");
    expectRefused(validateAction(s0, C, { type: "park", park: "ningbo_ecopark", mode: "join" }), "PARK_NOT_BUILT");
    expectRefused(validateAction(s0, C, { type: "park", park: "nowhere", mode: "join" }), "UNKNOWN_PARK");
    const top = withState(s0, (s) => void (parkIn(s, "qinzhou_cmqip").level = 3));
    expectRefused(validateAction(top, C, { type: "park", park: "qinzhou_cmqip", mode: "upgrade" }), "PARK_MAX_LEVEL");
    const member = withState(s0, (s) => void parkIn(s, "qinzhou_cmqip").members.push(C));
    expectRefused(validateAction(member, C, { type: "park", park: "qinzhou_cmqip", mode: "join" }), "ALREADY_MEMBER");
    const poor = withState(s0, (s) => void (clusterIn(s, C).money = 5));
    expectRefused(validateAction(poor, C, { type: "park", park: "ningbo_ecopark", mode: "build" }), "NOT_ENOUGH_MONEY");
  });

  it("a second cluster building the same park in the same turn joins it at no cost", () => {
    const before = clusterIn(s0, "wuhu_cement").money;
    const ctx = runSteps(s0, { [C]: [{ type: "park", park: "ningbo_ecopark", mode: "build" }], wuhu_cement: [{ type: "park", park: "ningbo_ecopark", mode: "build" }] }, 4);
    expect(parkIn(ctx.state, "ningbo_ecopark").level).toBe(1);
    expect(parkIn(ctx.state, "ningbo_ecopark").members.sort()).toEqual([C, "wuhu_cement"].sort());
    expect(clusterIn(ctx.state, "wuhu_cement").money).toBe(before);
  });
});

describe("what members share", () => {
  const together = withState(s0, (s) => {
    parkIn(s, "qinzhou_cmqip").members.push("shenzhen_electronics", "shaoxing_apparel");
  });

  it("members close a share of the gap to the best process capability in their park", () => {
    // Park spillover comes right after learning from lead firms, which membership does not change.
    const alone = runSteps(s0, {}, 7).state;
    const gap = clusterIn(alone, "shenzhen_electronics").P - clusterIn(alone, "shaoxing_apparel").P;
    expect(gap).toBeGreaterThan(0);
    const learned = clusterIn(runSteps(together, {}, 7).state, "shaoxing_apparel").P - clusterIn(alone, "shaoxing_apparel").P;
    expect(learned).toBeCloseTo(P.park.spillover * gap, 12);
  });

  it("lift upgrade odds by parkBonusPerLevel per level and give the host absorptive capacity", () => {
    const o = upgradeOdds(together, clusterIn(together, "shaoxing_apparel"), "PROC", 10);
    expect(o.parkFactor).toBeCloseTo(1 + P.upgrade.parkBonusPerLevel, 12);
    expect(hostIn(runSteps(withState(s0, (s) => void parkIn(s, "gwadar_park").members.push(C)), {}, 7).state, "PAK").A).toBeCloseTo(hostIn(s0, "PAK").A + P.park.hostA, 12);
  });

  it("gives a member of a level-3 park one more action point", () => {
    const l3 = withState(s0, (s) => {
      parkIn(s, "qinzhou_cmqip").level = 3;
      parkIn(s, "qinzhou_cmqip").members.push(C);
    });
    expect(apAllowance(l3, C)).toBe(P.ap.cluster + P.ap.parkL3Bonus);
    expect(apAllowance(s0, C)).toBe(P.ap.cluster);
  });

  it("eco-park members gain reputation every round", () => {
    const eco = withState(s0, (s) => {
      parkIn(s, "ningbo_ecopark").level = 1;
      parkIn(s, "ningbo_ecopark").members.push(C);
    });
    expect(clusterIn(resolveTurn(eco, {}).state, C).R).toBe(clusterIn(resolveTurn(s0, {}).state, C).R + P.parkRules.ecoRep);
  });

  it("point–axis: an operating park near others on a corridor is more productive", () => {
    const plant = { node: "khorgos", host: "KAZ", blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 };
    expect(corridorHops(s0.scenario, "khorgos", "astana")).toBeLessThanOrEqual(P.parkRules.corridorEdges);
    const withAstana = withState(s0, (s) => void (parkIn(s, "astana_sez").level = 1));
    expect(pointAxisBonus(withAstana, plant)).toBeCloseTo(pointAxisBonus(s0, plant) + P.park.corridorSpill, 12);
    expect(productivity(withAstana, plant)).toBeGreaterThan(productivity(s0, plant));
  });

  it("twin parks: a member of both Qinzhou and Kuantan runs its plants there twinBonus cheaper", () => {
    const plant = { node: "kuantan", host: "MYS", blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 };
    const both = withState(s0, (s) => {
      parkIn(s, "qinzhou_cmqip").members.push(C);
      parkIn(s, "kuantan_mckip").members.push(C);
    });
    const one = withState(s0, (s) => void parkIn(s, "kuantan_mckip").members.push(C));
    expect(blockCost(both, clusterIn(both, C), plant, "M").full).toBeCloseTo(blockCost(one, clusterIn(one, C), plant, "M").full * (1 - P.park.twinBonus), 12);
    expect(mustOk(validateAction(s0, C, { type: "stance", stance: "high" }))).toBeDefined();
  });
});
