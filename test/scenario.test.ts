/**
 * The default scenario (assets/scenarios/belt-and-road.json) against GAME-RULES sections 3, 4, 5 and 6,
 * and the refusals of the scenario checker (shared/scenario/load.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenario, edgeKey, type ScenarioIssue } from "../shared/scenario/load.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { isVerifiedTag } from "../shared/types.ts";

const SCENARIO_FILE = new URL("../assets/scenarios/belt-and-road.json", import.meta.url);
const readRaw = (): unknown => JSON.parse(readFileSync(SCENARIO_FILE, "utf8"));

function loadDefault(): Scenario {
  const result = loadScenario(readRaw());
  if (!result.ok) throw new Error(`default scenario refused:\n${result.error.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
  return result.value;
}

const scenario = loadDefault();

function get<T>(items: ReadonlyArray<T>, pick: (item: T) => boolean, what: string): T {
  const found = items.find(pick);
  if (found === undefined) throw new Error(`missing ${what}`);
  return found;
}

/** Undirected adjacency over every corridor path edge. */
function adjacency(s: Scenario): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = adj.get(a) ?? new Set<string>();
    set.add(b);
    adj.set(a, set);
  };
  for (const corridor of s.corridors) {
    for (const path of corridor.paths) {
      for (let i = 1; i < path.length; i++) {
        const a = path[i - 1] as string;
        const b = path[i] as string;
        link(a, b);
        link(b, a);
      }
    }
  }
  return adj;
}

function reachable(adj: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const n of adj.get(next) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

// ------------------------------------------------------------------------------------------------
// GAME-RULES section 3: every row of the host table. lpi is the LPI 2023 overall score where the
// table gives one with a source, else null (the figure is missing or marked [M]/[G]).
type Role = "reference" | "hub" | "host";
interface Section3Row {
  country: string;
  iso3: string;
  role: Role;
  population: number;
  gdp: number;
  gdppc: number;
  lpi: number | null;
  gameWage: number | null;
  wageOverride: boolean;
}
const SECTION_3: ReadonlyArray<Section3Row> = [
  { country: "China", iso3: "CHN", role: "reference", population: 1411, gdp: 17795, gdppc: 12614, lpi: null, gameWage: 1.0, wageOverride: false },
  { country: "Kazakhstan", iso3: "KAZ", role: "host", population: 20.3, gdp: 261, gdppc: 12859, lpi: 2.7, gameWage: 0.6, wageOverride: true },
  { country: "Russia", iso3: "RUS", role: "host", population: 143.8, gdp: 2021, gdppc: 14055, lpi: 2.6, gameWage: 0.7, wageOverride: true },
  { country: "Malaysia", iso3: "MYS", role: "host", population: 35.1, gdp: 400, gdppc: 11377, lpi: 3.6, gameWage: 0.85, wageOverride: true },
  { country: "Serbia", iso3: "SRB", role: "host", population: 6.6, gdp: 75, gdppc: 11352, lpi: null, gameWage: 0.8, wageOverride: true },
  { country: "Mongolia", iso3: "MNG", role: "host", population: 3.5, gdp: 20, gdppc: 5709, lpi: 2.5, gameWage: 0.35, wageOverride: true },
  { country: "Indonesia", iso3: "IDN", role: "host", population: 281.2, gdp: 1371, gdppc: 4876, lpi: 3.0, gameWage: 0.39, wageOverride: false },
  { country: "Vietnam", iso3: "VNM", role: "host", population: 100.4, gdp: 430, gdppc: 4282, lpi: 3.3, gameWage: 0.34, wageOverride: false },
  { country: "Egypt", iso3: "EGY", role: "host", population: 114.5, gdp: 396, gdppc: 3457, lpi: 3.1, gameWage: 0.27, wageOverride: false },
  { country: "Uzbekistan", iso3: "UZB", role: "host", population: 35.7, gdp: 91, gdppc: 2549, lpi: 2.6, gameWage: 0.2, wageOverride: false },
  { country: "Bangladesh", iso3: "BGD", role: "host", population: 171.5, gdp: 437, gdppc: 2551, lpi: 2.6, gameWage: 0.2, wageOverride: false },
  { country: "Pakistan", iso3: "PAK", role: "host", population: 247.5, gdp: 338, gdppc: 1367, lpi: null, gameWage: 0.11, wageOverride: false },
  { country: "Ethiopia", iso3: "ETH", role: "host", population: 128.7, gdp: 164, gdppc: 1272, lpi: null, gameWage: 0.1, wageOverride: false },
  { country: "Myanmar", iso3: "MMR", role: "host", population: 54.1, gdp: 65, gdppc: 1197, lpi: null, gameWage: 0.09, wageOverride: false },
  { country: "Sri Lanka", iso3: "LKA", role: "host", population: 22.0, gdp: 84, gdppc: 3828, lpi: null, gameWage: 0.3, wageOverride: false },
  { country: "Kenya", iso3: "KEN", role: "host", population: 55.3, gdp: 107, gdppc: 1941, lpi: null, gameWage: 0.15, wageOverride: false },
  { country: "Djibouti", iso3: "DJI", role: "host", population: 1.2, gdp: 4.1, gdppc: 3555, lpi: null, gameWage: 0.28, wageOverride: false },
  { country: "Greece", iso3: "GRC", role: "hub", population: 10.4, gdp: 238, gdppc: 22888, lpi: null, gameWage: null, wageOverride: false },
  { country: "Thailand", iso3: "THA", role: "host", population: 71.7, gdp: 515, gdppc: 7182, lpi: null, gameWage: 0.57, wageOverride: false },
  { country: "Lao PDR", iso3: "LAO", role: "host", population: 7.7, gdp: 16, gdppc: 2067, lpi: null, gameWage: 0.16, wageOverride: false },
  { country: "Cambodia", iso3: "KHM", role: "host", population: 17.4, gdp: 32, gdppc: 1824, lpi: null, gameWage: 0.14, wageOverride: false },
  { country: "Singapore", iso3: "SGP", role: "hub", population: 5.9, gdp: 501, gdppc: 84734, lpi: 4.3, gameWage: null, wageOverride: false },
];
const CHINA_GDPPC = 12614;
/** LPI figures GAME-RULES gives only as [G] game values; the scenario must use exactly these. */
const GAME_LPI: Readonly<Record<string, number>> = { PAK: 2.6, ETH: 2.3, MMR: 2.2 };

// ------------------------------------------------------------------------------------------------
// GAME-RULES section 4: the node table, the Chinese cluster home nodes and the polyline waypoints.
const SECTION_4_NODES: Readonly<Record<string, readonly [number, number]>> = {
  khorgos: [44.23, 80.48], astana: [51.17, 71.43], manzhouli: [49.6, 117.43], erenhot: [43.65, 111.98],
  suifenhe: [44.4, 131.15], yanji: [42.9, 129.51], qinzhou: [21.95, 108.62], kuantan: [3.97, 103.4],
  morowali: [-2.83, 122.16], jakarta: [-6.3, 107.1], jurong: [1.33, 103.7], gwadar: [25.13, 62.32],
  ningbo: [29.87, 121.54], piraeus: [37.94, 23.64], colombo: [6.93, 79.85], hambantota: [6.12, 81.11],
  mombasa: [-4.04, 39.67], djibouti: [11.6, 43.1], duisburg: [51.43, 6.76], rotterdam: [51.92, 4.48],
  lianyungang: [34.6, 119.22], kashgar: [39.47, 75.99], alashankou: [45.17, 82.57], kunming: [25.04, 102.71],
  nanning: [22.82, 108.32], hanoi: [21.03, 105.85], ulaanbaatar: [47.92, 106.92], chita: [52.03, 113.5],
  moscow: [55.76, 37.62], minsk: [53.9, 27.57], tashkent: [41.3, 69.24], tehran: [35.69, 51.39],
  istanbul: [41.01, 28.98], dhaka: [23.81, 90.41], chittagong: [22.33, 91.83], mandalay: [21.97, 96.08],
  kyaukphyu: [19.43, 93.55], addis: [8.85, 38.9], cairo_suez: [29.6, 32.3], belgrade: [44.79, 20.45],
  malacca: [2.5, 101.5], babelmandeb: [12.6, 43.3], suez: [29.97, 32.55],
  // cluster home nodes
  tangshan: [39.63, 118.18], zouping: [36.87, 117.74], shahe: [36.86, 114.5], wuhu: [31.33, 118.38],
  nantong: [32.0, 120.9], shaoxing: [30.0, 120.6], jinjiang: [24.78, 118.55], shenzhen_dongguan: [22.6, 114.0],
  wuxi: [31.5, 120.3], chongqing: [29.56, 106.55], yiwu: [29.31, 120.08],
  // corridor polyline waypoints
  zhengzhou: [34.75, 113.63], xian: [34.34, 108.94], urumqi: [43.83, 87.62], brest: [52.1, 23.7],
  beijing: [39.9, 116.4], hohhot: [40.84, 111.75], ulan_ude: [51.83, 107.58], dalian: [38.91, 121.6],
  harbin: [45.8, 126.53], vladivostok: [43.12, 131.89], almaty: [43.24, 76.95], samarkand: [39.65, 66.96],
  guangzhou: [23.13, 113.26], pingxiang: [22.1, 106.76], vientiane: [17.97, 102.6], bangkok: [13.76, 100.5],
  kuala_lumpur: [3.14, 101.69], khunjerab: [36.85, 75.43], islamabad: [33.68, 73.05], karachi: [24.86, 67.01],
  kolkata: [22.57, 88.36], shanghai: [31.23, 121.47], xiamen: [24.48, 118.09], shenzhen: [22.54, 114.06],
  haiphong: [20.86, 106.68], male: [4.18, 73.51], manila: [14.6, 120.98], port_moresby: [-9.44, 147.18],
  suva: [-18.14, 178.44],
};
const VERIFIED_COORDS = new Set(["khorgos", "gwadar"]);

const HOME_NODES = ["tangshan", "zouping", "shahe", "wuhu", "nantong", "shaoxing", "jinjiang", "shenzhen_dongguan", "wuxi", "chongqing", "yiwu"];
const CHINESE_ORIGINS = [
  "beijing", "dalian", "lianyungang", "zhengzhou", "xian", "urumqi", "kashgar", "kunming", "nanning", "guangzhou", "shanghai",
  "ningbo", "xiamen", "shenzhen", "qinzhou", "erenhot", "manzhouli", "suifenhe", "yanji", "alashankou",
];

// ------------------------------------------------------------------------------------------------
// GAME-RULES section 6, verbatim.
const SECTION_6 = {
  rounds: { short: 6, long: 10, yearsPerRound: 2, startYear: 2014 },
  ap: { cluster: 3, host: 3, lead: 2, parkL3Bonus: 1 },
  stages: {
    U2: { x: -2, v: 2.6, fixed: 6, labour: 8, skill: true },
    U1: { x: -1, v: 1.6, fixed: 5, labour: 4 },
    M: { x: 0, v: 1.0, fixed: 3, labour: 4 },
    D1: { x: 1, v: 1.4, fixed: 4, labour: 4 },
    D2: { x: 2, v: 2.8, fixed: 5, labour: 8, skill: true },
  },
  gov: {
    theta: 0.5, hyst: 0.05, kC: 0.5, k0: 0.25,
    sigma: { MARKET: 1.0, MODULAR: 0.9, RELATIONAL: 0.85, CAPTIVE: 0.7, HIERARCHY: 0.5, OWN: 1.0 },
    utilFloor: { MARKET: 0, MODULAR: 0.6, RELATIONAL: 0.8, CAPTIVE: 0.9, HIERARCHY: 1.0, OWN: 0 },
    switchCost: { MARKET: 0, MODULAR: 0.05, RELATIONAL: 0.15, CAPTIVE: 0.2 },
    entry: { networkMinR: 60, relationalTrustRounds: 2, marketDiffMinR: 70, marketDiffMinF: 4 },
    lockinPenalty: 0.08, lockinMax: 5,
  },
  upgrade: {
    base: { PROC: 0.6, PROD: 0.5, FUNC: 0.3, CHAIN: 0.25 },
    iref: { PROC: 10, PROD: 15, FUNC: 25, CHAIN: 30 },
    G: {
      MARKET: [0.8, 0.8, 1.2, 1.0], MODULAR: [1.1, 1.1, 1.0, 1.1], RELATIONAL: [1.1, 1.2, 1.1, 1.0],
      CAPTIVE: [1.4, 1.3, 0.3, 0.6], HIERARCHY: [1.3, 1.0, 0.1, 0.3], OWN: [0.6, 0.8, 1.4, 1.1],
    },
    levelDecay: 0.06, parkBonusPerLevel: 0.1, freedPerBlock: 4, freedDecay: 0.25,
    failXP: 0.25, critDiv: 4, pMin: 0.05, pMax: 0.95,
  },
  learning: {
    lambdaP: { MARKET: 0.05, MODULAR: 0.15, RELATIONAL: 0.3, CAPTIVE: 0.45, HIERARCHY: 0.5, OWN: 0 },
    lambdaQ: { MARKET: 0.05, MODULAR: 0.15, RELATIONAL: 0.35, CAPTIVE: 0.4, HIERARCHY: 0.4, OWN: 0 },
    leadCap: 9, activeMult: 2,
  },
  stance: {
    low: { cost: 0.85, emis: 1.5, rep: -3, learn: 0.7, upg: 0.8 },
    neutral: { cost: 1.0, emis: 1.0, rep: 0, learn: 1.0, upg: 1.0 },
    high: { cost: 1.1, emis: 0.8, rep: 2, learn: 1.2, upg: 1.15 },
  },
  wages: { cnGrowth: 0.06, cnSkillGrowth: 0.03, hostGrowth: 0.03, trainingBump: 0.02 },
  transfer: {
    relocBase: 8, parkDisc: 0.3, sezDisc: 0.2, rampUp: 0.7, jvSigma: 0.9, jvAbsorb: 1.5,
    lcrCostSlope: 0.4, gradientSweet: [0.2, 0.5], gradientBonus: 1.2, gradientPenalty: 0.7,
  },
  host: {
    jobsPerBlock: { M: 1.0, U1: 0.6, D1: 0.6, U2: 0.3, D2: 0.3 }, zPerBlock: { M: 0.8, U1: 1.5 },
    kAbsorb: 0.05, taxRate: 0.15, pcRegen: 2, approvalStart: 60, debtDistress: 0.6,
  },
  park: { build: [30, 30, 45], spillover: 0.1, hostA: 0.02, corridorSpill: 0.05, twinBonus: 0.1, greenDisc: 0.5 },
  market: { elasticity: 0.7, priceClamp: [0.5, 1.3], cementTransportMult: 2, lowRoadErosion: 0.03, lowRoadCrowd: 3 },
  pollution: { decay: 0.05, envMult: { low: 1.0, med: 0.8, high: 0.5 }, greenMult: 0.6, greenCostPerBlock: 5, capFactor: 1.5 },
  score: {
    vaDiv: 10, smileW: 100, repW: 0.5, partnerZW: 2, emisW: 0.5, immiserPenalty: 10,
    winwinThreshold: 0.7, winwinMult: 1.1, hostZTarget: 15, clusterSTarget: 0.45,
  },
  events: { perRound: 2 },
};

/** The extension groups the brief fixes (numbers from the prose of GAME-RULES sections 3 to 5). */
const EXTENSIONS = {
  derived: { lpiFloor: 1, lpiSpan: 4, a0Base: 0.15, a0Infra: 0.45, a0Gdp: 0.15, a0Min: 0.1, a0Max: 0.9 },
  china: { wage: 1.0, skillWage: 1.0, infra: 0.7, env: "low", startUtilisation: 0.75 },
  production: {
    processCostCut: 0.03, qualityBase: 1, qualityPerQ: 0.04, infraPenaltySlope: 0.5, envCost: { low: 1.0, med: 1.05, high: 1.15 },
    idleMaintenance: 0.5, phiBase: 0.7, phiA: 0.3,
    endStageShare: {
      U2: { MARKET: 0, MODULAR: 0.5, RELATIONAL: 1, CAPTIVE: 0, HIERARCHY: 0, OWN: 1 },
      D2: { MARKET: 0, MODULAR: 0, RELATIONAL: 0, CAPTIVE: 0, HIERARCHY: 0, OWN: 1 },
    },
    brandRent: 0.3,
  },
  trade: {
    costPer1000km: { sea: 0.12, rail: 0.35, road: 0.6 }, detour: { sea: 1.25, rail: 1.2, road: 1.25 }, capacity: { sea: 60, rail: 20, road: 12 },
    levelCostCut: 0.15, levelCapacity: 0.3, maxLevel: 3, domesticHaul: 0.2, hostBackgroundSupply: 0.9, tariffLevels: [0, 0.1, 0.25], lcrLevels: [0, 0.3, 0.5],
  },
  hostRules: {
    startPC: 10, maxPC: 20, pcApprovalDiv: 25, pcApprovalPivot: 50, startBudget: 30, gdpCreditsPerBn: 0.25, kHostStart: 2, infraStep: 0.05,
    infraDemandBoost: 0.25, infraBoostRounds: 2, trainingA: 0.05, absorbBlocks: 5, absorbGain: 0.01, lcrZMult: 1.3,
    lcrKHostMin: 4, sezTaxHolidayRounds: 2, approvalPerJob: 0.5, approvalPerE: 0.3, approvalEThreshold: 30, approvalDebtDistress: 10,
    approvalEnclave: 5, enclaveShare: 0.5, approvalPerTariff10: 1, debtInterest: 0.05, jobsParkMult: 1.1, gradientPenaltyBelow: 0.1, gradientPenaltyAbove: 0.6,
  },
  finance: { loanMax: 40, loanRate: 0.05, loanMinR: 40, scrapSubsidy: 3, restructureRep: 20, restructurePenalty: 10 },
  contracts: { breachRep: 15, breachPenalty: 10, maxOpenOffersPerSeat: 5, maxRounds: 5 },
  reputation: { min: 0, max: 100 },
  costs: {
    A1: { ap: 1 }, A2: { ap: 0 }, A3: { ap: 1 }, A4: { ap: 1, money: 5 }, A5: { ap: 1 }, A6: { ap: 1 }, A7: { ap: 1, money: 10 }, A8: { ap: 1 },
    A9: { ap: 1 }, A10: { ap: 1, money: 12 }, A11: { ap: 0 }, A12: { ap: 0 },
    H1: { ap: 1, pc: 2 }, H2: { ap: 1, pc: 2 }, H3: { ap: 1, pc: 1, money: 20 }, H4: { ap: 1, pc: 1, money: 10 }, H5: { ap: 1, pc: 2 },
    H6: { ap: 1, pc: 3 }, H7: { ap: 1, pc: 1 }, H8: { ap: 1, pc: 2, money: 15 }, H9: { ap: 1, pc: 2 },
    L1: { ap: 1 }, L2: { ap: 1, money: 5 }, L3: { ap: 1 }, L4: { ap: 1 }, L5: { ap: 1 },
  },
  leadScore: { profitDiv: 10, perControlledSupplier: 5, marketShareW: 10 },
  hostScore: { zW: 2, jobsW: 1, aW: 100, taxW: 0.5, approvalW: 0.3, eThreshold: 40, debtDistressPenalty: 20 },
  chainRules: { blockValue: 8, minX: 3, lineBase: 30, linePerBlock: 8, lineSkill: 0.6, lineLearn: 0.1 },
  brandRules: { minQ: 4, step: 0.1, capPerF: 0.1, max: 0.4, lockinCut: 2, twinBonus: 0.05 },
  leadRules: { barrierStep: 0.15, barrierMax: 0.3, standardStep: 0.1, standardCCut: 0.05, chinaPlusOneCost: 0.85, integrateBlocks: 3 },
  parkRules: { successRep: 5, ecoRep: 2, corridorEdges: 2 },
  sustainability: { incidentE: 60, incidentRep: 10, immiserRounds: 3, crisisVA: 0.9, crisisEnvFloor: "med" },
  upgradeRules: {
    freedNorm: 20, funcFreedBoost: 0.5, prereqPenalty: 0.5, maxRollsPerRound: 2, maxLevel: 10, breakthroughLevels: 2,
    prereq: { FUNC: { all: { P: 4, Q: 4 } }, CHAIN: { any: { F: 3, Q: 6 } } },
  },
};

// ------------------------------------------------------------------------------------------------
describe("default scenario: shape", () => {
  it("loads through the reference checker", () => {
    const result = loadScenario(readRaw());
    expect(result.ok).toBe(true);
    expect(scenario.format).toBe("bri-gvc-scenario");
    expect(scenario.id).toBe("belt-and-road");
    expect(scenario.version).toBe("1.0.0");
  });

  it("has at least 32 seats, 11 clusters at distinct home nodes covering all 10 sectors of 5.2", () => {
    expect(scenario.clusters.length + scenario.hosts.length + scenario.leadFirms.length).toBeGreaterThanOrEqual(32);
    expect(scenario.clusters).toHaveLength(11);
    expect(new Set(scenario.clusters.map((c) => c.homeNode))).toEqual(new Set(HOME_NODES));
    // The ten sectors of 5.2, plus the five higher-value chains of 5.6 that chain upgrading opens.
    expect(scenario.sectors.filter((s) => s.cnDemand === undefined).map((s) => s.id).sort()).toEqual(
      ["aluminium", "apparel", "autoparts", "cement", "electronics", "footwear", "glass", "pv", "ships", "steel"],
    );
    expect(scenario.sectors.filter((s) => s.upgradeTo !== undefined).map((s) => [s.id, s.upgradeTo])).toEqual([
      ["steel", "special_steel"],
      ["aluminium", "alloy_parts"],
      ["glass", "pv_glass"],
      ["ships", "offshore"],
      ["apparel", "technical_textiles"],
    ]);
    expect(new Set(scenario.clusters.map((c) => c.sector)).size).toBe(10);
  });

  it("has no hub or reference country as a host", () => {
    const ids = scenario.hosts.map((h) => h.id);
    for (const hub of ["SGP", "GRC", "CHN"]) expect(ids).not.toContain(hub);
  });

  it("has no two clusters identical apart from id and name", () => {
    const profiles = scenario.clusters.map(({ id: _id, name: _name, note: _note, ...rest }) => JSON.stringify(rest));
    expect(new Set(profiles).size).toBe(profiles.length);
  });

  it("gives English and Chinese names everywhere", () => {
    const named = [...scenario.sectors, ...scenario.nodes, ...scenario.corridors, ...scenario.hosts, ...scenario.markets, ...scenario.parks, ...scenario.clusters, ...scenario.leadFirms];
    for (const item of named) {
      expect(item.name.en.trim(), item.id).not.toBe("");
      expect(item.name.zh, item.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("default scenario: hosts (GAME-RULES section 3)", () => {
  const hostRows = SECTION_3.filter((row) => row.role === "host");

  it("lists the 19 transfer hosts of section 3 and nothing else", () => {
    expect(hostRows).toHaveLength(19);
    expect(scenario.hosts.map((h) => h.id).sort()).toEqual(hostRows.map((row) => row.iso3).sort());
  });

  it.each(hostRows)("$country carries the section 3 figures with a source and a tag", (row) => {
    const h = get(scenario.hosts, (x) => x.id === row.iso3, `host ${row.iso3}`);
    expect(h.population.value).toBe(row.population);
    expect(h.gdp.value).toBe(row.gdp);
    for (const figure of [h.population, h.gdp, h.wageIndex, h.lpi, h.industrialisation]) {
      expect(figure.source.trim()).not.toBe("");
      expect(["S", "V", "D", "M", "G"]).toContain(figure.tag);
    }
    expect(h.population.tag).toBe("D");
    expect(h.population.source).toMatch(/SP\.POP\.TOTL/);
    expect(h.gdp.tag).toBe("D");
    expect(h.gdp.source).toMatch(/NY\.GDP\.MKTP\.CD/);

    // LPI: verified only where the table gives the 2023 score with a source.
    if (row.lpi === null) {
      expect(["M", "G"]).toContain(h.lpi.tag);
      expect(isVerifiedTag(h.lpi.tag)).toBe(false);
      expect(h.lpi.note ?? "").not.toBe("");
    } else {
      expect(h.lpi.value).toBe(row.lpi);
      expect(h.lpi.tag).toBe("V");
    }
    const gameLpi = GAME_LPI[row.iso3];
    if (gameLpi !== undefined) {
      expect(h.lpi.value).toBe(gameLpi);
      expect(h.lpi.tag).toBe("G");
    }

    // Wage index: the suggested game column; G where it overrides the GDPpc index, else D.
    expect(h.wageIndex.value).toBe(row.gameWage);
    if (row.wageOverride) {
      expect(h.wageIndex.tag).toBe("G");
    } else {
      expect(h.wageIndex.tag).toBe("D");
      expect(h.wageIndex.source).toBe("GDP per capita relative to China (WDI 2023)");
      expect(Math.abs(h.wageIndex.value - row.gdppc / CHINA_GDPPC)).toBeLessThan(0.01);
    }

    // Industrialisation Z0 is a design choice in 20..60.
    expect(h.industrialisation.tag).toBe("G");
    expect(h.industrialisation.value).toBeGreaterThanOrEqual(20);
    expect(h.industrialisation.value).toBeLessThanOrEqual(60);
  });

  it("tags the LPI figures GAME-RULES leaves unverified as M or G", () => {
    for (const iso3 of ["PAK", "ETH", "MMR", "SRB", "LKA", "KEN", "DJI", "THA", "LAO", "KHM"]) {
      const h = get(scenario.hosts, (x) => x.id === iso3, `host ${iso3}`);
      expect(["M", "G"], iso3).toContain(h.lpi.tag);
    }
    expect(get(scenario.hosts, (x) => x.id === "PAK", "PAK").lpi.note).toMatch(/2\.92/);
    expect(get(scenario.hosts, (x) => x.id === "ETH", "ETH").lpi.note).toMatch(/2\.38/);
    expect(get(scenario.hosts, (x) => x.id === "THA", "THA").lpi.note).toMatch(/rank 34/);
  });

  it("puts every host market on one of its own nodes", () => {
    const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
    for (const h of scenario.hosts) expect(nodes.get(h.marketNode)?.country, h.id).toBe(h.id);
  });
});

describe("default scenario: map (GAME-RULES section 4)", () => {
  it.each(Object.entries(SECTION_4_NODES))("node %s is present within 0.15° of GAME-RULES", (id, [lat, lon]) => {
    const n = get(scenario.nodes, (x) => x.id === id, `node ${id}`);
    expect(Math.abs(n.lat - lat)).toBeLessThanOrEqual(0.15);
    expect(Math.abs(n.lon - lon)).toBeLessThanOrEqual(0.15);
    expect(n.coordSource.source.trim()).not.toBe("");
    expect(n.coordSource.tag).toBe(VERIFIED_COORDS.has(id) ? "V" : "M");
  });

  it("gives every host at least one node and Chinese home nodes the country CHN", () => {
    for (const h of scenario.hosts) expect(scenario.nodes.some((n) => n.country === h.id), h.id).toBe(true);
    for (const id of HOME_NODES) expect(get(scenario.nodes, (n) => n.id === id, id).country).toBe("CHN");
    expect(get(scenario.nodes, (n) => n.id === "khorgos", "khorgos").country).toBe("KAZ");
    expect(get(scenario.nodes, (n) => n.id === "suez", "suez").country).toBe("EGY");
    expect(get(scenario.nodes, (n) => n.id === "malacca", "malacca").country).toBe("SEA");
  });

  it("has the six corridors, the two MSR routes and one domestic network, each with a source", () => {
    const byId = new Map(scenario.corridors.map((c) => [c.id, c]));
    const expected: Array<[string, string, string]> = [
      ["NELB", "land", "rail"], ["CMREC", "land", "rail"], ["CCWAEC", "land", "rail"], ["CICPEC", "land", "rail"],
      ["CPEC", "land", "road"], ["BCIM", "land", "road"], ["MSR", "maritime", "sea"], ["MSR_SP", "maritime", "sea"],
      ["CN_TRUNK", "domestic", "rail"],
    ];
    for (const [id, kind, mode] of expected) {
      const c = byId.get(id);
      expect(c, id).toBeDefined();
      expect(c?.kind, id).toBe(kind);
      expect(c?.mode, id).toBe(mode);
    }
    for (const id of ["NELB", "CMREC", "CCWAEC", "CICPEC", "CPEC", "BCIM", "MSR"]) expect(byId.get(id)?.source.tag, id).toBe("V");
    expect(byId.get("CN_TRUNK")?.source.tag).toBe("G");
    expect(scenario.corridors.filter((c) => c.kind === "domestic")).toHaveLength(1);
    for (const c of scenario.corridors) expect(c.source.source.trim(), c.id).not.toBe("");
  });

  it("follows the NELB trunk of section 4 with the Khorgos alternative", () => {
    const nelb = get(scenario.corridors, (c) => c.id === "NELB", "NELB");
    expect(nelb.paths[0]).toEqual(["lianyungang", "zhengzhou", "xian", "urumqi", "alashankou", "astana", "moscow", "minsk", "brest", "duisburg", "rotterdam"]);
    expect(nelb.paths).toContainEqual(["urumqi", "khorgos", "astana"]);
  });

  it("never gives one node pair two different modes (the route graph keeps one edge per pair)", () => {
    const modes = new Map<string, string>();
    for (const c of scenario.corridors) {
      for (const path of c.paths) {
        for (let i = 1; i < path.length; i++) {
          const key = edgeKey(path[i - 1] as string, path[i] as string);
          const known = modes.get(key);
          if (known !== undefined) expect(known, `${key} in ${c.id}`).toBe(c.mode);
          modes.set(key, c.mode);
        }
      }
    }
  });

  it("puts every coastal host port on the sea network", () => {
    const seaNodes = new Set(scenario.corridors.filter((c) => c.mode === "sea").flatMap((c) => c.paths.flat()));
    for (const port of ["kuantan", "jakarta", "morowali", "colombo", "hambantota", "gwadar", "karachi", "chittagong", "kyaukphyu", "mombasa", "djibouti", "suez", "cairo_suez", "piraeus", "haiphong", "sihanoukville"]) {
      expect(seaNodes.has(port), port).toBe(true);
    }
  });

  it("links every home node and Chinese corridor origin into one connected domestic land network", () => {
    const cn = new Set(scenario.nodes.filter((n) => n.country === "CHN").map((n) => n.id));
    const trunk = get(scenario.corridors, (c) => c.id === "CN_TRUNK", "CN_TRUNK");
    const trunkNodes = new Set(trunk.paths.flat());
    for (const id of HOME_NODES) expect(trunkNodes.has(id), id).toBe(true);
    const land = { ...scenario, corridors: scenario.corridors.filter((c) => c.mode !== "sea").map((c) => ({ ...c, paths: c.paths.flatMap((p) => splitAtForeign(p, cn)) })) };
    const seen = reachable(adjacency(land), "beijing");
    for (const id of [...HOME_NODES, ...CHINESE_ORIGINS]) expect(seen.has(id), id).toBe(true);
    for (const id of cn) expect(seen.has(id), id).toBe(true);
  });

  it("has a connected route graph: every host reachable from every cluster home node", () => {
    const adj = adjacency(scenario);
    const everything = reachable(adj, "tangshan");
    for (const n of scenario.nodes) expect(everything.has(n.id), n.id).toBe(true);
    for (const home of HOME_NODES) {
      const seen = reachable(adj, home);
      for (const h of scenario.hosts) {
        expect(seen.has(h.marketNode), `${home} → ${h.id}`).toBe(true);
        expect(scenario.nodes.some((n) => n.country === h.id && seen.has(n.id)), `${home} → ${h.id}`).toBe(true);
      }
    }
  });

  it("routes Piraeus–Rotterdam round Gibraltar", () => {
    const o = get(scenario.edgeOverrides, (e) => edgeKey(e.from, e.to) === edgeKey("piraeus", "rotterdam"), "piraeus–rotterdam override");
    expect(o.km).toBeGreaterThanOrEqual(5000);
  });
});

/** Only the stretches of a path that stay inside China (so foreign detours cannot join the domestic network). */
function splitAtForeign(path: ReadonlyArray<string>, cn: ReadonlySet<string>): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  for (const id of path) {
    if (cn.has(id)) run.push(id);
    else {
      if (run.length >= 2) out.push(run);
      run = [];
    }
  }
  if (run.length >= 2) out.push(run);
  return out;
}

describe("default scenario: sectors, clusters, lead firms (GAME-RULES 5.2, 5.7)", () => {
  const SECTOR_TABLE: Record<string, { C: number; D: number; e: number; P0: number; trend: number; d0: number; chain: string; heavy: boolean; infra: boolean }> = {
    steel: { C: 0.3, D: 0.8, e: 3, P0: 10, trend: -0.05, d0: 0.8, chain: "MARKET", heavy: true, infra: true },
    aluminium: { C: 0.3, D: 0.85, e: 3, P0: 11, trend: -0.05, d0: 0.4, chain: "MARKET", heavy: true, infra: true },
    cement: { C: 0.2, D: 0.9, e: 3, P0: 8, trend: -0.06, d0: 1.0, chain: "MARKET", heavy: true, infra: true },
    glass: { C: 0.3, D: 0.8, e: 2, P0: 9, trend: -0.04, d0: 0.4, chain: "MARKET", heavy: true, infra: true },
    ships: { C: 0.7, D: 0.6, e: 1.5, P0: 16, trend: -0.03, d0: 0.1, chain: "CAPTIVE", heavy: false, infra: true },
    pv: { C: 0.6, D: 0.7, e: 2, P0: 12, trend: 0.02, d0: 0.3, chain: "CAPTIVE", heavy: false, infra: true },
    apparel: { C: 0.6, D: 0.6, e: 1.5, P0: 10, trend: 0, d0: 0.5, chain: "CAPTIVE", heavy: false, infra: false },
    footwear: { C: 0.65, D: 0.6, e: 1, P0: 10, trend: 0, d0: 0.3, chain: "CAPTIVE", heavy: false, infra: false },
    electronics: { C: 0.8, D: 0.8, e: 0.5, P0: 14, trend: 0.03, d0: 0.6, chain: "CAPTIVE", heavy: false, infra: false },
    autoparts: { C: 0.8, D: 0.35, e: 1, P0: 14, trend: 0.02, d0: 0.4, chain: "RELATIONAL", heavy: false, infra: false },
  };

  it.each(Object.entries(SECTOR_TABLE))("sector %s matches the 5.2 catalogue and 5.7 d0", (id, row) => {
    const s = get(scenario.sectors, (x) => x.id === id, id);
    expect([s.C, s.D, s.e, s.P0, s.cnDemandTrend, s.d0]).toEqual([row.C, row.D, row.e, row.P0, row.trend, row.d0]);
    expect(s.defaultChain).toBe(row.chain);
    expect(s.heavy).toBe(row.heavy);
    expect(s.infraLinked).toBe(row.infra);
    expect(s.transportMult).toBe(id === "cement" ? scenario.parameters.market.cementTransportMult : 1);
  });

  it("starts clusters with the 5.2 blocks, capabilities, money and reputation", () => {
    const PQ: Record<string, [number, number]> = { apparel: [5, 4], footwear: [5, 4], electronics: [6, 6], autoparts: [7, 7], ships: [6, 5], pv: [6, 5] };
    for (const c of scenario.clusters) {
      expect(c.reputation, c.id).toBe(50);
      expect(c.stance, c.id).toBe("neutral");
      if (c.id === "yiwu_commodities") continue;
      const heavy = get(scenario.sectors, (s) => s.id === c.sector, c.sector).heavy;
      expect(c.money, c.id).toBe(100);
      if (heavy) {
        expect(c.blocks, c.id).toEqual({ U2: 1, U1: 2, M: 12, D1: 2, D2: 0 });
        expect(c.capabilities, c.id).toEqual({ P: 5, Q: 5, F: 1, X: 1 });
      } else {
        expect(c.blocks, c.id).toEqual({ U2: 1, U1: 3, M: 10, D1: 2, D2: 0 });
        const [P, Q] = PQ[c.sector] ?? [NaN, NaN];
        expect(c.capabilities, c.id).toEqual({ P, Q, F: 1, X: 2 });
      }
    }
  });

  it("gives Yiwu its own profile: lower P, more logistics, F 2, more money, a weaker lead-firm link", () => {
    const yiwu = get(scenario.clusters, (c) => c.id === "yiwu_commodities", "yiwu");
    const shaoxing = get(scenario.clusters, (c) => c.id === "shaoxing_apparel", "shaoxing");
    expect(yiwu.homeNode).toBe("yiwu");
    expect(yiwu.capabilities.P).toBeLessThan(shaoxing.capabilities.P);
    expect(yiwu.blocks.D1).toBeGreaterThan(shaoxing.blocks.D1);
    expect(yiwu.capabilities.F).toBe(2);
    expect(yiwu.money).toBeGreaterThan(shaoxing.money);
    expect(yiwu.links[0]?.share ?? 0).toBeLessThan(shaoxing.links[0]?.share ?? 0);
  });

  it("links clusters with the starting governance of 5.2", () => {
    for (const c of scenario.clusters) {
      const sector = get(scenario.sectors, (s) => s.id === c.sector, c.sector);
      if (c.sector === "cement") {
        expect(c.links).toEqual([]);
        continue;
      }
      expect(c.links, c.id).toHaveLength(1);
      for (const l of c.links) expect(l.governance, c.id).toBe(sector.defaultChain);
      if (!sector.heavy) continue;
      for (const l of c.links) {
        expect(l.share, c.id).toBeGreaterThanOrEqual(0.2);
        expect(l.share, c.id).toBeLessThanOrEqual(0.3);
      }
    }
  });

  it("sizes lead-firm orders at 0.8 × the linked M blocks", () => {
    expect(scenario.leadFirms).toHaveLength(6);
    for (const f of scenario.leadFirms) {
      expect(f.money, f.id).toBe(200);
      for (const sector of f.sectors) {
        const linked = scenario.clusters
          .filter((c) => c.sector === sector)
          .flatMap((c) => c.links.filter((l) => l.leadFirm === f.id).map((l) => c.blocks.M * l.share));
        const expected = Math.round(0.8 * linked.reduce((a, b) => a + b, 0) + 1e-9);
        expect(f.orders[sector] ?? 0, `${f.id}.${sector}`).toBe(expected);
      }
    }
  });

  it("defines the China, West and rest-of-world markets", () => {
    const chn = get(scenario.markets, (m) => m.id === "CHN", "CHN");
    expect(chn.kind).toBe("china");
    for (const id of [...HOME_NODES, "beijing", "shanghai", "guangzhou", "zhengzhou"]) expect(chn.nodes).toContain(id);
    const row = get(scenario.markets, (m) => m.kind === "world", "world");
    expect(row.gdp).toBe(3000);
    expect(get(scenario.markets, (m) => m.kind === "lead", "lead").nodes).toEqual(expect.arrayContaining(["rotterdam", "duisburg"]));
  });

  it("pairs the twin parks both ways and attaches the island parks to MSR and CICPEC", () => {
    const parks = new Map(scenario.parks.map((p) => [p.id, p]));
    for (const p of scenario.parks) if (p.twin !== null) expect(parks.get(p.twin)?.twin, p.id).toBe(p.id);
    for (const node of ["kuantan", "morowali", "jakarta", "jurong"]) {
      const p = get(scenario.parks, (x) => x.node === node, node);
      expect(p.corridors).toEqual(expect.arrayContaining(["MSR", "CICPEC"]));
    }
    expect(get(scenario.parks, (p) => p.node === "ningbo", "ningbo").green).toBe(true);
  });
});

/** Where calibration moved a section 6 value (docs/calibration.md gives old, new and why). */
const CALIBRATED: Record<string, Record<string, unknown>> = {
  gov: { "sigma.CAPTIVE": 0.8, "entry.networkMinR": 55 },
};
function calibrated(key: string, group: unknown): unknown {
  const out = structuredClone(group) as Record<string, Record<string, unknown>>;
  for (const [path, value] of Object.entries(CALIBRATED[key] ?? {})) {
    const [outer, inner] = path.split(".") as [string, string];
    (out[outer] as Record<string, unknown>)[inner] = value;
  }
  return out;
}

describe("default scenario: parameters (GAME-RULES section 6)", () => {
  it.each(Object.keys(SECTION_6))("section 6 group %s equals the scenario's, but for the calibrated values", (key) => {
    expect(scenario.parameters[key as keyof typeof SECTION_6]).toEqual(calibrated(key, SECTION_6[key as keyof typeof SECTION_6]));
  });

  it.each(Object.keys(EXTENSIONS))("extension group %s has the agreed values", (key) => {
    expect(scenario.parameters[key as keyof typeof EXTENSIONS]).toEqual(EXTENSIONS[key as keyof typeof EXTENSIONS]);
  });

  it("has no parameter group beyond section 6 and the extensions", () => {
    expect(Object.keys(scenario.parameters).sort()).toEqual([...Object.keys(SECTION_6), ...Object.keys(EXTENSIONS)].sort());
  });
});

// ------------------------------------------------------------------------------------------------
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

function parent(root: Json, path: ReadonlyArray<Key>): { container: Json[] | { [key: string]: Json }; last: Key } {
  let at: Json = root;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== "object") throw new Error(`no container at ${String(key)}`);
    const next: Json | undefined = Array.isArray(at) ? at[key as number] : at[key as string];
    if (next === undefined) throw new Error(`no key ${String(key)}`);
    at = next;
  }
  if (at === null || typeof at !== "object") throw new Error("path does not end in a container");
  const last = path[path.length - 1];
  if (last === undefined) throw new Error("empty path");
  return { container: at, last };
}

function changed(edit: (raw: Json) => void): ScenarioIssue[] {
  const raw = readRaw() as Json;
  edit(raw);
  const result = loadScenario(raw);
  if (result.ok) throw new Error("expected the changed scenario to be refused");
  return result.error;
}

function setAt(raw: Json, path: ReadonlyArray<Key>, value: Json): void {
  const { container, last } = parent(raw, path);
  if (Array.isArray(container)) container[last as number] = value;
  else container[last as string] = value;
}

function deleteAt(raw: Json, path: ReadonlyArray<Key>): void {
  const { container, last } = parent(raw, path);
  if (Array.isArray(container)) throw new Error("deleteAt on an array");
  Reflect.deleteProperty(container, last);
}

const issueAt = (issues: ReadonlyArray<ScenarioIssue>, path: string): ScenarioIssue => {
  const found = issues.find((i) => i.path === path);
  if (!found) throw new Error(`no issue at ${path}; got ${JSON.stringify(issues)}`);
  return found;
};

describe("scenario validation refuses bad files with a path and a message", () => {
  it("a missing field", () => {
    const issues = changed((raw) => deleteAt(raw, ["parameters", "gov", "theta"]));
    expect(issueAt(issues, "parameters.gov.theta").message).toMatch(/expected number, received undefined/);
  });

  it("a mistyped field", () => {
    const issues = changed((raw) => setAt(raw, ["hosts", 0, "population", "value"], "20"));
    expect(issueAt(issues, "hosts[0].population.value").message).toMatch(/expected number, received string/);
  });

  it("an out-of-range field", () => {
    const issues = changed((raw) => setAt(raw, ["parameters", "gov", "theta"], 2));
    expect(issueAt(issues, "parameters.gov.theta").message).toMatch(/<=\s*1/);
  });

  it("an unknown key, nested or at the root", () => {
    const nested = changed((raw) => setAt(raw, ["clusters", 0, "colour"], "red"));
    expect(issueAt(nested, "clusters[0]").message).toMatch(/Unrecognized key.*colour/);
    const root = changed((raw) => setAt(raw, ["extra"], 1));
    expect(issueAt(root, "(root)").message).toMatch(/Unrecognized key.*extra/);
  });

  it("a cluster home node that does not exist", () => {
    const issues = changed((raw) => setAt(raw, ["clusters", 2, "homeNode"], "atlantis"));
    expect(issueAt(issues, "clusters[2].homeNode").message).toMatch(/unknown node 'atlantis'/);
  });

  it("a park corridor that does not exist", () => {
    const issues = changed((raw) => setAt(raw, ["parks", 1, "corridors", 0], "SILK_ROAD_9"));
    expect(issueAt(issues, "parks[1].corridors[0]").message).toMatch(/unknown corridor 'SILK_ROAD_9'/);
  });

  it("a cluster sector that does not exist", () => {
    const issues = changed((raw) => setAt(raw, ["clusters", 0, "sector"], "titanium"));
    expect(issueAt(issues, "clusters[0].sector").message).toMatch(/unknown sector 'titanium'/);
  });

  it("a link to a lead firm that does not exist", () => {
    const issues = changed((raw) => setAt(raw, ["clusters", 4, "links", 0, "leadFirm"], "acme"));
    expect(issueAt(issues, "clusters[4].links[0].leadFirm").message).toMatch(/unknown lead firm 'acme'/);
  });

  it("a park twin that does not exist", () => {
    const index = scenario.parks.findIndex((p) => p.twin !== null);
    const issues = changed((raw) => setAt(raw, ["parks", index, "twin"], "nowhere_park"));
    expect(issueAt(issues, `parks[${index}].twin`).message).toMatch(/unknown park 'nowhere_park'/);
  });

  it.each([
    ["null", null],
    ["a string", "belt-and-road"],
    ["an array", []],
    ["a number", 42],
    ["undefined", undefined],
  ])("a non-object input (%s) without throwing", (_label, input) => {
    let result: ReturnType<typeof loadScenario> | undefined;
    expect(() => {
      result = loadScenario(input);
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(issueAt(result.error, "(root)").message).toMatch(/expected object/);
  });
});

// ------------------------------------------------------------------------------------------------
// GAME-RULES 5.13: the event catalogue (eventCards), row by row.
const SECTION_5_13: ReadonlyArray<{ id: string; p: number; duration: number; once: boolean; condition?: number; target: string; numbers: ReadonlyArray<[string, number]> }> = [
  { id: "demand_boom", p: 0.1, duration: 1, once: false, target: "sector", numbers: [["demand.mult", 1.15]] },
  { id: "recession", p: 0.1, duration: 1, once: false, target: "none", numbers: [["demand.mult", 0.85]] },
  { id: "pandemic", p: 0.04, duration: 2, once: true, target: "none", numbers: [["edgeCapacity.mult", 0.5], ["edgeCapacity.mult", 0.7], ["demand.mult", 0.9], ["sectorShift.D", -0.1]] },
  { id: "red_sea", p: 0.08, duration: 2, once: false, target: "none", numbers: [["edgeCost.mult", 2]] },
  { id: "malacca_congestion", p: 0.05, duration: 1, once: false, target: "none", numbers: [["edgeCost.mult", 1.5], ["edgeCost.mult", 0.8]] },
  // "risk up" / "risk +1": risk is 0-1 in the engine, so one step of 0.1 (docs/rules.md, Events).
  { id: "russia_sanctions", p: 0.06, duration: 3, once: false, target: "none", numbers: [["edgeCost.mult", 1.5], ["edgeRisk.add", 0.1]] },
  { id: "commodity_shock", p: 0.1, duration: 1, once: false, target: "sector", numbers: [["price.change", 0.25]] },
  { id: "carbon_border_tax", p: 0.08, duration: 10, once: true, target: "none", numbers: [["carbonTax.perEmission", 2], ["sectorShift.D", 0.05]] },
  { id: "tech_leap", p: 0.06, duration: 1, once: false, target: "sector", numbers: [["sectorShift.C", 0.15], ["sectorShift.D", -0.15]] },
  // Codification also lowers the complexity suppliers face (docs/rules.md): C -0.1 beside 5.13's D +0.15.
  { id: "standardisation", p: 0.06, duration: 1, once: false, target: "sector", numbers: [["sectorShift.C", -0.1], ["sectorShift.D", 0.15]] },
  { id: "political_change", p: 0.06, duration: 1, once: false, target: "host", numbers: [["hostPC.set", 5]] },
  { id: "currency_crisis", p: 0.05, duration: 2, once: false, target: "host", numbers: [["hostWage.mult", 0.8], ["demand.mult", 0.8]] },
  { id: "china_wage_hike", p: 0.08, duration: 1, once: false, target: "none", numbers: [["chinaWage.mult", 1.1]] },
  { id: "china_plus_one", p: 0.06, duration: 1, once: false, target: "leadFirm", numbers: [["chinaPlusOne.orderShift", 0.3]] },
  { id: "security_incident", p: 0.04, duration: 1, once: false, target: "edge", numbers: [["edgeRisk.add", 0.1]] },
  { id: "green_finance", p: 0.06, duration: 1, once: false, target: "none", numbers: [["greenDiscount.mult", 0.5]] },
  { id: "debt_distress", p: 0.3, duration: 2, once: false, condition: 0.6, target: "host", numbers: [["hostApproval.add", -10]] },
  { id: "supply_side_reform", p: 0.06, duration: 1, once: false, target: "none", numbers: [["idleHeavyPenalty.perBlock", 2]] },
];

describe("default scenario: event cards (GAME-RULES 5.13)", () => {
  it("has the 18 cards of 5.13 and no other, and draws parameters.events.perRound (2) a round", () => {
    expect(scenario.eventCards.map((c) => c.id).sort()).toEqual(SECTION_5_13.map((r) => r.id).sort());
    expect(scenario.parameters.events.perRound).toBe(2);
  });

  it.each(SECTION_5_13.map((r) => [r.id, r] as const))("card %s has the probability, duration and numbers of its 5.13 row", (id, row) => {
    const card = get(scenario.eventCards, (c) => c.id === id, id);
    expect(card.probability).toBe(row.p);
    expect(card.duration).toBe(row.duration);
    expect(card.oncePerGame).toBe(row.once);
    expect(card.target.kind).toBe(row.target);
    if (row.condition === undefined) expect(card.condition).toBeUndefined();
    else expect(card.condition).toEqual({ kind: "debtRatioAbove", value: row.condition });
    const numbers = card.effects.flatMap((e) => Object.entries(e).filter(([k, v]) => typeof v === "number" && k !== "rounds" && !(k === "C" && v === 0) && !(k === "D" && v === 0)).map(([k, v]) => [`${e.kind}.${k}`, v]));
    expect(numbers).toEqual(row.numbers);
  });

  it("gives every card an English and Chinese name and a theory note a student can read", () => {
    for (const card of scenario.eventCards) {
      for (const text of [card.name, card.theoryNote]) {
        expect(text.en.trim().length, card.id).toBeGreaterThan(0);
        expect(text.zh, card.id).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(card.theoryNote.en, card.id).toMatch(/^[A-Z'].{40,}[.!]$/);
      expect(card.theoryNote.zh, card.id).toMatch(/。$/);
    }
  });

  it("aims the cards where 5.13 says: metals, Suez, Russia and Belarus, the preferred China+1 hosts", () => {
    const byId = (id: string) => get(scenario.eventCards, (c) => c.id === id, id);
    expect(byId("commodity_shock").target).toEqual({ kind: "sector", ids: ["steel", "aluminium"] });
    expect(byId("carbon_border_tax").effects[0]).toEqual({ kind: "carbonTax", sectors: ["steel", "aluminium", "cement"], perEmission: 2, market: "WEST" });
    expect(byId("red_sea").effects[0]).toMatchObject({ kind: "edgeCost", match: { modes: ["sea"], nodes: ["babelmandeb", "suez"] } });
    expect(byId("russia_sanctions").effects[0]).toMatchObject({ match: { corridors: ["CMREC", "NELB"], countries: ["RUS", "BLR"] } });
    expect(byId("china_plus_one").effects[0]).toMatchObject({ preferHosts: ["VNM", "BGD", "ETH"] });
    expect(byId("pandemic").effects.map((e) => ("rounds" in e ? e.rounds : undefined))).toEqual([1, 1, 1, 2]);
  });
});

describe("scenario validation refuses bad event cards", () => {
  const cardIndex = (id: string) => scenario.eventCards.findIndex((c) => c.id === id);

  it("an unknown sector, host or lead firm among a card's targets", () => {
    const i = cardIndex("commodity_shock");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", i, "target", "ids", 1], "titanium")), `eventCards[${i}].target.ids[1]`).message).toMatch(/unknown sector 'titanium'/);
    const j = cardIndex("currency_crisis");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", j, "target"], { kind: "host", ids: ["ATL"] })), `eventCards[${j}].target.ids[0]`).message).toMatch(/unknown host 'ATL'/);
  });

  it("an unknown corridor, country or node in an edge match, or an unknown edge target", () => {
    const i = cardIndex("russia_sanctions");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", i, "effects", 0, "match", "corridors", 0], "SILK_ROAD_9")), `eventCards[${i}].effects[0].match.corridors[0]`).message).toMatch(/unknown corridor/);
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", i, "effects", 0, "match", "countries", 0], "ATL")), `eventCards[${i}].effects[0].match.countries[0]`).message).toMatch(/unknown country 'ATL'/);
    const j = cardIndex("red_sea");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", j, "effects", 0, "match", "nodes", 0], "atlantis")), `eventCards[${j}].effects[0].match.nodes[0]`).message).toMatch(/unknown node 'atlantis'/);
    const k = cardIndex("security_incident");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", k, "target", "ids"], ["atlantis~moscow"])), `eventCards[${k}].target.ids[0]`).message).toMatch(/unknown edge/);
  });

  it("an unknown market, a duplicate id, an effect outlasting its card, or one its target cannot carry", () => {
    const i = cardIndex("carbon_border_tax");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", i, "effects", 0, "market"], "MARS")), `eventCards[${i}].effects[0].market`).message).toMatch(/unknown market or host 'MARS'/);
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", 1, "id"], scenario.eventCards[0]?.id ?? "")), "eventCards[1].id").message).toMatch(/duplicate event card id/);
    const j = cardIndex("pandemic");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", j, "effects", 0, "rounds"], 3)), `eventCards[${j}].effects[0].rounds`).message).toMatch(/cannot outlast/);
    const k = cardIndex("recession");
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", k, "effects", 0], { kind: "hostPC", set: 5 })), `eventCards[${k}].effects[0]`).message).toMatch(/needs a host target/);
  });

  it("a probability above 1 or an unknown effect kind", () => {
    expect(issueAt(changed((raw) => setAt(raw, ["eventCards", 0, "probability"], 1.5)), "eventCards[0].probability").message).toMatch(/<=\s*1/);
    expect(changed((raw) => setAt(raw, ["eventCards", 0, "effects", 0], { kind: "meteorStrike", mult: 2 })).some((i) => i.path.startsWith("eventCards[0].effects[0]"))).toBe(true);
  });
});
