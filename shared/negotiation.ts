/** Offers between seats during negotiation: propose, accept, reject, withdraw (GAME-RULES 5.4). */
import type { Negotiation } from "./actions.ts";
import { clusterOf, hostOf } from "./lookup.ts";
import { ReportBuilder, type ReportEntry } from "./report.ts";
import { draftOf, type Contract, type MatchState, type Offer, type OfferTerms } from "./state.ts";
import type { SeatId } from "./types.ts";
import { ok, type Result } from "./types.ts";
import { validateAction, refuse, type ActionError } from "./validate.ts";
import { isNegotiation } from "./actions.ts";

export interface NegotiationOutcome {
  state: MatchState;
  report: ReportEntry[];
  /** The id of the offer made or the contract signed, when there is one. */
  id?: string;
}

export function summarizeTerms(terms: OfferTerms): string {
  switch (terms.kind) {
    case "transfer":
      return `transfer ${terms.blocks} ${terms.stage} blocks of ${terms.cluster} to ${terms.node} (${terms.host}), payment ${terms.payment}${terms.jv ? ", joint venture" : ""}`;
    case "supply":
      return `${terms.cluster} supplies ${terms.units} units a round to ${terms.leadFirm} for ${terms.rounds} rounds`;
    case "corridor":
      return `co-invest in ${terms.edge} (${terms.fromContribution} + ${terms.toContribution})`;
    case "payment":
      return `side payment of ${terms.amount}`;
    case "park":
      return `co-build park ${terms.park}`;
    case "buyout":
      return `${terms.leadFirm} buys ${terms.blocks} M blocks of ${terms.cluster} at ${terms.price} each`;
  }
}

/** Applies one negotiation action at once; the new state is returned, the old one is untouched. */
export function applyNegotiation(state: MatchState, seat: SeatId, raw: unknown): Result<NegotiationOutcome, ActionError> {
  const valid = validateAction(state, seat, raw);
  if (!valid.ok) return valid;
  if (!isNegotiation(valid.value)) return refuse("NOT_A_NEGOTIATION", { action: valid.value.type });
  const action: Negotiation = valid.value;
  const next = draftOf(state);
  const report = new ReportBuilder();
  switch (action.type) {
    case "propose": {
      const offer: Offer = { id: `o${next.nextId++}`, from: seat, to: action.to, terms: action.terms, turn: next.turn };
      next.offers.push(offer);
      report.add("OFFER_MADE", [seat, action.to], false, { from: seat, to: action.to, summary: summarizeTerms(action.terms) });
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
