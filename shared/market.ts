/**
 * Production and market clearing (GAME-RULES 5.7). Each M block's output goes first to the lead
 * firms it is linked to (the West), then to the spot market where it nets the most on the route
 * graph; a block nothing pays for stays idle and costs maintenance. The other stages earn on the
 * product the cluster sells, through the channels where it performs that function.
 */
import type { ResolveContext } from "./context.ts";
import { carbonTaxPerUnit, demandMult, eventModifiers, idlePenaltyPerBlock, leadOrderMult, priceMult, type EventModifiers } from "./events.ts";
import { pointAxisBonus, twinDiscount } from "./parks.ts";
import { clusterOf, hostOf } from "./lookup.ts";
import type { Parameters, Scenario, SectorSpec } from "./scenario/schema.ts";
import type { ClusterState, HostState, LeadFirmState, LeadPlant, MatchState, Plant } from "./state.ts";
import { clamp } from "./state.ts";
import { STAGES, type Governance, type Stage } from "./types.ts";

export interface SpotMarket {
  id: string;
  kind: "host" | "china" | "world";
  nodes: string[];
  host: HostState | null;
  accessCost: number;
  backgroundShare: number;
  gdp: number;
}

const nodesByCountry = new WeakMap<Scenario, Map<string, string[]>>();

/** The nodes lying in a country, from the scenario (computed once per scenario). */
export function countryNodes(scenario: Scenario, country: string): string[] {
  let index = nodesByCountry.get(scenario);
  if (!index) {
    index = new Map();
    for (const n of scenario.nodes) index.set(n.country, [...(index.get(n.country) ?? []), n.id]);
    nodesByCountry.set(scenario, index);
  }
  return index.get(country) ?? [];
}

export function spotMarkets(state: MatchState): SpotMarket[] {
  const p = state.scenario.parameters;
  const hostMarkets: SpotMarket[] = state.hosts.map((h) => ({
    id: h.id,
    kind: "host",
    nodes: countryNodes(state.scenario, h.id),
    host: h,
    accessCost: 0,
    backgroundShare: p.trade.hostBackgroundSupply,
    gdp: h.gdp,
  }));
  const others: SpotMarket[] = state.scenario.markets
    .filter((m) => m.kind !== "lead")
    .map((m) => ({ id: m.id, kind: m.kind === "china" ? "china" : "world", nodes: m.nodes, host: null, accessCost: m.accessCost, backgroundShare: m.backgroundSupply, gdp: m.gdp ?? 0 }));
  return [...hostMarkets, ...others];
}

/** Demand in a spot market, times what the event cards in play do to it (5.13). */
export function spotDemand(state: MatchState, market: SpotMarket, sector: SectorSpec, mods: EventModifiers = eventModifiers(state)): number {
  return baseSpotDemand(state, market, sector) * demandMult(mods, market.id, sector.id);
}

function baseSpotDemand(state: MatchState, market: SpotMarket, sector: SectorSpec): number {
  if (market.kind === "china") return state.china.demand[sector.id] ?? 0;
  const base = (sector.d0 * market.gdp) / 100;
  if (market.kind === "host" && sector.infraLinked && market.host) {
    return base * (1 + state.scenario.parameters.hostRules.infraDemandBoost * market.host.infraBoosts.length);
  }
  return base;
}

/** The sector's base price today: P0 times the world price index the low road erodes (5.10). */
export const basePrice = (state: MatchState, sector: SectorSpec): number => sector.P0 * (state.priceIndex[sector.id] ?? 1);

/** P = P0 * clamp((D/S)^elasticity, lo, hi). */
export function marketPrice(p: Parameters, P0: number, demand: number, supply: number): number {
  const lo = p.market.priceClamp[0];
  const hi = p.market.priceClamp[1];
  if (supply <= 0) return P0 * hi;
  if (demand <= 0) return P0 * lo;
  return P0 * clamp((demand / supply) ** p.market.elasticity, lo, hi);
}

/**
 * Demand/supply ratios beyond which the clamp alone decides `marketPrice`: above `high` it is the
 * upper clamp, below `low` the lower one. Each stands a relative 1e-9 beyond the power's edge, far
 * more than the power's rounding error, so the price there is the clamp exactly, without the power.
 */
export interface ClampRatios {
  high: number;
  low: number;
}

export function clampRatios(p: Parameters): ClampRatios {
  const e = p.market.elasticity;
  if (!(e > 0)) return { high: NaN, low: NaN };
  return { high: (p.market.priceClamp[1] * (1 + 1e-9)) ** (1 / e), low: (p.market.priceClamp[0] * (1 - 1e-9)) ** (1 / e) };
}

/** `marketPrice`, without the power where the clamp decides (about a quarter of spot quotes). */
export function clampedPrice(p: Parameters, ratios: ClampRatios, P0: number, demand: number, supply: number): number {
  if (supply > 0 && demand > 0) {
    const ratio = demand / supply;
    if (ratio > ratios.high) return P0 * p.market.priceClamp[1];
    if (ratio < ratios.low) return P0 * clamp(p.market.priceClamp[0], p.market.priceClamp[0], p.market.priceClamp[1]);
  }
  return marketPrice(p, P0, demand, supply);
}

/** Share of the offered quantity that finds a buyer. */
export const fillRate = (demand: number, supply: number): number => (supply <= 0 ? 1 : Math.min(1, demand / supply));

export interface BlockCost {
  full: number;
  maintenance: number;
}

/** (fixed + labour * w) * process cut (M) * infra penalty * stance * env * LCR; idle blocks pay maintenance. */
/** Who runs a plant: a cluster, or a lead firm's own plant (L4). */
export type Producer = Pick<ClusterState, "id" | "P" | "sector" | "stance">;

export function blockCost(state: MatchState, cluster: Producer, plant: Plant, stage: Stage): BlockCost {
  const p = state.scenario.parameters;
  const spec = p.stages[stage];
  const host = plant.host === null ? undefined : hostOf(state, plant.host);
  const wage = host ? host.w : spec.skill ? state.china.skillWage : state.china.wage;
  const infra = host ? host.infra : p.china.infra;
  const env = host ? host.policies.env : p.china.env;
  const processCut = stage === "M" ? Math.max(0, 1 - p.production.processCostCut * cluster.P) : 1;
  const lcr = host && host.policies.lcr > 0 && (host.kHost[cluster.sector] ?? 0) < p.hostRules.lcrKHostMin ? 1 + p.transfer.lcrCostSlope * host.policies.lcr : 1;
  const full =
    (spec.fixed + spec.labour * wage) *
    processCut *
    (1 + p.production.infraPenaltySlope * (1 - infra)) *
    p.stance[cluster.stance].cost *
    p.production.envCost[env] *
    lcr *
    twinDiscount(state, cluster, plant);
  return { full, maintenance: spec.fixed * p.production.idleMaintenance };
}

/** Output per block: 1 at home, phiBase + phiA * A in a host (5.8), plus point–axis spillover in a park. */
export function productivity(state: MatchState, plant: Pick<Plant, "node" | "host">): number {
  return productivityWith(state, plant, pointAxisBonus(state, plant));
}

/** `productivity` given the point–axis bonus at the plant's node. */
function productivityWith(state: MatchState, plant: Pick<Plant, "node" | "host">, axis: number): number {
  if (plant.host === null) return axis;
  const host = hostOf(state, plant.host);
  const pr = state.scenario.parameters.production;
  return (pr.phiBase + pr.phiA * (host?.A ?? 0)) * axis;
}

interface Lot {
  cluster: ClusterState;
  /** The cluster's index in the state, and its running sales this round. */
  ci: number;
  sales: ClusterSales;
  plant: Plant;
  units: number;
  cost: BlockCost;
  sigma: number;
  quality: number;
  channel: string | null;
  /** Index of the spot market the lot sells in, if any. */
  market: number | null;
  marketNode: string | null;
  transport: number;
  tariff: number;
  sold: number;
  revenue: number;
}

interface ClusterSales {
  units: number;
  value: number;
  byGovernance: Map<Governance, number>;
}

export function produceAndClear(resolving: ResolveContext): void {
  // Corridors and parks do not change while goods move: take the route cache once, not at every lookup.
  const { state, p, report, rng, orders, producedM, plantProfit } = resolving;
  const ctx: ResolveContext = { state, p, report, rng, orders, routes: resolving.routes, producedM, plantProfit };
  const spot = new SpotScratch(state.scenario, spotMarkets(state), state.clusters.length);
  const mods = eventModifiers(state);
  const phi = productivityMemo(state);
  state.board = [];
  for (const e of state.edges) e.flowLast = 0;
  const newStages = (): Record<Stage, number> => ({ U2: 0, U1: 0, M: 0, D1: 0, D2: 0 });
  const sales: ClusterSales[] = state.clusters.map(() => ({ units: 0, value: 0, byGovernance: new Map() }));
  const stageRevenue = state.clusters.map(newStages);
  const stageCost = state.clusters.map(newStages);
  const moneyBefore = state.leadFirms.map((l) => l.money);
  for (const lead of state.leadFirms) {
    for (const s of lead.sectors) lead.purchasesLast[s] = 0;
    lead.purchasesFrom = {};
  }

  const flows = new Flows();
  const producers = producersBySector(state);
  for (const sector of state.scenario.sectors) {
    const lots = buildLots(ctx, sector, producers.get(sector.id) ?? [], sales, phi);
    sellToLeadFirms(ctx, sector, lots, flows, mods, phi);
    sellOnSpotMarkets(ctx, sector, spot, lots.filter((l) => l.units > l.sold + 1e-12), flows, mods);
    for (const lot of lots) {
      const share = lot.units > 0 ? lot.sold / lot.units : 0;
      // Idle heavy blocks in China also pay the supply-side-reform charge while that card is in play (5.13).
      const cost = share * lot.cost.full + (1 - share) * (lot.cost.maintenance + idlePenaltyPerBlock(state, mods, lot.cluster, lot.plant));
      const ci = lot.ci;
      (stageRevenue[ci] as Record<Stage, number>).M += lot.revenue;
      (stageCost[ci] as Record<Stage, number>).M += cost;
      ctx.plantProfit.set(lot.plant, (ctx.plantProfit.get(lot.plant) ?? 0) + lot.revenue - cost);
      ctx.producedM.set(lot.plant, (ctx.producedM.get(lot.plant) ?? 0) + share);
    }
  }

  flows.record(ctx);
  spot.writeSoldIn(state.clusters);

  state.clusters.forEach((cluster, ci) => {
    const sold = sales[ci] as ClusterSales;
    const revenue = stageRevenue[ci] as Record<Stage, number>;
    const cost = stageCost[ci] as Record<Stage, number>;
    earnOtherStages(ctx, cluster, sold, revenue, cost, phi);
    const va = newStages();
    for (const st of STAGES) va[st] = revenue[st] - cost[st];
    const total = STAGES.reduce((s, st) => s + va[st], 0);
    cluster.vaLast = va;
    cluster.vaCum += total;
    cluster.money += total;
    cluster.unitsSold = sold.units;
    const mix: ClusterState["salesMix"] = {};
    for (const [g, units] of sold.byGovernance) mix[g] = sold.units > 0 ? units / sold.units : 0;
    cluster.salesMix = mix;
    let mBlocks = 0;
    let producing = 0;
    for (const plant of cluster.plants) {
      mBlocks += plant.blocks.M;
      producing += ctx.producedM.get(plant) ?? 0;
    }
    ctx.report.add("PRODUCTION", [cluster.id], false, { seat: cluster.id, units: sold.units, va: total, smile: smileIndex(va, p) });
    const idle = Math.round(mBlocks - producing);
    if (idle >= 1) ctx.report.add("IDLE_BLOCKS", [cluster.id], false, { seat: cluster.id, idle });
  });
  for (const cluster of state.clusters) for (const plant of cluster.plants) plant.rampingM = 0;
  state.leadFirms.forEach((lead, li) => {
    const bought = Object.values(lead.purchasesLast).reduce((a, b) => a + b, 0);
    const fromChina = lead.purchasesFrom.CHN ?? 0;
    const before = moneyBefore[li] as number;
    ctx.report.add("LEAD_PURCHASES", [lead.id], false, { seat: lead.id, units: bought, china: fromChina, abroad: bought - fromChina, profit: lead.money - before });
  });
}

/** Output per block of each plant, computed once per production step (parks and absorption stand still meanwhile). */
type ProductivityOf = (plant: Pick<Plant, "node" | "host">) => number;

function productivityMemo(state: MatchState): ProductivityOf {
  const known = new Map<Pick<Plant, "node" | "host">, number>();
  // Many plants share a node, and the bonus there walks every park.
  const axisAt = new Map<string, number>();
  return (plant) => {
    let phi = known.get(plant);
    if (phi === undefined) {
      let axis = axisAt.get(plant.node);
      if (axis === undefined) {
        axis = pointAxisBonus(state, plant);
        axisAt.set(plant.node, axis);
      }
      phi = productivityWith(state, plant, axis);
      known.set(plant, phi);
    }
    return phi;
  };
}

interface SectorProducer {
  cluster: ClusterState;
  plants: Plant[];
}

/** Each sector's producing clusters in cluster order, with their plants of that sector. */
function producersBySector(state: MatchState): Map<string, SectorProducer[]> {
  const out = new Map<string, SectorProducer[]>();
  for (const cluster of state.clusters) {
    const mine = new Map<string, Plant[]>();
    for (const plant of cluster.plants) {
      const sector = plant.sector ?? cluster.sector;
      const list = mine.get(sector);
      if (list) list.push(plant);
      else mine.set(sector, [plant]);
    }
    for (const [sector, plants] of mine) {
      const list = out.get(sector);
      if (list) list.push({ cluster, plants });
      else out.set(sector, [{ cluster, plants }]);
    }
  }
  return out;
}

function buildLots(ctx: ResolveContext, sector: SectorSpec, producers: SectorProducer[], sales: ClusterSales[], phiOf: ProductivityOf): Lot[] {
  const { state, p } = ctx;
  const perCluster: Lot[][] = [];
  for (const { cluster, plants } of producers) {
    const ci = state.clusters.indexOf(cluster);
    const clusterSales = sales[ci] as ClusterSales;
    const lots: Lot[] = [];
    for (const plant of plants) {
      // A new line (chain upgrading) works with part of the cluster's capability at first.
      const skill = plant.skill ?? 1;
      const quality = p.production.qualityBase + p.production.qualityPerQ * cluster.Q * skill;
      const phi = phiOf(plant);
      const cost = blockCost(state, { id: cluster.id, P: cluster.P * skill, sector: sector.id, stance: cluster.stance }, plant, "M");
      const jv = plant.jv ? p.transfer.jvSigma : 1;
      for (let i = 0; i < plant.blocks.M; i++) {
        const ramping = i >= plant.blocks.M - plant.rampingM;
        const units = phi * (ramping ? p.transfer.rampUp : 1);
        lots.push({ cluster, ci, sales: clusterSales, plant, units, cost, sigma: jv, quality, channel: null, market: null, marketNode: null, transport: 0, tariff: 0, sold: 0, revenue: 0 });
      }
    }
    // Lead-firm links are for the cluster's own sector; a new line sells on spot markets.
    if (sector.id === cluster.sector) assignLinkChannels(cluster, lots);
    perCluster.push(lots);
  }
  // Interleave clusters so that no cluster always sells first.
  const out: Lot[] = [];
  let longest = 0;
  for (const lots of perCluster) longest = Math.max(longest, lots.length);
  for (let i = 0; i < longest; i++) for (const lots of perCluster) if (i < lots.length) out.push(lots[i] as Lot);
  return out;
}

/** Link shares of the plan (A2) decide how many blocks serve each lead firm, home plants first. */
function assignLinkChannels(cluster: ClusterState, lots: Lot[]): void {
  if (cluster.links.length === 0) return;
  const quotas = cluster.links.map((l) => ({ leadFirm: l.leadFirm, exact: l.excluded ? 0 : l.share * lots.length }));
  const counts = quotas.map((q) => Math.floor(q.exact));
  let spare = Math.min(lots.length, Math.round(quotas.reduce((s, q) => s + q.exact, 0))) - counts.reduce((s, n) => s + n, 0);
  const byRemainder = quotas.map((q, i) => ({ i, r: q.exact - Math.floor(q.exact) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (spare <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    spare--;
  }
  const abroad = lots.some((l) => l.plant.host !== null);
  const ordered = abroad ? [...lots].sort((a, b) => Number(a.plant.host !== null) - Number(b.plant.host !== null)) : lots;
  let next = 0;
  counts.forEach((n, i) => {
    for (let k = 0; k < n && next < ordered.length; k++) (ordered[next++] as Lot).channel = quotas[i]?.leadFirm ?? null;
  });
}

/**
 * Each lead firm buys up to its orders (never less than its supply contracts in this sector) from
 * the lots its suppliers offer it: contracted units from the contracting cluster first, the rest
 * pro rata. The West price follows total orders against total offers.
 */
function sellToLeadFirms(ctx: ResolveContext, sector: SectorSpec, lots: Lot[], flows: Flows, mods: EventModifiers, phiOf: ProductivityOf): void {
  const { state, p } = ctx;
  const west = state.scenario.markets.find((m) => m.kind === "lead");
  if (!west) return;
  const linked: Lot[] = [];
  for (const lot of lots) {
    if (lot.channel === null) continue;
    const route = routeToMarket(ctx, lot.plant.node, west, sector);
    if (!route) continue;
    lot.marketNode = route.node;
    lot.transport = route.cost;
    linked.push(lot);
  }
  const buyers = state.leadFirms.filter((l) => l.sectors.includes(sector.id));
  const contractedBy = (lead: string) => {
    const out = new Map<string, number>();
    for (const c of state.contracts) {
      const terms = c.terms;
      if (terms.kind !== "supply" || terms.leadFirm !== lead || clusterOf(state, terms.cluster)?.sector !== sector.id) continue;
      out.set(terms.cluster, (out.get(terms.cluster) ?? 0) + terms.units);
    }
    return out;
  };
  const plans = buyers.map((lead) => {
    const contracted = contractedBy(lead.id);
    // Event cards scale the West's demand and move orders away ("China+1"); contracts still bind.
    // What its own plants make (L4) it no longer orders from suppliers.
    const wanted = Math.max(0, (lead.orders[sector.id] ?? 0) * demandMult(mods, west.id, sector.id) * leadOrderMult(mods, lead.id) - ownOutputOf(lead, sector.id, phiOf));
    const orders = Math.max(wanted, [...contracted.values()].reduce((a, b) => a + b, 0));
    return { lead, contracted, orders, lots: linked.filter((l) => l.channel === lead.id) };
  });
  const demand = plans.reduce((s, plan) => s + plan.orders, 0);
  const offered = linked.reduce((s, l) => s + l.units, 0);
  const price = marketPrice(p, basePrice(state, sector) * priceMult(mods, sector.id), demand, offered);
  const v = p.stages.M.v;
  for (const lead of buyers) earnOwnPlants(ctx, lead, sector, price, phiOf);
  for (const { lead, contracted, orders, lots: mine } of plans) {
    // Most lead firms have no supplier in most sectors: nothing to share out.
    if (mine.length === 0) continue;
    const offeredBy = new Map<string, number>();
    for (const lot of mine) offeredBy.set(lot.cluster.id, (offeredBy.get(lot.cluster.id) ?? 0) + lot.units);
    const guaranteed = new Map([...offeredBy].map(([cluster, units]) => [cluster, Math.min(units, contracted.get(cluster) ?? 0)]));
    const owed = (lot: Lot): number => (lot.units * (guaranteed.get(lot.cluster.id) ?? 0)) / (offeredBy.get(lot.cluster.id) ?? 1);
    let rest = Math.max(0, orders - [...guaranteed.values()].reduce((a, b) => a + b, 0));
    // "China+1" (L5): capacity in the preferred host is bought first when it is cheap enough.
    const preferred = new Set(preferredLots(state, lead.preferHost[sector.id], mine));
    const open = (group: Iterable<Lot>) => {
      let sum = 0;
      for (const l of group) sum += l.units - owed(l);
      return sum;
    };
    const preferredFill = fillRate(rest, open(preferred));
    rest = Math.max(0, rest - open(preferred) * preferredFill);
    const othersFill = fillRate(rest, open(mine.filter((l) => !preferred.has(l))));
    const soldOf = (lot: Lot): number => owed(lot) + (lot.units - owed(lot)) * (preferred.has(lot) ? preferredFill : othersFill);
    for (const lot of mine) {
      const link = lot.cluster.links.find((k) => k.leadFirm === lead.id);
      const governance: Governance = link?.governance ?? "MARKET";
      const sold = soldOf(lot);
      const gross = sold * price * v * lot.quality;
      const sigma = p.gov.sigma[governance] * lot.sigma;
      lot.sold = sold;
      lot.revenue = gross * sigma - sold * (lot.transport + carbonTaxPerUnit(state, mods, west.id, lot.cluster, lot.plant));
      lead.money += gross * (1 - sigma);
      lead.profitCum += gross * (1 - sigma);
      lead.purchasesLast[sector.id] = (lead.purchasesLast[sector.id] ?? 0) + sold;
      const origin = lot.plant.host ?? "CHN";
      lead.purchasesFrom[origin] = (lead.purchasesFrom[origin] ?? 0) + sold;
      recordSale(lot.sales, sold, sold * price, governance);
      flows.add(lot.plant.node, lot.marketNode as string, sold);
    }
  }
  state.board.push({ market: west.id, sector: sector.id, demand, supply: offered, sold: Math.min(demand, offered), price });
}

/** Output of a lead firm's own plants in a sector (L4). */
export const ownOutput = (state: MatchState, lead: LeadFirmState, sector: string): number => ownOutputOf(lead, sector, (plant) => productivity(state, plant));

function ownOutputOf(lead: LeadFirmState, sector: string, phiOf: ProductivityOf): number {
  let sum = 0;
  for (const pl of lead.plants) if (pl.sector === sector) sum += pl.blocks * phiOf(pl);
  return sum;
}

/** A lead firm's plant seen as a plant of M blocks, for the cost and productivity rules. */
export const asPlant = (pl: LeadPlant): Plant => ({ node: pl.node, host: pl.host, blocks: { U2: 0, U1: 0, M: pl.blocks, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0 });

/** A lead firm's own plants sell their whole output at the West price and keep all of it. */
function earnOwnPlants(ctx: ResolveContext, lead: LeadFirmState, sector: SectorSpec, price: number, phiOf: ProductivityOf): void {
  const { state, p } = ctx;
  const quality = p.production.qualityBase + p.production.qualityPerQ * lead.Q;
  for (const pl of lead.plants) {
    if (pl.sector !== sector.id) continue;
    const plant = asPlant(pl);
    const units = pl.blocks * phiOf(pl);
    const cost = pl.blocks * blockCost(state, { id: lead.id, P: lead.P, sector: pl.sector, stance: "neutral" }, plant, "M").full;
    const profit = units * price * p.stages.M.v * quality - cost;
    lead.money += profit;
    lead.profitCum += profit;
    ctx.producedM.set(pl, (ctx.producedM.get(pl) ?? 0) + pl.blocks);
    ctx.plantProfit.set(pl, (ctx.plantProfit.get(pl) ?? 0) + profit);
  }
}

/** Lots standing in the preferred host whose cost is below chinaPlusOneCost of the Chinese lots' average. */
function preferredLots(state: MatchState, host: string | undefined, lots: Lot[]): Lot[] {
  if (host === undefined) return [];
  const home = lots.filter((l) => l.plant.host === null);
  const homeCost = home.length > 0 ? home.reduce((s, l) => s + l.cost.full / l.units, 0) / home.length : Infinity;
  return lots.filter((l) => l.plant.host === host && l.cost.full / l.units < state.scenario.parameters.leadRules.chinaPlusOneCost * homeCost);
}

const nodesOfSpotMarkets = new WeakMap<Scenario, ReadonlyArray<ReadonlyArray<string>>>();

/** The node lists of a scenario's spot markets: the same lists every round, as spotMarkets lists the markets in scenario order. */
function spotMarketNodes(scenario: Scenario, markets: ReadonlyArray<SpotMarket>): ReadonlyArray<ReadonlyArray<string>> {
  let nodes = nodesOfSpotMarkets.get(scenario);
  if (!nodes) {
    nodes = markets.map((m) => m.nodes);
    nodesOfSpotMarkets.set(scenario, nodes);
  }
  return nodes;
}

/**
 * `n` copies of a double in a plain array. The working arrays of a resolution are plain arrays of
 * doubles: V8 keeps those unboxed on its heap, while a typed array this size has its store
 * allocated off the heap, which costs more than the little work done with it.
 */
function doubles(n: number, value: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(value);
  return out;
}

/** Working arrays of spot clearing, one slot per market (or per cluster and market), reused from sector to sector. */
class SpotScratch {
  readonly demand: number[];
  readonly supply: number[];
  /** The market's tariff in this sector (0 where no host taxes), and what a taxed lot keeps of the price (1 where none). */
  readonly tariff: number[];
  readonly afterTariff: number[];
  /** The routes to each market from an origin, and their delivered costs in the sector named with them, by origin. */
  private readonly origins = new Map<string, OriginRoutes>();
  /** The lot size each market's quote is for (NaN: none), and that quote's price and fill rate. */
  readonly quotedFor: number[];
  readonly quotedPrice: number[];
  readonly quotedFill: number[];
  readonly access: number[];
  readonly clampRatios: ClampRatios;
  /** The market index of each host's own market: its plants there pay no tariff. */
  readonly marketOfHost = new Map<string, number>();
  /** The index of each market by id. */
  private readonly marketIndex = new Map<string, number>();
  readonly markets: SpotMarket[];
  /** The markets' node lists, one list per scenario, so that routes to them are kept with the route graph. */
  readonly marketNodes: ReadonlyArray<ReadonlyArray<string>>;
  /** By cluster index times the market count plus the market: units sold this round (NaN: none yet). */
  readonly soldIn: number[];
  /** By cluster index: the markets it sold in, in the order it first did (the order of its `soldIn` record). */
  readonly soldOrder: number[][];
  /** By cluster index times the market count plus the market: its brand share there (NaN: none). */
  private brandShares: number[] | null = null;
  constructor(scenario: Scenario, markets: SpotMarket[], clusters: number) {
    this.markets = markets;
    this.marketNodes = spotMarketNodes(scenario, markets);
    const n = markets.length;
    this.demand = doubles(n, NaN);
    this.supply = doubles(n, NaN);
    this.tariff = doubles(n, NaN);
    this.afterTariff = doubles(n, NaN);
    this.quotedFor = doubles(n, NaN);
    this.quotedPrice = doubles(n, NaN);
    this.quotedFill = doubles(n, NaN);
    this.access = doubles(n, NaN);
    this.clampRatios = clampRatios(scenario.parameters);
    markets.forEach((m, i) => {
      this.access[i] = m.accessCost;
      this.marketIndex.set(m.id, i);
      if (m.host) this.marketOfHost.set(m.host.id, i);
    });
    this.soldIn = doubles(clusters * n, NaN);
    this.soldOrder = Array.from({ length: clusters }, () => []);
  }
  /** Brand shares by cluster and market, read from the clusters once per round (A7 changes them before production). */
  brandShareOf(clusters: ReadonlyArray<ClusterState>): number[] {
    if (this.brandShares === null) {
      const n = this.markets.length;
      const shares = doubles(clusters.length * n, NaN);
      // Few clusters have a brand anywhere: walk their brand records, not every market.
      clusters.forEach((cluster, ci) => {
        for (const id in cluster.brand) {
          const i = this.marketIndex.get(id);
          if (i !== undefined) shares[ci * n + i] = cluster.brand[id] as number;
        }
      });
      this.brandShares = shares;
    }
    return this.brandShares;
  }
  /** Writes each cluster's `soldIn` record: the markets in the order it first sold in them. */
  writeSoldIn(clusters: ReadonlyArray<ClusterState>): void {
    const n = this.markets.length;
    clusters.forEach((cluster, ci) => {
      const record: Record<string, number> = {};
      for (const i of this.soldOrder[ci] as number[]) record[(this.markets[i] as SpotMarket).id] = this.soldIn[ci * n + i] as number;
      cluster.soldIn = record;
    });
  }
  /** The routes to each market from an origin, with their `deliveredCost` in a sector (NaN where none is reachable). */
  routesFrom(ctx: ResolveContext, origin: string, sector: SectorSpec): OriginRoutes {
    let entry = this.origins.get(origin);
    if (!entry) {
      const routes = ctx.routes.nearestEach(origin, this.marketNodes);
      entry = { routes, delivered: deliveredCostsAlong(routes, ctx.p.trade.domesticHaul), sector: null, costs: [] };
      this.origins.set(origin, entry);
    }
    if (entry.sector !== sector) {
      entry.costs = entry.delivered.in(sector, this.access);
      entry.sector = sector;
    }
    return entry;
  }
}

/** The cheapest route to each spot market from one origin; `costs` are delivered costs in `sector`. */
interface OriginRoutes {
  readonly routes: MarketRoutes;
  readonly delivered: DeliveredCosts;
  sector: SectorSpec | null;
  costs: ReadonlyArray<number>;
}

type MarketRoutes = ReadonlyArray<{ node: string; cost: number } | null>;

/** `deliveredCost` to each market along one origin's routes (NaN where none is reachable), by sector. */
class DeliveredCosts {
  /** Route cost plus the last-mile haul to each market. */
  private readonly hauls: number[];
  private readonly bySector = new Map<SectorSpec, number[]>();
  constructor(routes: MarketRoutes, domesticHaul: number) {
    this.hauls = routes.map((route) => (route ? route.cost + domesticHaul : NaN));
  }
  in(sector: SectorSpec, access: ReadonlyArray<number>): number[] {
    let costs = this.bySector.get(sector);
    if (!costs) {
      costs = this.hauls.map((haul, i) => haul * sector.transportMult + (access[i] as number));
      this.bySector.set(sector, costs);
    }
    return costs;
  }
}

const deliveredOfRoutes = new WeakMap<MarketRoutes, DeliveredCosts>();

/**
 * Delivered costs are kept with the routes, which outlive the turn: both belong to one scenario's
 * markets, sectors and parameters.
 */
function deliveredCostsAlong(routes: MarketRoutes, domesticHaul: number): DeliveredCosts {
  let delivered = deliveredOfRoutes.get(routes);
  if (!delivered) {
    delivered = new DeliveredCosts(routes, domesticHaul);
    deliveredOfRoutes.set(routes, delivered);
  }
  return delivered;
}

function sellOnSpotMarkets(ctx: ResolveContext, sector: SectorSpec, scratch: SpotScratch, lots: Lot[], flows: Flows, mods: EventModifiers): void {
  const { state, p } = ctx;
  const { markets, demand, supply, tariff, afterTariff, quotedFor, quotedPrice, quotedFill, marketOfHost, soldIn, soldOrder, clampRatios } = scratch;
  const n = markets.length;
  const v = p.stages.M.v;
  const sigmaMarket = p.gov.sigma.MARKET;
  const P0 = basePrice(state, sector) * priceMult(mods, sector.id);
  for (let i = 0; i < n; i++) {
    const m = markets[i] as SpotMarket;
    demand[i] = spotDemand(state, m, sector, mods);
    supply[i] = m.backgroundShare * (demand[i] as number);
    // A host taxes what comes from elsewhere; its own plants pay nothing (see `home` below).
    tariff[i] = m.host === null ? 0 : (m.host.policies.tariff[sector.id] ?? 0);
    afterTariff[i] = tariff[i] === 0 ? 1 : 1 - (tariff[i] as number);
  }
  // The price a lot of `units` would meet in each market; most lots are the same size, so it is
  // recomputed only for another size or for the market that just received a lot.
  quotedFor.fill(NaN);
  for (const lot of lots) {
    const units = lot.units - lot.sold;
    const origin = scratch.routesFrom(ctx, lot.plant.node, sector);
    const costs = origin.costs;
    const factor = v * lot.quality * sigmaMarket * lot.sigma;
    const home = lot.plant.host === null ? -1 : (marketOfHost.get(lot.plant.host) ?? -1);
    let best = -1;
    let bestExpected = -Infinity;
    let bestPerUnit = 0;
    for (let i = 0; i < n; i++) {
      const cost = costs[i] as number;
      if (cost !== cost) continue; // NaN: no route there
      if (quotedFor[i] !== units) {
        const d = demand[i] as number;
        const s = (supply[i] as number) + units;
        quotedPrice[i] = clampedPrice(p, clampRatios, P0, d, s);
        quotedFill[i] = fillRate(d, s);
        quotedFor[i] = units;
      }
      const perUnit = (quotedPrice[i] as number) * (i === home ? 1 : (afterTariff[i] as number)) * factor - cost;
      const expected = perUnit * (quotedFill[i] as number);
      if (best < 0 || expected > bestExpected + 1e-12) {
        best = i;
        bestExpected = expected;
        bestPerUnit = perUnit;
      }
    }
    // Producing a unit costs what running the block costs above keeping it idle.
    const marginalCost = (lot.cost.full - lot.cost.maintenance) / lot.units;
    if (best < 0 || bestPerUnit <= marginalCost) continue;
    lot.market = best;
    lot.marketNode = (origin.routes[best] as { node: string }).node;
    lot.transport = costs[best] as number;
    lot.tariff = best === home ? 0 : (tariff[best] as number);
    supply[best] = (supply[best] as number) + units;
    quotedFor[best] = NaN;
  }

  // From here on the quote arrays hold each market's clearing price and fill rate.
  const price = quotedPrice;
  const fill = quotedFill;
  for (let i = 0; i < n; i++) {
    const d = demand[i] as number;
    const s = supply[i] as number;
    price[i] = clampedPrice(p, clampRatios, P0, d, s);
    fill[i] = fillRate(d, s);
    state.board.push({ market: (markets[i] as SpotMarket).id, sector: sector.id, demand: d, supply: s, sold: Math.min(d, s), price: price[i] as number });
  }
  // A cluster with brand presence in a market sells up to that share of its demand as its own lead firm (A7).
  const brandShare = scratch.brandShareOf(state.clusters);
  // Brand room left in this sector, by cluster index times the market count plus the market (few clusters have any).
  const brandRoom = new Map<number, number>();
  for (const lot of lots) {
    if (lot.market === null) continue;
    const i = lot.market;
    const at = lot.ci * n + i;
    const units = (lot.units - lot.sold) * (fill[i] as number);
    const marketPrice_ = price[i] as number;
    lot.revenue += units * (marketPrice_ * (1 - lot.tariff) * v * lot.quality * sigmaMarket * lot.sigma - lot.transport);
    lot.sold += units;
    let own = 0;
    const share = brandShare[at] as number;
    if (!Number.isNaN(share)) {
      const room = brandRoom.get(at) ?? share * (demand[i] as number);
      own = Math.min(units, room);
      brandRoom.set(at, room - own);
    }
    if (own > 0) recordSale(lot.sales, own, own * marketPrice_, "OWN");
    if (units > own) recordSale(lot.sales, units - own, (units - own) * marketPrice_, "MARKET");
    const sold = soldIn[at] as number;
    if (Number.isNaN(sold)) {
      (soldOrder[lot.ci] as number[]).push(i);
      soldIn[at] = units;
    } else soldIn[at] = sold + units;
    flows.add(lot.plant.node, lot.marketNode as string, units);
  }
}

/** Units shipped between node pairs this round; walked along their routes once at the end. */
class Flows {
  private readonly units = new Map<string, Map<string, number>>();
  add(from: string, to: string, units: number): void {
    if (units <= 0 || from === to) return;
    let byTarget = this.units.get(from);
    if (!byTarget) {
      byTarget = new Map();
      this.units.set(from, byTarget);
    }
    byTarget.set(to, (byTarget.get(to) ?? 0) + units);
  }
  /** Adds every pair's units to each edge of its cheapest route. */
  record(ctx: ResolveContext): void {
    for (const [from, byTarget] of this.units) {
      const tree = ctx.routes.from(from);
      for (const [to, units] of byTarget) ctx.routes.addFlow(tree, to, units);
    }
  }
}

function recordSale(s: ClusterSales, units: number, value: number, governance: Governance): void {
  s.units += units;
  s.value += value;
  s.byGovernance.set(governance, (s.byGovernance.get(governance) ?? 0) + units);
}

/** Cheapest unit cost from a plant to a market, with the last-mile haul and the sector's transport multiplier. */
function routeToMarket(ctx: ResolveContext, origin: string, market: { id: string; nodes: ReadonlyArray<string>; accessCost: number }, sector: SectorSpec): { node: string; cost: number } | null {
  const nearest = ctx.routes.nearest(origin, market.nodes);
  if (nearest === null) return null;
  return { node: nearest.node, cost: deliveredCost(ctx, nearest.cost, sector, market.accessCost) };
}

/** Unit transport cost to a market: route cost plus the last-mile haul, times the sector's multiplier, plus access. */
function deliveredCost(ctx: ResolveContext, routeCost: number, sector: SectorSpec, accessCost: number): number {
  return (routeCost + ctx.p.trade.domesticHaul) * sector.transportMult + accessCost;
}


/**
 * U1, D1, U2 and D2 blocks add value to the product the cluster sells, valued at its average
 * selling price times the stage's multiplier; U2 and D2 only through channels that leave the
 * cluster that function (the end-stage channel rule).
 */
function earnOtherStages(ctx: ResolveContext, cluster: ClusterState, sold: ClusterSales, revenue: Record<Stage, number>, cost: Record<Stage, number>, phiOf: ProductivityOf): void {
  const { state, p } = ctx;
  const avgPrice = sold.units > 0 ? sold.value / sold.units : 0;
  const quality = p.production.qualityBase + p.production.qualityPerQ * cluster.Q;
  const weights = [...sold.byGovernance.entries()].map(([g, units]) => ({ g, w: sold.units > 0 ? units / sold.units : 0 }));
  const sigma = weights.reduce((s, { g, w }) => s + w * p.gov.sigma[g], 0);
  for (const stage of ["U1", "D1", "U2", "D2"] as const) {
    const eligible = stage === "U2" || stage === "D2" ? weights.reduce((s, { g, w }) => s + w * p.production.endStageShare[stage][g], 0) : 1;
    const capacity = cluster.plants.reduce((s, pl) => s + pl.blocks[stage] * phiOf(pl), 0);
    if (capacity <= 0) continue;
    const used = Math.min(capacity, sold.units * eligible);
    const share = used / capacity;
    // Brand blocks selling through own channels also earn the brand rent (5.7).
    const rent = stage === "D2" ? 1 + p.production.brandRent : 1;
    const earned = used * avgPrice * p.stages[stage].v * quality * sigma * rent;
    revenue[stage] += earned;
    for (const plant of cluster.plants) {
      if (plant.blocks[stage] === 0) continue;
      const c = blockCost(state, cluster, plant, stage);
      const plantCost = plant.blocks[stage] * (share * c.full + (1 - share) * c.maintenance);
      const plantRevenue = (earned * plant.blocks[stage] * phiOf(plant)) / capacity;
      cost[stage] += plantCost;
      ctx.plantProfit.set(plant, (ctx.plantProfit.get(plant) ?? 0) + plantRevenue - plantCost);
    }
  }
}

/** S = sum(VA_s * |x_s|) / (2 * sum(VA_s)) over stages with positive value added; 0 when none. */
export function smileIndex(va: Record<Stage, number>, p: Parameters): number {
  let weighted = 0;
  let total = 0;
  for (const st of STAGES) {
    const v = va[st];
    if (v <= 0) continue;
    weighted += v * Math.abs(p.stages[st].x);
    total += v;
  }
  return total > 0 ? clamp(weighted / (2 * total), 0, 1) : 0;
}
