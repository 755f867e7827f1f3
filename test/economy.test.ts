/** The economic claims of GAME-RULES 5.7 and 5.8, checked on the engine's own functions and matches. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockCost, clampedPrice, clampRatios, marketPrice, productivity, smileIndex } from "../shared/market.ts";
import { clusterOf, hostOf, plantAt } from "../shared/lookup.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { routesFrom } from "../shared/routes.ts";
import { createMatch, type MatchState } from "../shared/state.ts";
import { relocationCost } from "../shared/transfer.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import { readScenarioFile } from "../server/scenario-file.ts";
import { STAGES } from "../shared/types.ts";

const scenario = (() => {
  const s = readScenarioFile();
  if (!s.ok) throw new Error(s.error);
  return s.value;
})();

const start = (): MatchState => {
  const m = createMatch(scenario, [], 1);
  if (!m.ok) throw new Error(m.error.message);
  return m.value;
};

const passive = (state: MatchState, turns: number): MatchState[] => {
  const out: MatchState[] = [];
  let s = state;
  for (let i = 0; i < turns; i++) {
    s = resolveTurn(s, {}).state;
    out.push(s);
  }
  return out;
};

describe("rising Chinese wages squeeze home margins (5.7)", () => {
  it("the cost of a home M block rises every round while a host block's cost rises more slowly", () => {
    const states = [start(), ...passive(start(), 5)];
    const homeCost = states.map((s) => {
      const c = clusterOf(s, "shaoxing_apparel");
      return blockCost(s, c!, plantAt(c!, c!.homeNode)!, "M").full;
    });
    for (let i = 1; i < homeCost.length; i++) expect(homeCost[i]).toBeGreaterThan(homeCost[i - 1]!);
    const labour = scenario.parameters.stages.M.labour;
    // Only the labour part grows, at cnGrowth a round.
    const wageShare = (homeCost[1]! - homeCost[0]!) / homeCost[0]!;
    expect(wageShare).toBeGreaterThan(0);
    expect(wageShare).toBeLessThan(scenario.parameters.wages.cnGrowth);
    const hostWage = states.map((s) => hostOf(s, "BGD")!.w);
    const chinaWage = states.map((s) => s.china.wage);
    expect(chinaWage[5]! / chinaWage[0]!).toBeCloseTo((1 + scenario.parameters.wages.cnGrowth) ** 5, 9);
    expect(hostWage[5]! / hostWage[0]!).toBeCloseTo((1 + scenario.parameters.wages.hostGrowth) ** 5, 9);
    // At the base price, the home margin of one block falls round after round.
    const P0 = scenario.sectors.find((s) => s.id === "apparel")!.P0;
    const margins = homeCost.map((c) => P0 - c);
    for (let i = 1; i < margins.length; i++) expect(margins[i]).toBeLessThan(margins[i - 1]!);
    expect(labour).toBeGreaterThan(0);
  });

  it("a light-industry cluster that does nothing earns less value added from assembly each round", () => {
    const states = passive(start(), 5);
    const assemblyVA = states.map((s) => clusterOf(s, "shaoxing_apparel")!.vaLast.M);
    expect(assemblyVA[4]!).toBeLessThan(assemblyVA[0]!);
  });
});

describe("the worked example of 5.8: one steel M block, Tangshan to the Gwadar park", () => {
  const s = start();
  const tangshan = clusterOf(s, "tangshan_steel")!;
  const home = plantAt(tangshan, "tangshan")!;
  const gwadar = { node: "gwadar", host: "PAK", blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 1 };
  const price = scenario.sectors.find((x) => x.id === "steel")!.P0;

  it("home cost is (3 + 4*1.0) * 0.85 * 1.15 = 6.8 and the margin about 3.2", () => {
    const cost = blockCost(s, tangshan, home, "M").full;
    expect(cost).toBeCloseTo(6.84, 2);
    expect(price - cost).toBeCloseTo(3.2, 1);
  });

  it("Pakistan: phi about 0.80, revenue about 8.0, cost about 3.8, margin about 4.2", () => {
    const phi = productivity(s, gwadar);
    expect(phi).toBeGreaterThan(0.78);
    expect(phi).toBeLessThan(0.82);
    const cost = blockCost(s, tangshan, gwadar, "M").full;
    expect(cost).toBeCloseTo(3.8, 1);
    expect(price * phi - cost).toBeGreaterThan(4.0);
    expect(price * phi - cost).toBeLessThan(4.4);
  });

  it("relocation costs 7 to 10 with the park discount, and the block pays it back in round 2 or 3", () => {
    const relocation = relocationCost(s, "tangshan", "gwadar", "PAK");
    expect(relocation.ok).toBe(true);
    if (!relocation.ok) return;
    expect(relocation.value.perBlock).toBeGreaterThanOrEqual(7);
    expect(relocation.value.perBlock).toBeLessThanOrEqual(10);
    const margin = price * productivity(s, gwadar) - blockCost(s, tangshan, gwadar, "M").full;
    const firstRound = price * productivity(s, gwadar) * scenario.parameters.transfer.rampUp - blockCost(s, tangshan, gwadar, "M").full;
    let cumulative = -relocation.value.perBlock;
    let payback = 0;
    for (let round = 1; round <= 5 && cumulative < 0; round++) {
      cumulative += round === 1 ? firstRound : margin;
      payback = round;
    }
    expect(payback).toBeGreaterThanOrEqual(2);
    expect(payback).toBeLessThanOrEqual(3);
  });

  it("an empty market pays the top of the price clamp, an equal one pays P0", () => {
    expect(marketPrice(scenario.parameters, 10, 5, 0)).toBe(10 * scenario.parameters.market.priceClamp[1]);
    expect(marketPrice(scenario.parameters, 10, 5, 5)).toBe(10);
  });

  it("spot clearing's shortcut past the clamp gives exactly marketPrice, also right at the clamp edges", () => {
    const elasticity = fc.constantFrom(0.7, 0.3, 1, 2.5, 1e-7, 0);
    // Demand/supply ratios anywhere, or within a relative 1e-6 of where the power meets either clamp.
    const where = fc.oneof(fc.record({ edge: fc.constant(null), at: fc.double({ min: 0, max: 5, noNaN: true }) }), fc.record({ edge: fc.constantFrom(0, 1), at: fc.double({ min: -1e-6, max: 1e-6, noNaN: true }) }));
    fc.assert(
      fc.property(elasticity, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), where, (e, P0, supply, { edge, at }) => {
        const p = { ...scenario.parameters, market: { ...scenario.parameters.market, elasticity: e } };
        const ratio = edge === null ? at : p.market.priceClamp[edge]! ** (1 / e) * (1 + at);
        expect(clampedPrice(p, clampRatios(p), P0, ratio * supply, supply)).toBe(marketPrice(p, P0, ratio * supply, supply));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("cement must be produced near demand (5.7)", () => {
  it("cement costs twice as much to ship as steel over the same route", () => {
    const cement = scenario.sectors.find((x) => x.id === "cement")!;
    const steel = scenario.sectors.find((x) => x.id === "steel")!;
    expect(cement.transportMult).toBe(scenario.parameters.market.cementTransportMult);
    expect(cement.transportMult / steel.transportMult).toBe(2);
  });

  it("in every host, local production beats imports from China by more for cement than for steel", () => {
    const s = start();
    const advantage = (clusterId: string, sectorId: string, hostId: string) => {
      const c = clusterOf(s, clusterId)!;
      const sector = scenario.sectors.find((x) => x.id === sectorId)!;
      const host = scenario.hosts.find((h) => h.id === hostId)!;
      const local = { node: host.marketNode, host: hostId, blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 1 };
      const shipping = routesFrom(c.homeNode, s.edges, scenario.parameters.trade).costTo(host.marketNode)! * sector.transportMult;
      const imported = blockCost(s, c, plantAt(c, c.homeNode)!, "M").full + shipping;
      const made = blockCost(s, c, local, "M").full / productivity(s, local);
      return imported - made;
    };
    for (const host of scenario.hosts) {
      const cement = advantage("wuhu_cement", "cement", host.id);
      const steel = advantage("tangshan_steel", "steel", host.id);
      expect(cement, host.id).toBeGreaterThan(steel);
    }
  });

  it("a cement block moved to Pakistan earns more there than a home block earns exporting to Pakistan", () => {
    const s = start();
    const wuhu = clusterOf(s, "wuhu_cement")!;
    const cement = scenario.sectors.find((x) => x.id === "cement")!;
    const local = { node: "karachi", host: "PAK", blocks: { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 1 };
    const shipping = routesFrom("wuhu", s.edges, scenario.parameters.trade).costTo("karachi")! * cement.transportMult;
    const exportMargin = cement.P0 - shipping - blockCost(s, wuhu, plantAt(wuhu, "wuhu")!, "M").full;
    const localMargin = cement.P0 * productivity(s, local) - blockCost(s, wuhu, local, "M").full;
    expect(localMargin).toBeGreaterThan(exportMargin + 1);
  });
});

describe("smile index (5.14)", () => {
  const p = scenario.parameters;
  it("is 0 for pure assembly, 1 for pure R&D and brand, and ignores stages that lose money", () => {
    expect(smileIndex({ U2: 0, U1: 0, M: 10, D1: 0, D2: 0 }, p)).toBe(0);
    expect(smileIndex({ U2: 5, U1: 0, M: 0, D1: 0, D2: 5 }, p)).toBe(1);
    expect(smileIndex({ U2: -50, U1: 0, M: 10, D1: 10, D2: 0 }, p)).toBeCloseTo(0.25, 12);
    expect(smileIndex({ U2: -5, U1: -1, M: -3, D1: 0, D2: 0 }, p)).toBe(0);
  });

  it("stays within 0 and 1 for every cluster of a played match", () => {
    for (const s of passive(start(), 3)) {
      for (const c of s.clusters) {
        const value = smileIndex(c.vaLast, p);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(STAGES.every((st) => Number.isFinite(c.vaLast[st]))).toBe(true);
      }
    }
  });
});

describe("a transfer in a played match", () => {
  it("moves the block, charges the relocation and makes the host's industrialisation grow", () => {
    let s = start();
    const offer = applyNegotiation(s, "tangshan_steel", {
      type: "propose",
      to: "PAK",
      terms: { kind: "transfer", cluster: "tangshan_steel", host: "PAK", node: "gwadar", stage: "M", blocks: 2, payment: 0, jv: false },
    });
    if (!offer.ok) throw new Error(offer.error.message.en);
    s = offer.value.state;
    const accepted = applyNegotiation(s, "PAK", { type: "accept", offer: offer.value.id! });
    if (!accepted.ok) throw new Error(accepted.error.message.en);
    s = accepted.value.state;
    const before = hostOf(s, "PAK")!.Z;
    const next = resolveTurn(s, { tangshan_steel: [{ type: "transfer", contract: accepted.value.id! }] }).state;
    const c = clusterOf(next, "tangshan_steel")!;
    expect(plantAt(c, "gwadar")!.blocks.M).toBe(2);
    expect(plantAt(c, "tangshan")!.blocks.M).toBe(10);
    expect(hostOf(next, "PAK")!.Z).toBeGreaterThan(before);
    expect(hostOf(next, "PAK")!.jobs).toBeGreaterThan(0);
  });
});
