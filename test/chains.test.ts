/** Joining and leaving chains, end-stage blocks, lead firms' barriers and standards (GAME-RULES 5.5, 5.11, 5.12). */
import { describe, expect, it } from "vitest";
import { leavingCost } from "../shared/chains.ts";
import { linkDrivers } from "../shared/governance.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { validateAction } from "../shared/validate.ts";
import { clusterIn, entriesWith, expectRefused, leadIn, newMatch, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const P = s0.scenario.parameters;

describe("A5: joining and leaving a chain", () => {
  it("joins a lead firm that buys the sector, with the governance the drivers and entry conditions allow", () => {
    const ctx = runSteps(s0, { shahe_glass: [{ type: "switchChain", leadFirm: "solaris", join: true }] }, 4);
    const link = clusterIn(ctx.state, "shahe_glass").links.find((l) => l.leadFirm === "solaris")!;
    expect(link.share).toBe(0);
    expect(link.governance).toBe("MARKET");
    expect(entriesWith(ctx.report.entries, "CHAIN_JOINED")[0]!.params.governance).toBe("MARKET");
  });

  it("pays the switching cost of the governance it leaves (asset specificity)", () => {
    const cluster = clusterIn(s0, "shaoxing_apparel");
    const link = cluster.links[0]!;
    const cost = leavingCost(s0, cluster, link);
    expect(cost).toBeCloseTo(P.gov.switchCost.CAPTIVE * link.share * 10 * P.chainRules.blockValue, 12);
    const ctx = runSteps(s0, { shaoxing_apparel: [{ type: "switchChain", leadFirm: "eurowear", join: false }] }, 4);
    expect(clusterIn(ctx.state, "shaoxing_apparel").links).toHaveLength(0);
    expect(clusterIn(ctx.state, "shaoxing_apparel").money).toBeCloseTo(cluster.money - cost, 9);
  });

  it("refuses joining twice, leaving a chain it is not in, and lead firms outside the sector", () => {
    expectRefused(validateAction(s0, "shaoxing_apparel", { type: "switchChain", leadFirm: "eurowear", join: true }), "ALREADY_LINKED");
    expectRefused(validateAction(s0, "shaoxing_apparel", { type: "switchChain", leadFirm: "novatech", join: false }), "UNKNOWN_LINK");
    expectRefused(validateAction(s0, "shaoxing_apparel", { type: "switchChain", leadFirm: "novatech", join: true }), "NOT_IN_SECTOR");
    expectRefused(validateAction(s0, "shaoxing_apparel", { type: "switchChain", leadFirm: "ghost", join: true }), "UNKNOWN_LEAD_FIRM");
  });
});

describe("A10: end-stage blocks", () => {
  it("needs a functional level for every R&D and brand block owned", () => {
    // Every starting cluster owns one U2 block at F 1 (or 2 for Yiwu).
    expectRefused(validateAction(s0, "tangshan_steel", { type: "buildEndStage", stage: "D2" }), "F_TOO_LOW");
    const able = withState(s0, (s) => void (clusterIn(s, "tangshan_steel").F = 2));
    const ctx = runSteps(able, { tangshan_steel: [{ type: "buildEndStage", stage: "D2" }] }, 4);
    const home = clusterIn(ctx.state, "tangshan_steel").plants[0]!;
    expect(home.blocks.D2).toBe(1);
    expect(clusterIn(ctx.state, "tangshan_steel").money).toBeCloseTo(clusterIn(s0, "tangshan_steel").money - (P.costs.A10.money ?? 0), 9);
  });
});

describe("L2 barriers and L3 standards", () => {
  it("raising barriers lowers the codifiability seen by a supplier attempting a functional upgrade", () => {
    const ctx = runSteps(s0, { eurowear: [{ type: "raiseBarrier", sector: "apparel" }] }, 2);
    expect(leadIn(ctx.state, "eurowear").barrier.apparel).toBeCloseTo(P.leadRules.barrierStep, 12);
    expect(leadIn(ctx.state, "eurowear").money).toBe(leadIn(s0, "eurowear").money - (P.costs.L2.money ?? 0));
    const c = clusterIn(ctx.state, "shaoxing_apparel");
    const link = c.links[0]!;
    expect(linkDrivers(ctx.state, c, { ...link, attemptingFunc: true }).D).toBeCloseTo(linkDrivers(ctx.state, c, link).D - P.leadRules.barrierStep, 12);
    const capped = withState(s0, (s) => void (leadIn(s, "eurowear").barrier.apparel = P.leadRules.barrierMax));
    expectRefused(validateAction(capped, "eurowear", { type: "raiseBarrier", sector: "apparel" }), "UNCHANGED");
    expectRefused(validateAction(s0, "eurowear", { type: "raiseBarrier", sector: "steel" }), "NOT_IN_SECTOR");
  });

  it("publishing standards codifies the sector and can turn relational chains modular", () => {
    const s = withState(s0, (x) => {
      clusterIn(x, "chongqing_autoparts").R = 65;
      x.sectorShifts.autoparts = { C: 0, D: 0.15 };
    });
    const ctx = runSteps(s, { rheinauto: [{ type: "standardise", sector: "autoparts" }] }, 5);
    expect(ctx.state.sectorShifts.autoparts!.D).toBeCloseTo(0.15 + P.leadRules.standardStep, 12);
    expect(clusterIn(ctx.state, "chongqing_autoparts").links[0]!.governance).toBe("MODULAR");
    expect(entriesWith(ctx.report.entries, "STANDARD_PUBLISHED")).toHaveLength(1);
  });
});

describe("L5: China+1", () => {
  it("buys first from cheap capacity in the preferred host, leaving less for Chinese plants", () => {
    // Shaoxing moves 4 M blocks to Hanoi; EuroWear then prefers Vietnam for apparel.
    const moved = withState(s0, (s) => {
      const c = clusterIn(s, "shaoxing_apparel");
      c.plants[0]!.blocks.M -= 4;
      c.plants.push({ node: "hanoi", host: "VNM", blocks: { U2: 0, U1: 0, M: 4, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 });
      c.links[0]!.share = 1;
      leadIn(s, "eurowear").orders.apparel = 5;
    });
    const plain = runSteps(moved, {}, 6);
    const preferring = runSteps(moved, { eurowear: [{ type: "switchSuppliers", sector: "apparel", host: "VNM" }] }, 6);
    expect(leadIn(preferring.state, "eurowear").preferHost.apparel).toBe("VNM");
    expect(entriesWith(preferring.report.entries, "CHINA_PLUS_ONE")).toHaveLength(1);
    const from = (ctx: typeof plain, where: string) => leadIn(ctx.state, "eurowear").purchasesFrom[where] ?? 0;
    expect(from(preferring, "VNM")).toBeGreaterThan(from(plain, "VNM"));
    expect(from(preferring, "CHN")).toBeLessThan(from(plain, "CHN"));
    expect(from(preferring, "VNM") + from(preferring, "CHN")).toBeCloseTo(from(plain, "VNM") + from(plain, "CHN"), 9);
    expectRefused(validateAction(s0, "eurowear", { type: "switchSuppliers", sector: "steel", host: "VNM" }), "NOT_IN_SECTOR");
    expectRefused(validateAction(s0, "eurowear", { type: "switchSuppliers", sector: "apparel", host: "ATL" }), "UNKNOWN_HOST");
  });
});

describe("L4: vertical integration", () => {
  it("builds the lead firm's own plant in a host, orders less from suppliers, and employs people there", () => {
    const ctx = runSteps(s0, { novatech: [{ type: "integrate", sector: "electronics", host: "PAK" }] }, 2);
    const lead = leadIn(ctx.state, "novatech");
    expect(lead.plants).toEqual([{ host: "PAK", node: "gwadar", sector: "electronics", blocks: P.leadRules.integrateBlocks }]);
    expect(lead.money).toBe(leadIn(s0, "novatech").money - P.leadRules.integrateBlocks * P.chainRules.blockValue);
    expect(ctx.state.parks.find((k) => k.node === "gwadar")!.members).toContain("novatech");
    expect(entriesWith(ctx.report.entries, "LEAD_INTEGRATED")).toHaveLength(1);
    const plain = runSteps(s0, {}, 9);
    const integrated = runSteps(s0, { novatech: [{ type: "integrate", sector: "electronics", host: "PAK" }] }, 9);
    const bought = (c: typeof plain) => leadIn(c.state, "novatech").purchasesLast.electronics ?? 0;
    expect(bought(integrated)).toBeLessThan(bought(plain));
    expect(integrated.state.hosts.find((h) => h.id === "PAK")!.jobs).toBeGreaterThan(plain.state.hosts.find((h) => h.id === "PAK")!.jobs);
    expectRefused(validateAction(s0, "novatech", { type: "integrate", sector: "steel", host: "PAK" }), "NOT_IN_SECTOR");
    expectRefused(validateAction(s0, "novatech", { type: "integrate", sector: "electronics", host: "ATL" }), "UNKNOWN_HOST");
  });
});

describe("chain upgrading opens a new line (5.6)", () => {
  const ready = withState(s0, (s) => void (clusterIn(s, "tangshan_steel").X = 3));

  it("needs chain capability 3 and a higher-value chain, and opens it once", () => {
    expectRefused(validateAction(s0, "tangshan_steel", { type: "openLine", blocks: 2 }), "X_TOO_LOW");
    expectRefused(validateAction(withState(s0, (s) => void (clusterIn(s, "wuhu_cement").X = 3)), "wuhu_cement", { type: "openLine", blocks: 2 }), "NO_HIGHER_CHAIN");
    expect(validateAction(ready, "tangshan_steel", { type: "openLine", blocks: 2 }).ok).toBe(true);
    const opened = runSteps(ready, { tangshan_steel: [{ type: "openLine", blocks: 2 }] }, 4);
    const line = clusterIn(opened.state, "tangshan_steel").plants.find((pl) => pl.sector === "special_steel")!;
    expect(line).toMatchObject({ node: "tangshan", host: null, sector: "special_steel", skill: P.chainRules.lineSkill });
    expect(line.blocks.M).toBe(2);
    expect(clusterIn(opened.state, "tangshan_steel").money).toBeCloseTo(clusterIn(s0, "tangshan_steel").money - (P.chainRules.lineBase + 2 * P.chainRules.linePerBlock), 9);
    expectRefused(validateAction(opened.state, "tangshan_steel", { type: "openLine", blocks: 1 }), "LINE_EXISTS");
  });

  it("sells the new sector at its higher price, starting with part of the capability and catching up", () => {
    const opened = resolveTurn(ready, { tangshan_steel: [{ type: "openLine", blocks: 2 }] }).state;
    const line = () => clusterIn(opened, "tangshan_steel").plants.find((pl) => pl.sector === "special_steel")!;
    expect(line().skill).toBeCloseTo(P.chainRules.lineSkill + P.chainRules.lineLearn, 12);
    expect(opened.board.some((r) => r.sector === "special_steel" && r.supply > (r.market === "CHN" ? 0 : r.demand * 0.9) + 1e-9)).toBe(true);
    const special = s0.scenario.sectors.find((x) => x.id === "special_steel")!;
    expect(special.P0).toBeGreaterThan(s0.scenario.sectors.find((x) => x.id === "steel")!.P0);
    // The old line keeps its plant and its link; transfers and scrapping act on the cluster's own sector.
    expect(clusterIn(opened, "tangshan_steel").plants.find((pl) => pl.sector === undefined)!.blocks.M).toBe(12);
  });
});

describe("L4 plants pay the host's tax", () => {
  it("a lead firm's profitable plant in a host pays taxRate of its profit to the host", () => {
    const built = resolveTurn(s0, { novatech: [{ type: "integrate", sector: "electronics", host: "PAK" }] }).state;
    const ctx = runSteps(built, {}, 9);
    const profit = ctx.plantProfit.get(leadIn(ctx.state, "novatech").plants.find((pl) => pl.node === "gwadar" && pl.sector === "electronics")!) ?? 0;
    expect(profit).toBeGreaterThan(0);
    const untaxed = runSteps(built, {}, 8);
    const taxed = leadIn(untaxed.state, "novatech").money - leadIn(ctx.state, "novatech").money;
    expect(taxed).toBeCloseTo(P.host.taxRate * profit, 9);
  });
});
