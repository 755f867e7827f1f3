/**
 * Cluster AI (GAME-RULES 5.15): Upgrader, Volume / low road and Transferrer. Each round it weighs
 * moving idle capacity abroad, learning from its lead firm, applying knowledge in Belt and Road
 * markets, functional and chain upgrading, and green retrofits, in the order of 5.15.
 */
import type { Negotiation, Order } from "../actions.ts";
import { brandCap, hasFoothold } from "../brand.ts";
import { endStageBlocks, lineCost } from "../chains.ts";
import { activeEvents } from "../events.ts";
import { clusterOf, homePlant, hostOf } from "../lookup.ts";
import type { ClusterState, Offer } from "../state.ts";
import { upgradeOdds } from "../upgrading.ts";
import { orderUse } from "../validate.ts";
import type { ClusterArchetype } from "./archetypes.ts";
import { homeValue, hostProspect, idleBlocks, joinablePark, mAbroad, mBlocks, roundsLeft, type HostProspect } from "./economics.ts";
import { n, negotiation, OrderList, reason, type Choice, type PolicyContext, type RolePolicy } from "./policy.ts";

/** Money a cluster keeps back for idle-block maintenance and surprises. */
const RESERVE = 15;

/** How much of its M capacity each archetype is willing to have abroad. */
const ABROAD_LIMIT: Record<ClusterArchetype, number> = { upgrader: 0.5, volume: 0.3, transferrer: 0.7 };

const me = (ctx: PolicyContext): ClusterState => clusterOf(ctx.belief, ctx.seat) as ClusterState;
const archetype = (ctx: PolicyContext): ClusterArchetype => ctx.ai.archetype as ClusterArchetype;

/** The host where moving a block gains most over the rounds left, if any gains at all. */
export function bestHost(ctx: PolicyContext, idle: boolean): HostProspect | null {
  const c = me(ctx);
  const home = homeValue(ctx.belief, c, idle);
  let best: HostProspect | null = null;
  for (const h of ctx.belief.hosts) {
    const prospect = hostProspect(ctx.belief, c, h.id, roundsLeft(ctx.belief), home);
    if (prospect && (best === null || prospect.gain > best.gain + 1e-9)) best = prospect;
  }
  return best && best.gain > 0 ? best : null;
}

/** Blocks the archetype wants to move this round: min(idle, 3) when idle >= 2; Transferrers move 2 even without idle capacity. */
function blocksToMove(ctx: PolicyContext): number {
  const c = me(ctx);
  const kind = archetype(ctx);
  const idle = idleBlocks(ctx.belief, c);
  const room = Math.floor(ABROAD_LIMIT[kind] * mBlocks(c)) - mAbroad(c);
  const home = homePlant(c)?.blocks.M ?? 0;
  const wanted = kind === "transferrer" ? Math.max(idle, 2) : kind === "upgrader" ? (idle >= 2 ? idle : 1) : idle >= 2 ? idle : 0;
  return Math.max(0, Math.min(wanted, 3, room, home - 1));
}

const pendingTransfer = (ctx: PolicyContext): boolean =>
  ctx.belief.offers.some((o) => o.terms.kind === "transfer" && o.terms.cluster === ctx.seat) ||
  ctx.belief.contracts.some((k) => k.terms.kind === "transfer" && k.terms.cluster === ctx.seat && !k.executed);

function proposals(ctx: PolicyContext): Array<Choice<Negotiation>> {
  const c = me(ctx);
  const out: Array<Choice<Negotiation>> = [];
  const blocks = pendingTransfer(ctx) ? 0 : blocksToMove(ctx);
  const idle = idleBlocks(ctx.belief, c) >= blocks;
  const target = blocks > 0 ? bestHost(ctx, idle) : null;
  if (target) {
    const host = hostOf(ctx.belief, target.host);
    const home = homeValue(ctx.belief, c, idle);
    out.push(
      ...negotiation(
        ctx,
        { type: "propose", to: target.host, terms: { kind: "transfer", cluster: c.id, host: target.host, node: target.node, stage: "M", blocks, payment: 0, jv: host?.policies.jv ?? false } },
        reason(
          `offer to move ${blocks} ${idle ? "idle " : ""}${c.sector} blocks to ${target.node} (${target.host}): home ${idle ? "maintenance" : "margin"} ${n(home)}, host margin ${n(target.margin)}, relocation ${n(target.relocation)} a block`,
          `提议将 ${blocks} 个${idle ? "闲置" : ""}${c.sector}产能块转移至 ${target.node}（${target.host}）：国内${idle ? "维护成本" : "利润率"} ${n(home)}，东道国利润率 ${n(target.margin)}，每块搬迁成本 ${n(target.relocation)}`,
        ),
      ),
    );
  }
  // A park where its capacity stands (or is going) is a foothold for own brands and cheaper moves.
  if (archetype(ctx) !== "volume") {
    const nodes = new Set([...c.plants.filter((pl) => pl.host !== null).map((pl) => pl.node), ...(target ? [target.node] : [])]);
    for (const node of nodes) {
      const park = joinablePark(ctx.belief, c, node);
      if (!park) continue;
      out.push(
        ...negotiation(
          ctx,
          { type: "propose", to: park.country, terms: { kind: "park", park: park.id, fromContribution: 0, toContribution: 0 } },
          reason(`ask ${park.country} to let it join ${park.id} (level ${park.level}): a foothold for its own brand and better upgrade odds`, `请求 ${park.country} 允许加入 ${park.id}（${park.level} 级）：为自有品牌建立立足点并提高升级概率`),
        ),
      );
    }
  }
  if (archetype(ctx) === "volume") {
    for (const link of c.links) {
      if (link.excluded || ctx.belief.contracts.some((k) => k.terms.kind === "supply" && k.terms.cluster === c.id && k.terms.leadFirm === link.leadFirm)) continue;
      out.push(
        ...negotiation(
          ctx,
          { type: "propose", to: link.leadFirm, terms: { kind: "supply", cluster: c.id, leadFirm: link.leadFirm, units: 3, rounds: 2 } },
          reason(`offer ${link.leadFirm} a supply contract of 3 units for 2 rounds: ${idleBlocks(ctx.belief, c)} blocks idle`, `向 ${link.leadFirm} 提供 2 回合、每回合 3 单位的供货合同：${idleBlocks(ctx.belief, c)} 个产能块闲置`),
        ),
      );
    }
  }
  return out;
}

function answer(ctx: PolicyContext, offer: Offer): Choice<Negotiation> {
  const c = me(ctx);
  const accept = (en: string, zh: string): Choice<Negotiation> => ({ action: { type: "accept", offer: offer.id }, reason: reason(en, zh) });
  const reject = (en: string, zh: string): Choice<Negotiation> => ({ action: { type: "reject", offer: offer.id }, reason: reason(en, zh) });
  const t = offer.terms;
  switch (t.kind) {
    case "transfer": {
      const idle = Math.min(t.blocks, idleBlocks(ctx.belief, c));
      const home = (idle * homeValue(ctx.belief, c, true) + (t.blocks - idle) * homeValue(ctx.belief, c, false)) / t.blocks;
      const prospect = hostProspect(ctx.belief, c, t.host, roundsLeft(ctx.belief), home);
      const jvCut = t.jv ? 1 - ctx.belief.scenario.parameters.transfer.jvSigma : 0;
      const gain = prospect ? (prospect.margin * (1 - jvCut) - home) * roundsLeft(ctx.belief) * t.blocks + t.payment - prospect.relocation * t.blocks : -Infinity;
      const movable = (homePlant(c)?.blocks.M ?? 0) - 1;
      const wants = archetype(ctx) !== "volume" || idleBlocks(ctx.belief, c) >= t.blocks;
      if (prospect && gain > 0 && movable >= t.blocks && wants && !pendingTransfer(ctx) && ctx.rng.next() >= 0.05) {
        return accept(`accept moving ${t.blocks} blocks to ${t.node}: host margin ${n(prospect.margin)} vs home ${n(home)}, net gain ${n(gain)}`, `接受将 ${t.blocks} 个产能块转移至 ${t.node}：东道国利润率 ${n(prospect.margin)}，国内 ${n(home)}，净收益 ${n(gain)}`);
      }
      return reject(`reject moving ${t.blocks} blocks to ${t.node}: net gain ${n(Number.isFinite(gain) ? gain : 0)}, home margin ${n(home)}`, `拒绝将 ${t.blocks} 个产能块转移至 ${t.node}：净收益 ${n(Number.isFinite(gain) ? gain : 0)}，国内利润率 ${n(home)}`);
    }
    case "supply": {
      const idle = idleBlocks(ctx.belief, c);
      if (archetype(ctx) === "volume" || idle > 0) return accept(`accept supplying ${t.units} units a round to ${t.leadFirm}: ${idle} blocks idle`, `接受每回合向 ${t.leadFirm} 供货 ${t.units} 单位：${idle} 个产能块闲置`);
      return reject(`reject the supply contract with ${t.leadFirm}: no idle capacity`, `拒绝与 ${t.leadFirm} 的供货合同：没有闲置产能`);
    }
    case "buyout": {
      const cash = t.blocks * t.price;
      if (archetype(ctx) === "volume" || (archetype(ctx) === "transferrer" && c.money < 50)) {
        return accept(`sell ${t.blocks} linked blocks to ${t.leadFirm} for ${n(cash)}: money ${n(c.money)}`, `以 ${n(cash)} 将 ${t.blocks} 个关联产能块出售给 ${t.leadFirm}：资金 ${n(c.money)}`);
      }
      return reject(`refuse ${t.leadFirm}'s buy-out of ${n(cash)}: a subsidiary cannot upgrade functionally (F ${n(c.F)})`, `拒绝 ${t.leadFirm} 出价 ${n(cash)} 的收购：子公司无法进行功能升级（F ${n(c.F)}）`);
    }
    case "payment":
      return t.amount > 0 ? accept(`accept a payment of ${n(t.amount)}`, `接受 ${n(t.amount)} 的付款`) : reject(`refuse to pay ${n(-t.amount)}`, `拒绝支付 ${n(-t.amount)}`);
    case "park":
    case "corridor": {
      const mine = offer.from === c.id ? t.fromContribution : t.toContribution;
      if (mine <= Math.max(0, (c.money - RESERVE) / 4)) return accept(`accept the ${t.kind} deal: its share ${n(mine)} of money ${n(c.money)}`, `接受${t.kind === "park" ? "园区" : "走廊"}协议：出资 ${n(mine)}，资金 ${n(c.money)}`);
      return reject(`reject the ${t.kind} deal: its share ${n(mine)} is too much for money ${n(c.money)}`, `拒绝${t.kind === "park" ? "园区" : "走廊"}协议：出资 ${n(mine)} 超出资金 ${n(c.money)} 的承受范围`);
    }
  }
}

function answers(ctx: PolicyContext): Array<Choice<Negotiation>> {
  return ctx.belief.offers.filter((o) => o.to === ctx.seat).map((o) => answer(ctx, o));
}

function orders(ctx: PolicyContext): Array<Choice<Order>> {
  const b = ctx.belief;
  const c = me(ctx);
  const kind = archetype(ctx);
  const list = new OrderList(ctx);
  // A cluster that lost money last round keeps that much more back.
  const lastVA = c.vaLast.U2 + c.vaLast.U1 + c.vaLast.M + c.vaLast.D1 + c.vaLast.D2;
  const spare = () => c.money - list.chosen.reduce((s, ch) => s + orderUse(b, ctx.seat, ch.action).money, 0) - RESERVE - Math.max(0, -lastVA);
  const p = b.scenario.parameters;

  // 7. Stance first: it costs no AP and shapes everything else this round.
  const stance = kind === "upgrader" ? "high" : kind === "volume" ? (c.R < 30 ? "neutral" : "low") : "neutral";
  if (c.stance !== stance) list.add({ type: "stance", stance }, reason(`take the ${stance} road: ${kind}, reputation ${n(c.R)}`, `选择${stance === "high" ? "高端" : stance === "low" ? "低端" : "中间"}道路：${kind}，声誉 ${n(c.R)}`), false);

  // Contracts bind: signed transfers are carried out, signed park deals used.
  for (const k of b.contracts) {
    if (k.terms.kind === "transfer" && k.terms.cluster === c.id && !k.executed) {
      list.add({ type: "transfer", contract: k.id }, reason(`carry out contract ${k.id}: move ${k.terms.blocks} blocks to ${k.terms.node} (${k.terms.host})`, `履行合同 ${k.id}：将 ${k.terms.blocks} 个产能块转移至 ${k.terms.node}（${k.terms.host}）`), false);
    }
    if (k.terms.kind === "park" && k.parties.includes(c.id) && k.signedTurn === b.turn && !k.executed) {
      list.add({ type: "park", park: k.terms.park, mode: "join" }, reason(`join park ${k.terms.park} under the deal just signed`, `根据刚签署的协议入驻园区 ${k.terms.park}`), false);
    }
  }
  if (spare() < 0 && c.R >= p.finance.loanMinR && c.loan < p.finance.loanMax) {
    list.add({ type: "loan", amount: 20 }, reason(`borrow 20 from the policy bank: money ${n(c.money)} below the reserve ${RESERVE}`, `向政策性银行借款 20：资金 ${n(c.money)} 低于储备 ${RESERVE}`), false);
  }

  // 2. Captive and not yet capable: learn from the lead firm, then upgrade process or product.
  const main = [...c.links].sort((a, z) => z.share - a.share)[0];
  if (main && main.governance === "CAPTIVE" && (c.P < 6 || c.Q < 6) && kind !== "volume" && spare() >= (p.costs.A4.money ?? 0)) {
    list.add({ type: "learn", leadFirm: main.leadFirm }, reason(`learn from ${main.leadFirm}: link captive, P ${n(c.P)} Q ${n(c.Q)} below 6`, `向 ${main.leadFirm} 学习：链接为俘获型，P ${n(c.P)}、Q ${n(c.Q)} 低于 6`));
  }
  const lower = c.P <= c.Q ? "PROC" : "PROD";
  if ((c.P < 6 || c.Q < 6 || kind === "volume") && spare() >= p.upgrade.iref[lower]) {
    const odds = upgradeOdds(b, c, lower, p.upgrade.iref[lower]);
    list.add({ type: "upgrade", upgrade: lower, investment: p.upgrade.iref[lower] }, reason(`invest ${p.upgrade.iref[lower]} in ${lower === "PROC" ? "process" : "product"} upgrading: P ${n(c.P)} Q ${n(c.Q)}, success odds ${n(odds.p)}`, `投资 ${p.upgrade.iref[lower]} 进行${lower === "PROC" ? "工艺" : "产品"}升级：P ${n(c.P)}、Q ${n(c.Q)}，成功概率 ${n(odds.p)}`));
  }

  // 3. Apply knowledge in a Belt and Road market where it has a foothold (A7).
  const ownChannel = Object.values(c.brand).some((x) => x > 0);
  if (kind !== "volume" && c.P >= 4 && c.Q >= p.brandRules.minQ && spare() >= (p.costs.A7.money ?? 0)) {
    const cap = brandCap(b, c);
    const markets = b.hosts
      .filter((h) => hasFoothold(b, c, h.id) && (c.brand[h.id] ?? 0) < cap - 1e-9)
      .sort((x, y) => (c.soldIn[y.id] ?? 0) - (c.soldIn[x.id] ?? 0) || (x.id < y.id ? -1 : 1));
    const target = markets[0];
    if (target) {
      list.add({ type: "applyKnowledge", host: target.id }, reason(`apply its knowledge in ${target.id} under its own brand: P ${n(c.P)} Q ${n(c.Q)}, presence ${n(c.brand[target.id] ?? 0)} of cap ${n(cap)}`, `在 ${target.id} 以自有品牌应用知识：P ${n(c.P)}、Q ${n(c.Q)}，品牌存在度 ${n(c.brand[target.id] ?? 0)}，上限 ${n(cap)}`));
    }
  }

  // 4. Functional upgrading when the odds are worth it, then an end-stage block.
  const func = upgradeOdds(b, c, "FUNC", p.upgrade.iref.FUNC);
  const funcBar = kind === "upgrader" ? 0.25 : 0.3;
  if (kind !== "volume" && func.p >= funcBar && spare() >= 20 + p.upgrade.iref.FUNC) {
    list.add({ type: "upgrade", upgrade: "FUNC", investment: p.upgrade.iref.FUNC }, reason(`invest ${p.upgrade.iref.FUNC} in functional upgrading: odds ${n(func.p)} (governance ${n(func.governance)}, lock-in ${n(func.lockin)}), F ${n(c.F)}`, `投资 ${p.upgrade.iref.FUNC} 进行功能升级：成功概率 ${n(func.p)}（治理系数 ${n(func.governance)}，锁定 ${n(func.lockin)}），F ${n(c.F)}`));
  }
  if (kind !== "volume" && endStageBlocks(c) + 1 <= Math.floor(c.F) && spare() >= (p.costs.A10.money ?? 0)) {
    const stage = ownChannel ? "D2" : "U2";
    list.add({ type: "buildEndStage", stage }, reason(`build a ${stage} block: F ${n(c.F)} allows ${Math.floor(c.F)} end-stage blocks, it owns ${endStageBlocks(c)}`, `建设一个 ${stage} 产能块：F ${n(c.F)} 允许 ${Math.floor(c.F)} 个两端产能块，现有 ${endStageBlocks(c)} 个`));
  }

  // 5. Chain upgrading into a higher-value sector.
  if (kind !== "volume" && c.X >= p.chainRules.minX && spare() >= lineCost(b, 2)) {
    list.add({ type: "openLine", blocks: 2 }, reason(`open a new line in a higher-value chain: X ${n(c.X)}, cost ${n(lineCost(b, 2))}`, `在更高价值的链条开设新产线：X ${n(c.X)}，成本 ${n(lineCost(b, 2))}`));
  } else if (kind === "upgrader" && c.X < p.chainRules.minX && (c.F >= 3 || c.Q >= 6) && spare() >= 45 + p.upgrade.iref.CHAIN) {
    const odds = upgradeOdds(b, c, "CHAIN", p.upgrade.iref.CHAIN);
    list.add({ type: "upgrade", upgrade: "CHAIN", investment: p.upgrade.iref.CHAIN }, reason(`invest ${p.upgrade.iref.CHAIN} in chain upgrading: X ${n(c.X)}, odds ${n(odds.p)}`, `投资 ${p.upgrade.iref.CHAIN} 进行链条升级：X ${n(c.X)}，成功概率 ${n(odds.p)}`));
  }

  // 6. Green retrofits where carbon is priced.
  const carbon = activeEvents(b).some((e) => b.scenario.eventCards.find((k) => k.id === e.card)?.effects.some((f) => f.kind === "carbonTax" && f.sectors.includes(c.sector)));
  const home = homePlant(c);
  if (home && kind !== "volume" && (carbon || kind === "upgrader") && home.blocks.M - home.greenM >= 2 && spare() >= 2 * p.pollution.greenCostPerBlock + 10) {
    list.add({ type: "greenRetrofit", node: home.node, blocks: 2 }, reason(`retrofit 2 blocks at ${home.node}: ${carbon ? "a carbon border tax is in force" : "the high road cuts emissions"}, emissions so far ${n(c.emissions)}`, `对 ${home.node} 的 2 个产能块进行绿色改造：${carbon ? "碳边境税生效中" : "高端道路减少排放"}，累计排放 ${n(c.emissions)}`));
  }

  // Whatever AP is left goes into process upgrading, which always cuts costs.
  if (spare() >= p.upgrade.iref.PROC + 10) {
    const odds = upgradeOdds(b, c, "PROC", p.upgrade.iref.PROC);
    list.add({ type: "upgrade", upgrade: "PROC", investment: p.upgrade.iref.PROC }, reason(`invest ${p.upgrade.iref.PROC} in process upgrading with the AP left: P ${n(c.P)}, odds ${n(odds.p)}`, `用剩余行动点投资 ${p.upgrade.iref.PROC} 进行工艺升级：P ${n(c.P)}，成功概率 ${n(odds.p)}`));
  }
  return list.chosen;
}

export const clusterPolicy: RolePolicy = { proposals, answers, orders };

