/** The offline solo match the client's worker runs: the engine and the baseline bots against one seat. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkOrders, negotiate, playRound, resumeSolo, snapshot, startSolo, type SoloRecord } from "../client/solo/solo-match.ts";
import { hashState } from "../shared/hash.ts";
import type { MatchState } from "../shared/state.ts";

const raw = (): unknown => JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8"));
const SEAT = "tangshan_steel";

function started(seed = 7): MatchState {
  const s = startSolo(raw(), SEAT, seed);
  if (!s.ok) throw new Error(s.error.en);
  return s.value;
}

describe("offline solo match", () => {
  it("gives the human seat its legal orders and the bots every other seat", () => {
    const state = started();
    expect(state.seats.find((s) => s.id === SEAT)?.controller).toBe("human");
    expect(state.seats.filter((s) => s.controller === "bot")).toHaveLength(state.seats.length - 1);
    const snap = snapshot(state, SEAT);
    expect(snap.legal.length).toBeGreaterThan(0);
    expect(snap.legal.every((c) => !["propose", "accept", "reject", "withdraw"].includes(c.order.type))).toBe(true);
    expect(snap.ap.left).toBe(snap.ap.total);
    expect(snap.ap.total).toBeGreaterThan(0);
    expect(snap.finished).toBe(false);
  });

  it("resolves a round with the human's order and reports to the seat", () => {
    const state = started();
    const choice = snapshot(state, SEAT).legal.find((c) => c.order.type === "upgrade");
    expect(choice).toBeDefined();
    // The panel shows what the engine says an upgrade takes and its odds.
    expect(choice!.use.ap).toBeGreaterThan(0);
    expect(choice!.use.money).toBe((choice!.order as { investment: number }).investment);
    expect(choice!.odds).toBeGreaterThan(0);
    expect(choice!.odds).toBeLessThan(1);
    const round = playRound(state, SEAT, [choice!.order]);
    expect(round.ok).toBe(true);
    if (!round.ok) return;
    expect(round.value.state.turn).toBe(state.turn + 1);
    const own = round.value.report.entries.filter((e) => e.seats.includes(SEAT));
    expect(own.some((e) => e.code.startsWith("UPGRADE"))).toBe(true);
    expect(round.value.report.entries.every((e) => typeof e.text.en === "string" && typeof e.text.zh === "string")).toBe(true);
    for (const t of round.value.transfers) {
      expect(typeof t.from).toBe("string");
      expect(t.blocks).toBeGreaterThan(0);
    }
  });

  it("lists the event cards in play with their theory notes in both languages", () => {
    // Some seed draws a card within the first rounds.
    for (let seed = 1; seed < 30; seed++) {
      let state = started(seed);
      for (let round = 0; round < 3; round++) {
        const events = snapshot(state, SEAT).events;
        if (events.length > 0) {
          for (const e of events) {
            expect(e.theoryNote.en.length).toBeGreaterThan(0);
            expect(e.theoryNote.zh.length).toBeGreaterThan(0);
            expect(e.untilTurn).toBeGreaterThanOrEqual(state.turn);
          }
          return;
        }
        const played = playRound(state, SEAT, []);
        if (!played.ok) throw new Error(played.error.en);
        state = played.value.state;
      }
    }
    throw new Error("no event card in the first rounds of 30 seeds");
  });

  it("plays to the end and ranks every seat", () => {
    let state = started(3);
    for (let round = 0; round < state.rounds; round++) {
      const played = playRound(state, SEAT, []);
      if (!played.ok) throw new Error(played.error.en);
      state = played.value.state;
    }
    const end = snapshot(state, SEAT);
    expect(end.finished).toBe(true);
    expect(end.legal).toEqual([]);
    expect(end.ranking?.map((r) => r.seat).sort()).toEqual(state.seats.map((s) => s.id).sort());
    const after = playRound(state, SEAT, []);
    expect(after.ok).toBe(false);
  });

  it("refuses bad input with a message in both languages", () => {
    const badScenario = startSolo({ nodes: [] }, SEAT, 1);
    expect(badScenario.ok).toBe(false);
    if (!badScenario.ok) expect(badScenario.error.zh).toContain("情景文件无效");
    const badSeat = startSolo(raw(), "atlantis", 1);
    expect(badSeat.ok).toBe(false);
    if (!badSeat.ok) expect(badSeat.error.en).toContain("atlantis");
    const state = started();
    const junk = checkOrders(state, SEAT, [{ type: "teleport" }]);
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.zh.length).toBeGreaterThan(0);
    const notMine = checkOrders(state, SEAT, [{ type: "tariff", sector: "steel", rate: 0.1 }]);
    expect(notMine.ok).toBe(false);
    expect(playRound(state, SEAT, [{ type: "teleport" } as never]).ok).toBe(false);
  });
});

describe("offers in a solo match", () => {
  it("a bot host answers a transfer offer at once, and an accepted one moves capacity that round", () => {
    let state = started(5);
    const proposals = snapshot(state, SEAT).proposals.filter((p) => p.terms.kind === "transfer");
    expect(proposals.length).toBeGreaterThan(0);
    let contract: string | undefined;
    for (const proposal of proposals) {
      const done = negotiate(state, SEAT, proposal);
      if (!done.ok) throw new Error(done.error.en);
      state = done.value.state;
      expect(done.value.entries.map((e) => e.code)[0]).toBe("OFFER_MADE");
      // The bot answered: the offer is no longer open.
      expect(snapshot(state, SEAT).outgoing).toEqual([]);
      if (done.value.entries.some((e) => e.code === "OFFER_ACCEPTED")) {
        contract = state.contracts.at(-1)?.id;
        break;
      }
    }
    expect(contract).toBeDefined();
    const transfer = snapshot(state, SEAT).legal.find((c) => c.order.type === "transfer" && c.order.contract === contract);
    expect(transfer).toBeDefined();
    const round = playRound(state, SEAT, [transfer!.order]);
    if (!round.ok) throw new Error(round.error.en);
    expect(round.value.transfers.some((t) => t.cluster === SEAT && t.from === "tangshan")).toBe(true);
  });

  it("shows bots' offers to the seat during the round and takes its answer", () => {
    // Some seed gives the human an incoming offer in the first few rounds.
    for (let seed = 1; seed < 40; seed++) {
      const state = started(seed);
      const offer = snapshot(state, SEAT).incoming[0];
      if (!offer) continue;
      const answered = negotiate(state, SEAT, { type: "reject", offer: offer.id });
      expect(answered.ok).toBe(true);
      if (answered.ok) expect(snapshot(answered.value.state, SEAT).incoming.map((o) => o.id)).not.toContain(offer.id);
      return;
    }
    throw new Error("no seed gave the human an offer");
  });

  it("refuses an answer to an offer that does not exist", () => {
    const refused = negotiate(started(), SEAT, { type: "accept", offer: "o999" });
    expect(refused.ok).toBe(false);
  });
});

describe("resuming a saved solo match", () => {
  it("rebuilds the very same state from seat, seed, offers and orders", () => {
    let state = started(11);
    const record: SoloRecord = { seat: SEAT, seed: 11, rounds: [], current: [] };
    for (let round = 0; round < 3; round++) {
      const proposal = snapshot(state, SEAT).proposals[round];
      const negotiations: unknown[] = [];
      if (proposal) {
        const done = negotiate(state, SEAT, proposal);
        if (done.ok) {
          state = done.value.state;
          negotiations.push(proposal);
        }
      }
      const orders = snapshot(state, SEAT).legal.filter((c) => c.order.type === "upgrade").slice(0, 1).map((c) => c.order);
      const played = playRound(state, SEAT, orders);
      if (!played.ok) throw new Error(played.error.en);
      state = played.value.state;
      record.rounds.push({ negotiations, orders });
    }
    const resumed = resumeSolo(raw(), JSON.parse(JSON.stringify(record)));
    expect(resumed.ok).toBe(true);
    if (resumed.ok) expect(hashState(resumed.value)).toBe(hashState(state));
  });

  it("refuses a saved match that is unreadable or no longer replays", () => {
    for (const junk of [null, "x", { seat: SEAT }, { seat: SEAT, seed: 1.5, rounds: [], current: [] }, { seat: SEAT, seed: 1, rounds: [] }]) {
      const r = resumeSolo(raw(), junk);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.zh).toContain("无法读取");
    }
    const negativeSeed = resumeSolo(raw(), { seat: SEAT, seed: -1, rounds: [], current: [] });
    expect(negativeSeed.ok).toBe(false);
    if (!negativeSeed.ok) expect(negativeSeed.error.zh).toBe("无法开始对局：随机种子必须是非负整数");
    for (const rounds of [[{ negotiations: [], orders: [{ type: "tariff", sector: "steel", rate: 0.1 }] }], [{ negotiations: [{ type: "accept", offer: "o999" }], orders: [] }], ["x"]]) {
      const bad = resumeSolo(raw(), { seat: SEAT, seed: 1, rounds, current: [] });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.en).toContain("no longer replays");
    }
  });
});
