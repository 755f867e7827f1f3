/** Offers between seats during negotiation: propose, accept, reject, withdraw (GAME-RULES 5.4). */
import type { Negotiation } from "./actions.ts";
import { clusterOf, hostOf } from "./lookup.ts";
import { namesOf, readableParams, type NameBook } from "./names.ts";
import { ReportBuilder, type ReportEntry } from "./report.ts";
import { draftOf, type Contract, type MatchState, type Offer, type OfferTerms } from "./state.ts";
import type { Localized, SeatId } from "./types.ts";
import { ok, type Result } from "./types.ts";
import { validateAction, refuse, type ActionError } from "./validate.ts";
import { isNegotiation } from "./actions.ts";

export interface NegotiationOutcome {
  state: MatchState;
  report: ReportEntry[];
  /** The id of the offer made or the contract signed, when there is one. */
  id?: string;
}

/** An offer's terms in a sentence, in both languages, with names for ids. */
export function summarizeTerms(terms: OfferTerms, names?: NameBook): Localized {
  const say = (language: keyof Localized): string => {
    const t = readableParams(terms as unknown as Record<string, string | number>, names, language);
    const zh = language === "zh";
    switch (terms.kind) {
      case "transfer":
        return zh
          ? `将 ${t.cluster} 的 ${t.blocks} 个${t.stage}产能块转移到 ${t.node}（${t.host}），支付 ${t.payment}${terms.jv ? "，合资" : ""}`
          : `transfer ${t.blocks} ${t.stage} blocks of ${t.cluster} to ${t.node} (${t.host}), payment ${t.payment}${terms.jv ? ", joint venture" : ""}`;
      case "supply":
        return zh
          ? `${t.cluster} 在 ${t.rounds} 个回合内每回合向 ${t.leadFirm} 供货 ${t.units} 单位`
          : `${t.cluster} supplies ${t.units} units a round to ${t.leadFirm} for ${t.rounds} rounds`;
      case "corridor":
        return zh ? `共建走廊线路 ${t.edge}（${t.fromContribution} + ${t.toContribution}）` : `co-invest in ${t.edge} (${t.fromContribution} + ${t.toContribution})`;
      case "payment":
        return zh ? `附加支付 ${t.amount}` : `side payment of ${t.amount}`;
      case "park":
        return zh ? `共建园区 ${t.park}` : `co-build park ${t.park}`;
      case "buyout":
        return zh ? `${t.leadFirm} 以每块 ${t.price} 收购 ${t.cluster} 的 ${t.blocks} 个制造产能块` : `${t.leadFirm} buys ${t.blocks} M blocks of ${t.cluster} at ${t.price} each`;
    }
  };
  return { en: say("en"), zh: say("zh") };
}

/** Applies one negotiation action at once; the new state is returned, the old one is untouched. */
export function applyNegotiation(state: MatchState, seat: SeatId, raw: unknown): Result<NegotiationOutcome, ActionError> {
  const valid = validateAction(state, seat, raw);
  if (!valid.ok) return valid;
  if (!isNegotiation(valid.value)) return refuse("NOT_A_NEGOTIATION", { action: valid.value.type });
  const action: Negotiation = valid.value;
  const next = draftOf(state);
  const names = namesOf(state.scenario);
  const report = new ReportBuilder(names);
  switch (action.type) {
    case "propose": {
      const offer: Offer = { id: `o${next.nextId++}`, from: seat, to: action.to, terms: action.terms, turn: next.turn };
      next.offers.push(offer);
      report.add("OFFER_MADE", [seat, action.to], false, { from: seat, to: action.to, ...summaryParams(summarizeTerms(action.terms, names)) });
      return ok({ state: next, report: report.entries, id: offer.id });
    }
    case "withdraw": {
      next.offers = next.offers.filter((o) => o.id !== action.offer);
      report.add("OFFER_WITHDRAWN", [seat], false, { from: seat, offer: action.offer });
      return ok({ state: next, report: report.entries });
    }
    case "reject": {
      const offer = next.offers.find((o) => o.id === action.offer) as Offer;
      next.offers = next.offers.filter((o) => o.id !== action.offer);
      report.add("OFFER_REJECTED", [offer.from, seat], false, { from: offer.from, to: seat, offer: offer.id });
      if (offer.terms.kind === "buyout") exitChain(next, offer.terms.cluster, offer.terms.leadFirm, report);
      return ok({ state: next, report: report.entries });
    }
    case "accept": {
      const offer = next.offers.find((o) => o.id === action.offer) as Offer;
      next.offers = next.offers.filter((o) => o.id !== action.offer);
      const contract = sign(next, offer);
      report.add("OFFER_ACCEPTED", [offer.from, seat], false, { from: offer.from, to: seat, offer: offer.id, contract: contract.id });
      return ok({ state: next, report: report.entries, id: contract.id });
    }
  }
}

/** A cluster that will not sell to a lead firm that internalises production leaves its chain (5.5). */
function exitChain(state: MatchState, clusterId: SeatId, leadFirm: SeatId, report: ReportBuilder): void {
  const cluster = clusterOf(state, clusterId);
  if (!cluster) return;
  cluster.links = cluster.links.filter((l) => l.leadFirm !== leadFirm);
  report.add("BUYOUT_DECLINED", [clusterId, leadFirm], true, { cluster: clusterId, leadFirm });
}

function sign(state: MatchState, offer: Offer): Contract {
  const p = state.scenario.parameters;
  const rounds = offer.terms.kind === "supply" ? offer.terms.rounds : 1;
  const contract: Contract = {
    id: `c${state.nextId++}`,
    parties: [offer.from, offer.to],
    terms: offer.terms,
    signedTurn: state.turn,
    untilTurn: state.turn + rounds - 1,
    executed: false,
  };
  if (offer.terms.kind === "transfer" || offer.terms.kind === "park") {
    const host = [offer.from, offer.to].map((s) => hostOf(state, s)).find((h) => h !== undefined);
    if (host) {
      host.apUsed += p.costs.H7.ap;
      host.PC -= p.costs.H7.pc ?? 0;
    }
  }
  state.contracts.push(contract);
  return contract;
}

const summaryParams = (summary: Localized) => ({ summary: summary.en, summaryZh: summary.zh });
