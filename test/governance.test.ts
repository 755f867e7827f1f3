/** Governance that shifts (GAME-RULES 5.5): the GHS table, hysteresis, entry conditions, exclusion, lock-in. */
import { describe, expect, it } from "vitest";
import { decideGovernance, ghsGovernance, isHigh, linkDrivers } from "../shared/governance.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import { resolveTurn } from "../shared/resolve.ts";
import type { MatchState } from "../shared/state.ts";
import { clusterIn, entriesWith, leadIn, newMatch, runSteps, withState } from "./support/fixtures.ts";

const s0 = newMatch();
const g = s0.scenario.parameters.gov;
const link = (s: MatchState, cluster: string) => clusterIn(s, cluster).links[0]!;
const turns = (state: MatchState, n: number, orders: Record<string, unknown[]> = {}) => {
  let s = state;
  const reports = [];
  for (let i = 0; i < n; i++) {
    const r = resolveTurn(s, orders);
    s = r.state;
    reports.push(r.report);
  }
  return { state: s, reports };
};

describe("the GHS table", () => {
  it("maps the three determinants to the five types, exclusion and the unlikely fallback", () => {
    expect(ghsGovernance(false, true, true)).toBe("MARKET");
    expect(ghsGovernance(false, true, false)).toBe("EXCLUDED");
    expect(ghsGovernance(false, false, true)).toBe("MARKET");
    expect(ghsGovernance(false, false, false)).toBe("MARKET");
    expect(ghsGovernance(true, true, true)).toBe("MODULAR");
    expect(ghsGovernance(true, false, true)).toBe("RELATIONAL");
    expect(ghsGovernance(true, true, false)).toBe("CAPTIVE");
    expect(ghsGovernance(true, false, false)).toBe("HIERARCHY");
  });

  it("uses hysteresis: a driver must pass theta + h to turn high and fall below theta - h to turn low", () => {
    expect(isHigh(0.52, false, g.theta, g.hyst)).toBe(false);
    expect(isHigh(0.55, false, g.theta, g.hyst)).toBe(true);
    expect(isHigh(0.46, true, g.theta, g.hyst)).toBe(true);
    expect(isHigh(0.44, true, g.theta, g.hyst)).toBe(false);
  });

  it("computes relative capability K = (P + Q)/20 - kC * C + k0 (5.5)", () => {
    const c = clusterIn(s0, "shenzhen_electronics");
    const d = linkDrivers(s0, c, link(s0, "shenzhen_electronics"));
    expect(d.C).toBeCloseTo(0.8, 12);
    expect(d.D).toBeCloseTo(0.8, 12);
    expect(d.K).toBeCloseTo((6 + 6) / 20 - g.kC * 0.8 + g.k0, 12);
  });
});

describe("starting links are established relationships (GAME-RULES 11)", () => {
  it("auto parts stay relational at reputation 50, and every scenario link keeps its governance after a quiet turn", () => {
    const { state } = turns(s0, 1);
    for (const c of state.clusters) {
      for (const l of c.links) {
        const start = s0.scenario.clusters.find((x) => x.id === c.id)!.links.find((x) => x.leadFirm === l.leadFirm)!;
        expect(l.governance, c.id).toBe(start.governance);
      }
    }
    expect(link(state, "chongqing_autoparts").governance).toBe("RELATIONAL");
  });
});

describe("captive to modular as capabilities rise (the GHS apparel story)", () => {
  const capable = (R: number) =>
    withState(s0, (s) => {
      const c = clusterIn(s, "shaoxing_apparel");
      c.P = 8;
      c.Q = 7;
      c.R = R;
    });

  it("moves captive → modular once K clears theta + h and reputation admits it, and the report's numbers are the state's drivers", () => {
    const ctx = runSteps(capable(65), {}, 5);
    const c = clusterIn(ctx.state, "shaoxing_apparel");
    const l = link(ctx.state, "shaoxing_apparel");
    expect(l.governance).toBe("MODULAR");
    const shift = entriesWith(ctx.report.entries, "GOV_SHIFT").find((e) => e.seats.includes("shaoxing_apparel"))!;
    expect(shift.params.from).toBe("CAPTIVE");
    expect(shift.params.to).toBe("MODULAR");
    const drivers = linkDrivers(ctx.state, c, l);
    expect(shift.params.K).toBe(drivers.K);
    expect(shift.params.C).toBe(drivers.C);
    expect(shift.params.D).toBe(drivers.D);
    expect(shift.params.P).toBe(c.P);
    expect(shift.params.Q).toBe(c.Q);
    expect(drivers.K).toBeGreaterThanOrEqual(g.theta + g.hyst);
    expect(shift.params).toMatchObject({ from: "CAPTIVE", to: "MODULAR" });
    expect(shift.text.en).toContain("from captive to modular");
    expect(shift.text.zh).toContain("由 俘获型 转为 模块型");
    expect(shift.text.en).toContain(`K ${Math.round(drivers.K * 100) / 100}`);
    expect(shift.text.zh).toContain(`K 为 ${Math.round(drivers.K * 100) / 100}`);
    expect(link(resolveTurn(capable(65), {}).state, "shaoxing_apparel").lockin).toBe(0);
  });

  it("stays captive while reputation is below the network entry bar, and says why", () => {
    const r = resolveTurn(capable(50), {});
    expect(link(r.state, "shaoxing_apparel").governance).toBe("CAPTIVE");
    const blocked = entriesWith(r.report, "GOV_ENTRY_BLOCKED").find((e) => e.seats.includes("shaoxing_apparel"))!;
    expect(blocked.params.wanted).toBe("MODULAR");
    expect(Number(blocked.params.R)).toBe(50);
    expect(String(blocked.params.need)).toContain(String(g.entry.networkMinR));
  });
});

describe("C and D move governance too", () => {
  it("de-codification (a technology leap) turns a captive electronics link hierarchical when suppliers are weak", () => {
    const s = withState(s0, (x) => {
      x.sectorShifts.electronics = { C: 0.15, D: -0.4 };
    });
    const r = resolveTurn(s, {});
    expect(link(r.state, "shenzhen_electronics").governance).toBe("HIERARCHY");
  });

  it("codification (standards) turns a relational auto-parts link modular", () => {
    const s = withState(s0, (x) => {
      x.sectorShifts.autoparts = { C: 0, D: 0.25 };
      clusterIn(x, "chongqing_autoparts").R = 65;
    });
    const r = resolveTurn(s, {});
    expect(link(r.state, "chongqing_autoparts").governance).toBe("MODULAR");
  });

  it("a lead firm's barrier lowers the D seen by a supplier attempting functional upgrading", () => {
    const s = withState(s0, (x) => {
      leadIn(x, "eurowear").barrier.apparel = 0.3;
    });
    const c = clusterIn(s, "shaoxing_apparel");
    const l = link(s, "shaoxing_apparel");
    expect(linkDrivers(s, c, { ...l, attemptingFunc: true }).D).toBeCloseTo(linkDrivers(s, c, l).D - 0.3, 12);
  });
});

describe("exclusion", () => {
  it("a supplier too weak for a simple, codified chain is excluded and sells nothing to the lead firm", () => {
    const s = withState(s0, (x) => {
      const c = clusterIn(x, "tangshan_steel");
      c.P = 1;
      c.Q = 1;
    });
    const verdict = decideGovernance(s, clusterIn(s, "tangshan_steel"), link(s, "tangshan_steel"));
    expect(verdict.excluded).toBe(true);
    const r = resolveTurn(s, {});
    expect(link(r.state, "tangshan_steel").excluded).toBe(true);
    expect(entriesWith(r.report, "GOV_EXCLUDED").some((e) => e.seats.includes("tangshan_steel"))).toBe(true);
    const next = resolveTurn(r.state, {});
    const west = next.state.board.find((b) => b.market === "WEST" && b.sector === "steel")!;
    expect(west.supply).toBe(0);
  });
});

describe("lock-in (5.5)", () => {
  it("grows by one a round while captive, up to the maximum, and resets when the link leaves captive", () => {
    const { state } = turns(s0, g.lockinMax + 2);
    expect(link(state, "shaoxing_apparel").governance).toBe("CAPTIVE");
    expect(link(state, "shaoxing_apparel").lockin).toBe(g.lockinMax);
    expect(link(state, "tangshan_steel").lockin).toBe(0);
    const freed = resolveTurn(
      withState(state, (x) => {
        const c = clusterIn(x, "shaoxing_apparel");
        c.P = 8;
        c.Q = 8;
        c.R = 70;
      }),
      {},
    ).state;
    expect(link(freed, "shaoxing_apparel").governance).toBe("MODULAR");
    expect(link(freed, "shaoxing_apparel").lockin).toBe(0);
  });
});

describe("the hierarchy buy-out (5.5)", () => {
  const hierarchical = () => {
    const s = withState(s0, (x) => {
      x.sectorShifts.electronics = { C: 0.15, D: -0.4 };
    });
    return resolveTurn(s, {});
  };

  it("when a link turns hierarchical, the lead firm offers to buy the linked M blocks at replacement value", () => {
    const r = hierarchical();
    const offer = r.state.offers.find((o) => o.terms.kind === "buyout")!;
    expect(offer.from).toBe("novatech");
    expect(offer.to).toBe("shenzhen_electronics");
    expect(offer.terms).toMatchObject({ kind: "buyout", blocks: 7, price: s0.scenario.parameters.chainRules.blockValue });
    expect(entriesWith(r.report, "BUYOUT_OFFERED")).toHaveLength(1);
    // Offered once: the next round does not repeat it.
    expect(resolveTurn(r.state, {}).state.offers.filter((o) => o.terms.kind === "buyout")).toHaveLength(0);
  });

  it("selling makes the cluster a paid subsidiary; declining takes it out of the chain", () => {
    const r = hierarchical();
    const offer = r.state.offers.find((o) => o.terms.kind === "buyout")!;
    const sold = applyNegotiation(r.state, "shenzhen_electronics", { type: "accept", offer: offer.id });
    if (!sold.ok) throw new Error(sold.error.message.en);
    const before = clusterIn(sold.value.state, "shenzhen_electronics").money;
    const ctx = runSteps(sold.value.state, {}, 3);
    const c = clusterIn(ctx.state, "shenzhen_electronics");
    expect(c.links[0]!.subsidiary).toBe(true);
    expect(c.money - before).toBeCloseTo(7 * s0.scenario.parameters.chainRules.blockValue, 9);
    const declined = applyNegotiation(r.state, "shenzhen_electronics", { type: "reject", offer: offer.id });
    if (!declined.ok) throw new Error(declined.error.message.en);
    expect(clusterIn(declined.value.state, "shenzhen_electronics").links).toHaveLength(0);
  });
});
