/**
 * Lead-firm AI (GAME-RULES 5.15): the Gatekeeper keeps captive suppliers cheap to control and
 * raises barriers against their functional upgrading; the Partner codifies standards earlier,
 * which lets capable suppliers move to modular chains. Both move orders to cheaper host capacity
 * ("China+1") and integrate when a technology leap leaves suppliers behind.
 */
import type { Negotiation, Order } from "../actions.ts";
import { activeEvents } from "../events.ts";
import { linkDrivers } from "../governance.ts";
import { blockCost, productivity } from "../market.ts";
import { leadOf } from "../lookup.ts";
import type { ClusterState, LeadFirmState, Offer } from "../state.ts";
import type { LeadArchetype } from "./archetypes.ts";
import { n, negotiation, OrderList, reason, type Choice, type PolicyContext, type RolePolicy } from "./policy.ts";

const me = (ctx: PolicyContext): LeadFirmState => leadOf(ctx.belief, ctx.seat) as LeadFirmState;
const archetype = (ctx: PolicyContext): LeadArchetype => ctx.ai.archetype as LeadArchetype;

const suppliers = (ctx: PolicyContext, sector: string): ClusterState[] =>
  ctx.belief.clusters.filter((c) => c.sector === sector && c.links.some((l) => l.leadFirm === ctx.seat));

/** Mean relative capability K of its suppliers in a sector, as it can estimate it. */
function meanK(ctx: PolicyContext, sector: string): { K: number; D: number } {
  const list = suppliers(ctx, sector);
  if (list.length === 0) return { K: 0, D: 0 };
  let K = 0;
  let D = 0;
  for (const c of list) {
    const link = c.links.find((l) => l.leadFirm === ctx.seat);
    if (!link) continue;
    const d = linkDrivers(ctx.belief, c, link);
    K += d.K;
    D += d.D;
  }
  return { K: K / list.length, D: D / list.length };
}

function proposals(ctx: PolicyContext): Array<Choice<Negotiation>> {
  const b = ctx.belief;
  const l = me(ctx);
  const out: Array<Choice<Negotiation>> = [];
  for (const sector of l.sectors) {
    for (const c of suppliers(ctx, sector)) {
      const link = c.links.find((k) => k.leadFirm === l.id);
      if (!link || link.excluded) continue;
      const wanted = archetype(ctx) === "partner" ? link.governance !== "HIERARCHY" : link.governance === "CAPTIVE";
      const already = b.contracts.some((k) => k.terms.kind === "supply" && k.terms.cluster === c.id && k.terms.leadFirm === l.id) || b.offers.some((o) => o.from === l.id && o.to === c.id);
      if (!wanted || already || out.length >= 2) continue;
      out.push(
        ...negotiation(
          ctx,
          { type: "propose", to: c.id, terms: { kind: "supply", cluster: c.id, leadFirm: l.id, units: 3, rounds: 2 } },
          reason(`offer ${c.id} a supply contract of 3 units for 2 rounds: link ${link.governance}, orders ${n(l.orders[sector] ?? 0)} in ${sector}`, `向 ${c.id} 提供 2 回合、每回合 3 单位的供货合同：链接为 ${link.governance}，${sector} 订单 ${n(l.orders[sector] ?? 0)}`),
        ),
      );
    }
  }
  return out;
}

function answer(ctx: PolicyContext, offer: Offer): Choice<Negotiation> {
  const l = me(ctx);
  const t = offer.terms;
  if (t.kind === "supply") {
    const contracted = ctx.belief.contracts.filter((k) => k.terms.kind === "supply" && k.terms.leadFirm === l.id).reduce((s, k) => s + (k.terms.kind === "supply" ? k.terms.units : 0), 0);
    const orders = Object.values(l.orders).reduce((a, x) => a + x, 0);
    if (contracted + t.units <= orders) return { action: { type: "accept", offer: offer.id }, reason: reason(`accept ${t.units} units a round from ${t.cluster}: contracted ${n(contracted)} of orders ${n(orders)}`, `接受 ${t.cluster} 每回合 ${t.units} 单位的供货：已签约 ${n(contracted)}，订单 ${n(orders)}`) };
    return { action: { type: "reject", offer: offer.id }, reason: reason(`reject ${t.units} units from ${t.cluster}: contracted ${n(contracted)} already near orders ${n(orders)}`, `拒绝 ${t.cluster} 的 ${t.units} 单位：已签约 ${n(contracted)}，接近订单 ${n(orders)}`) };
  }
  if (t.kind === "payment" && t.amount > 0) return { action: { type: "accept", offer: offer.id }, reason: reason(`accept a payment of ${n(t.amount)}`, `接受 ${n(t.amount)} 的付款`) };
  return { action: { type: "reject", offer: offer.id }, reason: reason(`reject the ${t.kind} offer: nothing in it for a lead firm`, `拒绝该${t.kind}提议：对领导企业无益`) };
}

function answers(ctx: PolicyContext): Array<Choice<Negotiation>> {
  return ctx.belief.offers.filter((o) => o.to === ctx.seat).map((o) => answer(ctx, o));
}

function orders(ctx: PolicyContext): Array<Choice<Order>> {
  const b = ctx.belief;
  const l = me(ctx);
  const kind = archetype(ctx);
  const p = b.scenario.parameters;
  const list = new OrderList(ctx);
  for (const sector of l.sectors) {
    const list_ = suppliers(ctx, sector);
    if (list_.length === 0) continue;
    const { K, D } = meanK(ctx, sector);
    // Gatekeepers guard design and brand: a captive supplier building end-stage blocks or plants abroad is trying to climb.
    const climbing = list_.filter((c) => c.links.some((k) => k.leadFirm === l.id && k.governance === "CAPTIVE") && c.plants.some((pl) => pl.blocks.U2 + pl.blocks.D2 > 1 || pl.host !== null));
    if (kind === "gatekeeper" && climbing.length > 0 && (l.barrier[sector] ?? 0) < p.leadRules.barrierMax && ctx.rng.next() < 0.6) {
      list.add({ type: "raiseBarrier", sector }, reason(`raise barriers in ${sector}: ${climbing.map((c) => c.id).join(", ")} captive but reaching for design or brand; barrier ${n(l.barrier[sector] ?? 0)}`, `提高 ${sector} 的壁垒：${climbing.map((c) => c.id).join("、")} 处于俘获型链接却在向设计或品牌攀升；壁垒 ${n(l.barrier[sector] ?? 0)}`));
    }
    const bar = kind === "partner" ? 0.45 : 0.6;
    if (K >= bar && D >= 0.55) {
      list.add({ type: "standardise", sector }, reason(`publish standards in ${sector}: suppliers' K ${n(K)} at least ${bar}, codifiability ${n(D)}`, `发布 ${sector} 标准：供应商能力 K ${n(K)} 不低于 ${bar}，可编码性 ${n(D)}`));
    }
    // A technology leap: an event in play that makes the sector more complex.
    const leap = activeEvents(b).some((e) => e.target === sector && b.scenario.eventCards.find((k) => k.id === e.card)?.effects.some((f) => f.kind === "sectorShift" && f.C > 0));
    const host = [...b.hosts].filter((h) => h.w < 0.3).sort((x, y) => x.w - y.w || (x.id < y.id ? -1 : 1))[0];
    if (leap && K < 0.5 && host && l.money > 40) {
      list.add({ type: "integrate", sector, host: host.id }, reason(`build its own plant in ${host.id}: a technology leap hit ${sector} and suppliers' K is ${n(K)}`, `在 ${host.id} 自建工厂：${sector} 出现技术跃迁，供应商能力 K 为 ${n(K)}`));
    }
    // China+1: host capacity of its suppliers that costs under 85% (Partners: 70%) of the Chinese blocks.
    const threshold = kind === "partner" ? 0.7 : p.leadRules.chinaPlusOneCost;
    let best: { host: string; ratio: number } | null = null;
    for (const c of list_) {
      const home = c.plants.find((pl) => pl.host === null && pl.sector === undefined);
      if (!home) continue;
      const homeCost = blockCost(b, c, home, "M").full / productivity(b, home);
      for (const pl of c.plants) {
        if (pl.host === null || pl.blocks.M === 0 || pl.sector !== undefined) continue;
        const ratio = blockCost(b, c, pl, "M").full / productivity(b, pl) / homeCost;
        if (ratio < threshold && (best === null || ratio < best.ratio)) best = { host: pl.host, ratio };
      }
    }
    if (best && l.preferHost[sector] !== best.host) {
      list.add({ type: "switchSuppliers", sector, host: best.host }, reason(`move ${sector} orders to capacity in ${best.host} first ("China+1"): unit cost ${n(best.ratio)} of the Chinese blocks'`, `将 ${sector} 订单优先转向 ${best.host} 的产能（"中国+1"）：单位成本为中国产能的 ${n(best.ratio)}`));
    }
  }
  return list.chosen;
}

export const leadPolicy: RolePolicy = { proposals, answers, orders };
