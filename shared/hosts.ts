/** Host countries: policies (H1-H9), infrastructure, and development along the industrial gradient (5.8, 5.9). */
import { asPlant } from "./market.ts";
import { emissionPerBlock } from "./pollution.ts";
import { ordersOf, type ResolveContext } from "./context.ts";
import { hostOf, parkAt, sectorOf } from "./lookup.ts";
import { clamp, type ClusterState, type HostState, type LeadFirmState, type LeadPlant, type Plant } from "./state.ts";
import { STAGES } from "./types.ts";

const payCosts = (ctx: ResolveContext, host: HostState, code: "H1" | "H2" | "H3" | "H4" | "H5" | "H6" | "H8" | "H9"): void => {
  const c = ctx.p.costs[code];
  host.apUsed += c.ap;
  host.PC -= c.pc ?? 0;
  host.money -= c.money ?? 0;
};

/** Step 1 of 5.4: host policy changes. */
export function applyHostPolicies(ctx: ResolveContext): void {
  const { p, report, state } = ctx;
  const host = (seat: string) => hostOf(state, seat) as HostState;
  for (const { seat, order } of ordersOf(ctx, "tariff")) {
    const h = host(seat);
    payCosts(ctx, h, "H1");
    const rise = order.rate - (h.policies.tariff[order.sector] ?? 0);
    h.policies.tariff[order.sector] = order.rate;
    // Consumers feel a tariff on infrastructure goods the moment it is raised.
    if (rise > 0 && sectorOf(state, order.sector)?.infraLinked) h.approval -= p.hostRules.approvalPerTariff10 * (rise / 0.1);
    report.add("POLICY_TARIFF", [seat], true, { host: seat, sector: order.sector, rate: order.rate });
  }
  for (const { seat, order } of ordersOf(ctx, "lcr")) {
    payCosts(ctx, host(seat), "H2");
    host(seat).policies.lcr = order.rate;
    report.add("POLICY_LCR", [seat], true, { host: seat, rate: order.rate });
  }
  for (const { seat } of ordersOf(ctx, "training")) {
    const h = host(seat);
    payCosts(ctx, h, "H4");
    h.policies.training += 1;
    h.A = clamp(h.A + p.hostRules.trainingA, 0, 1);
    h.w += p.wages.trainingBump;
    report.add("POLICY_TRAINING", [seat], true, { host: seat, A: h.A, w: h.w });
  }
  for (const { seat, order } of ordersOf(ctx, "environment")) {
    payCosts(ctx, host(seat), "H5");
    host(seat).policies.env = order.level;
    report.add("POLICY_ENV", [seat], true, { host: seat, level: order.level });
  }
  for (const { seat, order } of ordersOf(ctx, "sez")) {
    payCosts(ctx, host(seat), "H6");
    host(seat).policies.sez = order.on;
    report.add("POLICY_SEZ", [seat], true, { host: seat, state: order.on ? "offers" : "ends" });
  }
  for (const { seat, order } of ordersOf(ctx, "jv")) {
    payCosts(ctx, host(seat), "H9");
    host(seat).policies.jv = order.required;
    report.add("POLICY_JV", [seat], true, { host: seat, state: order.required ? "requires" : "no longer requires" });
  }
}

/** Step 2 of 5.4: infrastructure (H3) and corridor investment (H8). Debt covers what the budget cannot. */
export function applyInfrastructure(ctx: ResolveContext): void {
  const { p, report, state } = ctx;
  for (const { seat, order } of ordersOf(ctx, "infrastructure")) {
    const h = hostOf(state, seat) as HostState;
    const cost = p.costs.H3.money ?? 0;
    const borrowed = order.borrow ? Math.max(0, cost - Math.max(0, h.money)) : 0;
    payCosts(ctx, h, "H3");
    h.money += borrowed;
    h.debt += borrowed;
    h.infra = clamp(h.infra + p.hostRules.infraStep, 0, 1);
    h.infraBoosts.push(state.turn);
    report.add("POLICY_INFRA", [seat], true, { host: seat, cost, borrowed, infra: h.infra });
  }
  for (const { seat, order } of ordersOf(ctx, "corridorInvest")) {
    const edge = state.edges.find((e) => e.id === order.edge);
    if (!edge) continue;
    payCosts(ctx, hostOf(state, seat) as HostState, "H8");
    raiseEdge(ctx, edge.id);
    report.add("CORRIDOR_UPGRADED", [seat], true, { edge: edge.id, level: edge.level, paid: p.costs.H8.money ?? 0 });
  }
}

export function raiseEdge(ctx: ResolveContext, edgeId: string): void {
  const edge = ctx.state.edges.find((e) => e.id === edgeId);
  if (!edge || edge.level >= ctx.p.trade.maxLevel) return;
  edge.level += 1;
  edge.capacity *= 1 + ctx.p.trade.levelCapacity;
}

/** The gradient bonus of 5.8: late-mover advantage in the sweet spot, too little or too much gap damps it. */
export function gradientMultiplier(ctx: ResolveContext, gradient: number): number {
  const t = ctx.p.transfer;
  const [lo, hi] = t.gradientSweet;
  if (gradient >= lo && gradient <= hi) return t.gradientBonus;
  if (gradient > ctx.p.hostRules.gradientPenaltyAbove || gradient < ctx.p.hostRules.gradientPenaltyBelow) return t.gradientPenalty;
  return 1;
}

interface HostPlant {
  cluster: ClusterState;
  plant: Plant;
}

/** Step 9 of 5.4: jobs, industrialisation, absorption, pollution, tax, approval, political capital, debt and wages. */
export function developHosts(ctx: ResolveContext): void {
  let flow = 0;
  const { p, state, report } = ctx;
  const plantsIn = new Map<string, HostPlant[]>();
  for (const cluster of state.clusters) {
    for (const plant of cluster.plants) {
      if (plant.host === null) continue;
      const list = plantsIn.get(plant.host) ?? [];
      list.push({ cluster, plant });
      plantsIn.set(plant.host, list);
    }
  }
  const leadPlantsIn = new Map<string, Array<{ lead: LeadFirmState; pl: LeadPlant }>>();
  for (const lead of state.leadFirms) {
    for (const pl of lead.plants) {
      const list = leadPlantsIn.get(pl.host);
      if (list) list.push({ lead, pl });
      else leadPlantsIn.set(pl.host, [{ lead, pl }]);
    }
  }

  for (const h of state.hosts) {
    const plants = plantsIn.get(h.id) ?? [];
    const hr = p.hostRules;
    let jobs = 0;
    let dZ = 0;
    let blocks = 0;
    let kRose = false;
    let enclaveBlocks = 0;
    let tax = 0;
    h.E *= 1 - p.pollution.decay;
    for (const { cluster, plant } of plants) {
      const parkMult = parkAt(state, plant.node) ? hr.jobsParkMult : 1;
      for (const st of STAGES) jobs += plant.blocks[st] * p.host.jobsPerBlock[st] * parkMult;
      const gradient = (cluster.P - (h.kHost[cluster.sector] ?? 0)) / 10;
      const lcrMult = h.policies.lcr > 0 ? hr.lcrZMult : 1;
      dZ += (plant.blocks.M * p.host.zPerBlock.M + plant.blocks.U1 * p.host.zPerBlock.U1) * gradientMultiplier(ctx, gradient) * lcrMult;
      const n = STAGES.reduce((s, st) => s + plant.blocks[st], 0);
      blocks += n;
      const dK = p.host.kAbsorb * h.A * Math.max(gradient, 0) * (plant.jv ? p.transfer.jvAbsorb : 1) * n;
      if (dK > 0) kRose = true;
      h.kHost[cluster.sector] = clamp((h.kHost[cluster.sector] ?? 0) + dK, 0, 10);
      if (!plant.jv) enclaveBlocks += n;
      const emitted = pollutionOf(ctx, cluster, plant);
      h.E += emitted;
      flow += emitted;
      cluster.emissions += emitted;
      const holiday = h.policies.sez && state.turn - plant.arrivedTurn < hr.sezTaxHolidayRounds;
      const profit = ctx.plantProfit.get(plant) ?? 0;
      if (!holiday && profit > 0) {
        const t = p.host.taxRate * profit;
        cluster.money -= t;
        tax += t;
      }
    }
    for (const { lead, pl } of leadPlantsIn.get(h.id) ?? []) {
      const parkMult = parkAt(state, pl.node) ? hr.jobsParkMult : 1;
      jobs += pl.blocks * p.host.jobsPerBlock.M * parkMult;
      const gradient = (lead.P - (h.kHost[pl.sector] ?? 0)) / 10;
      dZ += pl.blocks * p.host.zPerBlock.M * gradientMultiplier(ctx, gradient) * (h.policies.lcr > 0 ? hr.lcrZMult : 1);
      blocks += pl.blocks;
      enclaveBlocks += pl.blocks;
      const dK = p.host.kAbsorb * h.A * Math.max(gradient, 0) * pl.blocks;
      if (dK > 0) kRose = true;
      h.kHost[pl.sector] = clamp((h.kHost[pl.sector] ?? 0) + dK, 0, 10);
      const emitted = pl.blocks * emissionPerBlock(state, { sector: pl.sector, stance: "neutral" }, asPlant(pl));
      h.E += emitted;
      flow += emitted;
      lead.emissions += emitted;
      const profit = ctx.plantProfit.get(pl) ?? 0;
      if (profit > 0) {
        const t = p.host.taxRate * profit;
        lead.money -= t;
        tax += t;
      }
    }
    h.money += tax;
    h.taxCum += tax;
    h.Z = clamp(h.Z + dZ, 0, 100);
    h.A = clamp(h.A + hr.absorbGain * Math.floor(blocks / hr.absorbBlocks), 0, 1);
    const gained = jobs - h.jobs;
    h.jobs = jobs;

    h.approval += hr.approvalPerJob * Math.max(0, gained);
    h.approval -= hr.approvalPerE * Math.max(0, h.E - hr.approvalEThreshold);
    if (blocks > 0 && enclaveBlocks / blocks > hr.enclaveShare && h.policies.lcr === 0 && !kRose) h.approval -= hr.approvalEnclave;

    h.debt *= 1 + hr.debtInterest;
    if (h.money < 0) {
      report.add("HOST_BORROWED", [h.id], true, { host: h.id, amount: -h.money });
      h.debt -= h.money;
      h.money = 0;
    }
    const ratio = h.debt / (h.gdp * hr.gdpCreditsPerBn);
    const distressed = ratio > p.host.debtDistress;
    if (distressed && !h.debtDistress) {
      h.approval -= hr.approvalDebtDistress;
      h.debtDistressOccurred = true;
      report.add("DEBT_DISTRESS", [h.id], true, { host: h.id, ratio });
    }
    h.debtDistress = distressed;
    h.approval = clamp(h.approval, 0, 100);
    h.PC = clamp(h.PC + p.host.pcRegen + (h.approval - hr.pcApprovalPivot) / hr.pcApprovalDiv, 0, hr.maxPC);
    h.w *= 1 + p.wages.hostGrowth;
    h.infraBoosts = h.infraBoosts.filter((t) => state.turn - t + 1 < hr.infraBoostRounds);
    report.add("HOST_DEVELOPMENT", [h.id], true, { host: h.id, Z: h.Z, dZ, jobs: h.jobs, approval: h.approval });
  }

  // Pollution at home in China, and China's rising wages (the push factor of 5.7).
  state.china.E *= 1 - p.pollution.decay;
  for (const cluster of state.clusters) {
    for (const plant of cluster.plants) {
      if (plant.host !== null) continue;
      const emitted = pollutionOf(ctx, cluster, plant);
      state.china.E += emitted;
      flow += emitted;
      cluster.emissions += emitted;
    }
  }
  state.china.wage *= 1 + p.wages.cnGrowth;
  state.china.skillWage *= 1 + p.wages.cnSkillGrowth;
  for (const sector of state.scenario.sectors) state.china.demand[sector.id] = (state.china.demand[sector.id] ?? 0) * (1 + sector.cnDemandTrend);
  state.worldE = state.china.E + state.hosts.reduce((s, h) => s + h.E, 0);
  state.worldFlow = flow;
}

/** Emissions of the M blocks that produced: e_s * stance * environmental standard * green retrofit (5.10). */
function pollutionOf(ctx: ResolveContext, cluster: ClusterState, plant: Plant): number {
  return (ctx.producedM.get(plant) ?? 0) * emissionPerBlock(ctx.state, cluster, plant);
}
