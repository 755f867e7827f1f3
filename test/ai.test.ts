/** AI players: they see only their seat's view, act through the legality checks, negotiate, explain, and replay exactly. */
import { describe, expect, it } from "vitest";
import { aiAnswers, aiOrders, aiProposals, ARCHETYPES_OF, decideSeat, defaultArchetypes, playAiTurn, type AiSeat, type PlanBudget } from "../shared/ai/index.ts";
import { canonicalJson } from "../shared/canonical.ts";
import { MatchLogBuilder, makeHeader, parseLog } from "../shared/matchlog.ts";
import { applyNegotiation } from "../shared/negotiation.ts";
import { replayLog } from "../shared/replay.ts";
import { createMatch, type MatchState } from "../shared/state.ts";
import { ENGINE_VERSION } from "../shared/version.ts";
import { deepFreeze, defaultScenario } from "./support/fixtures.ts";
import { scrambleHidden } from "./support/scramble.ts";

const scenario = defaultScenario();
/** A small planning budget keeps the hard AI's tests quick; the rules it follows are the same. */
const SMALL: PlanBudget = { rollouts: 4, horizon: 1, othersKeep: 0.8, acceptance: 0.7 };

function aiMatch(seed: number, turns: number, ais: AiSeat[] = defaultArchetypes(scenario, seed)) {
  const created = createMatch(scenario, ais.map((a) => ({ seat: a.seat, controller: "ai" as const })), seed);
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  const played = [];
  const states: MatchState[] = [state];
  for (let t = 0; t < turns; t++) {
    const turn = playAiTurn(state, ais, [], SMALL);
    played.push(turn);
    state = turn.state;
    states.push(state);
  }
  return { ais, played, states, state };
}

describe("the default archetype mix", () => {
  it("gives every seat an archetype of its role and rotates the mix with the seed", () => {
    const a = defaultArchetypes(scenario, 1);
    expect(a).toHaveLength(scenario.clusters.length + scenario.hosts.length + scenario.leadFirms.length);
    for (const seat of a) {
      const role = scenario.clusters.some((c) => c.id === seat.seat) ? "cluster" : scenario.hosts.some((h) => h.id === seat.seat) ? "host" : "lead";
      expect(ARCHETYPES_OF[role]).toContain(seat.archetype);
      expect(seat.difficulty).toBe("normal");
    }
    const clusters = a.filter((s) => scenario.clusters.some((c) => c.id === s.seat)).map((s) => s.archetype);
    for (const kind of ARCHETYPES_OF.cluster) expect(clusters.filter((k) => k === kind).length).toBeGreaterThanOrEqual(3);
    expect(defaultArchetypes(scenario, 2)[0]!.archetype).not.toBe(a[0]!.archetype);
    expect(defaultArchetypes(scenario, 1, "hard", ["PAK"])).toEqual([{ ...a.find((s) => s.seat === "PAK")!, difficulty: "hard" }]);
  });
});

describe("an AI decides from its seat's view alone", () => {
  const { states, ais } = aiMatch(4, 3);
  const seats = [ais.find((a) => a.seat === "shaoxing_apparel")!, ais.find((a) => a.seat === "KHM")!, ais.find((a) => a.seat === "eurowear")!];
  it.each(seats.map((s) => [s.seat, s] as const))("%s: scrambling other seats' hidden figures changes none of its decisions", (_, seat) => {
    for (const difficulty of ["easy", "normal", "hard"] as const) {
      const ai = { ...seat, difficulty };
      for (const [i, state] of states.entries()) {
        const before = canonicalJson(decideSeat(state, ai, SMALL));
        expect(canonicalJson(decideSeat(scrambleHidden(state, ai.seat, 17 + i), ai, SMALL))).toBe(before);
      }
    }
  });
});

describe("an AI never edits what it is given", () => {
  it("decides and plays turns, hard plans included, from deep-frozen states (its view shares the state's parts)", () => {
    const ais = defaultArchetypes(scenario, 6).map((a, i) => (i % 5 === 0 ? { ...a, difficulty: "hard" as const } : a));
    const created = createMatch(scenario, ais.map((a) => ({ seat: a.seat, controller: "ai" as const })), 6);
    if (!created.ok) throw new Error(created.error.message);
    let state = deepFreeze(created.value);
    for (let t = 0; t < 3; t++) {
      for (const ai of ais.slice(0, 8)) decideSeat(state, ai, SMALL);
      state = deepFreeze(playAiTurn(state, ais, [], SMALL).state);
    }
    expect(state.turn).toBe(4);
  });

  it("decides the same after every other seat has decided on the state as on a fresh copy of it (nothing leaks through what views and beliefs share)", () => {
    const { states, ais } = aiMatch(7, 3);
    const seats = ais.map((a, i) => (i % 6 === 0 ? { ...a, difficulty: "hard" as const } : a));
    for (const state of states) {
      const shared = seats.map((ai) => canonicalJson(decideSeat(state, ai, SMALL)));
      seats.forEach((ai, i) => expect(canonicalJson(decideSeat(structuredClone(state), ai, SMALL))).toBe(shared[i]));
    }
  });
});

describe("AI turns", () => {
  const { played, state } = aiMatch(7, 3);

  it("give only orders the engine accepts, and make, answer and counter offers", () => {
    for (const turn of played) expect(turn.resolution.report.entries.filter((e) => e.code === "ORDER_REFUSED")).toEqual([]);
    const kinds = new Set(played.flatMap((t) => t.decisions.map((d) => d.action.type)));
    for (const kind of ["propose", "accept", "reject", "stance", "upgrade", "transfer"]) expect(kinds).toContain(kind);
    expect(state.turn).toBe(4);
  });

  it("explain every move in English and Chinese, with the numbers behind it", () => {
    const decisions = played.flatMap((t) => t.decisions);
    expect(decisions.length).toBeGreaterThan(50);
    for (const d of decisions) {
      expect(d.reason.en.length).toBeGreaterThan(10);
      expect(d.reason.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(decisions.filter((d) => /\d/.test(d.reason.en)).length / decisions.length).toBeGreaterThan(0.9);
    const transfer = decisions.find((d) => d.action.type === "propose" && "terms" in d.action && d.action.terms.kind === "transfer" && d.seat === d.action.terms.cluster);
    expect(transfer?.reason.en).toMatch(/home (margin|maintenance) -?[\d.]+, host margin [\d.]+/);
  });

  it("follow their archetype's road (5.15): Upgraders high, Volume low", () => {
    for (const c of state.clusters) {
      const kind = defaultArchetypes(scenario, 7).find((a) => a.seat === c.id)!.archetype;
      if (kind === "upgrader") expect(c.stance).toBe("high");
      if (kind === "volume" && c.R >= 30) expect(c.stance).toBe("low");
    }
  });

  it("keep their reasons in the match log, which still replays and verifies", () => {
    const { ais, played: turns, state: end } = aiMatch(9, 2, defaultArchetypes(scenario, 9).map((a, i) => (i % 5 === 0 ? { ...a, difficulty: "hard" as const } : a)));
    const log = new MatchLogBuilder();
    log.append(makeHeader({ engineVersion: ENGINE_VERSION, scenario, seed: 9, seats: ais.map((a) => ({ seat: a.seat, controller: "ai" })), settings: { turns: 2, bots: "ai" } }));
    for (const t of turns) for (const e of t.events) log.append(e);
    const parsed = parseLog(log.toString());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const orders = parsed.value.lines.filter((l) => l.body.kind === "orders");
    expect(orders.every((l) => Array.isArray(l.body.reasons) && (l.body.reasons as unknown[]).length === (l.body.actions as unknown[]).length)).toBe(true);
    expect(parsed.value.lines.some((l) => l.body.kind === "offer" && typeof (l.body.reason as { zh?: string })?.zh === "string")).toBe(true);
    const replayed = replayLog(parsed.value);
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(canonicalJson(replayed.value.final.scores)).toBe(canonicalJson(end.scores));
  });

  it("the log refuses an offer line whose reason is not one line in English and Chinese", () => {
    const log = new MatchLogBuilder();
    log.append(makeHeader({ engineVersion: ENGINE_VERSION, scenario: {}, seed: 1, seats: [], settings: {} }));
    const action = { type: "reject", offer: "o1" };
    expect(() => log.append({ kind: "offer", turn: 1, seat: "PAK", action, reason: "because" })).toThrow(/reason \{en, zh\}/);
    expect(() => log.append({ kind: "offer", turn: 1, seat: "PAK", action, reason: { en: "no" } })).toThrow(/reason/);
    log.append({ kind: "offer", turn: 1, seat: "PAK", action, reason: { en: "no", zh: "不" } });
    log.append({ kind: "offer", turn: 1, seat: "PAK", action });
    expect(parseLog(log.toString()).ok).toBe(true);
  });

  it("never throws on a seat it does not know or an archetype of another role", () => {
    expect(decideSeat(state, { seat: "atlantis", archetype: "upgrader", difficulty: "normal" })).toEqual({ seat: "atlantis", proposals: [], answers: [], orders: [] });
    const odd = decideSeat(state, { seat: "PAK", archetype: "upgrader", difficulty: "expert" as "hard" });
    expect(canonicalJson(odd)).toBe(canonicalJson(decideSeat(state, { seat: "PAK", archetype: "developmental", difficulty: "normal" })));
  });

  it("replay exactly: the same state gives the same decisions, hard ones included", () => {
    const hard = { seat: "tangshan_steel", archetype: "transferrer" as const, difficulty: "hard" as const };
    const first = decideSeat(state, hard, SMALL);
    expect(canonicalJson(decideSeat(state, hard, SMALL))).toBe(canonicalJson(first));
    expect(first.orders.every((o) => /rollouts/.test(o.reason.en))).toBe(true);
  });
});

describe("negotiation by utility", () => {
  const start = (() => {
    const m = createMatch(scenario, [], 3);
    if (!m.ok) throw new Error(m.error.message);
    return m.value;
  })();
  const offer = (state: MatchState, from: string, action: Parameters<typeof applyNegotiation>[2]) => {
    const r = applyNegotiation(state, from, action);
    if (!r.ok) throw new Error(r.error.message.en);
    return r.value.state;
  };
  const transfer = (host: string, jv: boolean) => ({ type: "propose" as const, to: host, terms: { kind: "transfer" as const, cluster: "tangshan_steel", host, node: "gwadar", stage: "M" as const, blocks: 2, payment: 0, jv } });

  it("a developmental host counters a heavy transfer without a joint venture by asking for one", () => {
    const state = offer(start, "tangshan_steel", transfer("PAK", false));
    const answers = aiAnswers(state, { seat: "PAK", archetype: "developmental", difficulty: "normal" });
    expect(answers.map((a) => a.action.type)).toEqual(["reject", "propose"]);
    const counter = answers[1]!.action;
    expect(counter.type === "propose" && counter.terms.kind === "transfer" && counter.terms.jv).toBe(true);
    expect(answers[0]!.reason.en).toMatch(/K_host 2 below 4/);
  });

  it("a rentier accepts the same offer, and a cautious host turns dirty capacity away", () => {
    const state = offer(start, "tangshan_steel", transfer("PAK", false));
    expect(aiAnswers(state, { seat: "PAK", archetype: "rentier", difficulty: "normal" }).map((a) => a.action.type)).toEqual(["accept"]);
    const cautious = aiAnswers(state, { seat: "PAK", archetype: "cautious", difficulty: "normal" });
    expect(cautious.map((a) => a.action.type)).toEqual(["reject"]);
    expect(cautious[0]!.reason.en).toMatch(/emissions [\d.]+, utility -[\d.]+/);
  });

  it("an Upgrader refuses a buy-out that would block its functional upgrading; a Volume cluster sells", () => {
    const state = offer(start, "oceanic", { type: "propose", to: "nantong_ships", terms: { kind: "payment", amount: 5 } });
    expect(aiAnswers(state, { seat: "nantong_ships", archetype: "upgrader", difficulty: "normal" })[0]!.action.type).toBe("accept");
    const withBuyout: MatchState = { ...start, offers: [{ id: "o99", from: "oceanic", to: "nantong_ships", turn: 1, terms: { kind: "buyout", cluster: "nantong_ships", leadFirm: "oceanic", blocks: 6, price: 8 } }] };
    expect(aiAnswers(withBuyout, { seat: "nantong_ships", archetype: "upgrader", difficulty: "normal" })[0]!.action.type).toBe("reject");
    expect(aiAnswers(withBuyout, { seat: "nantong_ships", archetype: "volume", difficulty: "normal" })[0]!.action.type).toBe("accept");
  });

  it("offers and orders differ by archetype from the same state", () => {
    const stances = (["upgrader", "volume", "transferrer"] as const).map((archetype) => aiOrders(start, { seat: "tangshan_steel", archetype, difficulty: "normal" }).find((o) => o.action.type === "stance")?.action);
    expect(stances).toEqual([{ type: "stance", stance: "high" }, { type: "stance", stance: "low" }, undefined]);
    expect(aiProposals(start, { seat: "tangshan_steel", archetype: "transferrer", difficulty: "normal" }).some((p) => p.action.type === "propose" && p.action.terms.kind === "transfer")).toBe(true);
  });
});
