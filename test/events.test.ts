/**
 * Random events (GAME-RULES 5.13): the seeded draw, instructor controls, and each card's effect
 * where 5.13 says it shows up.
 */
import { describe, expect, it } from "vitest";
import {
  beginRound,
  carbonTaxPerUnit,
  debtRatio,
  demandMult,
  drawEvents,
  eventModifiers,
  idlePenaltyPerBlock,
  setEventControls,
  type DrawnEvent,
} from "../shared/events.ts";
import { hashState } from "../shared/hash.ts";
import { message } from "../shared/i18n.ts";
import { resolveTurn, type Resolution } from "../shared/resolve.ts";
import { createRng, hash32 } from "../shared/rng.ts";
import { edgeUnitCost, routesFrom } from "../shared/routes.ts";
import type { EventCard, Scenario } from "../shared/scenario/schema.ts";
import { createMatch, draftOf, type EdgeState, type MatchState } from "../shared/state.ts";
import { validateAction } from "../shared/validate.ts";
import { viewFor } from "../shared/view.ts";
import { clusterIn, deepFreeze, defaultScenario, edgeIn, entriesWith, hostIn, leadIn, mustOk, plantIn, runSteps } from "./support/fixtures.ts";

const scenario = defaultScenario();
const p = scenario.parameters;

/** The default scenario with every card's probability replaced (cards kept in catalogue order). */
function withProbabilities(prob: (c: EventCard) => number, perRound = p.events.perRound): Scenario {
  return { ...scenario, parameters: { ...p, events: { perRound } }, eventCards: scenario.eventCards.map((c) => ({ ...c, probability: prob(c) })) };
}
/** No card ever occurs by chance: only forced cards happen. */
const quietScenario = withProbabilities(() => 0);

const quiet = (seed = 1, s: Scenario = quietScenario): MatchState => mustOk(createMatch(s, [], seed));

/** A quiet match at turn 1 with these cards in play from round 1 (forced, then the round begun). */
function startedWith(forced: string[], seed = 1): MatchState {
  const controlled = mustOk(setEventControls(quiet(seed), { forced, disabled: [] }));
  const draft = draftOf(controlled);
  draft.events = [];
  beginRound(draft);
  return draft;
}

const passive = (state: MatchState): Resolution => resolveTurn(state, {});
const boardDemand = (state: MatchState, market: string, sector: string): number => {
  const row = state.board.find((r) => r.market === market && r.sector === sector);
  if (!row) throw new Error(`no board row ${market}/${sector}`);
  return row.demand;
};
const touches = (e: EdgeState, nodes: string[]) => nodes.includes(e.from) || nodes.includes(e.to);
const countryOf = (node: string) => scenario.nodes.find((n) => n.id === node)?.country;
const drawAt = (state: MatchState): DrawnEvent[] => drawEvents(state, createRng(hash32(state.seed, "events", state.turn))).drawn;

/** A state at turn 1 with no card played yet, for drawing on (the default scenario's probabilities). */
function fresh(seed: number, s: Scenario = scenario): MatchState {
  const draft = draftOf(mustOk(createMatch(s, [], seed)));
  draft.events = [];
  return draft;
}

// ------------------------------------------------------------------------------------------------
describe("the draw (5.13: seeded, up to perRound cards, without replacement, probability-weighted)", () => {
  it("is deterministic from the seed and the round", () => {
    for (const seed of [1, 2, 99, 123456]) {
      expect(mustOk(createMatch(scenario, [], seed)).events).toEqual(mustOk(createMatch(scenario, [], seed)).events);
      expect(drawAt(fresh(seed))).toEqual(drawAt(fresh(seed)));
    }
    // Over many seeds the draws differ.
    const distinct = new Set(Array.from({ length: 50 }, (_, seed) => JSON.stringify(drawAt(fresh(seed)))));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it("comes from hash(seed, 'events', round) alone: it never reads or moves the match's random stream", () => {
    const state = fresh(42);
    const moved = { ...state, rng: (state.rng + 12345) >>> 0 };
    expect(drawAt(moved)).toEqual(drawAt(state));
    // Round 1's cards are exactly what that stream draws, and the match stream starts where it always did.
    const created = mustOk(createMatch(scenario, [], 42));
    expect(created.rng).toBe(hash32(42, "start"));
    expect(created.events.map((e) => ({ card: e.card, target: e.target, magnitude: e.magnitude }))).toEqual(drawAt(state).map((d) => ({ card: d.card, target: d.target, magnitude: d.magnitude })));
    // Resolving with two forced cards or with every card disabled leaves the match stream in the same place.
    const base = quiet(42);
    const forced = mustOk(setEventControls(base, { forced: ["recession", "red_sea"], disabled: [] }));
    const none = mustOk(setEventControls(base, { forced: [], disabled: scenario.eventCards.map((c) => c.id) }));
    const a = passive(forced).state;
    const b = passive(none).state;
    expect(a.events.map((e) => e.card)).toEqual(["recession", "red_sea"]);
    expect(b.events).toEqual([]);
    expect(a.rng).toBe(b.rng);
  });

  it("respects each card's probability over 2,000 seeds (a .10 card occurs in 5-15% of draws)", () => {
    const counts = new Map<string, number>();
    const N = 2000;
    for (let seed = 0; seed < N; seed++) for (const d of drawAt(fresh(seed))) counts.set(d.card, (counts.get(d.card) ?? 0) + 1);
    for (const c of scenario.eventCards) {
      const rate = (counts.get(c.id) ?? 0) / N;
      if (c.condition) {
        expect(rate, c.id).toBe(0); // no host is in debt at the start
        continue;
      }
      if (c.probability === 0.1) {
        expect(rate, c.id).toBeGreaterThanOrEqual(0.05);
        expect(rate, c.id).toBeLessThanOrEqual(0.15);
      }
      // Every card within half its probability either way (slightly under: at most perRound can occur).
      expect(rate, c.id).toBeGreaterThan(c.probability * 0.5);
      expect(rate, c.id).toBeLessThan(c.probability * 1.5);
    }
  });

  it("draws at most perRound cards a round, never the same card twice, over whole matches", () => {
    for (let seed = 0; seed < 40; seed++) {
      let state = mustOk(createMatch(scenario, [], seed));
      for (let turn = 1; turn <= 6; turn++) {
        const starting = state.events.filter((e) => e.startedTurn === state.turn).map((e) => e.card);
        expect(starting.length, `seed ${seed} turn ${turn}`).toBeLessThanOrEqual(p.events.perRound);
        expect(new Set(starting).size).toBe(starting.length);
        // A card in play is not drawn again until it has ended.
        const running = state.events.filter((e) => e.startedTurn <= state.turn && state.turn <= e.untilTurn).map((e) => e.card);
        expect(new Set(running).size).toBe(running.length);
        state = passive(state).state;
      }
    }
  });

  it("fills exactly perRound slots when every card hits, and perRound 0 draws nothing", () => {
    for (let seed = 0; seed < 30; seed++) {
      const drawn = drawAt(fresh(seed, withProbabilities(() => 1)));
      expect(drawn).toHaveLength(p.events.perRound);
      expect(new Set(drawn.map((d) => d.card)).size).toBe(drawn.length);
      expect(drawn.map((d) => d.card)).not.toContain("debt_distress");
      expect(drawAt(fresh(seed, withProbabilities(() => 1, 0)))).toEqual([]);
    }
  });

  it("plays a once-per-game card once", () => {
    const s = withProbabilities((c) => (c.id === "pandemic" || c.id === "recession" ? 1 : 0));
    let state = mustOk(createMatch(s, [], 5));
    for (let t = 0; t < 9; t++) state = passive(state).state;
    expect(state.events.filter((e) => e.card === "pandemic")).toHaveLength(1);
    // The recession comes back every round it is not already running.
    expect(state.events.filter((e) => e.card === "recession").length).toBeGreaterThan(5);
  });

  it("picks targets among the eligible ids, with the RNG", () => {
    const targets = new Map<string, Set<string | null>>();
    for (let seed = 0; seed < 300; seed++) {
      for (const d of drawAt(fresh(seed, withProbabilities(() => 0.5)))) {
        const set = targets.get(d.card) ?? new Set();
        set.add(d.target);
        targets.set(d.card, set);
      }
    }
    expect([...(targets.get("commodity_shock") ?? [])].sort()).toEqual(["aluminium", "steel"]);
    expect(targets.get("tech_leap")?.size).toBeGreaterThan(5);
    for (const t of targets.get("tech_leap") ?? []) expect(scenario.sectors.map((s) => s.id)).toContain(t);
    for (const t of targets.get("currency_crisis") ?? []) expect(scenario.hosts.map((h) => h.id)).toContain(t);
    for (const t of targets.get("recession") ?? []) expect(t).toBeNull();
    const edges = fresh(1).edges;
    for (const t of targets.get("security_incident") ?? []) {
      const e = edges.find((x) => x.id === t);
      expect(e, String(t)).toBeDefined();
      expect(e?.corridors.some((c) => !["MSR", "MSR_SP", "CN_TRUNK"].includes(c))).toBe(true);
      expect([countryOf(e?.from ?? ""), countryOf(e?.to ?? "")]).not.toEqual(["CHN", "CHN"]);
    }
  });

  it("draws the debt-distress card only when a host's debt ratio exceeds 0.6, at about 0.3, against that host", () => {
    const indebted = (ratio: number, seed: number) => {
      const s = fresh(seed);
      const h = hostIn(s, "LKA");
      h.debt = ratio * h.gdp * p.hostRules.gdpCreditsPerBn;
      return s;
    };
    let hits = 0;
    const N = 1000;
    for (let seed = 0; seed < N; seed++) {
      expect(drawAt(indebted(0.59, seed)).map((d) => d.card)).not.toContain("debt_distress");
      const drawn = drawAt(indebted(0.7, seed)).filter((d) => d.card === "debt_distress");
      hits += drawn.length;
      for (const d of drawn) expect(d.target).toBe("LKA");
    }
    expect(hits / N).toBeGreaterThan(0.24);
    expect(hits / N).toBeLessThan(0.36);
    expect(debtRatio(indebted(0.7, 0), hostIn(indebted(0.7, 0), "LKA"))).toBeCloseTo(0.7, 12);
  });
});

// ------------------------------------------------------------------------------------------------
describe("instructor controls", () => {
  it("disabled cards never occur", () => {
    const always = withProbabilities(() => 1);
    for (let seed = 0; seed < 50; seed++) {
      const state = mustOk(setEventControls(fresh(seed, always), { forced: [], disabled: ["recession", "demand_boom", "pandemic"] }));
      const drawn = drawAt(state).map((d) => d.card);
      expect(drawn).toHaveLength(p.events.perRound);
      for (const id of ["recession", "demand_boom", "pandemic"]) expect(drawn).not.toContain(id);
    }
  });

  it("forced cards occur next round, first, and leave the forced list", () => {
    const state = mustOk(setEventControls(quiet(3), { forced: ["red_sea"], disabled: [] }));
    expect(state.eventControls.forced).toEqual(["red_sea"]);
    const r = passive(state);
    expect(r.state.turn).toBe(2);
    expect(r.state.events.map((e) => [e.card, e.startedTurn, e.untilTurn])).toEqual([["red_sea", 2, 3]]);
    expect(r.state.eventControls.forced).toEqual([]);
    const started = entriesWith(r.report, "EVENT_STARTED");
    expect(started).toHaveLength(1);
    expect(started[0]?.public).toBe(true);
    // Forced cards take the slots ahead of the draw; the rest wait for the next round.
    const many = mustOk(setEventControls(fresh(3, withProbabilities(() => 1)), { forced: ["tech_leap", "recession", "green_finance"], disabled: [] }));
    const draw = drawEvents(many, createRng(hash32(many.seed, "events", many.turn)));
    expect(draw.drawn.map((d) => [d.card, d.forced])).toEqual([["tech_leap", true], ["recession", true]]);
    expect(draw.forced).toEqual(["green_finance"]);
  });

  it("a forced card still in play waits until it has ended; one with nothing to hit is dropped", () => {
    const running = mustOk(setEventControls(startedWith(["russia_sanctions"]), { forced: ["russia_sanctions"], disabled: [] }));
    const draw = drawEvents(running, createRng(1));
    expect(draw.drawn).toEqual([]);
    expect(draw.forced).toEqual(["russia_sanctions"]);
    // China+1 needs a lead firm no human plays.
    const humans = mustOk(createMatch(quietScenario, scenario.leadFirms.map((l) => ({ seat: l.id, controller: "human" as const })), 1));
    const forced = mustOk(setEventControls(humans, { forced: ["china_plus_one"], disabled: [] }));
    expect(drawEvents(forced, createRng(1))).toEqual({ drawn: [], forced: [] });
  });

  it("setEventControls is pure and refuses unknown, repeated or contradictory card ids with a bilingual error", () => {
    const state = quiet();
    const next = mustOk(setEventControls(state, { forced: ["recession"], disabled: ["pandemic"] }));
    expect(state.eventControls).toEqual({ forced: [], disabled: [] });
    expect(next.eventControls).toEqual({ forced: ["recession"], disabled: ["pandemic"] });
    expect(hashState(state)).toBe(hashState(quiet()));
    const refused = [
      setEventControls(state, { forced: ["alien_invasion"], disabled: [] }),
      setEventControls(state, { forced: [], disabled: ["recession", "recession"] }),
      setEventControls(state, { forced: ["recession"], disabled: ["recession"] }),
      setEventControls(state, { forced: "recession", disabled: [] } as unknown as { forced: string[]; disabled: string[] }),
      setEventControls(state, null as unknown as { forced: string[]; disabled: string[] }),
    ];
    for (const r of refused) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe("INVALID_PAYLOAD");
      expect(r.error.message.en.length).toBeGreaterThan(0);
      expect(r.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("only the instructor's view shows the controls; everyone sees the cards in play", () => {
    const state = mustOk(setEventControls(startedWith(["recession"]), { forced: ["red_sea"], disabled: ["pandemic"] }));
    expect(viewFor(state, "instructor").eventControls).toEqual({ forced: ["red_sea"], disabled: ["pandemic"] });
    for (const viewer of ["public", "tangshan_steel", "PAK", "eurowear"]) {
      const view = viewFor(state, viewer);
      expect("eventControls" in view, viewer).toBe(false);
      expect(view.events.map((e) => e.card)).toEqual(["recession"]);
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("each card's effect shows up where 5.13 says", () => {
  it("recession: every demand on the market board is 15% lower, for one round", () => {
    const base = passive(quiet()).state;
    const hit = passive(startedWith(["recession"]));
    expect(base.board.length).toBe(hit.state.board.length);
    for (const row of base.board) {
      if (row.demand === 0) continue;
      expect(boardDemand(hit.state, row.market, row.sector) / row.demand, `${row.market}/${row.sector}`).toBeCloseTo(0.85, 12);
    }
    expect(entriesWith(hit.report, "EVENT_ENDED").map((e) => e.params.card)).toEqual(["recession"]);
    // Next round demand is back to normal.
    const after = passive(hit.state).state;
    const baseAfter = passive(base).state;
    expect(boardDemand(after, "PAK", "steel")).toBeCloseTo(boardDemand(baseAfter, "PAK", "steel"), 9);
  });

  it("global demand boom: +15% demand for the drawn sector only, in every market and the West", () => {
    const state = startedWith(["demand_boom"]);
    const sector = state.events[0]?.target as string;
    const base = passive(quiet()).state;
    const hit = passive(state).state;
    for (const row of base.board) {
      if (row.demand === 0) continue;
      const ratio = boardDemand(hit, row.market, row.sector) / row.demand;
      expect(ratio, `${row.market}/${row.sector}`).toBeCloseTo(row.sector === sector ? 1.15 : 1, 12);
    }
  });

  it("Red Sea / Suez: the Suez-route sea edges cost twice as much for 2 rounds, routes switch to rail, then costs are restored exactly", () => {
    const before = quiet();
    const state = startedWith(["red_sea"]);
    const suez = state.edges.filter((e) => e.mode === "sea" && touches(e, ["babelmandeb", "suez"]));
    expect(suez.map((e) => e.id).sort()).toEqual(["babelmandeb~djibouti", "babelmandeb~suez", "cairo_suez~suez", "piraeus~suez"]);
    for (const e of state.edges) {
      const original = edgeIn(before, e.id);
      expect(e.costMult, e.id).toBe(suez.includes(e) ? 2 : 1);
      if (suez.includes(e)) expect(edgeUnitCost(e, p.trade)).toBeCloseTo(2 * edgeUnitCost(original, p.trade), 12);
    }
    // Route substitution: from Chongqing the cheapest way to Duisburg leaves the sea for the land bridge,
    // and in the round, freight moves from the Suez route onto the New Eurasian Land Bridge.
    const path = (s: MatchState) => {
      const ids: string[] = [];
      routesFrom("chongqing", s.edges, p.trade).forEachEdgeTo("duisburg", s.edges, (e) => ids.push(e.id));
      return ids;
    };
    expect(path(before)).toContain("babelmandeb~suez");
    expect(path(state)).toContain("astana~moscow");
    const quietRound = passive(before).state;
    const round2 = passive(state).state;
    expect(edgeIn(round2, "astana~moscow").flowLast).toBeGreaterThan(edgeIn(quietRound, "astana~moscow").flowLast);
    expect(edgeIn(round2, "babelmandeb~suez").flowLast).toBeLessThan(edgeIn(quietRound, "babelmandeb~suez").flowLast);

    expect(edgeIn(round2, "babelmandeb~suez").costMult).toBe(2);
    const round3 = passive(round2);
    expect(entriesWith(round3.report, "EVENT_ENDED").map((e) => e.params.card)).toEqual(["red_sea"]);
    const strip = (edges: EdgeState[]) => edges.map(({ flowLast: _f, ...rest }) => rest);
    expect(strip(round3.state.edges)).toEqual(strip(before.edges));
  });

  it("sanctions: NELB/CMREC edges via Russia or Belarus cost 50% more and are riskier for 3 rounds, then back exactly", () => {
    const before = quiet();
    let state = startedWith(["russia_sanctions"]);
    const viaRuBy = (e: EdgeState) => e.corridors.some((c) => c === "NELB" || c === "CMREC") && ["RUS", "BLR"].some((c) => c === countryOf(e.from) || c === countryOf(e.to));
    const hit = state.edges.filter(viaRuBy).map((e) => e.id);
    expect(hit).toEqual(expect.arrayContaining(["astana~moscow", "minsk~moscow", "brest~minsk", "brest~duisburg", "chita~manzhouli", "suifenhe~vladivostok"]));
    for (const e of state.edges) {
      expect(e.costMult, e.id).toBe(hit.includes(e.id) ? 1.5 : 1);
      expect(e.risk, e.id).toBeCloseTo(edgeIn(before, e.id).risk + (hit.includes(e.id) ? 0.1 : 0), 12);
    }
    for (let t = 0; t < 3; t++) state = passive(state).state;
    for (const e of state.edges) {
      expect(e.costMult, e.id).toBe(1);
      expect(e.risk, e.id).toBe(edgeIn(before, e.id).risk);
    }
  });

  it("Malacca congestion: the strait's sea edges x1.5, CPEC and BCIM edges cheaper, for one round", () => {
    const state = startedWith(["malacca_congestion"]);
    for (const e of state.edges) {
      const strait = e.mode === "sea" && touches(e, ["malacca", "jurong"]);
      const bypass = e.corridors.includes("CPEC") || e.corridors.includes("BCIM");
      expect(e.costMult, e.id).toBe((strait ? 1.5 : 1) * (bypass ? 0.8 : 1));
    }
    expect(passive(state).state.edges.every((e) => e.costMult === 1)).toBe(true);
  });

  it("China wage hike: state.china.wage rises 10% at once and stays", () => {
    const before = quiet();
    const state = startedWith(["china_wage_hike"]);
    expect(state.china.wage / before.china.wage).toBeCloseTo(1.1, 12);
    expect(state.china.skillWage).toBe(before.china.skillWage);
    const later = passive(passive(state).state).state;
    const baseLater = passive(passive(before).state).state;
    expect(later.china.wage / baseLater.china.wage).toBeCloseTo(1.1, 12);
  });

  it("technology leap: C +0.15 and D -0.15 for its sector, lasting", () => {
    const state = startedWith(["tech_leap"]);
    const sector = state.events[0]?.target as string;
    for (const s of scenario.sectors) {
      const shift = state.sectorShifts[s.id];
      if (s.id === sector) {
        expect(shift?.C).toBeCloseTo(0.15, 12);
        expect(shift?.D).toBeCloseTo(-0.15, 12);
      } else expect(shift, s.id).toEqual({ C: 0, D: 0 });
    }
    const later = passive(passive(state).state).state;
    expect(later.sectorShifts[sector]?.C).toBeCloseTo(0.15, 12);
    expect(later.sectorShifts[sector]?.D).toBeCloseTo(-0.15, 12);
  });

  it("standardisation wave: D +0.15 and C -0.1 for its sector, lasting", () => {
    const state = startedWith(["standardisation"]);
    const sector = state.events[0]?.target as string;
    expect(state.sectorShifts[sector]).toEqual({ C: -0.1, D: 0.15 });
    expect(passive(state).state.sectorShifts[sector]).toEqual({ C: -0.1, D: 0.15 });
  });

  it("host political change: the host's political capital is set to 5", () => {
    const state = startedWith(["political_change"]);
    const host = state.events[0]?.target as string;
    expect(hostIn(quiet(), host).PC).not.toBe(5);
    expect(hostIn(state, host).PC).toBe(5);
    expect(eventModifiers(state).renegotiable).toEqual([host]);
  });

  it("currency crisis: the host's wage falls 20% for good and its market's demand 20% for 2 rounds", () => {
    const before = quiet();
    const state = startedWith(["currency_crisis"]);
    const host = state.events[0]?.target as string;
    expect(hostIn(state, host).w / hostIn(before, host).w).toBeCloseTo(0.8, 12);
    let a = state;
    let b = before;
    for (let round = 1; round <= 3; round++) {
      a = passive(a).state;
      b = passive(b).state;
      for (const row of b.board) {
        if (row.demand === 0) continue;
        const expected = row.market === host && round <= 2 ? 0.8 : 1;
        expect(boardDemand(a, row.market, row.sector) / row.demand, `round ${round} ${row.market}/${row.sector}`).toBeCloseTo(expected, 12);
      }
    }
    expect(hostIn(a, host).w / hostIn(b, host).w).toBeCloseTo(0.8, 12);
  });

  it("commodity price shock: steel or aluminium +-25% (the West price moves by exactly that)", () => {
    const signs = new Set<number>();
    for (let seed = 1; seed <= 12; seed++) {
      const state = startedWith(["commodity_shock"], seed);
      const event = state.events[0];
      expect(["steel", "aluminium"]).toContain(event?.target);
      expect(Math.abs(event?.magnitude ?? 0)).toBe(0.25);
      signs.add(Math.sign(event?.magnitude ?? 0));
      const hit = passive(state).state;
      const base = passive(quiet(seed)).state;
      const price = (s: MatchState) => s.board.find((r) => r.market === "WEST" && r.sector === event?.target)?.price ?? NaN;
      expect(price(hit) / price(base)).toBeCloseTo(1 + (event?.magnitude ?? 0), 12);
    }
    expect([...signs].sort()).toEqual([-1, 1]);
  });

  it("carbon border tax: West exports of steel, aluminium and cement pay 2 x the emission factor per unit; the low road pays more", () => {
    const state = startedWith(["carbon_border_tax"]);
    const mods = eventModifiers(state);
    const tangshan = clusterIn(state, "tangshan_steel");
    const home = plantIn(tangshan, "tangshan");
    const steel = scenario.sectors.find((s) => s.id === "steel");
    const neutral = carbonTaxPerUnit(state, mods, "WEST", tangshan, home);
    expect(neutral).toBeCloseTo(2 * (steel?.e ?? NaN) * p.stance.neutral.emis * p.pollution.envMult[p.china.env], 12);
    expect(carbonTaxPerUnit(state, mods, "WEST", { ...tangshan, stance: "low" }, home) / neutral).toBeCloseTo(p.stance.low.emis, 12);
    const retrofitted = { ...home, greenM: home.blocks.M };
    expect(carbonTaxPerUnit(state, mods, "WEST", tangshan, retrofitted) / neutral).toBeCloseTo(p.pollution.greenMult, 12);
    expect(carbonTaxPerUnit(state, mods, "CHN", tangshan, home)).toBe(0);
    expect(carbonTaxPerUnit(state, mods, "WEST", clusterIn(state, "shaoxing_apparel"), plantIn(clusterIn(state, "shaoxing_apparel"), "shaoxing"))).toBe(0);
    expect(carbonTaxPerUnit(quiet(), eventModifiers(quiet()), "WEST", tangshan, home)).toBe(0);
    // In a match: steel and aluminium clusters lose exactly tax x units sold to the West; others lose nothing.
    const taxed = passive(state).state;
    const base = passive(quiet()).state;
    for (const c of base.clusters) {
      const westUnits = leadIn(base, "meridian").purchasesLast[c.sector] ?? 0;
      const heavyExport = c.sector === "steel" || c.sector === "aluminium";
      const perUnit = carbonTaxPerUnit(state, mods, "WEST", clusterIn(state, c.id), plantIn(clusterIn(state, c.id), c.homeNode));
      const sameSector = base.clusters.filter((x) => x.sector === c.sector).length;
      if (!heavyExport) expect(clusterIn(taxed, c.id).vaLast.M, c.id).toBeCloseTo(c.vaLast.M, 9);
      else if (sameSector === 1) expect(c.vaLast.M - clusterIn(taxed, c.id).vaLast.M, c.id).toBeCloseTo(perUnit * westUnits, 9);
    }
    expect(taxed.sectorShifts.electronics?.D).toBeCloseTo(0.05, 12);
  });

  it("pandemic: land capacity -50%, sea -30% and demand -10% for a round; D -0.1 everywhere for two; all undone after", () => {
    const before = quiet();
    const state = startedWith(["pandemic"]);
    for (const e of state.edges) expect(e.capacity / edgeIn(before, e.id).capacity, e.id).toBeCloseTo(e.mode === "sea" ? 0.7 : 0.5, 12);
    for (const s of scenario.sectors) expect(state.sectorShifts[s.id]).toEqual({ C: 0, D: -0.1 });
    expect(demandMult(eventModifiers(state), "PAK", "steel")).toBeCloseTo(0.9, 12);
    const round2 = passive(state).state;
    for (const e of round2.edges) expect(e.capacity / edgeIn(before, e.id).capacity, e.id).toBeCloseTo(1, 12);
    for (const s of scenario.sectors) expect(round2.sectorShifts[s.id]).toEqual({ C: 0, D: -0.1 });
    expect(demandMult(eventModifiers(round2), "PAK", "steel")).toBe(1);
    const round3 = passive(round2).state;
    for (const s of scenario.sectors) expect(round3.sectorShifts[s.id]).toEqual({ C: 0, D: 0 });
  });

  it("security incident: one corridor edge closed for a round and its risk raised for good", () => {
    const state = startedWith(["security_incident"]);
    const target = state.events[0]?.target as string;
    expect(state.edges.filter((e) => e.closed).map((e) => e.id)).toEqual([target]);
    expect(edgeIn(state, target).risk).toBeCloseTo(0.1, 12);
    const next = passive(state).state;
    expect(next.edges.some((e) => e.closed)).toBe(false);
    expect(edgeIn(next, target).risk).toBeCloseTo(0.1, 12);
  });

  it("debt distress: approval -10 and no infrastructure investment for 2 rounds, even if the ratio recovers", () => {
    const base = quiet();
    const indebted = draftOf(base);
    const lka = hostIn(indebted, "LKA");
    lka.debt = 0.7 * lka.gdp * p.hostRules.gdpCreditsPerBn;
    const controlled = draftOf(mustOk(setEventControls(indebted, { forced: ["debt_distress"], disabled: [] })));
    beginRound(controlled);
    expect(controlled.events.map((e) => [e.card, e.target])).toEqual([["debt_distress", "LKA"]]);
    expect(hostIn(controlled, "LKA").approval).toBe(hostIn(base, "LKA").approval - 10);
    expect(hostIn(controlled, "LKA").debtDistress).toBe(true);
    const infra = (s: MatchState) => validateAction(s, "LKA", { type: "infrastructure", borrow: true });
    expect(infra(controlled).ok).toBe(false);
    // The debt is forgiven, but the freeze holds through round 2, then lifts.
    const forgiven = draftOf(controlled);
    hostIn(forgiven, "LKA").debt = 0;
    const round2 = passive(forgiven).state;
    expect(hostIn(round2, "LKA").debtDistress).toBe(true);
    expect(infra(round2).ok).toBe(false);
    const round3 = passive(round2).state;
    expect(hostIn(round3, "LKA").debtDistress).toBe(false);
    expect(infra(round3).ok).toBe(true);
  });

  it("supply-side reform: idle heavy M blocks in China pay 2 credits each that round; light sectors do not", () => {
    const state = startedWith(["supply_side_reform"]);
    const mods = eventModifiers(state);
    const ctx = runSteps(quiet(), {}, 6);
    const reformed = passive(state).state;
    const base = passive(quiet()).state;
    for (const c of base.clusters) {
      const heavy = scenario.sectors.find((s) => s.id === c.sector)?.heavy ?? false;
      const home = plantIn(clusterIn(quiet(), c.id), c.homeNode);
      expect(idlePenaltyPerBlock(state, mods, c, home)).toBe(heavy ? 2 : 0);
      const idle = home.blocks.M - (ctx.producedM.get(plantIn(clusterIn(ctx.state, c.id), c.homeNode)) ?? 0);
      expect(c.vaLast.M - clusterIn(reformed, c.id).vaLast.M, c.id).toBeCloseTo(heavy ? 2 * idle : 0, 9);
    }
  });

  it("China+1: the targeted AI lead firm's West orders fall 30% for the round", () => {
    const state = startedWith(["china_plus_one"]);
    const lead = state.events[0]?.target as string;
    expect(eventModifiers(state).chinaPlusOne).toEqual([{ leadFirm: lead, orderShift: 0.3, preferHosts: ["VNM", "BGD", "ETH"] }]);
    const hit = passive(state).state;
    for (const sector of scenario.sectors) {
      const buyers = hit.leadFirms.filter((l) => l.sectors.includes(sector.id));
      if (buyers.length === 0) continue;
      const expected = buyers.reduce((s, l) => s + (l.orders[sector.id] ?? 0) * (l.id === lead ? 0.7 : 1), 0);
      expect(boardDemand(hit, "WEST", sector.id), sector.id).toBeCloseTo(expected, 12);
    }
  });

  it("green-finance window: A8 and eco-park costs x0.5 while it is in play", () => {
    const state = startedWith(["green_finance"]);
    expect(eventModifiers(state).greenCostMult).toBe(0.5);
    expect(eventModifiers(passive(state).state).greenCostMult).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("starting and ending cards never edit a state the engine is given", () => {
  it("resolves deep-frozen states while every card starts and ends, two a round", () => {
    const ids = scenario.eventCards.map((c) => c.id);
    let state = quiet(11);
    const indebted = draftOf(state);
    for (const h of indebted.hosts) h.debt = 0.7 * h.gdp * p.hostRules.gdpCreditsPerBn;
    state = deepFreeze(mustOk(setEventControls(indebted, { forced: ids, disabled: [] })));
    for (let t = 0; t < 14; t++) state = deepFreeze(passive(state).state);
    expect(new Set(state.events.map((e) => e.card))).toEqual(new Set(ids));
    expect(state.eventControls.forced).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("card text", () => {
  it("every card has an English and Chinese name and theory note, and reports carry them", () => {
    for (const c of scenario.eventCards) {
      for (const text of [c.name, c.theoryNote]) {
        expect(text.en.length, c.id).toBeGreaterThan(0);
        expect(text.zh, c.id).toMatch(/[\u4e00-\u9fff]/);
      }
      const state = mustOk(setEventControls(quiet(), { forced: [c.id], disabled: [] }));
      const indebted = draftOf(state);
      for (const h of indebted.hosts) h.debt = 0.7 * h.gdp * p.hostRules.gdpCreditsPerBn;
      const r = passive(indebted);
      const [entry] = entriesWith(r.report, "EVENT_STARTED");
      expect(entry, c.id).toBeDefined();
      expect(entry?.params.card).toBe(c.id);
      expect(entry?.text.en).toContain(c.name.en);
      expect(entry?.text.en).toContain(c.theoryNote.en);
      expect(entry?.text.zh).toContain(c.name.zh);
      expect(entry?.text.zh).toContain(c.theoryNote.zh);
      expect(entry?.text.en).not.toMatch(/\{\w+\}/);
      expect(entry?.text.zh).not.toMatch(/\{\w+\}/);
    }
    const ended = message("EVENT_ENDED", { nameEn: "X", nameZh: "某", noteEn: "n", noteZh: "注", onEn: "", onZh: "", until: 3, endEn: "e", endZh: "结" });
    expect(ended.en).toBe("Event over after round 3: X. e n");
  });
});
