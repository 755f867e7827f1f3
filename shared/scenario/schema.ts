/**
 * The scenario file format. Every number the engine uses lives here, so a class can change the
 * world without touching code, and a match log can embed the whole thing.
 */
import { z } from "zod";
import { ENV_LEVELS, GOVERNANCES, LINK_GOVERNANCES, MODES, SOURCE_TAGS, STAGES, STANCES, UPGRADE_TYPES } from "../types.ts";

const unit = z.number().min(0).max(1);
const nonNeg = z.number().min(0);
const positive = z.number().positive();
const count = z.number().int().min(0);
const id = z.string().regex(/^[a-z0-9_-]+$/i, "expected an id of letters, digits, '_' or '-'");

export const localizedSchema = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
const sourceTag = z.enum(SOURCE_TAGS);
/** A figure with where it comes from; tags M and G mark it as unverified for the client. */
const sourced = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, tag: sourceTag, source: z.string().min(1), note: z.string().optional() });

const byStage = <T extends z.ZodType>(value: T) => z.strictObject({ U2: value, U1: value, M: value, D1: value, D2: value });
const byGov = <T extends z.ZodType>(value: T) => z.record(z.enum(GOVERNANCES), value);
const byUpgrade = <T extends z.ZodType>(value: T) => z.record(z.enum(UPGRADE_TYPES), value);
const byStance = <T extends z.ZodType>(value: T) => z.record(z.enum(STANCES), value);
const byEnv = <T extends z.ZodType>(value: T) => z.record(z.enum(ENV_LEVELS), value);
const byMode = <T extends z.ZodType>(value: T) => z.record(z.enum(MODES), value);
const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, "expected [low, high] with low <= high");
const actionCost = z.strictObject({ ap: count, pc: count.optional(), money: nonNeg.optional() });

const stageSpec = z.strictObject({
  x: z.number().int().min(-2).max(2),
  v: positive,
  fixed: nonNeg,
  labour: nonNeg,
  skill: z.boolean().optional(),
});

/** Section 6 of GAME-RULES, key for key, plus the numbers the prose of sections 3 to 5 gives. */
export const parametersSchema = z.strictObject({
  rounds: z.strictObject({ short: z.number().int().min(1), long: z.number().int().min(1), yearsPerRound: z.number().int().min(1), startYear: z.number().int() }),
  ap: z.strictObject({ cluster: count, host: count, lead: count, parkL3Bonus: count }),
  stages: byStage(stageSpec),
  gov: z.strictObject({
    theta: unit,
    hyst: unit,
    kC: nonNeg,
    k0: z.number(),
    sigma: byGov(unit),
    utilFloor: byGov(unit),
    switchCost: z.record(z.enum(["MARKET", "MODULAR", "RELATIONAL", "CAPTIVE"]), nonNeg),
    entry: z.strictObject({ networkMinR: nonNeg, relationalTrustRounds: count, marketDiffMinR: nonNeg, marketDiffMinF: nonNeg }),
    lockinPenalty: unit,
    lockinMax: count,
  }),
  upgrade: z.strictObject({
    base: byUpgrade(unit),
    iref: byUpgrade(positive),
    G: byGov(z.tuple([nonNeg, nonNeg, nonNeg, nonNeg])),
    levelDecay: unit,
    parkBonusPerLevel: nonNeg,
    freedPerBlock: nonNeg,
    freedDecay: unit,
    failXP: nonNeg,
    critDiv: positive,
    pMin: unit,
    pMax: unit,
  }),
  learning: z.strictObject({ lambdaP: byGov(unit), lambdaQ: byGov(unit), leadCap: z.number().min(0).max(10), activeMult: positive }),
  stance: byStance(z.strictObject({ cost: positive, emis: nonNeg, rep: z.number(), learn: nonNeg, upg: nonNeg })),
  wages: z.strictObject({ cnGrowth: z.number().min(-0.5).max(1), cnSkillGrowth: z.number().min(-0.5).max(1), hostGrowth: z.number().min(-0.5).max(1), trainingBump: nonNeg }),
  transfer: z.strictObject({
    relocBase: nonNeg,
    parkDisc: unit,
    sezDisc: unit,
    rampUp: unit,
    jvSigma: unit,
    jvAbsorb: positive,
    lcrCostSlope: nonNeg,
    gradientSweet: range,
    gradientBonus: positive,
    gradientPenalty: positive,
  }),
  host: z.strictObject({
    jobsPerBlock: byStage(nonNeg),
    zPerBlock: z.record(z.enum(["M", "U1"]), nonNeg),
    kAbsorb: nonNeg,
    taxRate: unit,
    pcRegen: z.number(),
    approvalStart: z.number().min(0).max(100),
    debtDistress: positive,
  }),
  park: z.strictObject({ build: z.tuple([nonNeg, nonNeg, nonNeg]), spillover: unit, hostA: unit, corridorSpill: unit, twinBonus: unit, greenDisc: unit }),
  market: z.strictObject({
    elasticity: nonNeg,
    priceClamp: range,
    cementTransportMult: positive,
    lowRoadErosion: unit,
    lowRoadCrowd: count,
  }),
  pollution: z.strictObject({ decay: unit, envMult: byEnv(nonNeg), greenMult: nonNeg, greenCostPerBlock: nonNeg, capFactor: positive }),
  score: z.strictObject({
    vaDiv: positive,
    smileW: nonNeg,
    repW: nonNeg,
    partnerZW: nonNeg,
    emisW: nonNeg,
    immiserPenalty: nonNeg,
    winwinThreshold: unit,
    winwinMult: positive,
    hostZTarget: nonNeg,
    clusterSTarget: unit,
  }),
  events: z.strictObject({ perRound: count }),

  // ---- Numbers the prose of GAME-RULES sections 3 to 5 gives (and the decisions of docs/rules.md).
  derived: z.strictObject({
    /** infra = (LPI - lpiFloor) / lpiSpan (section 3). */
    lpiFloor: z.number(),
    lpiSpan: positive,
    /** A0 = clamp(a0Base + a0Infra * infra + a0Gdp * log10(GDPpc / 1000), a0Min, a0Max). */
    a0Base: z.number(),
    a0Infra: z.number(),
    a0Gdp: z.number(),
    a0Min: unit,
    a0Max: unit,
  }),
  china: z.strictObject({
    wage: positive,
    skillWage: positive,
    infra: unit,
    env: z.enum(ENV_LEVELS),
    /** China's domestic demand is set so heavy clusters start at this utilisation (section 5.7). */
    startUtilisation: unit,
  }),
  production: z.strictObject({
    /** cost = (fixed + labour * w) * (1 - processCostCut * P) for M blocks. */
    processCostCut: unit,
    /** revenue quality factor = qualityBase + qualityPerQ * Q. */
    qualityBase: nonNeg,
    qualityPerQ: nonNeg,
    infraPenaltySlope: nonNeg,
    envCost: byEnv(positive),
    idleMaintenance: unit,
    /** productivity of a block abroad = phiBase + phiA * A_host. */
    phiBase: nonNeg,
    phiA: nonNeg,
    /** U2 and D2 blocks earn only through channels where the cluster performs that function (5.7). */
    endStageShare: z.strictObject({ U2: byGov(unit), D2: byGov(unit) }),
    brandRent: nonNeg,
  }),
  trade: z.strictObject({
    costPer1000km: byMode(nonNeg),
    detour: byMode(z.number().min(1)),
    capacity: byMode(positive),
    levelCostCut: unit,
    levelCapacity: nonNeg,
    maxLevel: count,
    domesticHaul: nonNeg,
    hostBackgroundSupply: nonNeg,
    tariffLevels: z.array(unit).min(1),
    lcrLevels: z.array(unit).min(1),
  }),
  hostRules: z.strictObject({
    startPC: nonNeg,
    maxPC: positive,
    pcApprovalDiv: positive,
    pcApprovalPivot: z.number(),
    startBudget: nonNeg,
    gdpCreditsPerBn: positive,
    kHostStart: z.number().min(0).max(10),
    infraStep: unit,
    infraDemandBoost: nonNeg,
    infraBoostRounds: count,
    trainingA: unit,
    absorbBlocks: z.number().int().min(1),
    absorbGain: unit,
    lcrZMult: positive,
    lcrKHostMin: z.number().min(0).max(10),
    sezTaxHolidayRounds: count,
    approvalPerJob: nonNeg,
    approvalPerE: nonNeg,
    approvalEThreshold: nonNeg,
    approvalDebtDistress: nonNeg,
    approvalEnclave: nonNeg,
    enclaveShare: unit,
    approvalPerTariff10: nonNeg,
    debtInterest: unit,
    jobsParkMult: positive,
    /** Late-mover advantage is damped when the gradient is below the first or above the second (5.8). */
    gradientPenaltyBelow: z.number(),
    gradientPenaltyAbove: z.number(),
  }),
  finance: z.strictObject({
    loanMax: nonNeg,
    loanRate: unit,
    loanMinR: z.number().min(0).max(100),
    scrapSubsidy: nonNeg,
    /** When money stays negative after emergency credit and forced scrapping (section 11). */
    restructureRep: nonNeg,
    restructurePenalty: nonNeg,
  }),
  contracts: z.strictObject({ breachRep: nonNeg, breachPenalty: nonNeg, maxOpenOffersPerSeat: z.number().int().min(1), maxRounds: z.number().int().min(1) }),
  reputation: z.strictObject({ min: z.number(), max: z.number() }),
  costs: z.strictObject({
    A1: actionCost, A2: actionCost, A3: actionCost, A4: actionCost, A5: actionCost, A6: actionCost, A7: actionCost,
    A8: actionCost, A9: actionCost, A10: actionCost, A11: actionCost, A12: actionCost,
    H1: actionCost, H2: actionCost, H3: actionCost, H4: actionCost, H5: actionCost, H6: actionCost, H7: actionCost, H8: actionCost, H9: actionCost,
    L1: actionCost, L2: actionCost, L3: actionCost, L4: actionCost, L5: actionCost,
  }),
  leadScore: z.strictObject({ profitDiv: positive, perControlledSupplier: nonNeg, marketShareW: nonNeg }),
  hostScore: z.strictObject({ zW: nonNeg, jobsW: nonNeg, aW: nonNeg, taxW: nonNeg, approvalW: nonNeg, eThreshold: nonNeg, debtDistressPenalty: nonNeg }),
  /** The prose numbers of 5.5, 5.11 and 5.12 for chains and lead firms. */
  chainRules: z.strictObject({ blockValue: nonNeg, minX: nonNeg, lineBase: nonNeg, linePerBlock: nonNeg, lineSkill: unit, lineLearn: unit }),
  /** A7, applying knowledge in Belt and Road markets (5.6): entry, step, caps, lock-in relief, twin-park bonus. */
  brandRules: z.strictObject({ minQ: nonNeg, step: unit, capPerF: unit, max: unit, lockinCut: count, twinBonus: unit }),
  leadRules: z.strictObject({ barrierStep: unit, barrierMax: unit, standardStep: unit, standardCCut: unit, chinaPlusOneCost: unit, integrateBlocks: z.number().int().min(1) }),
  /** The prose numbers of 5.8 and 5.10 for parks: reputation for a new park and for eco-park members, point–axis reach. */
  parkRules: z.strictObject({ successRep: nonNeg, ecoRep: nonNeg, corridorEdges: count }),
  /** The prose numbers of 5.10: pollution incidents and the immiserising-growth streak. */
  sustainability: z.strictObject({ incidentE: nonNeg, incidentRep: nonNeg, immiserRounds: z.number().int().min(1), crisisVA: unit, crisisEnvFloor: z.enum(ENV_LEVELS) }),
  /** The prose numbers of 5.6: freed-credit scale, prerequisites (all or any of the levels), caps. */
  upgradeRules: z.strictObject({
    freedNorm: positive,
    funcFreedBoost: nonNeg,
    prereqPenalty: unit,
    maxRollsPerRound: count,
    maxLevel: positive,
    breakthroughLevels: positive,
    prereq: z.partialRecord(
      z.enum(UPGRADE_TYPES),
      z.union([z.strictObject({ all: z.partialRecord(z.enum(["P", "Q", "F", "X"]), nonNeg) }), z.strictObject({ any: z.partialRecord(z.enum(["P", "Q", "F", "X"]), nonNeg) })]),
    ),
  }),
});

const nodeSchema = z.strictObject({
  id,
  name: localizedSchema,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  kind: z.enum(["cluster-home", "border-park", "sez", "border-zone", "twin-park", "host-park", "hub-park", "port-park", "green-park", "port", "rail-terminus", "hub", "host-city", "transit", "chokepoint", "waypoint"]),
  /** ISO 3166 alpha-3 of the country the node lies in, or "SEA" for a sea waypoint. */
  country: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 code or SEA"),
  coordSource: z.strictObject({ tag: sourceTag, source: z.string().min(1) }),
});

const corridorSchema = z.strictObject({
  id,
  name: localizedSchema,
  /** Official BRI corridor, the Maritime Silk Road, or the domestic feeder network. */
  kind: z.enum(["land", "maritime", "domestic"]),
  mode: z.enum(MODES),
  /** Node sequences: the trunk first, then branches and spurs. Each consecutive pair is an edge. */
  paths: z.array(z.array(id).min(2)).min(1),
  source: z.strictObject({ tag: sourceTag, source: z.string().min(1) }),
});

const edgeOverrideSchema = z.strictObject({ from: id, to: id, km: positive.optional(), risk: unit.optional(), level: count.optional() });

const hostSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 code"),
  name: localizedSchema,
  population: sourced(positive),
  gdp: sourced(positive),
  wageIndex: sourced(positive),
  lpi: sourced(z.number().min(1).max(5)),
  /** Node where the host's market is reached (its main city or port). */
  marketNode: id,
  industrialisation: sourced(z.number().min(0).max(100)),
});

const sectorSchema = z.strictObject({
  id,
  name: localizedSchema,
  C: unit,
  D: unit,
  e: nonNeg,
  P0: positive,
  cnDemandTrend: z.number().min(-1).max(1),
  infraLinked: z.boolean(),
  transportMult: positive,
  d0: nonNeg,
  defaultChain: z.enum(LINK_GOVERNANCES),
  heavy: z.boolean(),
  /** The higher-value chain a cluster of this sector can open a line in (chain upgrading, 5.6). */
  upgradeTo: id.optional(),
  /** Chinese demand when no cluster starts in the sector (the targets of chain upgrading). */
  cnDemand: nonNeg.optional(),
});

const linkSchema = z.strictObject({ leadFirm: id, share: unit, governance: z.enum(LINK_GOVERNANCES) });

const clusterSchema = z.strictObject({
  id,
  name: localizedSchema,
  sector: id,
  homeNode: id,
  blocks: byStage(count),
  capabilities: z.strictObject({ P: z.number().min(0).max(10), Q: z.number().min(0).max(10), F: z.number().min(0).max(10), X: z.number().min(0).max(10) }),
  money: z.number(),
  reputation: z.number().min(0).max(100),
  stance: z.enum(STANCES),
  links: z.array(linkSchema),
  note: localizedSchema.optional(),
});

const leadFirmSchema = z.strictObject({
  id,
  name: localizedSchema,
  sectors: z.array(id).min(1),
  strategy: z.enum(["gatekeeper", "partner"]),
  /** M units demanded from supplier clusters per round, by sector. */
  orders: z.record(id, nonNeg),
  money: z.number(),
  note: localizedSchema.optional(),
});

const parkSchema = z.strictObject({
  id,
  name: localizedSchema,
  node: id,
  /** Host country id, or CHN for a park inside China. */
  country: z.string().regex(/^[A-Z]{3}$/),
  corridors: z.array(id).min(1),
  level: z.number().int().min(0).max(3),
  twin: id.nullable(),
  green: z.boolean(),
  source: z.strictObject({ tag: sourceTag, source: z.string().min(1) }),
});

const marketSchema = z.strictObject({
  id,
  name: localizedSchema,
  /** china: demand set from Chinese capacity; lead: lead-firm export demand; world: GDP-based. */
  kind: z.enum(["china", "lead", "world"]),
  nodes: z.array(id).min(1),
  gdp: positive.optional(),
  accessCost: nonNeg,
  backgroundSupply: nonNeg,
});

// ---- Random events (GAME-RULES 5.13): the card catalogue, every number as data.

/** Which corridor edges an effect hits. Each listed criterion must hold; within a list, any entry will do. */
export const edgeMatchSchema = z.strictObject({
  /** The edge lies on one of these corridors. */
  corridors: z.array(id).min(1).optional(),
  /** One end of the edge lies in one of these countries (ISO alpha-3, or SEA for a sea waypoint). */
  countries: z.array(z.string().regex(/^[A-Z]{3}$/)).min(1).optional(),
  /** One end of the edge is one of these nodes. */
  nodes: z.array(id).min(1).optional(),
  modes: z.array(z.enum(MODES)).min(1).optional(),
  /** At least one end lies outside China. */
  abroad: z.boolean().optional(),
});

/** Rounds an effect lasts when shorter than its card (a pandemic's capacity cut lasts 1 of its 2 rounds). */
const effectRounds = z.number().int().min(1).optional();

export const eventEffectSchema = z.discriminatedUnion("kind", [
  /**
   * Demand x mult while active: everywhere ("all"), in the card's target (a sector everywhere, or a
   * host's whole market) or in listed sectors; `markets` (market or host ids) narrows "all" and "sectors".
   */
  z.strictObject({ kind: z.literal("demand"), scope: z.enum(["all", "target", "sectors"]), sectors: z.array(id).min(1).optional(), markets: z.array(id).min(1).optional(), mult: positive, rounds: effectRounds }),
  /** Price x (1 + change), or x (1 - change), or either with the sign drawn when the card starts. */
  z.strictObject({ kind: z.literal("price"), scope: z.enum(["target", "sectors"]), sectors: z.array(id).min(1).optional(), change: unit, sign: z.enum(["up", "down", "random"]), rounds: effectRounds }),
  /** Transport cost x mult on the matching edges (the card's target edge without `match`). */
  z.strictObject({ kind: z.literal("edgeCost"), match: edgeMatchSchema.optional(), mult: positive, rounds: effectRounds }),
  /** Capacity x mult on the matching edges, divided back out when the effect ends. */
  z.strictObject({ kind: z.literal("edgeCapacity"), match: edgeMatchSchema.optional(), mult: positive, rounds: effectRounds }),
  /** The target edge is closed. */
  z.strictObject({ kind: z.literal("edgeClosed"), rounds: effectRounds }),
  /** Risk + add on the matching edges; taken back at the end unless permanent. */
  z.strictObject({ kind: z.literal("edgeRisk"), match: edgeMatchSchema.optional(), add: z.number(), permanent: z.boolean(), rounds: effectRounds }),
  /** Shift of complexity C and codifiability D (5.5) for the target sector, listed sectors or all; taken back at the end if temporary. */
  z.strictObject({ kind: z.literal("sectorShift"), scope: z.enum(["target", "sectors", "all"]), sectors: z.array(id).min(1).optional(), C: z.number().min(-1).max(1), D: z.number().min(-1).max(1), temporary: z.boolean(), rounds: effectRounds }),
  /** The target host's wage index x mult, once (a lasting devaluation). */
  z.strictObject({ kind: z.literal("hostWage"), mult: positive }),
  /** The target host's political capital set to `set`, once. */
  z.strictObject({ kind: z.literal("hostPC"), set: nonNeg }),
  /** The target host's approval + add, once. */
  z.strictObject({ kind: z.literal("hostApproval"), add: z.number() }),
  /** The target host may not invest in infrastructure (its debt-distress flag holds) while active. */
  z.strictObject({ kind: z.literal("infraFrozen"), rounds: effectRounds }),
  /** Open contracts with the target host may be reopened without breach while active. */
  z.strictObject({ kind: z.literal("contractsRenegotiable"), rounds: effectRounds }),
  /** China's wage index x mult, once (a lasting step up). */
  z.strictObject({ kind: z.literal("chinaWage"), mult: positive }),
  /** Sales to `market` of the listed sectors pay perEmission x the emission factor of the plant, per unit. */
  z.strictObject({ kind: z.literal("carbonTax"), sectors: z.array(id).min(1), perEmission: nonNeg, market: id, rounds: effectRounds }),
  /** Green retrofits (A8) and eco-park costs x mult while active. */
  z.strictObject({ kind: z.literal("greenDiscount"), mult: positive, rounds: effectRounds }),
  /** Idle heavy-industry M blocks in China pay perBlock while active (the 去产能 push). */
  z.strictObject({ kind: z.literal("idleHeavyPenalty"), perBlock: nonNeg, rounds: effectRounds }),
  /** The target lead firm moves orderShift of its orders away from Chinese suppliers, preferring these hosts. */
  z.strictObject({ kind: z.literal("chinaPlusOne"), orderShift: unit, preferHosts: z.array(z.string().regex(/^[A-Z]{3}$/)), rounds: effectRounds }),
]);

/** What a card hits, and which ids are eligible (all of that kind when `ids` is absent). */
export const eventTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("sector"), ids: z.array(id).min(1).optional() }),
  z.strictObject({ kind: z.literal("host"), ids: z.array(id).min(1).optional() }),
  z.strictObject({ kind: z.literal("edge"), ids: z.array(z.string().min(1)).min(1).optional(), match: edgeMatchSchema.optional() }),
  /** `aiOnly`: only lead firms no human plays. */
  z.strictObject({ kind: z.literal("leadFirm"), ids: z.array(id).min(1).optional(), aiOnly: z.boolean().optional() }),
]);

/** A card that can only occur while something holds; its probability applies then. */
export const eventConditionSchema = z.discriminatedUnion("kind", [
  /** Some host's debt / GDP (in credits) is above value; only such hosts are eligible targets. */
  z.strictObject({ kind: z.literal("debtRatioAbove"), value: nonNeg }),
]);

export const eventCardSchema = z.strictObject({
  id,
  name: localizedSchema,
  /** The one-line theory note of 5.13, as a sentence a student understands. */
  theoryNote: localizedSchema,
  /** Chance per round (for a conditional card: per round while its condition holds). */
  probability: unit,
  /** Rounds the card stays in play, the round it starts included. */
  duration: z.number().int().min(1),
  oncePerGame: z.boolean(),
  condition: eventConditionSchema.optional(),
  target: eventTargetSchema,
  effects: z.array(eventEffectSchema).min(1),
  /** Where the card comes from (5.13 row) and any reading the engine made of it. */
  note: z.string().optional(),
});

export const scenarioSchema = z.strictObject({
  format: z.literal("bri-gvc-scenario"),
  id,
  version: z.string().min(1),
  name: localizedSchema,
  description: localizedSchema,
  parameters: parametersSchema,
  sectors: z.array(sectorSchema).min(1),
  nodes: z.array(nodeSchema).min(2),
  corridors: z.array(corridorSchema).min(1),
  edgeOverrides: z.array(edgeOverrideSchema),
  hosts: z.array(hostSchema).min(1),
  markets: z.array(marketSchema),
  parks: z.array(parkSchema),
  clusters: z.array(clusterSchema).min(1),
  leadFirms: z.array(leadFirmSchema),
  eventCards: z.array(eventCardSchema),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Parameters = z.infer<typeof parametersSchema>;
export type SectorSpec = z.infer<typeof sectorSchema>;
export type NodeSpec = z.infer<typeof nodeSchema>;
export type CorridorSpec = z.infer<typeof corridorSchema>;
export type HostSpec = z.infer<typeof hostSchema>;
export type ClusterSpec = z.infer<typeof clusterSchema>;
export type LeadFirmSpec = z.infer<typeof leadFirmSchema>;
export type ParkSpec = z.infer<typeof parkSchema>;
export type MarketSpec = z.infer<typeof marketSchema>;
export type EventCard = z.infer<typeof eventCardSchema>;
export type EventEffect = z.infer<typeof eventEffectSchema>;
export type EdgeMatch = z.infer<typeof edgeMatchSchema>;
export type StageSpec = z.infer<typeof stageSpec>;
export { STAGES };
