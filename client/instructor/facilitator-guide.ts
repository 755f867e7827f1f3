/**
 * The facilitator guide of the console (docs/instructor.md has the same text): the flow of a 45-
 * and a 90-minute class, and debrief questions tied to each chart of the debrief page, each group
 * linking to that chart of the match (`/replay/<matchId>#chart-<id>`).
 */
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";

/** The debrief page's chart element ids (without the `chart-` prefix). */
export const DEBRIEF_CHARTS = ["smile", "governance", "corridors", "distribution", "absorption", "timeline", "reference", "compare"] as const;

const FLOWS = {
  45: ["setup", "primer", "early", "shock", "late", "debrief"],
  90: ["setup", "primer", "walk", "early", "shock", "policy", "late", "debrief", "rematch"],
} as const;

const QUESTIONS_PER_CHART = 2;

function flowTable(minutes: 45 | 90): HTMLTableElement {
  return el(
    "table",
    { class: "console-table guide-flow", id: `guide-flow-${minutes}` },
    el("thead", {}, el("tr", {}, el("th", {}, t("guide.when")), el("th", {}, t("guide.phase")), el("th", {}, t("guide.do")))),
    el(
      "tbody",
      {},
      ...FLOWS[minutes].map((step) =>
        el(
          "tr",
          {},
          el("td", {}, t(`guide.${minutes}.${step}.when` as MessageKey)),
          el("td", {}, t(`guide.${minutes}.${step}.phase` as MessageKey)),
          el("td", {}, t(`guide.${minutes}.${step}.do` as MessageKey)),
        ),
      ),
    ),
  );
}

/** The guide; with a match id, each question group links to its chart in that match's debrief. */
export function facilitatorGuide(matchId: string | null): HTMLElement {
  const questions = DEBRIEF_CHARTS.map((chart) => {
    const title = t(`guide.chart.${chart}` as MessageKey);
    const heading = matchId ? el("a", { href: `/replay/${encodeURIComponent(matchId)}#chart-${chart}`, class: "guide-chart-link", "data-chart": chart }, title) : el("span", {}, title);
    const items = Array.from({ length: QUESTIONS_PER_CHART }, (_, i) => el("li", {}, t(`guide.chart.${chart}.q${i + 1}` as MessageKey)));
    return el("li", { id: `guide-questions-${chart}` }, el("strong", {}, heading), el("ul", {}, ...items));
  });
  return el(
    "details",
    { id: "facilitator-guide", class: "console-guide" },
    el("summary", {}, t("guide.title")),
    el("p", { class: "hint" }, t("guide.intro")),
    el("h3", {}, t("guide.flow45")),
    flowTable(45),
    el("h3", {}, t("guide.flow90")),
    flowTable(90),
    el("h3", {}, t("guide.questions")),
    el("p", { class: "hint" }, matchId ? t("guide.questionsLinked") : t("guide.questionsUnlinked")),
    el("ul", { class: "guide-questions" }, ...questions),
  );
}
