/**
 * The offline solo match panel: pick a seat, then each round choose among the seat's legal orders
 * (with what each takes and an upgrade's odds), submit, and read the turn report while the moved
 * capacity flows over the map. Loaded on demand; the engine runs in a worker. The match is saved
 * after every round, so reopening /solo offers to resume it.
 */
import scenarioUrl from "../../assets/scenarios/belt-and-road.json?url";
import type { Negotiation, Order } from "../../shared/actions.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Offer, OfferTerms } from "../../shared/state.ts";
import type { Localized } from "../../shared/types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { localized, t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import type { PageContext } from "../ui/pages.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { dashboard } from "./dashboard.ts";
import type { OrderChoice, SoloRecord, SoloSnapshot } from "./solo-match.ts";

interface Session {
  worker: Worker;
  snapshot: SoloSnapshot | null;
  chosen: OrderChoice[];
  report: TurnReport | null;
  negotiation: ReportEntry[];
  refused: Localized | null;
  busy: boolean;
}

const DEFAULT_SEAT = "tangshan_steel";
const SAVE_KEY = "bnr.solo";
/** Set once a player has finished a first round, so the guide shows only in a first match. */
const GUIDED_KEY = "bnr.guided";
let session: Session | null = null;
let seats: Array<{ id: string; role: string; name: Localized | null }> = [];
let rerender: () => void = () => undefined;

const isLocalized = (x: unknown): x is Localized =>
  typeof x === "object" && x !== null && typeof (x as Localized).en === "string" && typeof (x as Localized).zh === "string";

/** A seat's name in the current language, or its id when the scenario gives none. */
function seatName(id: string): string {
  const name = seats.find((s) => s.id === id)?.name;
  return name ? localized(name) : id;
}

/** Order fields whose values are words to translate: the key prefix of their strings. */
const VALUE_KEYS: Record<string, string> = { stance: "stance", level: "env", mode: "parkMode" };

function describeOrder(order: Order): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(order)) {
    if (typeof value === "string" || typeof value === "number") params[key] = value;
    if (typeof value === "string" && key in VALUE_KEYS) params[key] = t(`${VALUE_KEYS[key]}.${value}` as MessageKey);
    if (typeof value === "boolean") params[key] = value ? t("action.join") : t("action.leave");
  }
  return t(`action.${order.type}` as MessageKey, params);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function describeTerms(terms: OfferTerms): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(terms)) if (typeof value === "string" || typeof value === "number") params[key] = value;
  for (const key of ["cluster", "host", "leadFirm"]) if (typeof params[key] === "string") params[key] = seatName(params[key] as string);
  return t(`terms.${terms.kind}` as MessageKey, params);
}

const describeOffer = (offer: Offer): string => t("offer.line", { from: seatName(offer.from), to: seatName(offer.to), terms: describeTerms(offer.terms) });

function describeChoice(choice: OrderChoice): string {
  const contract = choice.order.type === "transfer" ? session?.snapshot?.view.contracts.find((c) => c.id === (choice.order as { contract: string }).contract) : undefined;
  const what = contract ? `${describeOrder(choice.order)}: ${describeTerms(contract.terms)}` : describeOrder(choice.order);
  const parts = [what, t("solo.ap", { ap: choice.use.ap })];
  if (choice.use.pc > 0) parts.push(t("solo.pc", { pc: choice.use.pc }));
  if (choice.use.money !== 0) parts.push(t("solo.cost", { money: round1(choice.use.money) }));
  if (choice.odds !== null) parts.push(t("solo.odds", { percent: Math.round(choice.odds * 100) }));
  return parts.join(" · ");
}

function savedRecord(): SoloRecord | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SAVE_KEY) ?? "null");
    const r = raw as Partial<SoloRecord> | null;
    return r && typeof r.seat === "string" && Array.isArray(r.rounds) ? (r as SoloRecord) : null;
  } catch {
    return null;
  }
}

async function loadScenario(): Promise<unknown> {
  return fetch(scenarioUrl).then((r) => r.json());
}

async function loadSeats(): Promise<void> {
  if (seats.length > 0) return;
  const raw = await loadScenario();
  const list = (key: string, role: string) => {
    const entries = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(entries)) return [];
    return entries
      .filter((e): e is { id: string; name?: unknown } => typeof e?.id === "string")
      .map((e) => ({ id: e.id, role, name: isLocalized(e.name) ? e.name : null }));
  };
  seats = [...list("clusters", "cluster"), ...list("hosts", "host"), ...list("leadFirms", "lead")];
}

function openSession(ctx: PageContext, first: ToWorker): void {
  const worker = new Worker(new URL("./engine-worker.ts", import.meta.url), { type: "module" });
  const s: Session = { worker, snapshot: null, chosen: [], report: null, negotiation: [], refused: null, busy: true };
  session = s;
  worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    s.busy = false;
    if (message.type === "refused") s.refused = message.message;
    else {
      const sameRound = s.snapshot?.view.turn === message.snapshot.view.turn;
      // An offer or answer keeps the orders chosen so far; a new round starts afresh.
      Object.assign(s, { snapshot: message.snapshot, report: message.report, negotiation: message.negotiation, refused: null, chosen: sameRound ? s.chosen : [] });
      if (message.snapshot.view.turn > 1) localStorage.setItem(GUIDED_KEY, "1");
      if (message.snapshot.finished) localStorage.removeItem(SAVE_KEY);
      else localStorage.setItem(SAVE_KEY, JSON.stringify(message.record));
      ctx.map.showMatch(message.snapshot.view);
      if (message.transfers.length > 0) ctx.map.playFlows(message.transfers);
      document.body.dataset.soloTurn = String(message.snapshot.view.turn);
    }
    rerender();
  });
  worker.addEventListener("error", (event) => {
    s.busy = false;
    s.refused = { en: t("error.worker", { reason: event.message }), zh: t("error.worker", { reason: event.message }) };
    rerender();
  });
  worker.postMessage(first);
}

function send(message: ToWorker): void {
  session?.worker.postMessage(message);
}

function seatPicker(ctx: PageContext): Node[] {
  const select = el("select", { id: "solo-seat" });
  for (const seat of seats) {
    const option = el("option", { value: seat.id }, `${seatName(seat.id)} · ${t(`role.${seat.role}` as MessageKey)}`);
    if (seat.id === DEFAULT_SEAT) option.selected = true;
    select.append(option);
  }
  const startButton = el("button", { type: "button", class: "primary", id: "solo-start" }, t("solo.start"));
  startButton.addEventListener("click", async () => {
    startButton.disabled = true;
    openSession(ctx, { type: "start", scenario: await loadScenario(), seat: select.value, seed: Math.floor(Math.random() * 1_000_000) });
    rerender();
  });
  const saved = savedRecord();
  const resume: Node[] = [];
  if (saved) {
    const resumeButton = el("button", { type: "button", class: "primary", id: "solo-resume" }, t("solo.resume"));
    resumeButton.addEventListener("click", async () => {
      resumeButton.disabled = true;
      openSession(ctx, { type: "resume", scenario: await loadScenario(), record: saved });
      rerender();
    });
    resume.push(el("p", {}, t("solo.saved", { seat: seatName(saved.seat), turn: saved.rounds.length + 1 })), el("p", {}, resumeButton), el("h2", {}, t("solo.new")));
  }
  return [...resume, el("label", { for: "solo-seat" }, t("solo.seat")), select, el("p", {}, startButton)];
}

/** The seat's own entries first; what happened to everyone else folds away. */
function reportNodes(report: TurnReport, seat: string): Node[] {
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
function eventNodes(snap: SoloSnapshot): Node[] {
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

/**
 * The guided first round: one offer, the transfer it allows, one upgrade, then submit. Each step
 * ticks when done, read from what the player has actually done this round.
 */
function guideNodes(s: Session, snap: SoloSnapshot): Node[] {
  if (snap.view.turn !== 1 || localStorage.getItem(GUIDED_KEY) || !snap.legal.some((c) => c.order.type === "upgrade")) return [];
  const offered = s.negotiation.some((e) => e.code === "OFFER_MADE");
  const steps: Array<[MessageKey, boolean]> = [
    ["guide.offer", offered],
    ["guide.transfer", s.chosen.some((c) => c.order.type === "transfer")],
    ["guide.upgrade", s.chosen.some((c) => c.order.type === "upgrade")],
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

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el("button", { type: "button", class: "secondary", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** Offers: answer those made to the seat, withdraw its own, make new ones (an AI answers at once). */
function offersNodes(s: Session, snap: SoloSnapshot): Node[] {
  const act = (action: Negotiation) => {
    s.busy = true;
    send({ type: "negotiate", action });
    rerender();
  };
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
  if (s.negotiation.length > 0) nodes.push(el("ol", { class: "report", id: "solo-negotiation" }, ...s.negotiation.map((e) => el("li", {}, localized(e.text)))));
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

function matchPanel(s: Session): Node[] {
  const snap = s.snapshot;
  if (!snap) {
    const nodes: Array<Node | null> = [
      s.refused ? el("p", { class: "error", role: "alert" }, t("solo.refused", { message: localized(s.refused) })) : null,
      s.busy ? el("p", { role: "status" }, t("solo.loading")) : null,
    ];
    return nodes.filter((n): n is Node => n !== null);
  }
  const view = snap.view;
  const own = [...view.clusters, ...view.hosts, ...view.leadFirms].find((e) => e.id === snap.seat) as { money?: number } | undefined;
  const apLeft = snap.ap.left - s.chosen.reduce((sum, c) => sum + c.use.ap, 0);
  const head: Node[] = [
    el("p", { id: "solo-seat-name" }, `${seatName(snap.seat)}`),
    el("p", { id: "solo-turn" }, t("solo.turn", { turn: Math.min(view.turn, view.rounds), rounds: view.rounds, year: view.year })),
  ];
  if (own?.money !== undefined) head.push(el("p", {}, `${t("solo.money")}: ${round1(own.money)}`));
  const report = s.report ? reportNodes(s.report, snap.seat) : [];
  if (snap.finished) {
    const ranking = el(
      "ol",
      { id: "solo-ranking" },
      ...(snap.ranking ?? []).map((r) =>
        el("li", { class: r.seat === snap.seat ? "me" : "" }, `${seatName(r.seat)} (${t(`role.${r.role}` as MessageKey)}) · ${t("solo.score", { score: r.score, percentile: r.percentile })}`),
      ),
    );
    return [...head, el("p", { role: "status" }, t("solo.finished")), el("h2", {}, t("solo.ranking")), ranking, ...report, ...dashboard(snap, seatName)];
  }
  const chosen = el("ul", { class: "choices", id: "solo-chosen" });
  s.chosen.forEach((choice, i) => {
    const remove = el("button", { type: "button", class: "secondary" }, t("solo.remove"));
    remove.addEventListener("click", () => {
      s.chosen.splice(i, 1);
      rerender();
    });
    chosen.append(el("li", {}, describeChoice(choice), remove));
  });
  const legal = el("ul", { class: "choices", id: "solo-legal" });
  for (const choice of snap.legal) {
    const add = el("button", { type: "button", class: "secondary" }, t("solo.add"));
    add.addEventListener("click", () => {
      s.chosen.push(choice);
      rerender();
    });
    legal.append(el("li", {}, describeChoice(choice), add));
  }
  const submit = el("button", { type: "button", class: "primary", id: "solo-submit" }, s.busy ? t("solo.waiting") : t("solo.submit"));
  submit.disabled = s.busy;
  submit.addEventListener("click", () => {
    s.busy = true;
    send({ type: "submit", orders: s.chosen.map((c) => c.order) });
    rerender();
  });
  const nodes: Array<Node | null> = [
    ...head,
    ...guideNodes(s, snap),
    el("p", { id: "solo-ap" }, t("solo.apLeft", { left: apLeft, total: snap.ap.total })),
    s.refused ? el("p", { class: "error", role: "alert" }, t("solo.refused", { message: localized(s.refused) })) : null,
    el("h2", {}, t("solo.chosen")),
    s.chosen.length === 0 ? el("p", { class: "hint" }, t("solo.noneChosen")) : chosen,
    el("p", {}, submit),
    ...report,
    ...eventNodes(snap),
    ...offersNodes(s, snap),
    ...dashboard(snap, seatName),
    el("h2", {}, t("solo.actions")),
    snap.legal.length === 0 ? el("p", { class: "hint" }, t("solo.noActions")) : legal,
  ];
  return nodes.filter((n): n is Node => n !== null);
}

export async function renderSolo(panel: HTMLElement, ctx: PageContext, details: Node): Promise<void> {
  rerender = () => void renderSolo(panel, ctx, details);
  await loadSeats();
  const body = session ? matchPanel(session) : seatPicker(ctx);
  panel.replaceChildren(el("h1", {}, t("solo.title")), ...body, details);
}
