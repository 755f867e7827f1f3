/**
 * What an AI player believes the match to be: a full match state rebuilt from its seat's view
 * alone. Its own figures are exact; what it cannot see (other seats' capabilities, money, stances,
 * political capital, the random-number state) is filled from the public scenario, or sampled when
 * the hard AI plans ahead. The engine's rules (legalActions, validateAction, resolveTurn) then run
 * on the belief, never on the true state, so an AI cannot use hidden information.
 */
import type { Rng } from "../rng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { ClusterState, HostState, LeadFirmState, Link, MatchState } from "../state.ts";
import { clamp, freshTallies } from "../state.ts";
import type { SeatId } from "../types.ts";
import type { MatchView, PublicCluster, PublicHost, PublicLeadFirm } from "../view.ts";

const isFullCluster = (c: PublicCluster | ClusterState): c is ClusterState => "money" in c;
const isFullHost = (h: PublicHost | HostState): h is HostState => "money" in h;
const isFullLead = (l: PublicLeadFirm | LeadFirmState): l is LeadFirmState => "money" in l;

interface Estimate<E> {
  turn: number;
  scenario: Scenario;
  entity: E;
}

const clusterEstimates = new WeakMap<PublicCluster, Estimate<ClusterState>>();
const hostEstimates = new WeakMap<PublicHost, Estimate<HostState>>();
const leadEstimates = new WeakMap<PublicLeadFirm, Estimate<LeadFirmState>>();

/**
 * The estimate of another seat's entity without sampling is a function of its public side, the
 * turn and the scenario only, so it is made once for every seat whose view shares that public side
 * (sharedViewFor makes one per entity of a state). Other seats' beliefs share it, so nothing may
 * edit it: the engine never edits a state, and a test checks that each seat decides the same
 * after the others as on a fresh copy of the state. (Freezing it cost more time than it saved.)
 */
function estimateOnce<P extends object, E>(cache: WeakMap<P, Estimate<E>>, side: P, turn: number, scenario: Scenario, make: () => E): E {
  const known = cache.get(side);
  if (known && known.turn === turn && known.scenario === scenario) return known.entity;
  const entity = make();
  cache.set(side, { turn, scenario, entity });
  return entity;
}

/**
 * Rebuilds a state from the view. With `sample`, hidden figures are drawn around the public
 * estimate (capabilities, money, the seed that drives events and upgrade rolls); without it they
 * are the estimate itself.
 */
export function beliefState(view: MatchView, scenario: Scenario, sample?: Rng): MatchState {
  const p = scenario.parameters;
  const noise = (spread: number): number => (sample ? (sample.next() * 2 - 1) * spread : 0);
  const rounds = Math.max(0, view.turn - 1);
  const clusters = view.clusters.map((c): ClusterState => {
    if (isFullCluster(c)) return c;
    if (!sample) return estimateOnce(clusterEstimates, c, view.turn, scenario, () => estimateCluster(c));
    return estimateCluster(c);
  });
  function estimateCluster(c: PublicCluster): ClusterState {
    const spec = scenario.clusters.find((s) => s.id === c.id);
    const caps = spec?.capabilities ?? { P: 5, Q: 5, F: 1, X: 1 };
    // Suppliers learn from their lead firms every round: a public rule, so the estimate follows it.
    const learned = Math.min(2, 0.15 * rounds);
    const links = c.links.map((l): Link => {
      const start = spec?.links.find((s) => s.leadFirm === l.leadFirm);
      const governance = l.governance as Link["governance"];
      return {
        leadFirm: l.leadFirm,
        share: start?.share ?? 0.3,
        governance,
        lockin: governance === "CAPTIVE" ? Math.min(p.gov.lockinMax, rounds) : 0,
        trust: p.gov.entry.relationalTrustRounds + rounds,
        high: { C: governance !== "MARKET", D: governance !== "RELATIONAL" && governance !== "HIERARCHY", K: governance === "MODULAR" || governance === "RELATIONAL" || governance === "MARKET" },
        excluded: false,
        attemptingFunc: false,
        subsidiary: false,
        buyoutOffered: governance === "HIERARCHY",
      };
    });
    return {
      id: c.id,
      sector: c.sector,
      homeNode: c.homeNode,
      plants: c.plants.map((pl) => ({ ...pl, blocks: { ...pl.blocks }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 })),
      P: clamp(caps.P + learned + noise(1), 0, 10),
      Q: clamp(caps.Q + learned + noise(1), 0, 10),
      F: clamp(caps.F + noise(0.5), 0, 10),
      X: caps.X,
      money: Math.max(0, (spec?.money ?? 100) + noise(30)),
      R: c.R,
      stance: spec?.stance ?? "neutral",
      links,
      freed: 0,
      loan: 0,
      emissions: c.emissions,
      ...freshTallies(),
    };
  }
  const hosts = view.hosts.map((h): HostState =>
    isFullHost(h) ? h : estimateOnce(hostEstimates, h, view.turn, scenario, () => ({ ...h, money: p.hostRules.startBudget, PC: p.hostRules.startPC, apUsed: 0, taxCum: 0 })),
  );
  const leadFirms = view.leadFirms.map((l): LeadFirmState => {
    if (isFullLead(l)) return l;
    return estimateOnce(leadEstimates, l, view.turn, scenario, () => estimateLead(l));
  });
  function estimateLead(l: PublicLeadFirm): LeadFirmState {
    const spec = scenario.leadFirms.find((s) => s.id === l.id);
    return {
      ...l,
      strategy: spec?.strategy ?? "gatekeeper",
      P: p.learning.leadCap,
      Q: p.learning.leadCap,
      F: p.learning.leadCap,
      orders: Object.fromEntries(l.sectors.map((s) => [s, spec?.orders[s] ?? 0])),
      barrier: Object.fromEntries(l.sectors.map((s) => [s, 0])),
      money: spec?.money ?? 0,
      profitCum: 0,
      purchasesFrom: {},
      preferHost: {},
      emissions: 0,
      apUsed: 0,
    };
  }
  const seed = sample ? sample.int(0x7fffffff) : 0;
  return {
    engineVersion: view.engineVersion,
    scenario,
    seed,
    rng: seed,
    turn: view.turn,
    year: view.year,
    seats: view.seats,
    china: view.china,
    clusters,
    hosts,
    leadFirms,
    parks: view.parks,
    edges: view.edges,
    board: view.board,
    offers: view.offers,
    contracts: view.contracts,
    // Ids of offers and contracts this seat cannot see stay out of the way of the ones it makes.
    nextId: 1_000_000,
    worldE: view.worldE,
    worldFlow: view.worldFlow,
    scores: view.scores,
    sectorShifts: view.sectorShifts,
    priceIndex: view.priceIndex,
    rounds: view.rounds,
    emissionsCap: view.emissionsCap,
    winwin: view.winwin,
    corridorScores: view.corridorScores,
    events: view.events,
    eventControls: view.eventControls ?? { forced: [], disabled: [] },
  };
}

/** The seat's own entity in a belief (always exact: a seat sees itself). */
export const ownSeat = (belief: MatchState, seat: SeatId) => ({
  cluster: belief.clusters.find((c) => c.id === seat),
  host: belief.hosts.find((h) => h.id === seat),
  lead: belief.leadFirms.find((l) => l.id === seat),
});
