/**
 * The match panels shared by the offline solo match and a match on the game server: seat names,
 * orders and offers described with what they take, the order chooser, offers, the turn report, the
 * event cards and the final ranking. Plain DOM, loaded only with a match.
 */
import scenarioUrl from "../../assets/scenarios/belt-and-road.json?url";
import type { Negotiation, Order } from "../../shared/actions.ts";
import { namesOf, readableParams, type NameBook, type NamedScenario } from "../../shared/names.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Contract, Offer, OfferTerms } from "../../shared/state.ts";
import type { Localized } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import type { MessageKey } from "../i18n/en.ts";
import { language, localized, t } from "../i18n/index.ts";
import type { OrderChoice, SoloSnapshot } from "../solo/solo-match.ts";
import { el } from "./dom.ts";

export interface SeatEntry {
  id: string;
  role: string;
  name: Localized | null;
}

let seats: SeatEntry[] = [];
let scenario: Promise<unknown> | null = null;
let names: NameBook | undefined;

const isLocalized = (x: unknown): x is Localized =>
  typeof x === "object" && x !== null && typeof (x as Localized).en === "string" && typeof (x as Localized).zh === "string";

/** The scenario as the client bundles it, fetched once. */
export function loadScenario(): Promise<unknown> {
  scenario ??= fetch(scenarioUrl).then((r) => r.json());
  return scenario;
}

/** Every seat of the scenario with its role and name; loaded once. */
export async function loadSeats(): Promise<SeatEntry[]> {
  if (seats.length > 0) return seats;
  const raw = await loadScenario();
  const list = (key: string, role: string) => {
    const entries = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(entries)) return [];
    return entries
      .filter((e): e is { id: string; name?: unknown } => typeof e?.id === "string")
      .map((e) => ({ id: e.id, role, name: isLocalized(e.name) ? e.name : null }));
  };
  seats = [...list("clusters", "cluster"), ...list("hosts", "host"), ...list("leadFirms", "lead")];
  // The bundled scenario is the engine's own file, so its named lists have the engine's shape.
  names = namesOf(raw as NamedScenario);
  corridorNames = new Map(list("corridors", "corridor").flatMap((c) => (c.name ? [[c.id, c.name] as const] : [])));
  return seats;
}

/** A seat's name in the current language, or its id when the scenario gives none. */
export function seatName(id: string): string {
  const name = seats.find((s) => s.id === id)?.name;
  return name ? localized(name) : id;
}

/** A place, park, sector or seat id (by the parameter it fills: "node", "park", "sector", …) by its name in the current language. */
export const readable = (key: string, id: string): string => String(readableParams({ [key]: id }, names, language())[key]);

/** Order fields whose values are words to translate: the key prefix of their strings. */
const VALUE_KEYS: Record<string, string> = { stance: "stance", level: "env", mode: "parkMode" };

/** An order in words, with places, parks, sectors and seats by their names. */
export function describeOrder(order: Order): string {
  const raw: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(order)) if (typeof value === "string" || typeof value === "number") raw[key] = value;
  const params = readableParams(raw, names, language());
  for (const [key, value] of Object.entries(order)) {
    if (typeof value === "string" && key in VALUE_KEYS) params[key] = t(`${VALUE_KEYS[key]}.${value}` as MessageKey);
    if (typeof value === "boolean") params[key] = value ? t("action.join") : t("action.leave");
  }
  return t(`action.${order.type}` as MessageKey, params);
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

export function describeTerms(terms: OfferTerms): string {
  const raw: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(terms)) if (typeof value === "string" || typeof value === "number") raw[key] = value;
  return t(`terms.${terms.kind}` as MessageKey, readableParams(raw, names, language()));
}

export const describeOffer = (offer: Offer): string => t("offer.line", { from: seatName(offer.from), to: seatName(offer.to), terms: describeTerms(offer.terms) });

/** A legal order with its AP, political capital, money and an upgrade's odds; a transfer names its contract. */
export function describeChoice(choice: OrderChoice, contracts: ReadonlyArray<Contract>): string {
  const contract = choice.order.type === "transfer" ? contracts.find((c) => c.id === (choice.order as { contract: string }).contract) : undefined;
  const what = contract ? `${describeOrder(choice.order)}: ${describeTerms(contract.terms)}` : describeOrder(choice.order);
  const parts = [what, t("solo.ap", { ap: choice.use.ap })];
  if (choice.use.pc > 0) parts.push(t("solo.pc", { pc: choice.use.pc }));
  if (choice.use.money !== 0) parts.push(t("solo.cost", { money: round1(choice.use.money) }));
  if (choice.odds !== null) parts.push(t("solo.odds", { percent: Math.round(choice.odds * 100) }));
  return parts.join(" · ");
}

/** The seat's own entries first; what happened to everyone else folds away. */
export function reportNodes(report: TurnReport, seat: string): Node[] {
  const own = report.entries.filter((e) => e.seats.includes(seat));
  const others = report.entries.filter((e) => !e.seats.includes(seat));
  const list = (entries: TurnReport["entries"], id: string) => el("ol", { class: "report", id }, ...entries.map((e) => el("li", {}, localized(e.text))));
  const nodes: Array<Node | null> = [
    el("h2", {}, t("solo.report")),
    own.length === 0 ? el("p", { class: "hint" }, t("solo.noReport")) : list(own, "solo-report"),
    others.length === 0 ? null : el("details", {}, el("summary", {}, t("solo.othersReport", { count: others.length })), list(others, "solo-report-others")),
  ];
  return nodes.filter((n): n is Node => n !== null);
}

/** The event cards in play, each with the theory it illustrates. */
export function eventNodes(snap: SoloSnapshot): Node[] {
  if (snap.events.length === 0) return [];
  return [
    el("h2", {}, t("event.title")),
    el(
      "ul",
      { class: "events", id: "solo-events" },
      ...snap.events.map((e) =>
        el(
          "li",
          {},
          el("strong", {}, localized(e.name)),
          e.target ? ` (${seatName(e.target)})` : "",
          ` · ${t("event.until", { turn: e.untilTurn })}`,
          el("br"),
          el("span", { class: "hint" }, localized(e.theoryNote)),
        ),
      ),
    ),
  ];
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el("button", { type: "button", class: "secondary", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** Set once a player has finished a first round, so the guide shows only in a first match. */
export const GUIDED_KEY = "bnr.guided";

/**
 * The guided first round of a solo match: one offer, the transfer it allows, one upgrade, then
 * submit. Each step ticks when done, read from what the player has actually done this round.
 */
export function guideNodes(snap: SoloSnapshot, negotiation: ReadonlyArray<ReportEntry>, chosen: ReadonlyArray<OrderChoice>): Node[] {
  if (snap.view.turn !== 1 || globalThis.localStorage?.getItem(GUIDED_KEY) || !snap.legal.some((c) => c.order.type === "upgrade")) return [];
  const steps: Array<[MessageKey, boolean]> = [
    ["guide.offer", negotiation.some((e) => e.code === "OFFER_MADE" && e.seats[0] === snap.seat)],
    ["guide.transfer", chosen.some((c) => c.order.type === "transfer")],
    ["guide.upgrade", chosen.some((c) => c.order.type === "upgrade")],
    ["guide.submit", false],
  ];
  return [
    el(
      "section",
      { class: "guide", id: "solo-guide", "aria-label": t("guide.title") },
      el("h2", {}, t("guide.title")),
      el("ol", {}, ...steps.map(([key, done]) => el("li", { class: done ? "done" : "" }, `${done ? "✓ " : ""}${t(key)}`))),
    ),
  ];
}

/** Offers: answer those made to the seat, withdraw its own, make new ones; `negotiation` is what they led to. */
export function offersNodes(snap: SoloSnapshot, negotiation: ReadonlyArray<ReportEntry>, act: (action: Negotiation) => void): Node[] {
  const nodes: Node[] = [el("h2", {}, t("offer.title"))];
  if (snap.incoming.length > 0) {
    nodes.push(
      el(
        "ul",
        { class: "choices", id: "solo-incoming" },
        ...snap.incoming.map((o) =>
          el("li", {}, describeOffer(o), el("span", {}, button(t("offer.accept"), () => act({ type: "accept", offer: o.id })), button(t("offer.reject"), () => act({ type: "reject", offer: o.id })))),
        ),
      ),
    );
  }
  if (snap.outgoing.length > 0) {
    nodes.push(el("ul", { class: "choices", id: "solo-outgoing" }, ...snap.outgoing.map((o) => el("li", {}, describeOffer(o), button(t("offer.withdraw"), () => act({ type: "withdraw", offer: o.id }))))));
  }
  if (negotiation.length > 0) nodes.push(el("ol", { class: "report", id: "solo-negotiation" }, ...negotiation.map((e) => el("li", {}, localized(e.text)))));
  if (snap.proposals.length > 0) {
    const list = el(
      "ul",
      { class: "choices", id: "solo-proposals" },
      ...snap.proposals.map((p) => el("li", {}, t("offer.to", { to: seatName(p.to), terms: describeTerms(p.terms) }), button(t("offer.make"), () => act(p)))),
    );
    nodes.push(el("details", { id: "solo-make-offer" }, el("summary", {}, t("offer.new", { count: snap.proposals.length })), list));
  }
  return nodes;
}

/** The orders chosen so far (each removable) and the legal ones to add, with the AP left. */
export function orderChooser(snap: SoloSnapshot, chosen: OrderChoice[], rerender: () => void): { ap: Node; chosen: Node; legal: Node } {
  const contracts = snap.view.contracts;
  const apLeft = snap.ap.left - chosen.reduce((sum, c) => sum + c.use.ap, 0);
  const chosenList = el("ul", { class: "choices", id: "solo-chosen" });
  chosen.forEach((choice, i) => {
    chosenList.append(
      el(
        "li",
        {},
        describeChoice(choice, contracts),
        button(t("solo.remove"), () => {
          chosen.splice(i, 1);
          rerender();
        }),
      ),
    );
  });
  const legal = el("ul", { class: "choices", id: "solo-legal" });
  for (const choice of snap.legal) {
    legal.append(
      el(
        "li",
        {},
        describeChoice(choice, contracts),
        button(t("solo.add"), () => {
          chosen.push(choice);
          rerender();
        }),
      ),
    );
  }
  return {
    ap: el("p", { id: "solo-ap" }, t("solo.apLeft", { left: apLeft, total: snap.ap.total })),
    chosen: chosen.length === 0 ? el("p", { class: "hint" }, t("solo.noneChosen")) : chosenList,
    legal: snap.legal.length === 0 ? el("p", { class: "hint" }, t("solo.noActions")) : legal,
  };
}

export interface RankingRow {
  seat: string;
  role: string;
  score: number;
  percentile: number;
}

const ROLES = ["cluster", "host", "lead"] as const;

/** The end of a match: the ranking overall and by role, the corridors' awards and the class's win-win result. */
export function finalNodes(view: MatchView, rows: ReadonlyArray<RankingRow>, me: string): Node[] {
  const line = (r: RankingRow) => el("li", { class: r.seat === me ? "me" : "" }, `${seatName(r.seat)} (${t(`role.${r.role}` as MessageKey)}) · ${t("solo.score", { score: r.score, percentile: r.percentile })}`);
  const byRole = ROLES.filter((role) => rows.some((r) => r.role === role)).map((role) =>
    el("section", { class: "ranking-role" }, el("h3", {}, t(`role.${role}` as MessageKey)), el("ol", { "data-role": role }, ...rows.filter((r) => r.role === role).map(line))),
  );
  const corridors = [...view.corridorScores].sort((a, b) => b.score - a.score);
  return [
    el("h2", {}, t("solo.ranking")),
    el("ol", { id: "solo-ranking" }, ...rows.map(line)),
    el("h2", {}, t("final.byRole")),
    ...byRole,
    el("h2", {}, t("final.corridors")),
    el("ol", { id: "final-corridors" }, ...corridors.map((c) => el("li", {}, t("final.corridor", { name: corridorName(c.corridor), score: round1(c.score), seats: c.seats })))),
    el("p", { id: "final-winwin", class: view.winwin.achieved ? "winwin achieved" : "winwin" }, t(view.winwin.achieved ? "final.winwinYes" : "final.winwinNo", { index: round1(view.winwin.index) })),
  ];
}

let corridorNames = new Map<string, Localized>();

/** Corridor names from the scenario; loadSeats reads them with the seats. */
const corridorName = (id: string): string => {
  const name = corridorNames.get(id);
  return name ? localized(name) : id;
};

export const refusalNode = (message: Localized | null): Node | null => (message ? el("p", { class: "error", role: "alert" }, t("solo.refused", { message: localized(message) })) : null);
