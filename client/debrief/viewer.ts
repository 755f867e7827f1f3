/**
 * The replay viewer: a timeline over every turn and phase (slider and step buttons, keyboard-usable),
 * the viewpoint, the map as it was, what the seats did with the AI's reasons, the events and the
 * turn's report; then the charts, the exports and the what-if fork. The current frame is exposed
 * read-only for tests as `window.__debrief` and as data-* attributes on #debrief.
 */
import { debriefCsv } from "../../shared/debrief/csv.ts";
import { frameFor, frameView, viewpoints, type Debrief, type DebriefFrame } from "../../shared/debrief/frames.ts";
import type { Order } from "../../shared/actions.ts";
import type { OfferTerms } from "../../shared/state.ts";
import type { Localized } from "../../shared/types.ts";
import type { MatchView, Viewer } from "../../shared/view.ts";
import type { MessageKey } from "../i18n/en.ts";
import { localized, t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { describeOrder, describeTerms, round1, seatName } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import type { OpenedLog } from "./debrief-page.ts";
import { saveBlob } from "./downloads.ts";
import { renderForkChooser } from "./fork.ts";

interface ViewerState {
  index: number;
  viewer: Viewer;
  names: boolean;
}

let state: ViewerState = { index: 0, viewer: "instructor", names: false };

/** A newly opened log starts at its first step, seen by the instructor. */
export function resetViewer(): void {
  state = { index: 0, viewer: "instructor", names: false };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const viewerLabel = (v: Viewer): string => (v === "instructor" ? t("debrief.instructor") : v === "public" ? t("debrief.public") : seatName(v));

/** The figures the step shows, in numbers: what tests compare with the engine's view. */
export interface FrameFigures {
  scores: Record<string, number>;
  hosts: Record<string, { Z: number; E: number; approval: number; A: number }>;
  /** The viewing seat's money, when it is a seat that has money in its view. */
  money: number | null;
  movedBlocks: number;
}

export function figuresOf(view: MatchView | null, frame: DebriefFrame, viewer: Viewer): FrameFigures {
  const scores = Object.fromEntries((view?.scores ?? []).map((s) => [s.seat, s.score]));
  const hosts = Object.fromEntries((view?.hosts ?? []).map((h) => [h.id, { Z: h.Z, E: h.E, approval: h.approval, A: h.A }]));
  const own = view && viewer !== "instructor" && viewer !== "public" ? ([...view.clusters, ...view.hosts, ...view.leadFirms].find((e) => e.id === viewer) as { money?: number } | undefined) : undefined;
  return { scores, hosts, money: own?.money ?? null, movedBlocks: frame.moved.reduce((s, m) => s + m.blocks, 0) };
}

function expose(debrief: Debrief, frame: DebriefFrame, figures: FrameFigures, root: HTMLElement): void {
  const snapshot = Object.freeze({ index: frame.index, frames: debrief.frames.length, turn: frame.turn, phase: frame.phase, line: frame.line, viewer: state.viewer, mode: debrief.mode, figures: Object.freeze(figures) });
  Object.defineProperty(globalThis, "__debrief", { value: snapshot, configurable: true, enumerable: false, writable: false });
  Object.assign(root.dataset, { index: String(frame.index), turn: String(frame.turn), phase: frame.phase, line: String(frame.line), viewer: state.viewer, mode: debrief.mode });
  document.body.dataset.debrief = `${frame.index}`;
}

const cardName = (debrief: Debrief, card: string): string => {
  const cards = (debrief.header.scenario as { eventCards?: Array<{ id?: string; name?: Localized }> } | null)?.eventCards ?? [];
  const name = cards.find((c) => c.id === card)?.name;
  return name ? localized(name) : card;
};

function describeOffer(action: DebriefFrame["offers"][number]["action"]): string {
  if (action.type === "propose" && action.terms) return t("offer.to", { to: seatName(String(action.to)), terms: describeTerms(action.terms as unknown as OfferTerms) });
  const answer = ["accept", "reject", "withdraw"].includes(String(action.type)) ? t(`offer.${action.type}` as MessageKey) : String(action.type);
  return `${answer} ${action.offer ?? ""}`.trim();
}

function reasonNode(reason: Localized | null): Node | null {
  return reason ? el("span", { class: "hint reason" }, ` — ${localized(reason)}`) : null;
}

function stepNodes(debrief: Debrief, frame: DebriefFrame, view: MatchView | null): Node[] {
  const seen = frameFor(frame, state.viewer);
  const nodes: Node[] = [];
  if (frame.undoneAt.length > 0) nodes.push(el("p", { class: "notice" }, ...frame.undoneAt.map((line) => t("debrief.undone", { line }))));
  if (!view) nodes.push(el("p", { class: "hint", id: "debrief-no-state" }, t("debrief.noState")));

  const figures: Node[] = [];
  const own = view && state.viewer !== "instructor" && state.viewer !== "public" ? ([...view.clusters, ...view.hosts, ...view.leadFirms].find((e) => e.id === state.viewer) as { money?: number } | undefined) : undefined;
  if (own?.money !== undefined) figures.push(el("p", { id: "debrief-own" }, t("debrief.ownFigures", { seat: seatName(state.viewer), money: round1(own.money) })));
  if (view && view.scores.length > 0) {
    const rows = [...view.scores].sort((a, b) => (a.role === b.role ? b.score - a.score : a.role < b.role ? -1 : 1));
    const list = el(
      "ol",
      { class: "report", id: "debrief-scores" },
      ...rows.map((s) => el("li", { "data-seat": s.seat, "data-score": String(s.score) }, t("debrief.scoreRow", { seat: seatName(s.seat), role: t(`role.${s.role}` as MessageKey), score: r2(s.score), percentile: round1(s.percentile) }))),
    );
    figures.push(el("details", { open: "" }, el("summary", {}, t("debrief.scores", { count: rows.length })), list));
  }
  if (figures.length > 0) nodes.push(el("h2", {}, t("debrief.figures")), ...figures);

  const events = (view?.events ?? []).filter((e) => e.startedTurn <= frame.turn && frame.turn <= e.untilTurn);
  if (events.length > 0) nodes.push(el("h2", {}, t("debrief.events")), el("ul", { id: "debrief-events" }, ...events.map((e) => el("li", {}, `${cardName(debrief, e.card)}${e.target ? ` (${seatName(e.target)})` : ""}`))));

  if (frame.phase === "negotiate") {
    nodes.push(el("h2", {}, t("debrief.offers")));
    nodes.push(
      seen.offers.length === 0
        ? el("p", { class: "hint" }, t("debrief.noOffers"))
        : el("ol", { class: "report", id: "debrief-offers" }, ...seen.offers.map((o) => el("li", { "data-line": String(o.line) }, t("debrief.offerLine", { seat: seatName(o.seat), what: describeOffer(o.action) }), reasonNode(o.reason)))),
    );
  }
  if (frame.phase === "commit") {
    nodes.push(el("h2", {}, t("debrief.orders")));
    nodes.push(
      seen.orders.length === 0
        ? el("p", { class: "hint" }, t("debrief.noOrders"))
        : el(
            "ul",
            { class: "orders", id: "debrief-orders" },
            ...seen.orders.map((o) =>
              el(
                "li",
                { "data-seat": o.seat, "data-line": String(o.line) },
                el("strong", {}, seatName(o.seat)),
                ` · ${t("debrief.by", { by: t(`debrief.source.${o.by}` as MessageKey) })}`,
                el("ol", {}, ...o.actions.map((a, i) => el("li", {}, describeOrder(a as unknown as Order), reasonNode(o.reasons[i] ?? null)))),
              ),
            ),
          ),
    );
  }
  if (seen.instructor.length > 0) nodes.push(el("ul", { id: "debrief-instructor" }, ...seen.instructor.map((i) => el("li", {}, t("debrief.instructorLine", { what: String(i.action.type) })))));
  if (frame.phase === "report") {
    const blocks = frame.moved.reduce((s, m) => s + m.blocks, 0);
    nodes.push(el("p", { id: "debrief-moved" }, t("debrief.moved", { count: frame.moved.length, blocks }), frame.movedFromPlants ? el("span", { class: "hint" }, ` ${t("debrief.movedFromPlants")}`) : null));
    nodes.push(el("h2", {}, t("debrief.report")));
    const entries = seen.report?.entries ?? [];
    const list = el("ol", { class: "report", id: "debrief-report" }, ...entries.map((e) => el("li", {}, localized(e.text))));
    // The instructor's report of a whole class is long: it opens on request.
    nodes.push(entries.length === 0 ? el("p", { class: "hint" }, t("debrief.noReport")) : el("details", entries.length <= 15 ? { open: "" } : {}, el("summary", {}, t("debrief.entries", { count: entries.length })), list));
  }
  return nodes;
}

function exportNodes(log: OpenedLog, debrief: Debrief): Node[] {
  const names = el("input", { type: "checkbox", id: "debrief-csv-names" });
  names.checked = state.names;
  names.addEventListener("change", () => {
    state.names = names.checked;
  });
  const base = log.fileName.replace(/\.[^.]*$/, "");
  const csv = el("button", { type: "button", class: "secondary", id: "debrief-csv" }, t("debrief.csv"));
  csv.addEventListener("click", () => saveBlob(`${base}${state.names ? "-names" : ""}.csv`, new Blob([debriefCsv(debrief, { names: state.names })], { type: "text/csv;charset=utf-8" })));
  const raw = el("button", { type: "button", class: "secondary", id: "debrief-log" }, t("debrief.log"));
  raw.addEventListener("click", () => saveBlob(log.fileName, new Blob([log.text], { type: "application/x-ndjson" })));
  return [el("h2", {}, t("debrief.export")), el("p", {}, csv, " ", el("label", { for: "debrief-csv-names" }, names, ` ${t("debrief.csvNames")}`)), el("p", {}, raw)];
}

export interface ViewerParts {
  head: Node[];
  tail: Node[];
  log: OpenedLog;
  rerender: () => void;
}

const STYLE = `
#debrief-slider { width: 100%; }
#debrief .steps button { min-width: 2.4em; }
.panel .chart select, .panel #debrief select { max-width: 100%; }
.panel .chart canvas { max-width: 100%; height: auto; }
.panel .chart h3 { font-size: .92rem; margin: 12px 0 4px; }
.panel pre.message { white-space: pre-wrap; font-size: .8rem; }
.panel p.hash { font-family: monospace; font-size: .72rem; word-break: break-all; }
.panel .notice { background: #fff4d6; border-left: 4px solid #e69f00; padding: 4px 6px; font-size: .85rem; }
.panel .reason { font-size: .8rem; }
`;

/** The page's few styles, added once: they belong to this lazily loaded page, not the first frame. */
export function ensureStyle(): void {
  if (document.getElementById("debrief-style")) return;
  document.head.append(el("style", { id: "debrief-style" }, STYLE));
}

export function renderViewer(panel: HTMLElement, ctx: PageContext, parts: ViewerParts): void {
  ensureStyle();
  const debrief = parts.log.debrief as Debrief;
  const last = debrief.frames.length - 1;
  state.index = Math.min(Math.max(0, state.index), last);
  if (!viewpoints(debrief).includes(state.viewer)) state.viewer = viewpoints(debrief)[0] as Viewer;

  const root = el("section", { id: "debrief", "aria-label": t("debrief.timeline") });
  const select = el("select", { id: "debrief-viewpoint" });
  for (const v of viewpoints(debrief)) {
    const option = el("option", { value: v }, viewerLabel(v));
    option.selected = v === state.viewer;
    select.append(option);
  }
  const slider = el("input", { type: "range", id: "debrief-slider", min: "0", max: String(last), step: "1", value: String(state.index), "aria-label": t("debrief.timeline") });
  const label = el("p", { id: "debrief-step", role: "status" });
  const step = el("div", { id: "debrief-frame" });
  const button = (id: string, text: string, key: MessageKey, to: () => number) => {
    const b = el("button", { type: "button", class: "secondary", id, "aria-label": t(key), title: t(key) }, text);
    b.addEventListener("click", () => show(to()));
    return b;
  };

  const charts = import("./charts.ts");
  function show(index: number): void {
    state.index = Math.min(Math.max(0, index), last);
    slider.value = String(state.index);
    const frame = debrief.frames[state.index] as DebriefFrame;
    const view = frameView(frame, state.viewer);
    label.textContent = t("debrief.step", { turn: frame.turn, phase: t(`debrief.phase.${frame.phase}` as MessageKey), line: frame.line });
    slider.setAttribute("aria-valuetext", label.textContent);
    step.replaceChildren(...stepNodes(debrief, frame, view));
    if (view) ctx.map.showMatch(view);
    if (frame.phase === "report" && frame.moved.length > 0) ctx.map.playFlows(frame.moved.map((m) => ({ from: m.from, to: m.to, blocks: m.blocks })));
    expose(debrief, frame, figuresOf(view, frame, state.viewer), root);
    void charts.then((m) => m.setCurrentTurn(frame.turn, frame.phase === "report"));
  }

  slider.addEventListener("input", () => show(Number(slider.value)));
  select.addEventListener("change", () => {
    state.viewer = select.value as Viewer;
    show(state.index);
  });
  root.append(
    el("label", { for: "debrief-viewpoint" }, `${t("debrief.viewpoint")} `),
    select,
    el("h2", {}, t("debrief.timeline")),
    slider,
    el(
      "p",
      { class: "steps" },
      button("debrief-first", "«", "debrief.first", () => 0),
      button("debrief-prev", "◀", "debrief.prev", () => state.index - 1),
      button("debrief-next", "▶", "debrief.next", () => state.index + 1),
      button("debrief-last", "»", "debrief.last", () => last),
    ),
    label,
    step,
  );
  const chartsRoot = el("section", { id: "debrief-charts", "aria-label": t("debrief.charts") }, el("h2", {}, t("debrief.charts")), el("p", { role: "status" }, t("debrief.chartsLoading")));
  const fork = el("section", { id: "debrief-fork" });
  panel.replaceChildren(...parts.head, root, ...exportNodes(parts.log, debrief), fork, chartsRoot, ...parts.tail);
  show(state.index);
  renderForkChooser(fork, ctx, debrief, () => state.index, parts.rerender);
  void charts.then(async (m) => {
    await m.renderCharts(chartsRoot, debrief);
    const frame = debrief.frames[state.index] as DebriefFrame;
    m.setCurrentTurn(frame.turn, frame.phase === "report");
  });
}
