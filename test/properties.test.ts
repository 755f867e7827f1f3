/** Properties that must hold for any seed and any legal play (fast-check over random bot matches). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../shared/canonical.ts";
import { hashState } from "../shared/hash.ts";
import { playBotTurn } from "../shared/match-runner.ts";
import { balancedSeats, createMatch, type MatchState } from "../shared/state.ts";
import { STAGES } from "../shared/types.ts";
import { sharedViewFor, viewFor } from "../shared/view.ts";
import { validateAction } from "../shared/validate.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { message, messageCodes } from "../shared/i18n.ts";
import { readScenarioFile } from "../server/scenario-file.ts";
import { deepFreeze } from "./support/fixtures.ts";
import { scrambleHidden } from "./support/scramble.ts";

const scenario = (() => {
  const s = readScenarioFile();
  if (!s.ok) throw new Error(s.error);
  return s.value;
})();
const totalSeats = scenario.clusters.length + scenario.hosts.length + scenario.leadFirms.length;

interface Played {
  states: MatchState[];
  hashes: string[];
  scrapped: number[];
}

function play(seed: number, seats: number, turns: number): Played {
  const bots = balancedSeats(scenario, seats);
  const created = createMatch(scenario, bots.map((seat) => ({ seat, controller: "bot" })), seed);
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  const out: Played = { states: [state], hashes: [hashState(state)], scrapped: [] };
  for (let t = 0; t < turns; t++) {
    const turn = playBotTurn(state, bots);
    state = turn.state;
    out.states.push(state);
    out.hashes.push(hashState(state));
    // Transfers only move blocks: the count changes only by scrapping, building end-stage blocks and opening new lines.
    const entries = turn.resolution.report.entries;
    const blocksOf = (codes: string[]) => entries.filter((e) => codes.includes(e.code)).reduce((sum, e) => sum + Number(e.params.blocks), 0);
    out.scrapped.push(blocksOf(["SCRAPPED", "FORCED_SCRAP"]) - entries.filter((e) => e.code === "END_STAGE_BUILT").length - blocksOf(["LINE_OPENED"]));
  }
  return out;
}

const matchArb = fc.record({ seed: fc.integer({ min: 0, max: 1_000_000 }), seats: fc.integer({ min: 1, max: totalSeats }), turns: fc.integer({ min: 1, max: 4 }) });

function numbersIn(value: unknown, path: string, out: Array<[string, number]>): void {
  if (typeof value === "number") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "scenario") numbersIn(v, `${path}.${k}`, out);
}

const totalBlocks = (state: MatchState) => state.clusters.reduce((s, c) => s + c.plants.reduce((a, p) => a + STAGES.reduce((b, st) => b + p.blocks[st], 0), 0), 0);

describe("any random legal play", () => {
  it("keeps every number finite, blocks whole and non-negative, and conserves blocks across transfers", () => {
    fc.assert(
      fc.property(matchArb, ({ seed, seats, turns }) => {
        const played = play(seed, seats, turns);
        played.states.forEach((state, t) => {
          const numbers: Array<[string, number]> = [];
          numbersIn(state, "$", numbers);
          for (const [path, n] of numbers) expect(Number.isFinite(n), `${path} at turn ${t}`).toBe(true);
          for (const c of state.clusters) {
            for (const p of c.plants) {
              for (const st of STAGES) {
                expect(Number.isInteger(p.blocks[st])).toBe(true);
                expect(p.blocks[st]).toBeGreaterThanOrEqual(0);
              }
              expect(p.rampingM).toBeLessThanOrEqual(p.blocks.M);
            }
            expect(c.R).toBeGreaterThanOrEqual(scenario.parameters.reputation.min);
            expect(c.R).toBeLessThanOrEqual(scenario.parameters.reputation.max);
            expect(c.money).toBeGreaterThanOrEqual(0);
          }
          for (const h of state.hosts) {
            expect(h.approval).toBeGreaterThanOrEqual(0);
            expect(h.approval).toBeLessThanOrEqual(100);
            expect(h.Z).toBeLessThanOrEqual(100);
            expect(h.money).toBeGreaterThanOrEqual(0);
          }
          if (t > 0) expect(totalBlocks(state)).toBe(totalBlocks(played.states[t - 1]!) - played.scrapped[t - 1]!);
        });
      }),
      // The example is a match in which a new line opens (a counterexample found in CI before new lines were counted).
      { numRuns: 25, examples: [[{ seed: 57999, seats: 29, turns: 2 }]] },
    );
  });

  it("is deterministic: the same seed and seats give the same state hashes", () => {
    fc.assert(
      fc.property(matchArb, ({ seed, seats, turns }) => {
        expect(play(seed, seats, turns).hashes).toEqual(play(seed, seats, turns).hashes);
      }),
      { numRuns: 10 },
    );
  });

  it("is deterministic whatever was played before it in the same process (no state leaks through caches)", () => {
    fc.assert(
      fc.property(matchArb, matchArb, (a, b) => {
        const first = play(a.seed, a.seats, a.turns).hashes;
        play(b.seed, b.seats, b.turns);
        expect(play(a.seed, a.seats, a.turns).hashes).toEqual(first);
      }),
      { numRuns: 10 },
    );
  });

  it("changes with the seed", () => {
    const a = play(1, totalSeats, 2).hashes;
    const b = play(2, totalSeats, 2).hashes;
    expect(a.at(-1)).not.toBe(b.at(-1));
  });
});

describe("viewFor never leaks", () => {
  it("a seat's or the public view is the same whatever other seats hold privately", () => {
    const seatIds = [...scenario.clusters, ...scenario.hosts, ...scenario.leadFirms].map((x) => x.id);
    fc.assert(
      fc.property(matchArb, fc.constantFrom(...seatIds, "public"), fc.integer({ min: 1, max: 1_000_000 }), ({ seed, seats, turns }, viewer, salt) => {
        const { states } = play(seed, seats, turns);
        for (const state of states) {
          const view = viewFor(state, viewer);
          expect(canonicalJson(viewFor(scrambleHidden(state, viewer, salt), viewer))).toBe(canonicalJson(view));
          const text = JSON.stringify(view);
          expect(text).not.toContain('"rng"');
          expect(text).not.toContain('"seed"');
        }
      }),
      { numRuns: 20 },
    );
  });

  it("the shared view (the AI's) holds exactly what viewFor gives, and viewFor's copy is the caller's own", () => {
    const { states } = play(5, totalSeats, 2);
    const seatIds = [...scenario.clusters, ...scenario.hosts, ...scenario.leadFirms].map((x) => x.id);
    for (const state of states) {
      for (const viewer of [...seatIds, "public", "instructor"]) expect(JSON.stringify(sharedViewFor(state, viewer))).toBe(JSON.stringify(viewFor(state, viewer)));
    }
    const last = states.at(-1)!;
    const before = canonicalJson(last);
    const view = viewFor(last, "instructor");
    view.clusters[0]!.plants[0]!.blocks.M += 5;
    view.board[0]!.price += 1;
    view.scores[0]!.score += 1;
    expect(canonicalJson(last)).toBe(before);
  });

  it("the instructor sees private figures, and a seat sees its own", () => {
    const { states } = play(3, totalSeats, 2);
    const last = states.at(-1)!;
    const own = viewFor(last, "tangshan_steel").clusters.find((c) => c.id === "tangshan_steel")!;
    const other = viewFor(last, "tangshan_steel").clusters.find((c) => c.id === "wuhu_cement")!;
    expect("money" in own).toBe(true);
    expect("money" in other).toBe(false);
    const instructor = viewFor(last, "instructor");
    expect(instructor.clusters.every((c) => "money" in c)).toBe(true);
    expect(instructor.hosts.every((h) => "PC" in h)).toBe(true);
  });
});

describe("the engine never edits a state it is given", () => {
  it("plays turns from deep-frozen states (an edit to a shared part would throw)", () => {
    fc.assert(
      fc.property(matchArb, ({ seed, seats, turns }) => {
        const bots = balancedSeats(scenario, seats);
        const created = createMatch(structuredClone(scenario), bots.map((seat) => ({ seat, controller: "bot" })), seed);
        if (!created.ok) throw new Error(created.error.message);
        let state = deepFreeze(created.value);
        for (let t = 0; t < turns; t++) state = deepFreeze(playBotTurn(state, bots).state);
        expect(state.turn).toBe(turns + 1);
      }),
      { numRuns: 10 },
    );
  });
});

describe("bad input never throws", () => {
  const state = (() => {
    const m = createMatch(scenario, [], 1);
    if (!m.ok) throw new Error(m.error.message);
    return m.value;
  })();
  const seatIds = [...scenario.clusters, ...scenario.hosts, ...scenario.leadFirms].map((x) => x.id);
  const actionLike = fc.oneof(
    fc.anything(),
    fc.record({ type: fc.constantFrom("transfer", "plan", "tariff", "propose", "accept", "loan", "scrap", "corridorInvest", "upgrade"), contract: fc.anything(), rate: fc.anything(), amount: fc.anything(), to: fc.anything(), terms: fc.anything(), node: fc.anything() }, { requiredKeys: ["type"] }),
  );

  it("validateAction, applyNegotiation and resolveTurn refuse anything with a coded, bilingual error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...seatIds, "nobody"), actionLike, (seat, raw) => {
        const result = validateAction(state, seat, raw);
        if (!result.ok) {
          expect(result.error.code).toMatch(/^[A-Z_]+$/);
          expect(result.error.message.en.length).toBeGreaterThan(0);
          expect(result.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
        }
        const negotiation = applyNegotiation(state, seat, raw);
        if (!negotiation.ok) expect(negotiation.error.code).toMatch(/^[A-Z_]+$/);
        const resolution = resolveTurn(state, { [seat]: [raw] });
        expect(resolution.state.turn).toBe(2);
      }),
      { numRuns: 300 },
    );
  });

  it("resolveTurn ignores order lists that are not lists and seats that do not exist", () => {
    const weird = { tangshan_steel: "nonsense", PAK: null, ghost: [{ type: "stance", stance: "high" }] } as unknown as Record<string, unknown[]>;
    const r = resolveTurn(state, weird);
    expect(hashState(r.state)).toBe(hashState(resolveTurn(state, {}).state));
    expect(r.report.entries.some((e) => e.code === "ORDER_REFUSED" && e.text.en.includes("ghost"))).toBe(true);
  });

  it("every message exists in English and Chinese", () => {
    for (const code of messageCodes()) {
      const text = message(code, {});
      expect(text.en.length, code).toBeGreaterThan(0);
      expect(text.zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("refusals a student reads are in Chinese too", () => {
  it("every {name} in the Chinese text of a refusal is filled in", () => {
    const state = (() => {
      const m = createMatch(scenario, [], 1);
      if (!m.ok) throw new Error(m.error.message);
      return m.value;
    })();
    const samples: Array<[string, unknown]> = [
      ["tangshan_steel", { type: "propose", to: "KAZ", terms: { kind: "supply", cluster: "tangshan_steel", leadFirm: "eurowear", units: 1, rounds: 1 } }],
      ["tangshan_steel", { type: "propose", to: "PAK", terms: { kind: "park", park: "ningbo_ecopark", fromContribution: 0, toContribution: 0 } }],
      ["tangshan_steel", { type: "teleport" }],
      ["tangshan_steel", { type: "loan", amount: "many" }],
      ["PAK", { type: "tariff", sector: "steel", rate: 0.2 }],
    ];
    for (const [seat, raw] of samples) {
      const r = validateAction(state, seat, raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message.zh).not.toMatch(/\{\w+\}/);
    }
  });
});
