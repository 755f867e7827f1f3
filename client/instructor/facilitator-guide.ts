/**
 * The facilitator guide of the console (docs/instructor.md has the same text): the flow of a 45-
 * and a 90-minute class, and debrief questions tied to each chart of the debrief page, each group
 * linking to that chart of the match (`/replay/<matchId>#chart-<id>`).
 */
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { CLASS_FLOWS, DEBRIEF_CHARTS, QUESTIONS_PER_CHART } from "./guide-outline.ts";

function flowTable(minutes: 45 | 90): HTMLTableElement {
  return el(
    "table",
    { class: "console-table guide-flow", id: `guide-flow-${minutes}` },
    el("thead", {}, el("tr", {}, el("th", {}, t("facilitator.when")), el("th", {}, t("facilitator.phase")), el("th", {}, t("facilitator.do")))),
    el(
      "tbody",
      {},
      ...CLASS_FLOWS[minutes].map((step) =>
        el(
          "tr",
          {},
          el("td", {}, t(`facilitator.${minutes}.${step}.when` as MessageKey)),
          el("td", {}, t(`facilitator.${minutes}.${step}.phase` as MessageKey)),
          el("td", {}, t(`facilitator.${minutes}.${step}.do` as MessageKey)),
        ),
      ),
    ),
  );
}

/** The guide; with a match id, each question group links to its chart in that match's debrief. */
export function facilitatorGuide(matchId: string | null): HTMLElement {
  const questions = DEBRIEF_CHARTS.map((chart) => {
    const title = t(`facilitator.chart.${chart}` as MessageKey);
    const heading = matchId ? el("a", { href: `/replay/${encodeURIComponent(matchId)}#chart-${chart}`, class: "guide-chart-link", "data-chart": chart }, title) : el("span", {}, title);
    const items = Array.from({ length: QUESTIONS_PER_CHART }, (_, i) => el("li", {}, t(`facilitator.chart.${chart}.q${i + 1}` as MessageKey)));
    return el("li", { id: `guide-questions-${chart}` }, el("strong", {}, heading), el("ul", {}, ...items));
  });
  return el(
    "details",
    { id: "facilitator-guide", class: "console-guide" },
    el("summary", {}, t("facilitator.title")),
    el("p", { class: "hint" }, t("facilitator.intro")),
    el("h3", {}, t("facilitator.flow45")),
    flowTable(45),
    el("h3", {}, t("facilitator.flow90")),
    flowTable(90),
    el("h3", {}, t("facilitator.questions")),
    el("p", { class: "hint" }, matchId ? t("facilitator.questionsLinked") : t("facilitator.questionsUnlinked")),
    el("ul", { class: "guide-questions" }, ...questions),
  );
}
