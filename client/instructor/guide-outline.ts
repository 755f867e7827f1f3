/** The outline of the facilitator guide: the steps of each class length and the debrief charts its questions are tied to. */

/** The debrief page's chart element ids (without the `chart-` prefix). */
export const DEBRIEF_CHARTS = ["smile", "governance", "corridors", "distribution", "absorption", "timeline", "reference", "compare"] as const;

/** The steps of a 45- and a 90-minute class; each has a `when`, a `phase` and a `do` string. */
export const CLASS_FLOWS = {
  45: ["setup", "primer", "early", "shock", "late", "debrief"],
  90: ["setup", "primer", "walk", "early", "shock", "policy", "late", "debrief", "rematch"],
} as const;

export const QUESTIONS_PER_CHART = 2;
