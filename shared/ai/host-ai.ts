/**
 * Host AI (GAME-RULES 5.15): the Developmental state trains labour and asks for technology
 * transfer, the Rentier cuts standards and taxes to attract capacity, the Cautious host guards its
 * environment and its debt. Contracts are accepted when their utility is positive.
 */
import type { Negotiation, Order } from "../actions.ts";
import { debtRatio } from "../events.ts";
import { clusterOf, hostOf, sectorOf } from "../lookup.ts";
import type { HostState, MatchState, Offer } from "../state.ts";
import type { SeatId } from "../types.ts";
import { HOST_WEIGHTS, type HostArchetype } from "./archetypes.ts";
import { destinationIn, homeValue, hostProspect, idleBlocks, roundsLeft } from "./economics.ts";
import { n, negotiation, OrderList, reason, type Choice, type PolicyContext, type RolePolicy } from "./policy.ts";

const me = (ctx: PolicyContext): HostState => hostOf(ctx.belief, ctx.seat) as HostState;
const archetype = (ctx: PolicyContext): HostArchetype => ctx.ai.archetype as HostArchetype;

/** Heavy sectors as the scenario marks them (steel, aluminium, cement, glass...). */
const heavy = (state: MatchState, sector: string): boolean => sectorOf(state, sector)?.heavy ?? false;

export interface TransferUtility {
  total: number;
  jobs: number;
  dZ: number;
  tech: number;
  tax: number;
  emissions: number;
  debt: number;
}

/** U = w_jobs*jobs + w_Z*dZ + w_tech*tech + w_tax*tax - w_E*emissions - w_debt*debt risk (5.15). */
export function transferUtility(ctx: PolicyContext, cluster: SeatId, blocks: number, payment: number, jv: boolean): TransferUtility {
  const b = ctx.belief;
  const h = me(ctx);
  const p = b.scenario.parameters;
  const w = HOST_WEIGHTS[archetype(ctx)];
  const c = clusterOf(b, cluster);
  const sector = c ? sectorOf(b, c.sector) : undefined;
  const gradient = c ? (c.P - (h.kHost[c.sector] ?? 0)) / 10 : 0;
  const [lo, hi] = p.transfer.gradientSweet;
  const gradientMult = gradient >= lo && gradient <= hi ? p.transfer.gradientBonus : p.transfer.gradientPenalty;
  const jobs = blocks * p.host.jobsPerBlock.M;
  const dZ = blocks * p.host.zPerBlock.M * gradientMult * (h.policies.lcr > 0 ? p.hostRules.lcrZMult : 1);
  const tech = (jv || h.policies.jv ? 2 : 1) * Math.max(0, gradient) * blocks;
  const tax = h.policies.sez ? 0 : p.host.taxRate * 3 * blocks;
  const emissions = blocks * (sector?.e ?? 1) * p.pollution.envMult[h.policies.env];
  const debt = payment > 0 ? Math.max(0, payment - h.money) + 10 * Math.max(0, debtRatio(b, h) - 0.4) : 0;
  const total = w.jobs * jobs + w.z * dZ + w.tech * tech + w.tax * tax - w.emissions * emissions - w.debt * debt - Math.max(0, payment) * 0.2;
  return { total, jobs, dZ, tech, tax, emissions, debt };
}

const utilityText = (u: TransferUtility) => `jobs ${n(u.jobs)}, dZ ${n(u.dZ)}, tax ${n(u.tax)}, emissions ${n(u.emissions)}, utility ${n(u.total)}`;
const utilityZh = (u: TransferUtility) => `就业 ${n(u.jobs)}，工业化 ${n(u.dZ)}，税收 ${n(u.tax)}，排放 ${n(u.emissions)}，效用 ${n(u.total)}`;

function proposals(ctx: PolicyContext): Array<Choice<Negotiation>> {
  const b = ctx.belief;
  const h = me(ctx);
  if (archetype(ctx) === "cautious" || b.offers.some((o) => o.from === h.id)) return [];
  const node = destinationIn(b, h.id);
  if (!node) return [];
  // Half the time it courts no one: drawn before the search, which then runs only when it counts
  // (the draw is the stream's only one in this phase, so its order changes no decision).
  if (ctx.rng.next() < 0.5) return [];
  const payment = archetype(ctx) === "developmental" && h.money >= 25 ? 5 : 0;
  // Courts the cluster that would gain most from coming, as far as the host can tell.
  const candidates = b.clusters
    .map((c) => ({ c, prospect: hostProspect(b, c, h.id, roundsLeft(b), homeValue(b, c, true)), u: transferUtility(ctx, c.id, 2, payment, h.policies.jv) }))
    .filter((x) => x.prospect !== null && x.prospect.gain > 0 && x.u.total > 0 && idleBlocks(b, x.c) >= 1)
    .sort((x, y) => y.u.total - x.u.total || (x.c.id < y.c.id ? -1 : 1));
  const best = candidates[0];
  if (!best) return [];
  return negotiation(
    ctx,
    { type: "propose", to: best.c.id, terms: { kind: "transfer", cluster: best.c.id, host: h.id, node, stage: "M", blocks: 2, payment, jv: h.policies.jv } },
    reason(`invite ${best.c.id} to move 2 blocks to ${node}, paying ${payment}: ${utilityText(best.u)}`, `邀请 ${best.c.id} 将 2 个产能块转移至 ${node}，支付 ${payment}：${utilityZh(best.u)}`),
  );
}

function answer(ctx: PolicyContext, offer: Offer): Array<Choice<Negotiation>> {
  const b = ctx.belief;
  const h = me(ctx);
  const t = offer.terms;
  const accept = (en: string, zh: string): Array<Choice<Negotiation>> => negotiation(ctx, { type: "accept", offer: offer.id }, reason(en, zh));
  const reject = (en: string, zh: string): Array<Choice<Negotiation>> => [{ action: { type: "reject", offer: offer.id }, reason: reason(en, zh) }];
  switch (t.kind) {
    case "transfer": {
      const c = clusterOf(b, t.cluster);
      const u = transferUtility(ctx, t.cluster, t.blocks, t.payment, t.jv);
      const kLow = c ? (h.kHost[c.sector] ?? 0) < 4 : false;
      // Counter-offer (5.15): ask for a joint venture when local capability is low and the sector heavy.
      if (archetype(ctx) === "developmental" && c && kLow && heavy(b, c.sector) && !t.jv && !h.policies.jv) {
        return [
          ...reject(`counter ${t.cluster}'s offer: K_host ${n(h.kHost[c.sector] ?? 0)} below 4 in a heavy sector, so a joint venture is asked for`, `还价 ${t.cluster} 的提议：重工业部门本地能力 K ${n(h.kHost[c.sector] ?? 0)} 低于 4，要求合资`),
          ...negotiation(ctx, { type: "propose", to: t.cluster, terms: { ...t, jv: true } }, reason(`offer ${t.cluster} the same transfer as a joint venture: technology transfer for local firms`, `向 ${t.cluster} 提出同样的转移但以合资形式：为本地企业带来技术转移`)),
        ];
      }
      const accepted = u.total > 0 ? accept(`accept ${t.blocks} ${c?.sector ?? ""} blocks from ${t.cluster} at ${t.node}: ${utilityText(u)}`, `接受 ${t.cluster} 的 ${t.blocks} 个产能块落户 ${t.node}：${utilityZh(u)}`) : [];
      return accepted.length > 0 ? accepted : reject(`reject ${t.blocks} blocks from ${t.cluster}: ${utilityText(u)}`, `拒绝 ${t.cluster} 的 ${t.blocks} 个产能块：${utilityZh(u)}`);
    }
    case "park":
    case "corridor": {
      const mine = offer.from === h.id ? t.fromContribution : t.toContribution;
      const ok = mine <= Math.max(0, h.money / 2) ? accept(`accept the ${t.kind} deal: its share ${n(mine)} of budget ${n(h.money)}`, `接受${t.kind === "park" ? "园区" : "走廊"}协议：出资 ${n(mine)}，预算 ${n(h.money)}`) : [];
      return ok.length > 0 ? ok : reject(`reject the ${t.kind} deal: share ${n(mine)}, budget ${n(h.money)}, or no AP left`, `拒绝${t.kind === "park" ? "园区" : "走廊"}协议：出资 ${n(mine)}，预算 ${n(h.money)}，或行动点不足`);
    }
    case "payment":
      return t.amount > 0 ? accept(`accept a payment of ${n(t.amount)}`, `接受 ${n(t.amount)} 的付款`) : reject(`refuse to pay ${n(-t.amount)}`, `拒绝支付 ${n(-t.amount)}`);
    default:
      return reject("not a deal a host signs", "东道国不签署此类协议");
  }
}

function answers(ctx: PolicyContext): Array<Choice<Negotiation>> {
  return ctx.belief.offers.filter((o) => o.to === ctx.seat).flatMap((o) => answer(ctx, o));
}

function orders(ctx: PolicyContext): Array<Choice<Order>> {
  const b = ctx.belief;
  const h = me(ctx);
  const kind = archetype(ctx);
  const list = new OrderList(ctx);
  const ratio = debtRatio(b, h);
  const hosted = b.clusters.reduce((s, c) => s + c.plants.filter((pl) => pl.host === h.id).reduce((a, pl) => a + pl.blocks.M, 0), 0);

  // Raise env to high if pollution or approval call for it (5.15); the cautious host goes to med at once.
  if (h.E > 40 || h.approval < 45) list.add({ type: "environment", level: "high" }, reason(`raise the environmental standard to high: pollution ${n(h.E)}, approval ${n(h.approval)}`, `将环境标准提高到高：污染 ${n(h.E)}，支持率 ${n(h.approval)}`), false);
  else if (kind === "cautious" && h.policies.env === "low") list.add({ type: "environment", level: "med" }, reason(`set a medium environmental standard before capacity arrives: pollution ${n(h.E)}`, `在产能到来之前设定中等环境标准：污染 ${n(h.E)}`));
  else if (kind === "rentier" && h.policies.env !== "low" && h.E < 30) list.add({ type: "environment", level: "low" }, reason(`cut the environmental standard to low to attract capacity: pollution ${n(h.E)}`, `将环境标准降至低以吸引产能：污染 ${n(h.E)}`));

  // Developmental states run special economic zones too (China's own path), and train labour alongside.
  if (kind === "developmental" && !h.policies.sez) list.add({ type: "sez", on: true }, reason(`open a special economic zone alongside training: absorptive capacity A ${n(h.A)}, ${hosted} blocks here now`, `设立经济特区并同时培训劳动力：吸收能力 A ${n(h.A)}，现有 ${hosted} 个产能块`));
  if (kind === "rentier" && !h.policies.sez) list.add({ type: "sez", on: true }, reason(`offer SEZ incentives: relocation 20% cheaper and a tax holiday draw capacity, ${hosted} blocks here now`, `提供经济特区优惠：搬迁成本降低 20% 并免税，吸引产能，现有 ${hosted} 个产能块`));

  // Train labour: the developmental state keeps at it, the others while absorptive capacity is low.
  const trainBelow = kind === "developmental" ? 0.7 : kind === "cautious" ? 0.4 : -1;
  if (h.A < trainBelow && h.money >= (b.scenario.parameters.costs.H4.money ?? 0)) {
    list.add({ type: "training" }, reason(`train labour: absorptive capacity A ${n(h.A)} below ${trainBelow}, budget ${n(h.money)}`, `开展劳动力培训：吸收能力 A ${n(h.A)} 低于 ${trainBelow}，预算 ${n(h.money)}`));
  }

  // Local content once local firms can supply it (K_host at the threshold), so it does not raise the investors' costs.
  const p = b.scenario.parameters;
  const kHosted = Math.min(10, ...b.clusters.flatMap((c) => (c.plants.some((pl) => pl.host === h.id) ? [h.kHost[c.sector] ?? 0] : [])));
  if (kind === "developmental" && hosted > 0 && h.policies.lcr === 0 && kHosted >= p.hostRules.lcrKHostMin) {
    list.add({ type: "lcr", rate: 0.3 }, reason(`require 30% local content: ${hosted} blocks here, K_host ${n(kHosted)} at least ${p.hostRules.lcrKHostMin}, industrialisation counts ${p.hostRules.lcrZMult} times`, `要求 30% 本地成分：现有 ${hosted} 个产能块，本地能力 K ${n(kHosted)} 不低于 ${p.hostRules.lcrKHostMin}，工业化增益乘以 ${p.hostRules.lcrZMult}`));
  }

  // Infrastructure if infra < 0.5 and the debt ratio < 0.4 (5.15); the cautious host never borrows.
  const cost = p.costs.H3.money ?? 0;
  if (h.infra < 0.5 && ratio < 0.4 && (kind !== "cautious" || h.money >= cost)) {
    const borrow = h.money < cost;
    list.add({ type: "infrastructure", borrow }, reason(`invest in infrastructure${borrow ? " on credit" : ""}: infra ${n(h.infra)} below 0.5, debt ratio ${n(ratio)}`, `投资基础设施${borrow ? "（举债）" : ""}：基础设施 ${n(h.infra)} 低于 0.5，债务比率 ${n(ratio)}`));
  }
  return list.chosen;
}

export const hostPolicy: RolePolicy = { proposals, answers, orders };
