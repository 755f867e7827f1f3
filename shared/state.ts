/** The match state (GAME-RULES 5.2) and how a match starts. Plain JSON: it is hashed, logged and sent. */
import type { Scenario } from "./scenario/schema.ts";
import { beginRound } from "./events.ts";
import { buildEdges } from "./routes.ts";
import { hash32 } from "./rng.ts";
import { ENGINE_VERSION } from "./version.ts";
import type { EnvLevel, Governance, LinkGovernance, Mode, Role, SeatId, Stage, Stance } from "./types.ts";
import { err, ok, type Result } from "./types.ts";

export type StageBlocks = Record<Stage, number>;

export interface Plant {
  node: string;
  /** Host country the plant stands in; null for a plant in China. */
  host: string | null;
  blocks: StageBlocks;
  /** M blocks that arrived this round and produce at the ramp-up rate. */
  rampingM: number;
  /** M blocks green-retrofitted (A8): they emit greenMult as much. */
  greenM: number;
  /** A new line's sector (chain upgrading, 5.6); absent for the cluster's own sector. */
  sector?: string;
  /** A new line's share of the cluster's process and product capability: 0.6 at first, growing to 1. */
  skill?: number;
  /** Joint venture with a host partner (sigma x jvSigma, absorption x jvAbsorb). */
  jv: boolean;
  arrivedTurn: number;
}

export interface Link {
  leadFirm: string;
  /** Share of M output offered through this link (plan A2); the rest sells on spot markets. */
  share: number;
  governance: LinkGovernance;
  lockin: number;
  /** Rounds this cluster has supplied the lead firm (relational trust). */
  trust: number;
  /** Whether C, D and K counted as high last time (the memory behind hysteresis, 5.5). */
  high: { C: boolean; D: boolean; K: boolean };
  /** Excluded from the chain (simple, codified work the supplier cannot do): the lead firm buys nothing. */
  excluded: boolean;
  /** The cluster is attempting a functional upgrade this round, so the lead firm's barrier lowers the D it sees. */
  attemptingFunc: boolean;
  /** The lead firm bought the linked blocks (5.5 hierarchy buy-out): a subsidiary link. */
  subsidiary: boolean;
  /** The lead firm has made its buy-out offer since the link last turned hierarchical. */
  buyoutOffered: boolean;
}

export interface ClusterState {
  id: SeatId;
  sector: string;
  homeNode: string;
  plants: Plant[];
  P: number;
  Q: number;
  F: number;
  X: number;
  money: number;
  R: number;
  stance: Stance;
  links: Link[];
  /** Freed-resource credit from abandoning M capacity (5.6). */
  freed: number;
  /** Policy-bank loan principal (A12). */
  loan: number;
  emissions: number;
  vaCum: number;
  vaLast: StageBlocks;
  unitsSold: number;
  restructurings: number;
  immiserFlags: number;
  /** Own-brand presence by host market (A7), 0 to brandRules.max: the share of that market the cluster sells as its own lead firm. */
  brand: Record<string, number>;
  /** Last round's M units sold by governance channel, as shares: the output portfolio of 5.6. */
  salesMix: Partial<Record<Governance, number>>;
  /** Last round's M units sold in each spot market (A7 needs exports to a host). */
  soldIn: Record<string, number>;
  /** Consecutive rounds in which M output rose while value added per unit fell (5.10). */
  immiserStreak: number;
  /** Units sold and value added per unit last round, to see the streak. */
  lastOutput: { units: number; vaPerUnit: number };
  apUsed: number;
  stanceSetTurn: number;
}

export interface HostPolicies {
  tariff: Record<string, number>;
  lcr: number;
  env: EnvLevel;
  sez: boolean;
  jv: boolean;
  training: number;
}

export interface HostState {
  id: SeatId;
  gdp: number;
  w: number;
  infra: number;
  A: number;
  A0: number;
  Z: number;
  Z0: number;
  kHost: Record<string, number>;
  jobs: number;
  E: number;
  approval: number;
  PC: number;
  money: number;
  debt: number;
  policies: HostPolicies;
  /** Turns of the infrastructure investments still raising infra-linked demand (H3). */
  infraBoosts: number[];
  taxCum: number;
  debtDistress: boolean;
  debtDistressOccurred: boolean;
  apUsed: number;
}

export interface LeadFirmState {
  id: SeatId;
  sectors: string[];
  strategy: "gatekeeper" | "partner";
  P: number;
  Q: number;
  F: number;
  orders: Record<string, number>;
  barrier: Record<string, number>;
  money: number;
  profitCum: number;
  purchasesLast: Record<string, number>;
  /** Last round's purchases by where the plant stands: CHN or a host id (the China+1 story in numbers). */
  purchasesFrom: Record<string, number>;
  /** "China+1" (L5): by sector, the host whose capacity the lead firm buys from first when it is cheap enough. */
  preferHost: Record<string, string>;
  /** Its own M capacity in hosts (L4, vertical integration): hierarchy with itself. */
  plants: LeadPlant[];
  emissions: number;
  apUsed: number;
}

export interface LeadPlant {
  host: string;
  node: string;
  sector: string;
  blocks: number;
}

export interface ParkState {
  id: string;
  node: string;
  country: string;
  level: number;
  members: SeatId[];
  twin: string | null;
  green: boolean;
}

export interface EdgeState {
  id: string;
  from: string;
  to: string;
  mode: Mode;
  km: number;
  corridors: string[];
  level: number;
  capacity: number;
  risk: number;
  closed: boolean;
  /** Multiplier on this edge's transport cost from events (1 when nothing is happening). */
  costMult: number;
  flowLast: number;
}

export interface MarketBoardRow {
  market: string;
  sector: string;
  demand: number;
  supply: number;
  sold: number;
  price: number;
}

export type OfferTerms =
  | { kind: "transfer"; cluster: SeatId; host: SeatId; node: string; stage: Stage; blocks: number; payment: number; jv: boolean }
  | { kind: "supply"; cluster: SeatId; leadFirm: SeatId; units: number; rounds: number }
  | { kind: "corridor"; edge: string; fromContribution: number; toContribution: number }
  | { kind: "payment"; amount: number }
  | { kind: "buyout"; cluster: SeatId; leadFirm: SeatId; blocks: number; price: number }
  | { kind: "park"; park: string; fromContribution: number; toContribution: number };

export interface Offer {
  id: string;
  from: SeatId;
  to: SeatId;
  terms: OfferTerms;
  turn: number;
}

export interface Contract {
  id: string;
  parties: [SeatId, SeatId];
  terms: OfferTerms;
  signedTurn: number;
  /** Last turn the contract binds (inclusive). */
  untilTurn: number;
  executed: boolean;
}

export type Controller = "human" | "ai" | "bot" | "none";

export interface SeatState {
  id: SeatId;
  role: Role;
  controller: Controller;
  name: string;
}

export interface SeatSpec {
  seat: SeatId;
  controller: Controller;
  name?: string;
}

export interface ScoreRow {
  seat: SeatId;
  role: Role;
  score: number;
  percentile: number;
  smile?: number;
}

/** An event card in play (GAME-RULES 5.13): which card, what it hit, and until when. */
export interface ActiveEvent {
  /** The card's id in the scenario's event catalogue. */
  card: string;
  /** What the card hit, where it hits one thing: a sector, host, edge or lead firm id. */
  target: string | null;
  /** A signed size where the card has one (a price shock of +0.25 or -0.25). */
  magnitude: number;
  startedTurn: number;
  /** Last turn the card's effects hold (inclusive). */
  untilTurn: number;
}

/** What the instructor has decided about events: cards forced into the next draw, cards that never occur. */
export interface EventControls {
  forced: string[];
  disabled: string[];
}

export interface MatchState {
  engineVersion: string;
  /** Shared, never cloned or mutated; hashed through its digest. */
  scenario: Scenario;
  seed: number;
  rng: number;
  turn: number;
  year: number;
  seats: SeatState[];
  china: { wage: number; skillWage: number; E: number; demand: Record<string, number> };
  clusters: ClusterState[];
  hosts: HostState[];
  leadFirms: LeadFirmState[];
  parks: ParkState[];
  edges: EdgeState[];
  board: MarketBoardRow[];
  offers: Offer[];
  contracts: Contract[];
  nextId: number;
  /** The pollution stock of the world (China and every host), decaying 5% a round. */
  worldE: number;
  /** What the world emitted this round: the measure the pollution cap applies to (docs/rules.md). */
  worldFlow: number;
  scores: ScoreRow[];
  /** Shifts of each sector's complexity C and codifiability D from events and standards (5.5). */
  sectorShifts: Record<string, { C: number; D: number }>;
  /** World M-stage price index by sector: the low road's race to the bottom erodes it (5.10). */
  priceIndex: Record<string, number>;
  /** Rounds the match is planned for, and the pollution cap that follows from the first round (5.10). */
  rounds: number;
  emissionsCap: number | null;
  /** The class-wide win-win index of 5.14 and whether it was achieved at the last scoring. */
  winwin: { index: number; achieved: boolean; crisis: boolean };
  /** Mean percentile of the seats on each corridor (5.14, "best axis"). */
  corridorScores: Array<{ corridor: string; score: number; seats: number }>;
  events: ActiveEvent[];
  eventControls: EventControls;
}

export interface MatchError {
  code: "UNKNOWN_SEAT" | "DUPLICATE_SEAT" | "BAD_SEED" | "BAD_ROUNDS";
  message: string;
}

export const seatRole = (scenario: Scenario, seat: SeatId): Role | null => {
  if (scenario.clusters.some((c) => c.id === seat)) return "cluster";
  if (scenario.hosts.some((h) => h.id === seat)) return "host";
  if (scenario.leadFirms.some((l) => l.id === seat)) return "lead";
  return null;
};

export const allSeatIds = (scenario: Scenario): SeatId[] => [
  ...scenario.clusters.map((c) => c.id),
  ...scenario.hosts.map((h) => h.id),
  ...scenario.leadFirms.map((l) => l.id),
];

const emptyStages = (): StageBlocks => ({ U2: 0, U1: 0, M: 0, D1: 0, D2: 0 });

type Tallies = Pick<
  ClusterState,
  "vaCum" | "vaLast" | "unitsSold" | "restructurings" | "immiserFlags" | "brand" | "salesMix" | "soldIn" | "immiserStreak" | "lastOutput" | "apUsed" | "stanceSetTurn"
>;

/** A cluster's running tallies before its first round: nothing earned, sold, flagged or spent yet. */
export const freshTallies = (): Tallies => ({
  vaCum: 0,
  vaLast: emptyStages(),
  unitsSold: 0,
  restructurings: 0,
  immiserFlags: 0,
  brand: {},
  salesMix: {},
  soldIn: {},
  immiserStreak: 0,
  lastOutput: { units: 0, vaPerUnit: 0 },
  apUsed: 0,
  stanceSetTurn: 0,
});

/**
 * A starting link is an established relationship (GAME-RULES 11): it holds its scenario governance
 * and the trust relational ties need; hysteresis starts from where C, D and K stand.
 */
function startingLink(scenario: Scenario, cluster: Scenario["clusters"][number], link: Scenario["clusters"][number]["links"][number]): Link {
  const g = scenario.parameters.gov;
  const sector = scenario.sectors.find((s) => s.id === cluster.sector);
  const C = sector?.C ?? 0;
  const K = clamp((cluster.capabilities.P + cluster.capabilities.Q) / 20 - g.kC * C + g.k0, 0, 1);
  return {
    leadFirm: link.leadFirm,
    share: link.share,
    governance: link.governance,
    lockin: 0,
    trust: g.entry.relationalTrustRounds,
    high: { C: C >= g.theta, D: (sector?.D ?? 0) >= g.theta, K: K >= g.theta },
    excluded: false,
    attemptingFunc: false,
    subsidiary: false,
    buyoutOffered: false,
  };
}

/**
 * Starts a match. Every entity of the scenario is a seat; `seats` says who controls which
 * (seats not listed are passive: they submit no orders until someone takes them).
 */
export interface MatchOptions {
  /** Rounds the match is planned for (default: the scenario's short game). */
  rounds?: number;
}

export function createMatch(scenario: Scenario, seats: ReadonlyArray<SeatSpec>, seed: number, options: MatchOptions = {}): Result<MatchState, MatchError> {
  if (!Number.isSafeInteger(seed) || seed < 0) return err({ code: "BAD_SEED", message: `seed must be a non-negative integer, got ${seed}` });
  if (options.rounds !== undefined && (!Number.isInteger(options.rounds) || options.rounds < 1)) return err({ code: "BAD_ROUNDS", message: `rounds must be a whole number of at least 1, got ${options.rounds}` });
  const controllers = new Map<SeatId, SeatSpec>();
  for (const spec of seats) {
    if (seatRole(scenario, spec.seat) === null) return err({ code: "UNKNOWN_SEAT", message: `no seat '${spec.seat}' in scenario '${scenario.id}'` });
    if (controllers.has(spec.seat)) return err({ code: "DUPLICATE_SEAT", message: `seat '${spec.seat}' is listed twice` });
    controllers.set(spec.seat, spec);
  }
  const p = scenario.parameters;
  const sectorIds = scenario.sectors.map((s) => s.id);
  const byName = (id: SeatId, name: { en: string }): SeatState => {
    const spec = controllers.get(id);
    return { id, role: seatRole(scenario, id) as Role, controller: spec?.controller ?? "none", name: spec?.name ?? name.en };
  };

  const clusters: ClusterState[] = scenario.clusters.map((c) => ({
    id: c.id,
    sector: c.sector,
    homeNode: c.homeNode,
    plants: [{ node: c.homeNode, host: null, blocks: { ...c.blocks }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 }],
    ...c.capabilities,
    money: c.money,
    R: c.reputation,
    stance: c.stance,
    links: c.links.map((l) => startingLink(scenario, c, l)),
    freed: 0,
    loan: 0,
    emissions: 0,
    ...freshTallies(),
  }));

  const d = p.derived;
  const hosts: HostState[] = scenario.hosts.map((h) => {
    const infra = clamp((h.lpi.value - d.lpiFloor) / d.lpiSpan, 0, 1);
    const gdpPerCapita = (h.gdp.value * 1000) / h.population.value;
    const A0 = clamp(d.a0Base + d.a0Infra * infra + d.a0Gdp * Math.log10(gdpPerCapita / 1000), d.a0Min, d.a0Max);
    return {
      id: h.id,
      gdp: h.gdp.value,
      w: h.wageIndex.value,
      infra,
      A: A0,
      A0,
      Z: h.industrialisation.value,
      Z0: h.industrialisation.value,
      kHost: Object.fromEntries(sectorIds.map((s) => [s, p.hostRules.kHostStart])),
      jobs: 0,
      E: 0,
      approval: p.host.approvalStart,
      PC: p.hostRules.startPC,
      money: p.hostRules.startBudget,
      debt: 0,
      policies: { tariff: Object.fromEntries(sectorIds.map((s) => [s, 0])), lcr: 0, env: "low", sez: false, jv: false, training: 0 },
      infraBoosts: [],
      taxCum: 0,
      debtDistress: false,
      debtDistressOccurred: false,
      apUsed: 0,
    };
  });

  const leadFirms: LeadFirmState[] = scenario.leadFirms.map((l) => ({
    id: l.id,
    sectors: [...l.sectors],
    strategy: l.strategy,
    P: p.learning.leadCap,
    Q: p.learning.leadCap,
    F: p.learning.leadCap,
    orders: Object.fromEntries(l.sectors.map((s) => [s, l.orders[s] ?? 0])),
    barrier: Object.fromEntries(l.sectors.map((s) => [s, 0])),
    money: l.money,
    profitCum: 0,
    purchasesLast: Object.fromEntries(l.sectors.map((s) => [s, 0])),
    purchasesFrom: {},
    preferHost: {},
    plants: [],
    emissions: 0,
    apUsed: 0,
  }));

  // Domestic demand covers startUtilisation of the capacity that does not serve lead firms (5.7).
  const chinaCapacity = (sector: string) =>
    scenario.clusters
      .filter((c) => c.sector === sector)
      .reduce((sum, c) => sum + c.blocks.M * (1 - c.links.reduce((s, l) => s + l.share, 0)), 0);
  const state: MatchState = {
    engineVersion: ENGINE_VERSION,
    scenario,
    seed,
    rng: hash32(seed, "start"),
    turn: 1,
    year: p.rounds.startYear,
    seats: [
      ...scenario.clusters.map((c) => byName(c.id, c.name)),
      ...scenario.hosts.map((h) => byName(h.id, h.name)),
      ...scenario.leadFirms.map((l) => byName(l.id, l.name)),
    ],
    china: {
      wage: p.china.wage,
      skillWage: p.china.skillWage,
      E: 0,
      demand: Object.fromEntries(scenario.sectors.map((s) => [s.id, s.cnDemand ?? p.china.startUtilisation * chinaCapacity(s.id)])),
    },
    clusters,
    hosts,
    leadFirms,
    parks: scenario.parks.map((k) => ({ id: k.id, node: k.node, country: k.country, level: k.level, members: [], twin: k.twin, green: k.green })),
    edges: buildEdges(scenario),
    board: [],
    offers: [],
    contracts: [],
    nextId: 1,
    worldE: 0,
    worldFlow: 0,
    scores: [],
    sectorShifts: Object.fromEntries(sectorIds.map((s) => [s, { C: 0, D: 0 }])),
    priceIndex: Object.fromEntries(sectorIds.map((s) => [s, 1])),
    rounds: options.rounds ?? p.rounds.short,
    emissionsCap: null,
    winwin: { index: 0, achieved: false, crisis: false },
    corridorScores: [],
    events: [],
    eventControls: { forced: [], disabled: [] },
  };
  // Round 1's event cards are public before anyone negotiates (5.4, 5.13).
  beginRound(state);
  return ok(state);
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Plants are copied field by field rather than spread: spread copies share hidden classes with
 * other objects of the same keys, and when one of those fields widens (an integer becoming a
 * fraction) the engine deprecates them all, which kept V8's optimiser in a de-optimisation loop.
 */
function clonePlant(p: Plant): Plant {
  const copy: Plant = {
    node: p.node,
    host: p.host,
    blocks: { U2: p.blocks.U2, U1: p.blocks.U1, M: p.blocks.M, D1: p.blocks.D1, D2: p.blocks.D2 },
    rampingM: p.rampingM,
    greenM: p.greenM,
    jv: p.jv,
    arrivedTurn: p.arrivedTurn,
  };
  if (p.sector !== undefined) copy.sector = p.sector;
  if (p.skill !== undefined) copy.skill = p.skill;
  return copy;
}

const cloneCluster = (c: ClusterState): ClusterState => ({
  ...c,
  plants: c.plants.map(clonePlant),
  links: c.links.map((l) => ({ ...l, high: { ...l.high } })),
  vaLast: { ...c.vaLast },
  lastOutput: { ...c.lastOutput },
  brand: { ...c.brand },
  salesMix: { ...c.salesMix },
  soldIn: { ...c.soldIn },
});

const cloneHost = (h: HostState): HostState => ({
  ...h,
  kHost: { ...h.kHost },
  policies: { ...h.policies, tariff: { ...h.policies.tariff } },
  infraBoosts: [...h.infraBoosts],
});

const cloneLead = (l: LeadFirmState): LeadFirmState => ({
  ...l,
  orders: { ...l.orders },
  barrier: { ...l.barrier },
  purchasesLast: { ...l.purchasesLast },
  preferHost: { ...l.preferHost },
  plants: l.plants.map((pl) => ({ ...pl })),
  purchasesFrom: { ...l.purchasesFrom },
});

/** The sector shifts, each copied, in the same key order (without the entry lists of `Object.entries`). */
function cloneShifts(shifts: MatchState["sectorShifts"]): MatchState["sectorShifts"] {
  const copy: MatchState["sectorShifts"] = {};
  for (const sector of Object.keys(shifts)) copy[sector] = { ...(shifts[sector] as { C: number; D: number }) };
  return copy;
}

/**
 * A copy of the state whose parts can be changed without touching the original. Everything a
 * resolution step may edit is copied; what is only ever replaced whole (the scenario, the market
 * board, the scores, offer terms, a lead firm's sector list, an edge's corridor list) is shared.
 * A test resolves deep-frozen states, so an edit to a shared part fails loudly.
 */
export function draftOf(state: MatchState): MatchState {
  return {
    ...state,
    seats: state.seats.map((s) => ({ ...s })),
    china: { ...state.china, demand: { ...state.china.demand } },
    clusters: state.clusters.map(cloneCluster),
    hosts: state.hosts.map(cloneHost),
    leadFirms: state.leadFirms.map(cloneLead),
    parks: state.parks.map((p) => ({ ...p, members: [...p.members] })),
    edges: state.edges.map((e) => ({ ...e })),
    offers: [...state.offers],
    contracts: state.contracts.map((c) => ({ ...c })),
    sectorShifts: cloneShifts(state.sectorShifts),
    priceIndex: { ...state.priceIndex },
    winwin: { ...state.winwin },
    events: state.events.map((e) => ({ ...e })),
    eventControls: { forced: [...state.eventControls.forced], disabled: [...state.eventControls.disabled] },
  };
}

export const blocksTotal = (b: StageBlocks): number => b.U2 + b.U1 + b.M + b.D1 + b.D2;

/** K seats spread over the roles (cluster, host, lead firm, in turn), for headless matches. */
export function balancedSeats(scenario: Scenario, k: number): SeatId[] {
  const pools = [scenario.clusters.map((c) => c.id), scenario.hosts.map((h) => h.id), scenario.leadFirms.map((l) => l.id)];
  const out: SeatId[] = [];
  for (let i = 0; out.length < k && pools.some((pool) => i < pool.length); i++) {
    for (const pool of pools) if (out.length < k && i < pool.length) out.push(pool[i] as SeatId);
  }
  return out;
}
