/**
 * Orders (GAME-RULES 5.8, 5.9, 5.11, 5.12): what each one does to the state, and every refusal it can
 * give, in both languages. Effects are read after the resolution step that applies them (runSteps),
 * so production and end-of-round drift do not blur the numbers; whole turns check the rest.
 */
import { describe, expect, it } from "vitest";
import { ORDER_INFO, type Order, type OrderType } from "../shared/actions.ts";
import { blockCost } from "../shared/market.ts";
import { hashState } from "../shared/hash.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { edgeUnitCost } from "../shared/routes.ts";
import type { MatchState, OfferTerms } from "../shared/state.ts";
import { relocationCost } from "../shared/transfer.ts";
import { ROLES, type Role } from "../shared/types.ts";
import { validateAction, validateOrders } from "../shared/validate.ts";
import {
  clusterIn,
  edgeIn,
  entriesWith,
  expectRefused,
  hostIn,
  isolate,
  maybePlant,
  mustOk,
  newMatch,
  offerAndAccept,
  orderCodes,
  plantIn,
  runSteps,
  withState,
} from "./support/fixtures.ts";

const C = "tangshan_steel"; // steel, home tangshan, M 12 U1 2 U2 1 D1 2, money 100, R 50, link meridian 0.3
const C2 = "zouping_aluminium";
const H = "PAK";
const L = "meridian";
const HOME = "tangshan";
const DEST = "karachi"; // PAK's market node, no park
const PARK_DEST = "gwadar"; // PAK, Gwadar park (level 1)
const PAK_EDGE = "gwadar~karachi";

const s0 = newMatch();
const P = s0.scenario.parameters;
const SEAT_OF_ROLE: Record<Role, string> = { cluster: C, host: H, lead: L };

const transferTerms = (over: Partial<Extract<OfferTerms, { kind: "transfer" }>> = {}): OfferTerms => ({
  kind: "transfer",
  cluster: C,
  host: H,
  node: DEST,
  stage: "M",
  blocks: 3,
  payment: 5,
  jv: false,
  ...over,
});

/** A match where C and H have signed a transfer contract this turn. */
function signedTransfer(over: Partial<Extract<OfferTerms, { kind: "transfer" }>> = {}, state: MatchState = s0): { state: MatchState; contract: string } {
  const signed = offerAndAccept(state, C, H, transferTerms(over));
  return { state: signed.state, contract: signed.contract };
}

/** One valid-looking payload for every order type. */
const SAMPLES: { [K in OrderType]: Extract<Order, { type: K }> } = {
  transfer: { type: "transfer", contract: "c1" },
  plan: { type: "plan", shares: { [L]: 0.5 } },
  upgrade: { type: "upgrade", upgrade: "PROC", investment: 10 },
  learn: { type: "learn", leadFirm: L },
  switchChain: { type: "switchChain", leadFirm: L, join: false },
  park: { type: "park", park: "gwadar_park", mode: "join" },
  applyKnowledge: { type: "applyKnowledge", host: H },
  greenRetrofit: { type: "greenRetrofit", node: HOME, blocks: 1 },
  scrap: { type: "scrap", node: HOME, stage: "M", blocks: 1 },
  buildEndStage: { type: "buildEndStage", stage: "U2" },
  openLine: { type: "openLine", blocks: 2 },
  stance: { type: "stance", stance: "low" },
  loan: { type: "loan", amount: 10 },
  repay: { type: "repay", amount: 10 },
  tariff: { type: "tariff", sector: "steel", rate: 0.1 },
  lcr: { type: "lcr", rate: 0.3 },
  infrastructure: { type: "infrastructure", borrow: false },
  training: { type: "training" },
  environment: { type: "environment", level: "high" },
  sez: { type: "sez", on: true },
  corridorInvest: { type: "corridorInvest", edge: PAK_EDGE },
  jv: { type: "jv", required: true },
  raiseBarrier: { type: "raiseBarrier", sector: "steel" },
  standardise: { type: "standardise", sector: "steel" },
  integrate: { type: "integrate", sector: "steel", host: H },
  switchSuppliers: { type: "switchSuppliers", sector: "steel", host: H },
  breach: { type: "breach", contract: "c1" },
};


// ---------------------------------------------------------------------------------------------------
describe("A1 transfer capacity", () => {
  it("moves the blocks to a new host plant, pays relocation, collects the host's payment and frees credit", () => {
    const { state, contract } = signedTransfer();
    const reloc = mustOk(relocationCost(state, HOME, DEST, H));
    expect(validateAction(state, C, { type: "transfer", contract }).ok).toBe(true);
    const ctx = runSteps(state, { [C]: [{ type: "transfer", contract }] }, 3);
    const c = clusterIn(ctx.state, C);
    expect(plantIn(c, HOME).blocks.M).toBe(9);
    const there = plantIn(c, DEST);
    expect(there.host).toBe(H);
    expect(there.blocks).toEqual({ U2: 0, U1: 0, M: 3, D1: 0, D2: 0 });
    expect(there.rampingM).toBe(3);
    expect(there.jv).toBe(false);
    expect(there.arrivedTurn).toBe(state.turn);
    expect(c.money).toBeCloseTo(100 - 3 * reloc.perBlock + 5, 9);
    expect(hostIn(ctx.state, H).money).toBeCloseTo(hostIn(state, H).money - 5, 9);
    expect(c.freed).toBeCloseTo(3 * P.upgrade.freedPerBlock, 9);
    expect(c.apUsed).toBe(P.costs.A1.ap);
    expect(ctx.state.contracts.find((k) => k.id === contract)?.executed).toBe(true);
    const done = entriesWith(ctx.report.entries, "TRANSFER_DONE");
    expect(done).toHaveLength(1);
    expect(done[0]?.params).toMatchObject({ cluster: C, blocks: 3, stage: "M", from: HOME, to: DEST, host: H, km: reloc.km });
    expect(Number(done[0]?.params.cost)).toBeCloseTo(3 * reloc.perBlock, 9);
    expect(orderCodes(ctx.report.entries)).not.toContain("BREACH");
  });

  it("relocation cost follows 8·(1 + km/10000), with the park discount at a park node", () => {
    const plain = mustOk(relocationCost(s0, HOME, DEST, H));
    expect(plain.perBlock).toBeCloseTo(P.transfer.relocBase * (1 + plain.km / 10000), 9);
    const park = mustOk(relocationCost(s0, HOME, PARK_DEST, H));
    expect(park.perBlock).toBeCloseTo(P.transfer.relocBase * (1 + park.km / 10000) * (1 - P.transfer.parkDisc), 9);
  });

  it("over a whole turn: blocks stay moved, the contract is done and leaves the list, freed credit has decayed once", () => {
    const { state, contract } = signedTransfer();
    const { state: after, report } = resolveTurn(state, { [C]: [{ type: "transfer", contract }] });
    const c = clusterIn(after, C);
    expect(plantIn(c, HOME).blocks.M).toBe(9);
    expect(plantIn(c, DEST).blocks.M).toBe(3);
    expect(plantIn(c, DEST).rampingM).toBe(0); // the ramp-up round is over
    expect(c.freed).toBeCloseTo(3 * P.upgrade.freedPerBlock * (1 - P.upgrade.freedDecay), 9);
    expect(after.contracts.some((k) => k.id === contract)).toBe(false);
    expect(orderCodes(report)).toContain("TRANSFER_DONE");
    expect(orderCodes(report)).not.toContain("BREACH_UNDELIVERED");
    expect(orderCodes(report)).not.toContain("ORDER_REFUSED");
  });

  it("non-M blocks move without freed credit; a JV contract makes a JV plant", () => {
    const { state, contract } = signedTransfer({ stage: "U1", blocks: 2, jv: true, payment: 0 });
    const ctx = runSteps(state, { [C]: [{ type: "transfer", contract }] }, 3);
    const c = clusterIn(ctx.state, C);
    expect(plantIn(c, HOME).blocks.U1).toBe(0);
    expect(plantIn(c, DEST).blocks.U1).toBe(2);
    expect(plantIn(c, DEST).rampingM).toBe(0);
    expect(plantIn(c, DEST).jv).toBe(true);
    expect(c.freed).toBe(0);
  });

  it("a negative payment is paid by the cluster to the host", () => {
    const { state, contract } = signedTransfer({ payment: -7 });
    const reloc = mustOk(relocationCost(state, HOME, DEST, H));
    const ctx = runSteps(state, { [C]: [{ type: "transfer", contract }] }, 3);
    expect(clusterIn(ctx.state, C).money).toBeCloseTo(100 - 3 * reloc.perBlock - 7, 9);
    expect(hostIn(ctx.state, H).money).toBeCloseTo(hostIn(state, H).money + 7, 9);
  });

  it("refuses an unknown contract (UNKNOWN_CONTRACT)", () => {
    expectRefused(validateAction(s0, C, { type: "transfer", contract: "c999" }), "UNKNOWN_CONTRACT");
  });

  it("refuses a contract that is not a transfer (NOT_TRANSFER_CONTRACT)", () => {
    const { state, contract } = offerAndAccept(s0, C, H, { kind: "payment", amount: 5 });
    expectRefused(validateAction(state, C, { type: "transfer", contract }), "NOT_TRANSFER_CONTRACT");
  });

  it("refuses a cluster that is not the contract's cluster (NOT_A_PARTY)", () => {
    const { state, contract } = signedTransfer();
    expectRefused(validateAction(state, C2, { type: "transfer", contract }), "NOT_A_PARTY");
  });

  it("refuses a contract already carried out (CONTRACT_EXECUTED)", () => {
    const { state, contract } = signedTransfer();
    const done = runSteps(state, { [C]: [{ type: "transfer", contract }] }, 3).state;
    expectRefused(validateAction(done, C, { type: "transfer", contract }), "CONTRACT_EXECUTED");
  });

  it("refuses when the blocks are not there (NOT_ENOUGH_BLOCKS), counting blocks already queued for scrapping", () => {
    const { state, contract } = signedTransfer();
    const err = expectRefused(validateAction(state, C, { type: "transfer", contract }, [{ type: "scrap", node: HOME, stage: "M", blocks: 10 }]), "NOT_ENOUGH_BLOCKS");
    expect(err.params).toMatchObject({ have: 2, need: 3, stage: "M", node: HOME });
  });

  it("refuses a source node without a plant (NO_PLANT), an unknown source (UNKNOWN_NODE), or the destination itself (OFFER_TERMS)", () => {
    const { state, contract } = signedTransfer();
    expectRefused(validateAction(state, C, { type: "transfer", contract, from: "shanghai" }), "NO_PLANT");
    expectRefused(validateAction(state, C, { type: "transfer", contract, from: "atlantis" }), "UNKNOWN_NODE");
    expectRefused(validateAction(state, C, { type: "transfer", contract, from: DEST }), "OFFER_TERMS");
  });

  it("refuses when no open route reaches the destination (NO_ROUTE)", () => {
    const { state, contract } = signedTransfer();
    const cut = isolate(state, DEST);
    expect(cut.edges.filter((e) => e.from === DEST || e.to === DEST).length).toBeGreaterThan(0);
    const err = expectRefused(validateAction(cut, C, { type: "transfer", contract }), "NO_ROUTE");
    expect(err.params).toMatchObject({ from: HOME, to: DEST });
  });

  it("refuses when relocation costs more than the cluster has, net of the host's payment (NOT_ENOUGH_MONEY)", () => {
    const { state, contract } = signedTransfer({ payment: 5 });
    const cost = 3 * mustOk(relocationCost(state, HOME, DEST, H)).perBlock;
    const poor = withState(state, (s) => void (clusterIn(s, C).money = cost - 5 - 0.5));
    expectRefused(validateAction(poor, C, { type: "transfer", contract }), "NOT_ENOUGH_MONEY");
    const justEnough = withState(state, (s) => void (clusterIn(s, C).money = cost - 5 + 0.01));
    expect(validateAction(justEnough, C, { type: "transfer", contract }).ok).toBe(true);
  });

  it("counts a payment the cluster owes the host as money it needs (NOT_ENOUGH_MONEY)", () => {
    // payment < 0: the cluster pays the host on delivery (actions.ts), so it must afford relocation + |payment|.
    const { state, contract } = signedTransfer({ payment: -50 });
    const cost = 3 * mustOk(relocationCost(state, HOME, DEST, H)).perBlock;
    const short = withState(state, (s) => void (clusterIn(s, C).money = cost + 10));
    expectRefused(validateAction(short, C, { type: "transfer", contract }), "NOT_ENOUGH_MONEY");
  });

  it("refuses the same transfer twice in one turn (DUPLICATE_ORDER)", () => {
    const { state, contract } = signedTransfer();
    const result = validateOrders(state, C, [
      { type: "transfer", contract },
      { type: "transfer", contract },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.index).toBe(1);
    expectRefused(validateAction(state, C, { type: "transfer", contract }, [{ type: "transfer", contract }]), "DUPLICATE_ORDER");
  });

  it("refuses when the cluster's 3 AP are spent (NOT_ENOUGH_AP)", () => {
    const { state, contract } = signedTransfer();
    const scrap: Order = { type: "scrap", node: HOME, stage: "U1", blocks: 1 };
    const scrapM: Order = { type: "scrap", node: HOME, stage: "M", blocks: 1 };
    const err = expectRefused(validateAction(state, C, { type: "transfer", contract }, [scrap, scrapM, scrapM]), "NOT_ENOUGH_AP");
    expect(err.params).toMatchObject({ need: 1, have: 0 });
  });

  it("an accepted transfer not carried out this turn is broken at resolution", () => {
    const { state, contract } = signedTransfer();
    const hostMoney = hostIn(state, H).money;
    const ctx = runSteps(state, {}, 3);
    expect(clusterIn(ctx.state, C).R).toBe(50 - P.contracts.breachRep);
    expect(clusterIn(ctx.state, C).money).toBeCloseTo(100 - P.contracts.breachPenalty, 9);
    expect(hostIn(ctx.state, H).money).toBeCloseTo(hostMoney + P.contracts.breachPenalty, 9);
    expect(ctx.state.contracts.some((k) => k.id === contract)).toBe(false);
    const codes = orderCodes(ctx.report.entries);
    expect(codes.indexOf("BREACH_UNDELIVERED")).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf("BREACH")).toBeGreaterThan(codes.indexOf("BREACH_UNDELIVERED"));
    expect(entriesWith(ctx.report.entries, "BREACH")[0]?.params).toMatchObject({ seat: C, contract, penalty: P.contracts.breachPenalty, other: H });

    const { state: after, report } = resolveTurn(state, {});
    expect(orderCodes(report)).toEqual(expect.arrayContaining(["BREACH_UNDELIVERED", "BREACH"]));
    expect(clusterIn(after, C).R).toBe(50 - P.contracts.breachRep); // neutral stance: no drift
    expect(plantIn(clusterIn(after, C), HOME).blocks.M).toBe(12);
  });

  it("a transfer order refused at resolution leaves the contract undelivered, and so broken", () => {
    const { state, contract } = signedTransfer();
    const cut = isolate(state, DEST);
    const { state: after, report } = resolveTurn(cut, { [C]: [{ type: "transfer", contract }] });
    expect(orderCodes(report)).toEqual(expect.arrayContaining(["ORDER_REFUSED", "BREACH_UNDELIVERED", "BREACH"]));
    expect(maybePlant(clusterIn(after, C), DEST)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
describe("A2 sales plan", () => {
  it("sets the share of M output offered through each link", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "plan", shares: { [L]: 0.8 } }] }, 0);
    expect(clusterIn(ctx.state, C).links.find((l) => l.leadFirm === L)?.share).toBe(0.8);
    expect(orderCodes(ctx.report.entries)).toContain("PLAN_SET");
  });

  it("a bigger share puts more blocks in the lead-firm channel (more offered to meridian's steel market)", () => {
    const before = resolveTurn(s0, {}).state.board.find((r) => r.market === "WEST" && r.sector === "steel");
    const after = resolveTurn(s0, { [C]: [{ type: "plan", shares: { [L]: 1 } }] }).state.board.find((r) => r.market === "WEST" && r.sector === "steel");
    expect(before?.supply).toBeCloseTo(Math.round(0.3 * 12), 9);
    expect(after?.supply).toBeCloseTo(12, 9);
  });

  it("refuses shares adding up to more than 1 (SHARES_INVALID)", () => {
    // No default cluster has two links; give the glass cluster a second buyer.
    const state = withState(s0, (s) => void clusterIn(s, "shahe_glass").links.push({ leadFirm: "solaris", share: 0, governance: "MARKET", lockin: 0, trust: 0, high: { C: false, D: true, K: true }, excluded: false, attemptingFunc: false, subsidiary: false, buyoutOffered: false }));
    const err = expectRefused(validateAction(state, "shahe_glass", { type: "plan", shares: { meridian: 0.6, solaris: 0.5 } }), "SHARES_INVALID");
    expect(Number(err.params.sum)).toBeCloseTo(1.1, 9);
    expect(validateAction(state, "shahe_glass", { type: "plan", shares: { meridian: 0.5, solaris: 0.5 } }).ok).toBe(true);
  });

  it("refuses a lead firm the cluster has no link to (UNKNOWN_LINK)", () => {
    const err = expectRefused(validateAction(s0, C, { type: "plan", shares: { eurowear: 0.5 } }), "UNKNOWN_LINK");
    expect(err.params.leadFirm).toBe("eurowear");
  });

  it("refuses a second plan in one turn (DUPLICATE_ORDER) and costs no AP", () => {
    expectRefused(validateAction(s0, C, SAMPLES.plan, [SAMPLES.plan]), "DUPLICATE_ORDER");
    const busy = withState(s0, (s) => void (clusterIn(s, C).apUsed = P.ap.cluster));
    expect(validateAction(busy, C, SAMPLES.plan).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("A9 scrap", () => {
  it("removes the blocks, pays the subsidy and frees credit for M blocks", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "scrap", node: HOME, stage: "M", blocks: 2 }] }, 3);
    const c = clusterIn(ctx.state, C);
    expect(plantIn(c, HOME).blocks.M).toBe(10);
    expect(c.money).toBeCloseTo(100 + 2 * P.finance.scrapSubsidy, 9);
    expect(c.freed).toBeCloseTo(2 * P.upgrade.freedPerBlock, 9);
    expect(c.apUsed).toBe(P.costs.A9.ap);
    expect(entriesWith(ctx.report.entries, "SCRAPPED")[0]?.params).toMatchObject({ cluster: C, blocks: 2, stage: "M", node: HOME, subsidy: 2 * P.finance.scrapSubsidy });
  });

  it("scrapping other stages pays the subsidy but frees no credit", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "scrap", node: HOME, stage: "D1", blocks: 2 }] }, 3);
    const c = clusterIn(ctx.state, C);
    expect(plantIn(c, HOME).blocks.D1).toBe(0);
    expect(c.money).toBeCloseTo(100 + 2 * P.finance.scrapSubsidy, 9);
    expect(c.freed).toBe(0);
  });

  it("scrapping the last blocks of a host plant closes it; the home plant stays even when empty", () => {
    const { state, contract } = signedTransfer();
    const turn2 = resolveTurn(state, { [C]: [{ type: "transfer", contract }] }).state;
    const ctx = runSteps(turn2, { [C]: [{ type: "scrap", node: DEST, stage: "M", blocks: 3 }] }, 3);
    expect(maybePlant(clusterIn(ctx.state, C), DEST)).toBeUndefined();
    const empty = withState(s0, (s) => void (plantIn(clusterIn(s, C), HOME).blocks = { U2: 0, U1: 0, M: 1, D1: 0, D2: 0 }));
    const ctx2 = runSteps(empty, { [C]: [{ type: "scrap", node: HOME, stage: "M", blocks: 1 }] }, 3);
    expect(plantIn(clusterIn(ctx2.state, C), HOME).blocks.M).toBe(0);
  });

  it("refuses more blocks than the plant has (NOT_ENOUGH_BLOCKS), also across queued scraps", () => {
    const err = expectRefused(validateAction(s0, C, { type: "scrap", node: HOME, stage: "M", blocks: 13 }), "NOT_ENOUGH_BLOCKS");
    expect(err.params).toMatchObject({ have: 12, need: 13 });
    expectRefused(validateAction(s0, C, { type: "scrap", node: HOME, stage: "D2", blocks: 1 }), "NOT_ENOUGH_BLOCKS");
    expectRefused(validateAction(s0, C, { type: "scrap", node: HOME, stage: "U1", blocks: 1 }, [{ type: "scrap", node: HOME, stage: "U1", blocks: 2 }]), "NOT_ENOUGH_BLOCKS");
  });

  it("refuses a node where the cluster has no plant (NO_PLANT) or no such node (UNKNOWN_NODE)", () => {
    expectRefused(validateAction(s0, C, { type: "scrap", node: DEST, stage: "M", blocks: 1 }), "NO_PLANT");
    expectRefused(validateAction(s0, C, { type: "scrap", node: "atlantis", stage: "M", blocks: 1 }), "UNKNOWN_NODE");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("A11 stance", () => {
  it("sets the stance, and with it the cost and emissions of every M block", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "stance", stance: "low" }] }, 0);
    const c = clusterIn(ctx.state, C);
    expect(c.stance).toBe("low");
    expect(c.stanceSetTurn).toBe(s0.turn);
    expect(orderCodes(ctx.report.entries)).toContain("STANCE_SET");
    const home = plantIn(c, HOME);
    const neutral = blockCost(s0, clusterIn(s0, C), plantIn(clusterIn(s0, C), HOME), "M").full;
    expect(blockCost(ctx.state, c, home, "M").full / neutral).toBeCloseTo(P.stance.low.cost, 9);
  });

  it.each([
    ["low", -3, 1.5],
    ["high", 2, 0.8],
  ] as const)("%s road: reputation drifts by %i a round and emissions per produced block scale by %d", (stance, rep, emis) => {
    expect(P.stance[stance].rep).toBe(rep);
    expect(P.stance[stance].emis).toBe(emis);
    const ctx = runSteps(s0, { [C]: [{ type: "stance", stance }] });
    const c = clusterIn(ctx.state, C);
    const e = s0.scenario.sectors.find((s) => s.id === "steel")?.e ?? NaN;
    const produced = ctx.producedM.get(plantIn(c, HOME)) ?? 0;
    expect(produced).toBeGreaterThan(0);
    expect(c.emissions).toBeCloseTo(produced * e * emis * P.pollution.envMult[P.china.env], 9);
    expect(c.R).toBe(50 + rep);
    const { state } = resolveTurn(s0, { [C]: [{ type: "stance", stance }] });
    expect(clusterIn(state, C).R).toBe(50 + rep);
  });

  it("refuses a second stance in one turn (DUPLICATE_ORDER)", () => {
    expectRefused(validateAction(s0, C, { type: "stance", stance: "high" }, [{ type: "stance", stance: "low" }]), "DUPLICATE_ORDER");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("A12 policy-bank loan and repayment", () => {
  it("a loan raises money and the debt at once", () => {
    const ctx = runSteps(s0, { [C]: [{ type: "loan", amount: 25 }] }, 0);
    expect(clusterIn(ctx.state, C).money).toBe(125);
    expect(clusterIn(ctx.state, C).loan).toBe(25);
    expect(entriesWith(ctx.report.entries, "LOAN_TAKEN")[0]?.params).toMatchObject({ amount: 25, owed: 25 });
  });

  it("interest is charged on the loan every round", () => {
    const rate = P.finance.loanRate;
    const base1 = resolveTurn(s0, {}).state;
    const loan1 = resolveTurn(s0, { [C]: [{ type: "loan", amount: 40 }] }).state;
    expect(clusterIn(loan1, C).loan).toBe(40);
    expect(clusterIn(loan1, C).money - clusterIn(base1, C).money).toBeCloseTo(40 - 40 * rate, 9);
    const base2 = resolveTurn(base1, {}).state;
    const loan2 = resolveTurn(loan1, {}).state;
    expect(clusterIn(loan2, C).money - clusterIn(base2, C).money).toBeCloseTo(40 - 2 * 40 * rate, 9);
  });

  it("refuses borrowing past the cap (LOAN_LIMIT), counting queued loans and what is already owed", () => {
    const err = expectRefused(validateAction(s0, C, { type: "loan", amount: P.finance.loanMax + 1 }), "LOAN_LIMIT");
    expect(err.params).toMatchObject({ max: P.finance.loanMax, owed: 0 });
    expect(validateAction(s0, C, { type: "loan", amount: P.finance.loanMax }).ok).toBe(true);
    expectRefused(validateAction(s0, C, { type: "loan", amount: 20 }, [{ type: "loan", amount: 30 }]), "LOAN_LIMIT");
    const owing = withState(s0, (s) => void (clusterIn(s, C).loan = 30));
    expectRefused(validateAction(owing, C, { type: "loan", amount: 15 }), "LOAN_LIMIT");
    expect(validateAction(owing, C, { type: "loan", amount: 15 }, [{ type: "repay", amount: 10 }]).ok).toBe(true);
  });

  it("refuses a cluster below the reputation floor (REPUTATION_TOO_LOW)", () => {
    const low = withState(s0, (s) => void (clusterIn(s, C).R = P.finance.loanMinR - 1));
    const err = expectRefused(validateAction(low, C, { type: "loan", amount: 10 }), "REPUTATION_TOO_LOW");
    expect(err.params).toMatchObject({ need: P.finance.loanMinR, have: P.finance.loanMinR - 1 });
    const floor = withState(s0, (s) => void (clusterIn(s, C).R = P.finance.loanMinR));
    expect(validateAction(floor, C, { type: "loan", amount: 10 }).ok).toBe(true);
  });

  it("repayment lowers money and debt", () => {
    const owing = withState(s0, (s) => void (clusterIn(s, C).loan = 20));
    const ctx = runSteps(owing, { [C]: [{ type: "repay", amount: 15 }] }, 0);
    expect(clusterIn(ctx.state, C).loan).toBe(5);
    expect(clusterIn(ctx.state, C).money).toBe(85);
    expect(orderCodes(ctx.report.entries)).toContain("LOAN_REPAID");
    const both = runSteps(s0, { [C]: [{ type: "loan", amount: 20 }, { type: "repay", amount: 10 }] }, 0);
    expect(clusterIn(both.state, C).loan).toBe(10);
    expect(clusterIn(both.state, C).money).toBe(110);
  });

  it("refuses repaying more than is owed or held (NOTHING_TO_REPAY)", () => {
    const err = expectRefused(validateAction(s0, C, { type: "repay", amount: 5 }), "NOTHING_TO_REPAY");
    expect(err.params.max).toBe(0);
    const owing = withState(s0, (s) => void (clusterIn(s, C).loan = 20));
    expectRefused(validateAction(owing, C, { type: "repay", amount: 25 }), "NOTHING_TO_REPAY");
    const broke = withState(owing, (s) => void (clusterIn(s, C).money = 8));
    expectRefused(validateAction(broke, C, { type: "repay", amount: 10 }), "NOTHING_TO_REPAY");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("who may act", () => {
  it("refuses an order from a role it does not belong to (WRONG_ROLE)", () => {
    let checked = 0;
    for (const type of Object.keys(ORDER_INFO) as OrderType[]) {
      for (const role of ROLES) {
        if (ORDER_INFO[type].roles.includes(role)) continue;
        const err = expectRefused(validateAction(s0, SEAT_OF_ROLE[role], SAMPLES[type]), "WRONG_ROLE");
        expect(err.params).toMatchObject({ role, action: type });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("refuses a seat that is not in the match (UNKNOWN_SEAT); resolveTurn ignores it and reports it", () => {
    const err = expectRefused(validateAction(s0, "atlantis", { type: "stance", stance: "low" }), "UNKNOWN_SEAT");
    expect(err.params.seat).toBe("atlantis");
    const baseline = resolveTurn(s0, {});
    const sent = resolveTurn(s0, { atlantis: [{ type: "stance", stance: "low" }] });
    expect(sent.state).toEqual(baseline.state);
    expect(orderCodes(sent.report)).toContain("ORDER_REFUSED");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("malformed payloads (INVALID_PAYLOAD)", () => {
  const cases: ReadonlyArray<[string, unknown, string]> = [
    ["missing type", { stance: "low" }, "type"],
    ["empty object", {}, "type"],
    ["unknown type", { type: "teleport" }, "type"],
    ["type not a string", { type: 3 }, "type"],
    ["type null", { type: null }, "type"],
    ["extra key", { type: "stance", stance: "low", extra: 1 }, "(root)"],
    ["__proto__ key from JSON", JSON.parse('{"type":"stance","stance":"low","__proto__":{"x":1}}'), "(root)"],
    ["string for a number", { type: "loan", amount: "10" }, "amount"],
    ["NaN", { type: "loan", amount: Number.NaN }, "amount"],
    ["Infinity", { type: "loan", amount: Number.POSITIVE_INFINITY }, "amount"],
    ["-Infinity", { type: "tariff", sector: "steel", rate: Number.NEGATIVE_INFINITY }, "rate"],
    ["NaN in a record", { type: "plan", shares: { [L]: Number.NaN } }, `shares.${L}`],
    ["negative amount", { type: "loan", amount: -5 }, "amount"],
    ["fractional blocks", { type: "scrap", node: HOME, stage: "M", blocks: 1.5 }, "blocks"],
    ["unknown enum value", { type: "stance", stance: "sideways" }, "stance"],
    ["empty reference", { type: "transfer", contract: "" }, "contract"],
    ["missing field", { type: "scrap", node: HOME, stage: "M" }, "blocks"],
    ["boolean as string", { type: "infrastructure", borrow: "yes" }, "borrow"],
    ["unknown offer kind", { type: "propose", to: H, terms: { kind: "barter" } }, "terms.kind"],
    ["zero side payment", { type: "propose", to: H, terms: { kind: "payment", amount: 0 } }, "terms.amount"],
    ["null", null, "(root)"],
    ["undefined", undefined, "(root)"],
    ["a string", "stance", "(root)"],
    ["a number", 42, "(root)"],
    ["a boolean", true, "(root)"],
    ["an array", [], "(root)"],
    ["an array of orders", [{ type: "stance", stance: "low" }], "(root)"],
  ];

  it.each(cases)("%s", (_name, raw, path) => {
    let result: ReturnType<typeof validateAction> | undefined;
    expect(() => (result = validateAction(s0, C, raw))).not.toThrow();
    const err = expectRefused(result as ReturnType<typeof validateAction>, "INVALID_PAYLOAD");
    expect(err.params.path).toBe(path);
    expect(String(err.params.detail).length).toBeGreaterThan(0);
  });

  it("is checked before the seat: garbage from an unknown seat is INVALID_PAYLOAD", () => {
    expectRefused(validateAction(s0, "atlantis", null), "INVALID_PAYLOAD");
  });

  it("an unknown type's message lists the negotiation steps as well as the orders", () => {
    const err = expectRefused(validateAction(s0, C, { type: "teleport" }), "INVALID_PAYLOAD");
    expect(String(err.params.detail)).toContain("stance");
    expect(String(err.params.detail)).toContain("propose");
  });

  it("resolveTurn survives malformed orders and reports each one", () => {
    const junk: unknown[] = [null, 7, "x", [], { type: "loan", amount: Number.NaN }, { type: "stance", stance: "low", extra: true }];
    const baseline = resolveTurn(s0, {});
    const sent = resolveTurn(s0, { [C]: junk });
    expect(sent.state).toEqual(baseline.state);
    expect(entriesWith(sent.report, "ORDER_REFUSED")).toHaveLength(junk.length);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H1 tariff", () => {
  it("sets the tariff, spends 1 AP and 2 PC, and costs approval on infrastructure-linked goods", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "tariff", sector: "steel", rate: 0.25 }] }, 1);
    const h = hostIn(ctx.state, H);
    expect(h.policies.tariff.steel).toBe(0.25);
    expect(h.apUsed).toBe(1);
    expect(h.PC).toBe(10 - 2);
    expect(h.approval).toBeCloseTo(60 - P.hostRules.approvalPerTariff10 * 2.5, 9);
    expect(entriesWith(ctx.report.entries, "POLICY_TARIFF")[0]?.params).toMatchObject({ host: H, sector: "steel", rate: 0.25 });
  });

  it("a tariff on goods not linked to infrastructure, or a lower tariff, costs no approval", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "tariff", sector: "apparel", rate: 0.25 }] }, 1);
    expect(hostIn(ctx.state, H).approval).toBe(60);
    const high = withState(s0, (s) => void (hostIn(s, H).policies.tariff.steel = 0.25));
    const lowered = runSteps(high, { [H]: [{ type: "tariff", sector: "steel", rate: 0.1 }] }, 1);
    expect(hostIn(lowered.state, H).policies.tariff.steel).toBe(0.1);
    expect(hostIn(lowered.state, H).approval).toBe(60);
  });

  it("refuses a level off the list (INVALID_LEVEL), an unknown sector (UNKNOWN_SECTOR), no change (UNCHANGED), the same sector twice (DUPLICATE_ORDER)", () => {
    const err = expectRefused(validateAction(s0, H, { type: "tariff", sector: "steel", rate: 0.2 }), "INVALID_LEVEL");
    expect(err.params.value).toBe(0.2);
    expectRefused(validateAction(s0, H, { type: "tariff", sector: "tea", rate: 0.1 }), "UNKNOWN_SECTOR");
    expectRefused(validateAction(s0, H, { type: "tariff", sector: "steel", rate: 0 }), "UNCHANGED");
    expectRefused(validateAction(s0, H, { type: "tariff", sector: "steel", rate: 0.25 }, [{ type: "tariff", sector: "steel", rate: 0.1 }]), "DUPLICATE_ORDER");
    expect(validateAction(s0, H, { type: "tariff", sector: "cement", rate: 0.25 }, [{ type: "tariff", sector: "steel", rate: 0.1 }]).ok).toBe(true);
  });

  it("refuses when political capital has been spent (NOT_ENOUGH_PC)", () => {
    const low = withState(s0, (s) => void (hostIn(s, H).PC = 4));
    const err = expectRefused(
      validateAction(low, H, { type: "tariff", sector: "glass", rate: 0.1 }, [
        { type: "tariff", sector: "steel", rate: 0.1 },
        { type: "lcr", rate: 0.3 },
      ]),
      "NOT_ENOUGH_PC",
    );
    expect(err.params).toMatchObject({ need: 2, have: 0 });
  });

  it("political capital spent in one turn is short in the next (NOT_ENOUGH_PC)", () => {
    const t1: Order[] = [
      { type: "sez", on: true },
      { type: "tariff", sector: "steel", rate: 0.25 },
      { type: "lcr", rate: 0.3 },
    ];
    const { state: t2 } = resolveTurn(s0, { [H]: t1 });
    const h = hostIn(t2, H);
    const expectedPC = 10 - 3 - 2 - 2 + P.host.pcRegen + (h.approval - P.hostRules.pcApprovalPivot) / P.hostRules.pcApprovalDiv;
    expect(h.PC).toBeCloseTo(expectedPC, 9);
    expect(h.PC).toBeLessThan(6);
    const result = validateOrders(t2, H, [
      { type: "sez", on: false },
      { type: "tariff", sector: "aluminium", rate: 0.1 },
      { type: "lcr", rate: 0.5 },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("NOT_ENOUGH_PC");
      expect(result.error.index).toBe(2);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H2 local-content requirement", () => {
  it("sets the requirement (1 AP, 2 PC) and raises costs of host plants while K_host is low", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "lcr", rate: 0.3 }] }, 1);
    const h = hostIn(ctx.state, H);
    expect(h.policies.lcr).toBe(0.3);
    expect(h.apUsed).toBe(1);
    expect(h.PC).toBe(8);
    const withPlant = (s: MatchState) =>
      withState(s, (d) => void clusterIn(d, C).plants.push({ node: DEST, host: H, blocks: { U2: 0, U1: 0, M: 2, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 }));
    const before = withPlant(s0);
    const after = withPlant(ctx.state);
    const cost = (s: MatchState) => blockCost(s, clusterIn(s, C), plantIn(clusterIn(s, C), DEST), "M").full;
    expect(cost(after) / cost(before)).toBeCloseTo(1 + P.transfer.lcrCostSlope * 0.3, 9);
  });

  it("refuses a level off the list (INVALID_LEVEL) and no change (UNCHANGED)", () => {
    expectRefused(validateAction(s0, H, { type: "lcr", rate: 0.2 }), "INVALID_LEVEL");
    expectRefused(validateAction(s0, H, { type: "lcr", rate: 0 }), "UNCHANGED");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H3 infrastructure", () => {
  const boardDemand = (state: MatchState, sector: string) => state.board.find((r) => r.market === H && r.sector === sector)?.demand ?? NaN;

  it("raises infra, costs 20, 1 PC and 1 AP", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "infrastructure", borrow: false }] }, 2);
    const h = hostIn(ctx.state, H);
    const h0 = hostIn(s0, H);
    expect(h.infra).toBeCloseTo(h0.infra + P.hostRules.infraStep, 9);
    expect(h.money).toBe(h0.money - 20);
    expect(h.debt).toBe(0);
    expect(h.PC).toBe(h0.PC - 1);
    expect(h.apUsed).toBe(1);
    expect(entriesWith(ctx.report.entries, "POLICY_INFRA")[0]?.params).toMatchObject({ host: H, cost: 20, borrowed: 0 });
  });

  it("boosts demand for infrastructure-linked goods in the host's market for two rounds, and only those", () => {
    const base1 = resolveTurn(s0, {}).state;
    const inv1 = resolveTurn(s0, { [H]: [{ type: "infrastructure", borrow: false }] }).state;
    const boost = 1 + P.hostRules.infraDemandBoost;
    expect(boardDemand(inv1, "steel") / boardDemand(base1, "steel")).toBeCloseTo(boost, 9);
    expect(boardDemand(inv1, "cement") / boardDemand(base1, "cement")).toBeCloseTo(boost, 9);
    expect(boardDemand(inv1, "apparel") / boardDemand(base1, "apparel")).toBeCloseTo(1, 9);
    expect(boardDemand(inv1, "steel")).toBeGreaterThan(0);
    const base2 = resolveTurn(base1, {}).state;
    const inv2 = resolveTurn(inv1, {}).state;
    expect(boardDemand(inv2, "steel") / boardDemand(base2, "steel")).toBeCloseTo(boost, 9);
    const base3 = resolveTurn(base2, {}).state;
    const inv3 = resolveTurn(inv2, {}).state;
    expect(boardDemand(inv3, "steel") / boardDemand(base3, "steel")).toBeCloseTo(1, 9);
  });

  it("borrows what the budget cannot cover when allowed to", () => {
    const poor = withState(s0, (s) => void (hostIn(s, H).money = 5));
    expect(validateAction(poor, H, { type: "infrastructure", borrow: true }).ok).toBe(true);
    const ctx = runSteps(poor, { [H]: [{ type: "infrastructure", borrow: true }] }, 2);
    const h = hostIn(ctx.state, H);
    expect(h.money).toBe(0);
    expect(h.debt).toBe(15);
    expect(entriesWith(ctx.report.entries, "POLICY_INFRA")[0]?.params).toMatchObject({ borrowed: 15 });
    const rich = runSteps(s0, { [H]: [{ type: "infrastructure", borrow: true }] }, 2);
    expect(hostIn(rich.state, H).debt).toBe(0);
    expect(hostIn(rich.state, H).money).toBe(10);
  });

  it("borrowing is never refused for money, even after other spending queued this turn", () => {
    // H4 training is paid at step 1, infrastructure at step 2, which borrows the rest (hosts.ts).
    const poor = withState(s0, (s) => void (hostIn(s, H).money = 25));
    const result = validateOrders(poor, H, [{ type: "training" }, { type: "infrastructure", borrow: true }]);
    expect(result.ok).toBe(true);
    const ctx = runSteps(poor, { [H]: [{ type: "training" }, { type: "infrastructure", borrow: true }] }, 2);
    expect(hostIn(ctx.state, H).infra).toBeCloseTo(hostIn(s0, H).infra + P.hostRules.infraStep, 9);
    expect(hostIn(ctx.state, H).debt).toBe(5);
  });

  it("refuses when the budget is short and borrowing is not allowed (NOT_ENOUGH_MONEY)", () => {
    const poor = withState(s0, (s) => void (hostIn(s, H).money = 5));
    const err = expectRefused(validateAction(poor, H, { type: "infrastructure", borrow: false }), "NOT_ENOUGH_MONEY");
    expect(err.params).toMatchObject({ need: 20, have: 5 });
  });

  it("is frozen in debt distress (INFRA_FROZEN)", () => {
    const distressed = withState(s0, (s) => void (hostIn(s, H).debtDistress = true));
    expectRefused(validateAction(distressed, H, { type: "infrastructure", borrow: true }), "INFRA_FROZEN");
    expectRefused(validateAction(distressed, H, { type: "infrastructure", borrow: false }), "INFRA_FROZEN");
  });

  it("refuses a second one in a turn (DUPLICATE_ORDER)", () => {
    expectRefused(validateAction(s0, H, { type: "infrastructure", borrow: true }, [{ type: "infrastructure", borrow: false }]), "DUPLICATE_ORDER");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H4 training, H5 environment, H6 SEZ, H9 joint ventures", () => {
  it("H4 raises absorptive capacity and wages; costs 10, 1 PC, 1 AP", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "training" }] }, 1);
    const h = hostIn(ctx.state, H);
    const h0 = hostIn(s0, H);
    expect(h.A).toBeCloseTo(h0.A + P.hostRules.trainingA, 9);
    expect(h.w).toBeCloseTo(h0.w + P.wages.trainingBump, 9);
    expect(h.money).toBe(h0.money - 10);
    expect(h.PC).toBe(h0.PC - 1);
    expect(h.policies.training).toBe(1);
    const poor = withState(s0, (s) => void (hostIn(s, H).money = 9));
    expectRefused(validateAction(poor, H, { type: "training" }), "NOT_ENOUGH_MONEY");
    expectRefused(validateAction(s0, H, { type: "training" }, [{ type: "training" }]), "DUPLICATE_ORDER");
  });

  it("H5 sets the environmental standard (2 PC), which cuts emissions and raises costs of host plants", () => {
    const ctx = runSteps(s0, { [H]: [{ type: "environment", level: "high" }] }, 1);
    expect(hostIn(ctx.state, H).policies.env).toBe("high");
    expect(hostIn(ctx.state, H).PC).toBe(8);
    expect(hostIn(ctx.state, H).apUsed).toBe(1);
    const hostPlant = (s: MatchState) =>
      withState(s, (d) => void clusterIn(d, C).plants.push({ node: DEST, host: H, blocks: { U2: 0, U1: 0, M: 4, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 }));
    const before = hostPlant(s0);
    const after = hostPlant(ctx.state);
    const cost = (s: MatchState) => blockCost(s, clusterIn(s, C), plantIn(clusterIn(s, C), DEST), "M").full;
    expect(cost(after) / cost(before)).toBeCloseTo(P.production.envCost.high / P.production.envCost.low, 9);
    // Emissions of the plant's produced blocks carry the standard's multiplier (5.10).
    const full = runSteps(before, { [H]: [{ type: "environment", level: "high" }] });
    const produced = full.producedM.get(plantIn(clusterIn(full.state, C), DEST)) ?? 0;
    const e = s0.scenario.sectors.find((x) => x.id === "steel")?.e ?? NaN;
    const home = full.producedM.get(plantIn(clusterIn(full.state, C), HOME)) ?? 0;
    expect(produced).toBeGreaterThan(0);
    expect(clusterIn(full.state, C).emissions).toBeCloseTo(home * e * P.pollution.envMult[P.china.env] + produced * e * P.pollution.envMult.high, 9);
    expectRefused(validateAction(s0, H, { type: "environment", level: "low" }), "UNCHANGED");
  });

  it("H6 makes relocation into the host 20% cheaper", () => {
    const before = mustOk(relocationCost(s0, HOME, DEST, H)).perBlock;
    const ctx = runSteps(s0, { [H]: [{ type: "sez", on: true }] }, 1);
    expect(hostIn(ctx.state, H).policies.sez).toBe(true);
    expect(hostIn(ctx.state, H).PC).toBe(10 - 3);
    const after = mustOk(relocationCost(ctx.state, HOME, DEST, H)).perBlock;
    expect(after / before).toBeCloseTo(1 - P.transfer.sezDisc, 9);
    // Other hosts are unaffected.
    expect(mustOk(relocationCost(ctx.state, HOME, "almaty", "KAZ")).perBlock).toBeCloseTo(mustOk(relocationCost(s0, HOME, "almaty", "KAZ")).perBlock, 9);
    expectRefused(validateAction(s0, H, { type: "sez", on: false }), "UNCHANGED");
  });

  it("H6 applies to a transfer carried out the same turn (policies come first)", () => {
    const { state, contract } = signedTransfer({ payment: 0 });
    const withSez = mustOk(relocationCost(withState(state, (s) => void (hostIn(s, H).policies.sez = true)), HOME, DEST, H)).perBlock;
    const ctx = runSteps(state, { [H]: [{ type: "sez", on: true }], [C]: [{ type: "transfer", contract }] }, 3);
    expect(clusterIn(ctx.state, C).money).toBeCloseTo(100 - 3 * withSez, 9);
  });

  it("H9 makes transfers into the host joint ventures, from the same turn on", () => {
    const ctx1 = runSteps(s0, { [H]: [{ type: "jv", required: true }] }, 1);
    expect(hostIn(ctx1.state, H).policies.jv).toBe(true);
    expect(hostIn(ctx1.state, H).PC).toBe(8);
    const { state, contract } = signedTransfer({ jv: false });
    const ctx = runSteps(state, { [H]: [{ type: "jv", required: true }], [C]: [{ type: "transfer", contract }] }, 3);
    expect(plantIn(clusterIn(ctx.state, C), DEST).jv).toBe(true);
    const plain = runSteps(state, { [C]: [{ type: "transfer", contract }] }, 3);
    expect(plantIn(clusterIn(plain.state, C), DEST).jv).toBe(false);
    expectRefused(validateAction(s0, H, { type: "jv", required: false }), "UNCHANGED");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("H8 corridor investment", () => {
  it("raises the edge one level: capacity x1.3, unit cost -15%; costs 15 and 2 PC", () => {
    const e0 = edgeIn(s0, PAK_EDGE);
    const ctx = runSteps(s0, { [H]: [{ type: "corridorInvest", edge: PAK_EDGE }] }, 2);
    const e1 = edgeIn(ctx.state, PAK_EDGE);
    expect(e1.level).toBe(e0.level + 1);
    expect(e1.capacity).toBeCloseTo(e0.capacity * (1 + P.trade.levelCapacity), 9);
    expect(edgeUnitCost(e1, P.trade) / edgeUnitCost(e0, P.trade)).toBeCloseTo(1 - P.trade.levelCostCut, 9);
    const h = hostIn(ctx.state, H);
    expect(h.money).toBe(30 - 15);
    expect(h.PC).toBe(10 - 2);
    expect(h.apUsed).toBe(1);
    expect(entriesWith(ctx.report.entries, "CORRIDOR_UPGRADED")[0]?.params).toMatchObject({ edge: PAK_EDGE, level: 1 });
  });

  it("refuses an edge outside the host (EDGE_NOT_IN_HOST), at the top (EDGE_MAX_LEVEL), unknown (UNKNOWN_EDGE), twice (DUPLICATE_ORDER), unaffordable (NOT_ENOUGH_MONEY)", () => {
    expectRefused(validateAction(s0, H, { type: "corridorInvest", edge: "almaty~khorgos" }), "EDGE_NOT_IN_HOST");
    const top = withState(s0, (s) => void (edgeIn(s, PAK_EDGE).level = P.trade.maxLevel));
    expectRefused(validateAction(top, H, { type: "corridorInvest", edge: PAK_EDGE }), "EDGE_MAX_LEVEL");
    expectRefused(validateAction(s0, H, { type: "corridorInvest", edge: "atlantis~nowhere" }), "UNKNOWN_EDGE");
    expectRefused(validateAction(s0, H, { type: "corridorInvest", edge: PAK_EDGE }, [{ type: "corridorInvest", edge: PAK_EDGE }]), "DUPLICATE_ORDER");
    expect(validateAction(s0, H, { type: "corridorInvest", edge: "colombo~gwadar" }, [{ type: "corridorInvest", edge: PAK_EDGE }]).ok).toBe(true);
    const poor = withState(s0, (s) => void (hostIn(s, H).money = 14));
    expectRefused(validateAction(poor, H, { type: "corridorInvest", edge: PAK_EDGE }), "NOT_ENOUGH_MONEY");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("action points", () => {
  it("a host has 3 AP: a fourth AP-costing order is NOT_ENOUGH_AP, and resolution drops it", () => {
    const orders: Order[] = [
      { type: "tariff", sector: "steel", rate: 0.1 },
      { type: "lcr", rate: 0.3 },
      { type: "jv", required: true },
      { type: "environment", level: "high" },
    ];
    const result = validateOrders(s0, H, orders);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("NOT_ENOUGH_AP");
      expect(result.error.index).toBe(3);
      expect(result.error.params).toMatchObject({ need: 1, have: 0 });
    }
    expectRefused(validateAction(s0, H, orders[3], orders.slice(0, 3)), "NOT_ENOUGH_AP");
    const { state, report } = resolveTurn(s0, { [H]: orders });
    expect(hostIn(state, H).policies.env).toBe("low");
    expect(hostIn(state, H).policies.jv).toBe(true);
    expect(entriesWith(report, "ORDER_REFUSED").map((e) => e.params.action)).toEqual(["environment"]);
  });

  it("a cluster has 3 AP; zero-AP orders still pass when they are spent", () => {
    const scrap: Order = { type: "scrap", node: HOME, stage: "M", blocks: 1 };
    expectRefused(validateAction(s0, C, scrap, [scrap, scrap, scrap]), "NOT_ENOUGH_AP");
    for (const free of [SAMPLES.stance, SAMPLES.plan, SAMPLES.loan]) expect(validateAction(s0, C, free, [scrap, scrap, scrap]).ok).toBe(true);
  });

  it("AP are refilled at the end of the turn", () => {
    const { state } = resolveTurn(s0, { [H]: [{ type: "tariff", sector: "steel", rate: 0.1 }, { type: "lcr", rate: 0.3 }, { type: "training" }] });
    expect(hostIn(state, H).apUsed).toBe(0);
    expect(validateOrders(state, H, [{ type: "jv", required: true }, { type: "environment", level: "med" }, { type: "sez", on: true }]).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("purity", () => {
  it("resolveTurn never changes the state it is given", () => {
    const { state, contract } = signedTransfer();
    const before = structuredClone(state);
    resolveTurn(state, {
      [C]: [{ type: "transfer", contract }, { type: "stance", stance: "low" }, { type: "loan", amount: 20 }, { type: "scrap", node: HOME, stage: "U1", blocks: 1 }],
      [H]: [{ type: "infrastructure", borrow: true }, { type: "corridorInvest", edge: PAK_EDGE }, { type: "tariff", sector: "steel", rate: 0.25 }],
      [C2]: [{ type: "plan", shares: { [L]: 1 } }, null],
    });
    expect(state).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("orders checked when they were submitted", () => {
  const orders: Order[] = [
    { type: "stance", stance: "high" },
    { type: "upgrade", upgrade: "PROC", investment: 40 },
  ];

  it("are frozen, and resolve exactly as the same orders read back from a log", () => {
    const state = newMatch();
    const checked = mustOk(validateOrders(state, C, orders));
    expect(Object.isFrozen(checked)).toBe(true);
    expect(checked.every((o) => Object.isFrozen(o))).toBe(true);
    const fromLog = JSON.parse(JSON.stringify(checked)) as unknown[];
    const a = resolveTurn(state, { [C]: checked });
    const b = resolveTurn(state, { [C]: fromLog });
    expect(hashState(a.state)).toBe(hashState(b.state));
    expect(a.report).toEqual(b.report);
    expect(clusterIn(a.state, C).stance).toBe("high");
  });

  it("are checked again under another seat", () => {
    const state = newMatch();
    const checked = mustOk(validateOrders(state, C, orders));
    const report = resolveTurn(state, { [H]: checked }).report;
    expect(entriesWith(report, "ORDER_REFUSED").filter((e) => e.seats.includes(H))).toHaveLength(2);
  });

  it("are checked again on another state, where they may no longer fit", () => {
    const state = newMatch();
    const checked = mustOk(validateOrders(state, C, orders));
    const broke = withState(state, (s) => void (clusterIn(s, C).money = 0));
    const report = resolveTurn(broke, { [C]: checked }).report;
    expect(entriesWith(report, "ORDER_REFUSED").filter((e) => e.seats.includes(C))).toHaveLength(1);
  });
});
