/**
 * Negotiation (GAME-RULES 5.4 step 2): offers of every kind, their answers and refusals, and what
 * the resulting contracts do at resolution (step 3) — payments, corridor co-investment, supply,
 * breach. Offers apply at once through applyNegotiation, which must never touch its input.
 */
import { describe, expect, it } from "vitest";
import { applyNegotiation } from "../shared/negotiation.ts";
import { namesOf } from "../shared/names.ts";
import { resolveTurn } from "../shared/resolve.ts";
import type { MatchState, OfferTerms } from "../shared/state.ts";
import { validateAction, validateOrders } from "../shared/validate.ts";
import {
  clusterIn,
  edgeIn,
  entriesWith,
  expectRefused,
  hostIn,
  leadIn,
  mustOk,
  newMatch,
  offerAndAccept,
  orderCodes,
  plantIn,
  propose,
  runSteps,
  withState,
} from "./support/fixtures.ts";

const C = "tangshan_steel";
const C2 = "zouping_aluminium";
const H = "PAK";
const H2 = "KAZ";
const L = "meridian";
const FOOT = "jinjiang_footwear"; // eurowear's only footwear supplier
const APPAREL = "shaoxing_apparel";
const YIWU = "yiwu_commodities"; // also sells apparel to eurowear
const EW = "eurowear";
const PAK_EDGE = "gwadar~karachi";

const s0 = newMatch();
const P = s0.scenario.parameters;

const transfer = (over: Partial<Extract<OfferTerms, { kind: "transfer" }>> = {}): OfferTerms => ({
  kind: "transfer",
  cluster: C,
  host: H,
  node: "karachi",
  stage: "M",
  blocks: 2,
  payment: 0,
  jv: false,
  ...over,
});
const supply = (over: Partial<Extract<OfferTerms, { kind: "supply" }>> = {}): OfferTerms => ({ kind: "supply", cluster: FOOT, leadFirm: EW, units: 4, rounds: 2, ...over });
const corridor = (over: Partial<Extract<OfferTerms, { kind: "corridor" }>> = {}): OfferTerms => ({ kind: "corridor", edge: PAK_EDGE, fromContribution: 10, toContribution: 5, ...over });

/** One offer of each kind: [name, proposer, addressee, terms]. */
const KINDS: ReadonlyArray<[string, string, string, OfferTerms]> = [
  ["transfer", C, H, transfer()],
  ["supply", FOOT, EW, supply()],
  ["corridor", H, C, corridor()],
  ["payment", C, H, { kind: "payment", amount: 12 }],
];

// ---------------------------------------------------------------------------------------------------
describe.each(KINDS)("%s offers", (_kind, from, to, terms) => {
  it("propose: the offer is open, addressed, and reported", () => {
    const outcome = mustOk(applyNegotiation(s0, from, { type: "propose", to, terms }));
    expect(outcome.id).toBeDefined();
    expect(outcome.state.offers).toEqual([{ id: outcome.id, from, to, terms, turn: s0.turn }]);
    expect(outcome.state.contracts).toEqual([]);
    expect(outcome.report.map((e) => e.code)).toEqual(["OFFER_MADE"]);
    expect(outcome.report[0]?.seats).toEqual([from, to]);
    const name = namesOf(s0.scenario).seats.get(from);
    expect(outcome.report[0]?.params).toMatchObject({ from, to });
    expect(outcome.report[0]?.text.en).toContain(name?.en);
    expect(outcome.report[0]?.text.zh).toContain(name?.zh);
    expect(outcome.report[0]?.text.en).not.toContain(from);
  });

  it("accept: the offer becomes a binding contract", () => {
    const { state, offer } = propose(s0, from, to, terms);
    const outcome = mustOk(applyNegotiation(state, to, { type: "accept", offer }));
    const rounds = terms.kind === "supply" ? terms.rounds : 1;
    expect(outcome.state.offers).toEqual([]);
    expect(outcome.state.contracts).toEqual([{ id: outcome.id, parties: [from, to], terms, signedTurn: s0.turn, untilTurn: s0.turn + rounds - 1, executed: false }]);
    expect(outcome.report.map((e) => e.code)).toEqual(["OFFER_ACCEPTED"]);
    expect(outcome.report[0]?.params).toMatchObject({ from, to, offer, contract: outcome.id as string });
  });

  it("reject: the offer is gone and nothing binds", () => {
    const { state, offer } = propose(s0, from, to, terms);
    const outcome = mustOk(applyNegotiation(state, to, { type: "reject", offer }));
    expect(outcome.state.offers).toEqual([]);
    expect(outcome.state.contracts).toEqual([]);
    expect(outcome.report.map((e) => e.code)).toEqual(["OFFER_REJECTED"]);
    expect(hostIn(outcome.state, H).apUsed).toBe(0);
    expect(hostIn(outcome.state, H).PC).toBe(hostIn(s0, H).PC);
  });

  it("withdraw: the proposer takes the offer back; it can no longer be accepted", () => {
    const { state, offer } = propose(s0, from, to, terms);
    const outcome = mustOk(applyNegotiation(state, from, { type: "withdraw", offer }));
    expect(outcome.state.offers).toEqual([]);
    expect(outcome.report.map((e) => e.code)).toEqual(["OFFER_WITHDRAWN"]);
    expectRefused(applyNegotiation(outcome.state, to, { type: "accept", offer }), "UNKNOWN_OFFER");
  });

  it("answers come only from the right seat (NOT_ADDRESSEE, NOT_PROPOSER)", () => {
    const { state, offer } = propose(s0, from, to, terms);
    const third = [C2, H2, "novatech"].find((s) => s !== from && s !== to) as string;
    const err = expectRefused(applyNegotiation(state, third, { type: "accept", offer }), "NOT_ADDRESSEE");
    expect(err.params).toMatchObject({ offer, to });
    expectRefused(applyNegotiation(state, third, { type: "reject", offer }), "NOT_ADDRESSEE");
    expectRefused(applyNegotiation(state, from, { type: "accept", offer }), "NOT_ADDRESSEE");
    expectRefused(applyNegotiation(state, to, { type: "withdraw", offer }), "NOT_PROPOSER");
    expectRefused(applyNegotiation(state, third, { type: "withdraw", offer }), "NOT_PROPOSER");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("proposal refusals", () => {
  it("UNKNOWN_PARTY for a seat not in the match, SELF_OFFER to oneself", () => {
    const err = expectRefused(applyNegotiation(s0, C, { type: "propose", to: "atlantis", terms: { kind: "payment", amount: 5 } }), "UNKNOWN_PARTY");
    expect(err.params.seat).toBe("atlantis");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: C, terms: { kind: "payment", amount: 5 } }), "SELF_OFFER");
  });

  it("TOO_MANY_OFFERS past the open-offer cap; withdrawing one makes room", () => {
    let state = s0;
    const targets = [H, H2, L, EW, C2, "MYS"];
    const offers: string[] = [];
    for (const to of targets.slice(0, P.contracts.maxOpenOffersPerSeat)) {
      const made = propose(state, C, to, { kind: "payment", amount: 1 });
      state = made.state;
      offers.push(made.offer);
    }
    const extra = targets[P.contracts.maxOpenOffersPerSeat] as string;
    const err = expectRefused(applyNegotiation(state, C, { type: "propose", to: extra, terms: { kind: "payment", amount: 1 } }), "TOO_MANY_OFFERS");
    expect(err.params.max).toBe(P.contracts.maxOpenOffersPerSeat);
    // Offers made to the seat do not count against it.
    expect(applyNegotiation(state, H, { type: "propose", to: C, terms: { kind: "payment", amount: 1 } }).ok).toBe(true);
    const room = mustOk(applyNegotiation(state, C, { type: "withdraw", offer: offers[0] as string })).state;
    expect(applyNegotiation(room, C, { type: "propose", to: extra, terms: { kind: "payment", amount: 1 } }).ok).toBe(true);
  });

  it("transfer terms: the named cluster and host must be the two parties (OFFER_TERMS)", () => {
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H2, terms: transfer() }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ cluster: C2 }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, H, { type: "propose", to: L, terms: transfer({ cluster: L }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: C2, terms: transfer({ host: C2 }) }), "OFFER_TERMS");
  });

  it("transfer terms: the node must exist (UNKNOWN_NODE) and lie in the host (NODE_NOT_IN_HOST)", () => {
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ node: "atlantis" }) }), "UNKNOWN_NODE");
    const err = expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ node: "khorgos" }) }), "NODE_NOT_IN_HOST");
    expect(err.params).toMatchObject({ node: "khorgos", host: H });
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ node: "tangshan" }) }), "NODE_NOT_IN_HOST");
  });

  it("transfer terms: no more blocks than the cluster has elsewhere (OFFER_TERMS)", () => {
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ blocks: 13 }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ stage: "D2", blocks: 1 }) }), "OFFER_TERMS");
    expect(applyNegotiation(s0, C, { type: "propose", to: H, terms: transfer({ blocks: 12 }) }).ok).toBe(true);
    // Blocks already at the destination cannot move there.
    const moved = withState(s0, (s) => {
      const c = clusterIn(s, C);
      plantIn(c, "tangshan").blocks.M = 9;
      c.plants.push({ node: "karachi", host: H, blocks: { U2: 0, U1: 0, M: 3, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 1 });
    });
    expectRefused(applyNegotiation(moved, C, { type: "propose", to: H, terms: transfer({ blocks: 10 }) }), "OFFER_TERMS");
    expect(applyNegotiation(moved, C, { type: "propose", to: H, terms: transfer({ blocks: 12, node: "gwadar" }) }).ok).toBe(true);
  });

  it("supply terms: the lead firm must buy the cluster's sector, parties must match, rounds capped (OFFER_TERMS)", () => {
    const err = expectRefused(applyNegotiation(s0, C, { type: "propose", to: EW, terms: supply({ cluster: C }) }), "OFFER_TERMS");
    expect(err.message.en).toContain(EW);
    expectRefused(applyNegotiation(s0, FOOT, { type: "propose", to: EW, terms: supply({ cluster: APPAREL }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, FOOT, { type: "propose", to: H, terms: supply({ leadFirm: H }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, H, { type: "propose", to: EW, terms: supply({ cluster: H }) }), "OFFER_TERMS");
    expectRefused(applyNegotiation(s0, FOOT, { type: "propose", to: EW, terms: supply({ rounds: P.contracts.maxRounds + 1 }) }), "OFFER_TERMS");
    expect(applyNegotiation(s0, FOOT, { type: "propose", to: EW, terms: supply({ rounds: P.contracts.maxRounds }) }).ok).toBe(true);
    // Either side may propose.
    expect(applyNegotiation(s0, EW, { type: "propose", to: FOOT, terms: supply() }).ok).toBe(true);
  });

  it("corridor terms: the edge must exist (UNKNOWN_EDGE) and someone must pay (OFFER_TERMS)", () => {
    expectRefused(applyNegotiation(s0, H, { type: "propose", to: C, terms: corridor({ edge: "atlantis~nowhere" }) }), "UNKNOWN_EDGE");
    expectRefused(applyNegotiation(s0, H, { type: "propose", to: C, terms: corridor({ fromContribution: 0, toContribution: 0 }) }), "OFFER_TERMS");
  });

  it("answers to an unknown offer are UNKNOWN_OFFER", () => {
    for (const type of ["accept", "reject", "withdraw"] as const) expectRefused(applyNegotiation(s0, H, { type, offer: "o999" }), "UNKNOWN_OFFER");
  });

  it("garbage and strangers are refused before anything happens", () => {
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H }), "INVALID_PAYLOAD");
    expectRefused(applyNegotiation(s0, C, { type: "propose", to: H, terms: { kind: "payment", amount: Number.NaN } }), "INVALID_PAYLOAD");
    expectRefused(applyNegotiation(s0, "atlantis", { type: "propose", to: H, terms: { kind: "payment", amount: 1 } }), "UNKNOWN_SEAT");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H7: a host signing a transfer deal", () => {
  it("spends 1 AP and 1 PC when it accepts", () => {
    const { state } = offerAndAccept(s0, C, H, transfer());
    expect(hostIn(state, H).apUsed).toBe(P.costs.H7.ap);
    expect(hostIn(state, H).PC).toBe(hostIn(s0, H).PC - (P.costs.H7.pc ?? 0));
    expect(clusterIn(state, C).apUsed).toBe(0);
  });

  it("spends them too when the cluster accepts the host's offer", () => {
    const { state } = offerAndAccept(s0, H, C, transfer());
    expect(hostIn(state, H).apUsed).toBe(P.costs.H7.ap);
    expect(hostIn(state, H).PC).toBe(hostIn(s0, H).PC - (P.costs.H7.pc ?? 0));
  });

  it("other kinds of deals cost the host nothing", () => {
    const { state } = offerAndAccept(s0, C, H, { kind: "payment", amount: 3 });
    expect(hostIn(state, H).apUsed).toBe(0);
    expect(hostIn(state, H).PC).toBe(hostIn(s0, H).PC);
  });

  it("a fourth transfer deal in a turn is NOT_ENOUGH_AP; the host may still reject it", () => {
    let state = s0;
    const clusters = [C, C2, "shahe_glass", "wuhu_cement"];
    const offers: string[] = [];
    for (const c of clusters) {
      const made = propose(state, c, H, transfer({ cluster: c }));
      state = made.state;
      offers.push(made.offer);
    }
    for (const offer of offers.slice(0, 3)) state = mustOk(applyNegotiation(state, H, { type: "accept", offer })).state;
    expect(hostIn(state, H).apUsed).toBe(3);
    const err = expectRefused(applyNegotiation(state, H, { type: "accept", offer: offers[3] as string }), "NOT_ENOUGH_AP");
    expect(err.params).toMatchObject({ need: 1, have: 0 });
    expect(applyNegotiation(state, H, { type: "reject", offer: offers[3] as string }).ok).toBe(true);
    // The AP spent on deals are gone for orders too.
    expectRefused(validateAction(state, H, { type: "training" }), "NOT_ENOUGH_AP");
  });

  it("a cluster cannot bind a host that has no AP left (NOT_ENOUGH_AP)", () => {
    const { state, offer } = propose(s0, H, C, transfer());
    const busy = withState(state, (s) => void (hostIn(s, H).apUsed = P.ap.host));
    expectRefused(applyNegotiation(busy, C, { type: "accept", offer }), "NOT_ENOUGH_AP");
  });

  it("a host short of political capital cannot sign (NOT_ENOUGH_PC)", () => {
    const { state, offer } = propose(s0, C, H, transfer());
    const broke = withState(state, (s) => void (hostIn(s, H).PC = 0.5));
    const err = expectRefused(applyNegotiation(broke, H, { type: "accept", offer }), "NOT_ENOUGH_PC");
    expect(err.params).toMatchObject({ need: 1, have: 0.5 });
  });
});

// ---------------------------------------------------------------------------------------------------
describe("negotiation steps and orders are kept apart", () => {
  it("a negotiation step sent with the orders is NOT_AN_ORDER", () => {
    const raw = { type: "propose", to: H, terms: { kind: "payment", amount: 5 } };
    const result = validateOrders(s0, C, [{ type: "stance", stance: "low" }, raw]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("NOT_AN_ORDER");
      expect(result.error.index).toBe(1);
      expect(result.error.message.en).not.toBe(result.error.message.zh);
      expect(result.error.message.zh.length).toBeGreaterThan(0);
    }
  });

  it("resolveTurn refuses a negotiation step among the orders and makes no offer of it", () => {
    const { state: after, report } = resolveTurn(s0, { [C]: [{ type: "propose", to: H, terms: { kind: "payment", amount: 5 } }] });
    expect(entriesWith(report, "ORDER_REFUSED")).toHaveLength(1);
    expect(after.contracts).toEqual([]);
    expect(orderCodes(report)).not.toContain("OFFERS_EXPIRED");
    expect(after).toEqual(resolveTurn(s0, {}).state);
  });

  it("an order sent as a negotiation step is NOT_A_NEGOTIATION", () => {
    const err = expectRefused(applyNegotiation(s0, C, { type: "stance", stance: "low" }), "NOT_A_NEGOTIATION");
    expect(err.params.action).toBe("stance");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("offers expire", () => {
  it("unanswered offers lapse at the end of the turn, and the report counts them", () => {
    let state = propose(s0, C, H, transfer()).state;
    const second = propose(state, H2, C2, { kind: "payment", amount: 4 });
    state = second.state;
    expect(state.offers).toHaveLength(2);
    const { state: after, report } = resolveTurn(state, {});
    expect(after.offers).toEqual([]);
    expect(after.contracts).toEqual([]);
    const expired = entriesWith(report, "OFFERS_EXPIRED");
    expect(expired).toHaveLength(1);
    expect(String(expired[0]?.params.count)).toBe("2");
    expectRefused(applyNegotiation(after, C2, { type: "accept", offer: second.offer }), "UNKNOWN_OFFER");
  });

  it("no expiry line when nothing is open", () => {
    expect(orderCodes(resolveTurn(s0, {}).report)).not.toContain("OFFERS_EXPIRED");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("payment contracts", () => {
  it("move the money from proposer to addressee at resolution (a negative amount the other way)", () => {
    const pos = offerAndAccept(s0, C, H, { kind: "payment", amount: 12 });
    const ctx = runSteps(pos.state, {}, 3);
    expect(clusterIn(ctx.state, C).money).toBe(100 - 12);
    expect(hostIn(ctx.state, H).money).toBe(hostIn(s0, H).money + 12);
    expect(entriesWith(ctx.report.entries, "PAYMENT")[0]?.params).toMatchObject({ payer: C, payee: H, amount: 12, contract: pos.contract });
    expect(ctx.state.contracts.find((k) => k.id === pos.contract)?.executed).toBe(true);

    const neg = offerAndAccept(s0, C, H, { kind: "payment", amount: -12 });
    const ctx2 = runSteps(neg.state, {}, 3);
    expect(clusterIn(ctx2.state, C).money).toBe(100 + 12);
    expect(hostIn(ctx2.state, H).money).toBe(hostIn(s0, H).money - 12);
    expect(entriesWith(ctx2.report.entries, "PAYMENT")[0]?.params).toMatchObject({ payer: H, payee: C, amount: 12 });
  });

  it("pay once: the contract is done after its turn", () => {
    const { state, contract } = offerAndAccept(s0, L, H2, { kind: "payment", amount: 7 });
    const t2 = resolveTurn(state, {});
    expect(entriesWith(t2.report, "PAYMENT")).toHaveLength(1);
    expect(t2.state.contracts.some((k) => k.id === contract)).toBe(false);
    expect(entriesWith(resolveTurn(t2.state, {}).report, "PAYMENT")).toHaveLength(0);
  });

  it("a payment not yet made is not made if a party breaks the contract first", () => {
    const { state, contract } = offerAndAccept(s0, C, H, { kind: "payment", amount: 30 });
    const ctx = runSteps(state, { [C]: [{ type: "breach", contract }] }, 3);
    expect(orderCodes(ctx.report.entries)).toContain("BREACH");
    expect(orderCodes(ctx.report.entries)).not.toContain("PAYMENT");
    expect(clusterIn(ctx.state, C).money).toBe(100 - P.contracts.breachPenalty);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("corridor co-investment contracts", () => {
  it("raise the edge a level when the contributions cover the H8 cost; each side pays its part", () => {
    const e0 = edgeIn(s0, PAK_EDGE);
    const { state } = offerAndAccept(s0, H, C, corridor({ fromContribution: 10, toContribution: 5 }));
    const ctx = runSteps(state, {}, 3);
    const e1 = edgeIn(ctx.state, PAK_EDGE);
    expect(e1.level).toBe(e0.level + 1);
    expect(e1.capacity).toBeCloseTo(e0.capacity * (1 + P.trade.levelCapacity), 9);
    expect(hostIn(ctx.state, H).money).toBe(hostIn(s0, H).money - 10);
    expect(clusterIn(ctx.state, C).money).toBe(100 - 5);
    expect(entriesWith(ctx.report.entries, "CORRIDOR_UPGRADED")[0]?.params).toMatchObject({ edge: PAK_EDGE, level: e0.level + 1, paid: 15 });
    // No AP or PC for the host: the contract is not an H8 order.
    expect(hostIn(ctx.state, H).apUsed).toBe(0);
    expect(hostIn(ctx.state, H).PC).toBe(hostIn(s0, H).PC);
  });

  it("report CORRIDOR_SHORT and move no money when the contributions fall short", () => {
    const { state, contract } = offerAndAccept(s0, H, H2, corridor({ fromContribution: 5, toContribution: 5 }));
    const ctx = runSteps(state, {}, 3);
    expect(edgeIn(ctx.state, PAK_EDGE).level).toBe(edgeIn(s0, PAK_EDGE).level);
    expect(edgeIn(ctx.state, PAK_EDGE).capacity).toBe(edgeIn(s0, PAK_EDGE).capacity);
    expect(hostIn(ctx.state, H).money).toBe(hostIn(s0, H).money);
    expect(hostIn(ctx.state, H2).money).toBe(hostIn(s0, H2).money);
    expect(entriesWith(ctx.report.entries, "CORRIDOR_SHORT")[0]?.params).toMatchObject({ contract, paid: 10, cost: P.costs.H8.money ?? NaN });
    expect(orderCodes(ctx.report.entries)).not.toContain("CORRIDOR_UPGRADED");
  });

  it("cost nobody anything on a link already at the top level (refused, or no money taken)", () => {
    const top = withState(s0, (s) => void (edgeIn(s, PAK_EDGE).level = P.trade.maxLevel));
    const proposed = applyNegotiation(top, H, { type: "propose", to: C, terms: corridor({ fromContribution: 10, toContribution: 10 }) });
    if (!proposed.ok) {
      expect(proposed.error.code).toBe("EDGE_MAX_LEVEL");
      return;
    }
    const signed = mustOk(applyNegotiation(proposed.value.state, C, { type: "accept", offer: proposed.value.id as string })).state;
    const ctx = runSteps(signed, {}, 3);
    expect(edgeIn(ctx.state, PAK_EDGE).level).toBe(P.trade.maxLevel);
    expect(hostIn(ctx.state, H).money).toBe(hostIn(s0, H).money);
    expect(clusterIn(ctx.state, C).money).toBe(100);
    expect(orderCodes(ctx.report.entries)).not.toContain("CORRIDOR_UPGRADED");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("supply contracts", () => {
  const bought = (state: MatchState, sector: string) => leadIn(state, EW).purchasesLast[sector] ?? NaN;

  it("make the lead firm buy at least the contracted units", () => {
    const base = resolveTurn(s0, {}).state;
    expect(bought(base, "footwear")).toBeCloseTo(leadIn(s0, EW).orders.footwear ?? NaN, 9);
    const { state } = offerAndAccept(s0, FOOT, EW, supply({ units: 6, rounds: 1 }));
    const after = resolveTurn(state, {}).state;
    expect(bought(after, "footwear")).toBeGreaterThanOrEqual(6 - 1e-9);
  });

  it("bind for their number of rounds and then end", () => {
    const { state, contract } = offerAndAccept(s0, FOOT, EW, supply({ units: 6, rounds: 2 }));
    const t2 = resolveTurn(state, {}).state;
    expect(t2.contracts.map((k) => k.id)).toContain(contract);
    const t3 = resolveTurn(t2, {}).state;
    expect(bought(t3, "footwear")).toBeGreaterThanOrEqual(6 - 1e-9);
    expect(t3.contracts.map((k) => k.id)).not.toContain(contract);
    const t4 = resolveTurn(t3, {}).state;
    expect(bought(t4, "footwear")).toBeCloseTo(leadIn(s0, EW).orders.footwear ?? NaN, 9);
  });

  it("a footwear contract does not change what the lead firm buys in apparel", () => {
    const base = resolveTurn(s0, {}).state;
    const { state } = offerAndAccept(s0, FOOT, EW, supply({ units: 10, rounds: 1 }));
    const after = resolveTurn(state, {}).state;
    expect(bought(after, "apparel")).toBeCloseTo(bought(base, "apparel"), 9);
  });

  it("the contracted units are bought from the contracting cluster, not spread over its rivals", () => {
    // eurowear buys apparel from shaoxing (6 blocks offered) and yiwu (3). With no standing orders,
    // a 3-unit contract with yiwu should buy yiwu's 3 units. Yiwu's higher quality (Q 9 vs 4) makes
    // its share visible in what eurowear earns: gain = price * v * (1 - sigma) * sum(units * quality).
    const s = withState(s0, (d) => {
      leadIn(d, EW).orders.apparel = 0;
      clusterIn(d, YIWU).Q = 9;
    });
    const A = resolveTurn(s, {}).state;
    expect(bought(A, "apparel")).toBe(0);
    const { state } = offerAndAccept(s, YIWU, EW, supply({ cluster: YIWU, units: 3, rounds: 1 }));
    const B = resolveTurn(state, {}).state;
    const total = bought(B, "apparel");
    expect(total).toBeGreaterThanOrEqual(3 - 1e-9);
    const price = B.board.find((r) => r.market === "WEST" && r.sector === "apparel")?.price ?? NaN;
    const sigma = P.gov.sigma.CAPTIVE;
    expect(clusterIn(s, YIWU).links[0]?.governance).toBe("CAPTIVE");
    expect(clusterIn(s, APPAREL).links[0]?.governance).toBe("CAPTIVE");
    const quality = (Q: number) => P.production.qualityBase + P.production.qualityPerQ * Q;
    const apparelGain = leadIn(B, EW).money - leadIn(A, EW).money; // footwear trade is the same in both
    const weighted = apparelGain / (price * P.stages.M.v * (1 - sigma));
    const qY = quality(9);
    const qS = quality(clusterIn(s, APPAREL).Q);
    const fromYiwu = (weighted - qS * total) / (qY - qS);
    expect(fromYiwu).toBeGreaterThanOrEqual(3 - 1e-6);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("breach", () => {
  it("a cluster breaking a contract pays the penalty to the other party and loses reputation", () => {
    const { state, contract } = offerAndAccept(s0, FOOT, EW, supply({ rounds: 3 }));
    const ctx = runSteps(state, { [FOOT]: [{ type: "breach", contract }] }, 3);
    expect(ctx.state.contracts.some((k) => k.id === contract)).toBe(false);
    expect(clusterIn(ctx.state, FOOT).R).toBe(50 - P.contracts.breachRep);
    expect(clusterIn(ctx.state, FOOT).money).toBe(100 - P.contracts.breachPenalty);
    expect(leadIn(ctx.state, EW).money).toBe(leadIn(s0, EW).money + P.contracts.breachPenalty);
    expect(entriesWith(ctx.report.entries, "BREACH")[0]?.params).toMatchObject({ seat: FOOT, contract, penalty: P.contracts.breachPenalty, other: EW });
    const { state: after } = resolveTurn(state, { [FOOT]: [{ type: "breach", contract }] });
    expect(after.contracts).toEqual([]);
    expect(clusterIn(after, FOOT).R).toBe(50 - P.contracts.breachRep);
  });

  it("a lead firm or host breaking pays the penalty; nobody's reputation moves", () => {
    const sup = offerAndAccept(s0, FOOT, EW, supply());
    const ctx = runSteps(sup.state, { [EW]: [{ type: "breach", contract: sup.contract }] }, 3);
    expect(leadIn(ctx.state, EW).money).toBe(leadIn(s0, EW).money - P.contracts.breachPenalty);
    expect(clusterIn(ctx.state, FOOT).money).toBe(100 + P.contracts.breachPenalty);
    expect(clusterIn(ctx.state, FOOT).R).toBe(50);

    const tr = offerAndAccept(s0, C, H, transfer());
    const ctx2 = runSteps(tr.state, { [H]: [{ type: "breach", contract: tr.contract }], [C]: [{ type: "transfer", contract: tr.contract }] }, 3);
    expect(hostIn(ctx2.state, H).money).toBe(hostIn(s0, H).money - P.contracts.breachPenalty);
    expect(clusterIn(ctx2.state, C).money).toBe(100 + P.contracts.breachPenalty);
    expect(clusterIn(ctx2.state, C).R).toBe(50);
    // The broken transfer is not carried out, and the cluster is not blamed for it.
    expect(plantIn(clusterIn(ctx2.state, C), "tangshan").blocks.M).toBe(12);
    const codes = orderCodes(ctx2.report.entries);
    expect(codes).not.toContain("TRANSFER_DONE");
    expect(codes).not.toContain("BREACH_UNDELIVERED");
    expect(codes.filter((c) => c === "BREACH")).toHaveLength(1);
  });

  it("costs no AP, once per contract; only parties may break a contract that exists", () => {
    const { state, contract } = offerAndAccept(s0, FOOT, EW, supply());
    const busy = withState(state, (s) => void (clusterIn(s, FOOT).apUsed = P.ap.cluster));
    expect(validateAction(busy, FOOT, { type: "breach", contract }).ok).toBe(true);
    expectRefused(validateAction(state, FOOT, { type: "breach", contract }, [{ type: "breach", contract }]), "DUPLICATE_ORDER");
    expectRefused(validateAction(state, APPAREL, { type: "breach", contract }), "NOT_A_PARTY");
    expectRefused(validateAction(state, FOOT, { type: "breach", contract: "c999" }), "UNKNOWN_CONTRACT");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("purity", () => {
  it("applyNegotiation never changes the state it is given, accepted or refused", () => {
    const { state: open, offer } = propose(s0, C, H, transfer());
    const actions: Array<[string, unknown]> = [
      [C, { type: "propose", to: H, terms: transfer() }],
      [FOOT, { type: "propose", to: EW, terms: supply() }],
      [H, { type: "accept", offer }],
      [H, { type: "reject", offer }],
      [C, { type: "withdraw", offer }],
      [C2, { type: "accept", offer }],
      [C, { type: "propose", to: H, terms: transfer({ blocks: 99 }) }],
      [C, null],
    ];
    for (const [seat, action] of actions) {
      const before = structuredClone(open);
      applyNegotiation(open, seat, action);
      expect(open).toEqual(before);
    }
  });

  it("resolveTurn never changes the state it is given, with contracts of every kind", () => {
    let state = offerAndAccept(s0, C, H, transfer()).state;
    const tr = state.contracts[0]?.id as string;
    state = offerAndAccept(state, FOOT, EW, supply()).state;
    state = offerAndAccept(state, H2, C2, corridor({ edge: "almaty~khorgos", fromContribution: 15, toContribution: 0 })).state;
    state = offerAndAccept(state, L, H, { kind: "payment", amount: 9 }).state;
    state = propose(state, APPAREL, EW, supply({ cluster: APPAREL })).state;
    const before = structuredClone(state);
    const { state: after } = resolveTurn(state, { [C]: [{ type: "transfer", contract: tr }] });
    expect(state).toEqual(before);
    expect(after).not.toBe(state);
    expect(after.turn).toBe(state.turn + 1);
  });
});
