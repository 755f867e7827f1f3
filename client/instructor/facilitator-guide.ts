/**
 * The facilitator guide of the console (docs/instructor.md has the same text): the flow of a 45-
 * and a 90-minute class, and debrief questions tied to each chart of the debrief page, each group
 * linking to that chart of the match (`/replay/<matchId>#chart-<id>`).
 */
import { localized } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { FACILITATOR_TEXT, type FacilitatorKey } from "./facilitator-text.ts";
import { CLASS_FLOWS, DEBRIEF_CHARTS, QUESTIONS_PER_CHART } from "./guide-outline.ts";

/** A string of the guide in the language shown. */
const t = (key: string): string => localized(FACILITATOR_TEXT[key as FacilitatorKey]);

function flowTable(minutes: 45 | 90): HTMLTableElement {
  return el(
    "table",
    { class: "console-table guide-flow", id: `guide-flow-${minutes}` },
    el("thead", {}, el("tr", {}, el("th", {}, t("when")), el("th", {}, t("phase")), el("th", {}, t("do")))),
    el(
      "tbody",
      {},
      ...CLASS_FLOWS[minutes].map((step) =>
        el(
          "tr",
          {},
          el("td", {}, t(`${minutes}.${step}.when`)),
          el("td", {}, t(`${minutes}.${step}.phase`)),
          el("td", {}, t(`${minutes}.${step}.do`)),
        ),
      ),
    ),
  );
}

/** The guide; with a match id, each question group links to its chart in that match's debrief. */
export function facilitatorGuide(matchId: string | null): HTMLElement {
  const questions = DEBRIEF_CHARTS.map((chart) => {
    const title = t(`chart.${chart}`);
    const heading = matchId ? el("a", { href: `/replay/${encodeURIComponent(matchId)}#chart-${chart}`, class: "guide-chart-link", "data-chart": chart }, title) : el("span", {}, title);
    const items = Array.from({ length: QUESTIONS_PER_CHART }, (_, i) => el("li", {}, t(`chart.${chart}.q${i + 1}`)));
    return el("li", { id: `guide-questions-${chart}` }, el("strong", {}, heading), el("ul", {}, ...items));
  });
  return el(
    "details",
    { id: "facilitator-guide", class: "console-guide" },
    el("summary", {}, t("title")),
    el("p", { class: "hint" }, t("intro")),
    el("h3", {}, t("flow45")),
    flowTable(45),
    el("h3", {}, t("flow90")),
    flowTable(90),
    el("h3", {}, t("questions")),
    el("p", { class: "hint" }, matchId ? t("questionsLinked") : t("questionsUnlinked")),
    el("ul", { class: "guide-questions" }, ...questions),
  );
}
