/**
 * The debrief's charts, drawn with Chart.js (only the parts used are registered, so the rest is
 * tree-shaken; this module and Chart.js load only on the replay page). Each chart sits in a section
 * whose id is a contract (the facilitator guide links to /replay/<id>#chart-<name>), with a PNG
 * download button. The figures come from shared/debrief/series.ts: the CLI and the page share them.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
} from "chart.js";
import type { Debrief } from "../../shared/debrief/frames.ts";
import { openLog } from "../../shared/debrief/open.ts";
import {
  absorptionSeries,
  capturedByTurn,
  corridorSeries,
  decisionTimeline,
  distributionAt,
  governanceSeries,
  headerDifferences,
  matchSummary,
  referenceComparison,
  smileSeries,
  turnFrames,
  type ReferenceCurves,
} from "../../shared/debrief/series.ts";
import { LINK_GOVERNANCES } from "../../shared/types.ts";
import referenceUrl from "../../assets/reference/belt-and-road.json?url";
import { en, type MessageKey } from "../i18n/en.ts";
import { localized, t } from "../i18n/index.ts";
import { OKABE_ITO } from "../map/palette.ts";
import { el } from "../ui/dom.ts";
import { seatName } from "../ui/match-panels.ts";
import { saveCanvasPng } from "./downloads.ts";

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip);

export const CHART_IDS = ["chart-smile", "chart-governance", "chart-corridors", "chart-distribution", "chart-absorption", "chart-timeline", "chart-reference", "chart-compare"] as const;

const PALETTE = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.orange, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.black, OKABE_ITO.yellow];
const DASHES = [[], [6, 3], [2, 2]];
const colour = (i: number): string => PALETTE[i % PALETTE.length] as string;
const dash = (i: number): number[] => DASHES[Math.floor(i / PALETTE.length) % DASHES.length] as number[];

/** Charts drawn so far, destroyed when the page draws them again (language switch, another log). */
let drawn: Chart[] = [];
/** The turn the timeline shows: charts over turns mark it. */
let currentTurn: number | null = null;

/** Charts drawn for one turn, redrawn when the timeline moves: given the last turn resolved at that step. */
let onTurn: Array<(resolvedTurn: number) => void> = [];

/**
 * Moves the mark of the current turn on every chart drawn over turns, and redraws the charts of one
 * turn for the last resolution the step has seen (`resolved`: the step is that turn's resolution).
 */
export function setCurrentTurn(turn: number, resolved: boolean): void {
  currentTurn = turn;
  for (const show of onTurn) show(resolved ? turn : turn - 1);
  for (const chart of drawn) if ((chart.options.plugins as { turnCursor?: boolean }).turnCursor) chart.draw();
}

/** A faint band at the turn the timeline shows, on charts whose x axis is the turn. */
const turnCursor: Plugin = {
  id: "turnCursor",
  beforeDatasetsDraw(chart) {
    const x = chart.scales.x;
    if (!(chart.options.plugins as { turnCursor?: boolean }).turnCursor || !x || currentTurn === null) return;
    const labels = chart.data.labels;
    const px = labels && labels.length > 0 ? (labels.indexOf(String(currentTurn)) >= 0 ? x.getPixelForValue(labels.indexOf(String(currentTurn))) : null) : x.getPixelForValue(currentTurn);
    if (px === null) return;
    const g = chart.ctx;
    g.save();
    g.fillStyle = "rgba(230,159,0,0.18)";
    g.fillRect(px - 6, chart.chartArea.top, 12, chart.chartArea.bottom - chart.chartArea.top);
    g.restore();
  },
};

/** Labels written on the chart: `labels` per dataset per point, drawn beside the arrow that reaches that point. */
const arrowLabels: Plugin = {
  id: "arrowLabels",
  afterDatasetsDraw(chart) {
    const g = chart.ctx;
    chart.data.datasets.forEach((dataset, d) => {
      const labels = (dataset as { arrowLabels?: string[] }).arrowLabels;
      const meta = chart.getDatasetMeta(d);
      if (!labels || meta.hidden) return;
      g.save();
      g.strokeStyle = String(dataset.borderColor);
      g.fillStyle = String(dataset.borderColor);
      g.font = "bold 10px sans-serif";
      meta.data.forEach((point, i) => {
        const prev = meta.data[i - 1];
        if (!prev) return;
        const angle = Math.atan2(point.y - prev.y, point.x - prev.x);
        g.beginPath();
        g.moveTo(point.x - 7 * Math.cos(angle - 0.4), point.y - 7 * Math.sin(angle - 0.4));
        g.lineTo(point.x, point.y);
        g.lineTo(point.x - 7 * Math.cos(angle + 0.4), point.y - 7 * Math.sin(angle + 0.4));
        g.stroke();
        const text = labels[i];
        if (text) g.fillText(text, (point.x + prev.x) / 2 + 3, (point.y + prev.y) / 2 - 3);
      });
      g.restore();
    });
  },
};

/** Vertical marks at x values with a label: the shocks on the decision timeline. */
const verticalMarks: Plugin = {
  id: "verticalMarks",
  afterDatasetsDraw(chart) {
    const marks = (chart.options.plugins as { verticalMarks?: Array<{ x: number; label: string }> }).verticalMarks ?? [];
    const x = chart.scales.x;
    const area = chart.chartArea;
    if (!x || marks.length === 0) return;
    const g = chart.ctx;
    g.save();
    g.strokeStyle = OKABE_ITO.vermillion;
    g.fillStyle = OKABE_ITO.vermillion;
    g.setLineDash([4, 3]);
    g.font = "10px sans-serif";
    marks.forEach((mark, i) => {
      const px = x.getPixelForValue(mark.x);
      g.beginPath();
      g.moveTo(px, area.top);
      g.lineTo(px, area.bottom);
      g.stroke();
      g.fillText(mark.label, px + 2, area.top + 10 + (i % 4) * 11);
    });
    g.restore();
  },
};

function section(id: (typeof CHART_IDS)[number], title: string, ...extra: Node[]): { root: HTMLElement; canvas: (name?: string) => HTMLCanvasElement } {
  const root = el("section", { id, class: "chart" }, el("h3", {}, title), ...extra);
  return {
    root,
    canvas(name = id) {
      const canvas = el("canvas", { id: `${name}-canvas`, role: "img", "aria-label": title, width: "360", height: "240" });
      const png = el("button", { type: "button", class: "secondary png", "data-chart": name }, t("debrief.png"));
      png.addEventListener("click", () => saveCanvasPng(`${name}.png`, canvas));
      root.append(el("div", { class: "chart-box" }, canvas), el("p", {}, png));
      return canvas;
    },
  };
}

function draw(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  const chart = new Chart(canvas, { ...config, options: { animation: false, responsive: false, ...config.options }, plugins: [...(config.plugins ?? []), arrowLabels, verticalMarks, turnCursor] } as ChartConfiguration);
  drawn.push(chart);
  canvas.dataset.ready = "1";
  return chart;
}

/** A translated label when the key exists (a reference file may name figures or archetypes this client does not know). */
const known = (key: string, fallback: string): string => (key in en ? t(key as MessageKey) : fallback);

const turnsOf = (debrief: Debrief): string[] => turnFrames(debrief).map((f) => String(f.turn));
const needsPrivate = () => el("p", { class: "hint" }, t("debrief.needsPrivate"));
const axis = (key: MessageKey, extra: Record<string, unknown> = {}) => ({ title: { display: true, text: t(key) }, ...extra });

function smileChart(debrief: Debrief): HTMLElement {
  const series = smileSeries(debrief);
  const sideUnknown = series.some((s) => s.points.some((p) => p.side === null));
  const s = section("chart-smile", t("debrief.chart.smile"), el("p", { class: "hint" }, t("debrief.chart.smileNote")), sideUnknown ? el("p", { class: "hint" }, t("debrief.chart.smileSideUnknown")) : el("span"));
  const curve = Array.from({ length: 41 }, (_, i) => ({ x: -2 + i * 0.1, y: ((-2 + i * 0.1) / 2) ** 2 }));
  const mark = { success: "✓", breakthrough: "✓✓", failed: "✗", attempted: "?" } as const;
  const datasets: ChartDataset<"scatter">[] = [
    { label: t("debrief.series.curve"), data: curve, showLine: true, pointRadius: 0, borderColor: "#999", borderWidth: 1 },
    ...series.map((c, i) => {
      const data = c.points.map((p) => {
        const x = (p.side ?? 1) * 2 * p.smile;
        return { x, y: (x / 2) ** 2 };
      });
      return {
        label: seatName(c.cluster),
        data,
        showLine: true,
        borderColor: colour(i),
        backgroundColor: colour(i),
        borderDash: dash(i),
        pointRadius: 3,
        arrowLabels: c.points.map((p) => p.upgrades.map((u) => `${u.letter}${mark[u.outcome]}`).join(" ")),
      } as ChartDataset<"scatter">;
    }),
  ];
  const chart = draw(s.canvas(), {
    type: "scatter",
    data: { datasets },
    options: {
      scales: {
        x: axis("debrief.axis.position", { min: -2, max: 2, ticks: { stepSize: 1, callback: (v: number | string) => ["U2", "U1", "M", "D1", "D2"][Number(v) + 2] ?? "" } }),
        // Clusters sit low on the curve early on: the y axis stops a little above the highest one.
        y: axis("debrief.axis.smile", { min: 0, max: Math.min(1, Math.max(0.25, 1.3 * Math.max(0, ...datasets.slice(1).flatMap((d) => (d.data as Array<{ y: number }>).map((p) => p.y))))) }),
      },
      plugins: { legend: { labels: { boxWidth: 10, font: { size: 9 } } } },
    },
  });
  // Each cluster's point after the last resolution the timeline's step has seen stands out.
  onTurn.push((resolvedTurn) => {
    series.forEach((c, i) => {
      const dataset = chart.data.datasets[i + 1];
      if (dataset) (dataset as ChartDataset<"scatter">).pointRadius = c.points.map((p) => (p.turn === resolvedTurn ? 6 : 3));
    });
    chart.update("none");
  });
  return s.root;
}

function governanceChart(debrief: Debrief): HTMLElement {
  const series = governanceSeries(debrief);
  const select = el("select", { id: "chart-governance-link", "aria-label": t("debrief.chart.governanceLink") });
  series.forEach((g, i) => select.append(el("option", { value: String(i) }, `${seatName(g.cluster)} → ${seatName(g.leadFirm)}`)));
  const s = section("chart-governance", t("debrief.chart.governance"), el("label", { for: "chart-governance-link" }, `${t("debrief.chart.governanceLink")} `), select);
  const canvas = s.canvas();
  const labels = turnsOf(debrief);
  let chart: Chart | null = null;
  const show = () => {
    const g = series[Number(select.value)];
    chart?.destroy();
    if (!g) return;
    const gov = [...LINK_GOVERNANCES];
    const drivers = (key: "C" | "D" | "K", i: number): ChartDataset<"line"> => ({ label: key, data: g.points.map((p) => p[key]), borderColor: colour(i + 1), yAxisID: "y", spanGaps: false });
    const datasets: ChartDataset<"line">[] = [
      { label: t("debrief.series.governance"), data: g.points.map((p) => gov.indexOf(p.governance as (typeof gov)[number])), stepped: true, borderColor: OKABE_ITO.black, borderWidth: 3, yAxisID: "gov" },
      ...(g.points.some((p) => p.C !== null) ? [drivers("C", 0), drivers("D", 1), drivers("K", 2)] : []),
      ...(g.theta !== null ? [{ label: t("debrief.series.theta"), data: labels.map(() => g.theta), borderColor: "#999", borderDash: [4, 4], pointRadius: 0, yAxisID: "y" } as ChartDataset<"line">] : []),
    ];
    chart = draw(canvas, {
      type: "line",
      data: { labels, datasets },
      options: {
        plugins: { turnCursor: true } as Record<string, unknown>,
        scales: {
          x: axis("debrief.axis.turn"),
          y: axis("debrief.axis.drivers", { min: 0, max: 1, position: "left" }),
          gov: { type: "linear", axis: "y", position: "right", min: -0.5, max: gov.length - 0.5, afterBuildTicks: (scale: { ticks: Array<{ value: number }> }) => void (scale.ticks = gov.map((_, i) => ({ value: i }))), ticks: { callback: (v: number | string) => (gov[Number(v)] ? t(`gov.${gov[Number(v)]}` as MessageKey) : "") }, grid: { drawOnChartArea: false } },
        },
      },
    });
  };
  select.addEventListener("change", show);
  show();
  return s.root;
}

function corridorChart(debrief: Debrief): HTMLElement {
  const s = section("chart-corridors", t("debrief.chart.corridors"));
  const series = corridorSeries(debrief);
  const used = series.filter((c) => c.points.some((p) => p.blocks > 0));
  const shown = used.length > 0 ? used : series.slice(0, 1);
  draw(s.canvas(), {
    type: "bar",
    data: {
      labels: turnsOf(debrief),
      datasets: shown.map((c, i) => ({ label: c.name ? localized(c.name) : c.corridor, data: c.points.map((p) => p.blocks), backgroundColor: colour(i) })),
    },
    options: { plugins: { turnCursor: true } as Record<string, unknown>, scales: { x: axis("debrief.axis.turn", { stacked: true }), y: axis("debrief.axis.blocks", { stacked: true, beginAtZero: true }) } },
  });
  return s.root;
}

/** The distribution of value captured after a turn (the turn the timeline shows; the last one at first). */
function distributionChart(debrief: Debrief): HTMLElement {
  const frames = turnFrames(debrief);
  /** The last resolution at or before a turn (the last of the match for null). */
  const at = (turn: number | null) => {
    const frame = turn === null ? frames.at(-1) : frames.filter((f) => f.turn <= turn).at(-1);
    return frame ? distributionAt(frame) : null;
  };
  const s = section("chart-distribution", t("debrief.chart.distribution"));
  const first = frames.length > 0 ? at(null) : null;
  if (!first) {
    s.root.append(needsPrivate());
    return s.root;
  }
  const heading = el("h4", { id: "chart-distribution-turn" });
  s.root.append(heading);
  const bars = draw(s.canvas(), { type: "bar", data: { labels: [], datasets: [] }, options: { scales: { x: { ticks: { font: { size: 8 } } }, y: axis("debrief.axis.value") }, plugins: { legend: { display: false } } } });
  const byTurn = capturedByTurn(debrief);
  if (byTurn) {
    draw(s.canvas("chart-distribution-turns"), {
      type: "bar",
      data: {
        labels: byTurn.map((p) => String(p.turn)),
        datasets: [
          { label: t("debrief.series.clusters"), data: byTurn.map((p) => p.clusters), backgroundColor: OKABE_ITO.blue },
          { label: t("debrief.series.hosts"), data: byTurn.map((p) => p.hosts), backgroundColor: OKABE_ITO.orange },
        ],
      },
      options: { plugins: { turnCursor: true } as Record<string, unknown>, scales: { x: axis("debrief.axis.turn"), y: axis("debrief.axis.value") } },
    });
  }
  const gini = el("h4", {});
  s.root.append(gini);
  const lorenzChart = draw(s.canvas("chart-distribution-lorenz"), {
    type: "scatter",
    data: {
      datasets: [
        { label: t("debrief.series.equality"), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, pointRadius: 0, borderColor: "#999", borderDash: [4, 4] },
        { label: t("debrief.series.lorenz"), data: [], showLine: true, borderColor: OKABE_ITO.vermillion, backgroundColor: OKABE_ITO.vermillion, pointRadius: 2 },
      ],
    },
    options: { scales: { x: axis("debrief.axis.population", { min: 0, max: 1 }), y: axis("debrief.axis.share", { min: 0, max: 1 }) } },
  });
  const show = (turn: number | null) => {
    const dist = at(turn);
    if (!dist) {
      heading.textContent = t("debrief.noState");
      s.root.dataset.turn = "";
      return;
    }
    const rows = [...dist.clusters.map((r) => ({ ...r, role: "cluster" })), ...dist.hosts.map((r) => ({ ...r, role: "host" }))].sort((a, b) => b.value - a.value);
    heading.textContent = t("debrief.chart.afterTurn", { turn: dist.turn });
    bars.data.labels = rows.map((r) => seatName(r.seat));
    bars.data.datasets = [{ label: `${t("debrief.series.clusters")} / ${t("debrief.series.hosts")}`, data: rows.map((r) => r.value), backgroundColor: rows.map((r) => (r.role === "cluster" ? OKABE_ITO.blue : OKABE_ITO.orange)) }];
    bars.update("none");
    gini.textContent = t("debrief.chart.lorenz", { gini: Math.round(dist.lorenz.gini * 100) / 100 });
    (lorenzChart.data.datasets[1] as ChartDataset<"scatter">).data = dist.lorenz.points.map((p) => ({ x: p.population, y: p.value }));
    lorenzChart.update("none");
    s.root.dataset.turn = String(dist.turn);
  };
  show(null);
  onTurn.push(show);
  return s.root;
}

function absorptionChart(debrief: Debrief): HTMLElement {
  const s = section("chart-absorption", t("debrief.chart.absorption"));
  const series = absorptionSeries(debrief);
  const labels = turnsOf(debrief);
  const sum = (pick: (p: { offered: number; absorbed: number }) => number) => labels.map((_, i) => series.reduce((n, h) => n + pick(h.points[i] ?? { offered: 0, absorbed: 0 }), 0));
  const meanA = labels.map((_, i) => {
    const xs = series.flatMap((h) => (h.points[i]?.A === null || h.points[i]?.A === undefined ? [] : [h.points[i]?.A as number]));
    return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  });
  draw(s.canvas(), {
    type: "bar",
    data: {
      labels,
      datasets: [
        { label: t("debrief.series.offered"), data: sum((p) => p.offered), backgroundColor: OKABE_ITO.skyBlue },
        { label: t("debrief.series.absorbed"), data: sum((p) => p.absorbed), backgroundColor: OKABE_ITO.blue },
        { type: "line", label: t("debrief.series.A"), data: meanA, borderColor: OKABE_ITO.vermillion, yAxisID: "A" } as unknown as ChartDataset<"bar">,
      ],
    },
    options: { plugins: { turnCursor: true } as Record<string, unknown>, scales: { x: axis("debrief.axis.turn"), y: axis("debrief.axis.blocks", { beginAtZero: true }), A: { type: "linear", axis: "y", position: "right", min: 0, max: 1, grid: { drawOnChartArea: false } } } },
  });
  return s.root;
}

function timelineChart(debrief: Debrief): HTMLElement {
  const s = section("chart-timeline", t("debrief.chart.timeline"));
  const { decisions, shocks, instructor } = decisionTimeline(debrief);
  const seats = [...new Set(decisions.map((d) => d.seat))];
  const offset = { negotiate: -0.2, commit: 0.15 } as const;
  const canvas = s.canvas();
  canvas.height = Math.max(240, 40 + seats.length * 16);
  draw(canvas, {
    type: "scatter",
    data: {
      datasets: [
        {
          label: t("debrief.series.decisions"),
          data: decisions.map((d) => ({ x: d.turn + offset[d.phase], y: seats.indexOf(d.seat) })),
          pointRadius: decisions.map((d) => 2 + Math.min(5, d.what.length)),
          backgroundColor: decisions.map((d) => (d.phase === "negotiate" ? OKABE_ITO.orange : OKABE_ITO.blue)),
        },
        ...(instructor.length > 0 ? [{ label: t("debrief.instructor"), data: instructor.map((i) => ({ x: i.turn, y: -1 })), pointStyle: "triangle", pointRadius: 6, backgroundColor: OKABE_ITO.black } as ChartDataset<"scatter">] : []),
      ],
    },
    options: {
      scales: {
        x: axis("debrief.axis.turn", { ticks: { stepSize: 1 } }),
        y: {
          min: -1.5,
          max: seats.length - 0.5,
          afterBuildTicks: (scale: { ticks: Array<{ value: number }> }) => void (scale.ticks = seats.map((_, i) => ({ value: i }))),
          ticks: { autoSkip: false, font: { size: 8 }, callback: (v: number | string) => (seats[Number(v)] ? seatName(seats[Number(v)] as string) : "") },
        },
      },
      plugins: { turnCursor: true, verticalMarks: shocks.map((sh) => ({ x: sh.turn - 0.45, label: `${sh.name ? localized(sh.name) : sh.card}${sh.forced ? " *" : ""}` })) } as Record<string, unknown>,
    },
  });
  if (shocks.length > 0) s.root.append(el("ul", { class: "hint", id: "chart-timeline-shocks" }, ...shocks.map((sh) => el("li", {}, `${sh.turn}: ${sh.name ? localized(sh.name) : sh.card}${sh.target ? ` (${seatName(sh.target)})` : ""}`))));
  return s.root;
}

async function referenceChart(debrief: Debrief): Promise<HTMLElement> {
  const figure = el("select", { id: "chart-reference-figure", "aria-label": t("debrief.chart.referenceFigure") });
  const s = section("chart-reference", t("debrief.chart.reference"), el("label", { for: "chart-reference-figure" }, `${t("debrief.chart.referenceFigure")} `), figure);
  const reference = (await fetch(referenceUrl).then((r) => r.json())) as ReferenceCurves;
  const choices = Object.entries(reference.curves).flatMap(([role, archetypes]) => [...new Set(Object.values(archetypes).flatMap((f) => Object.keys(f)))].map((name) => ({ role, name })));
  for (const [i, c] of choices.entries()) figure.append(el("option", { value: String(i) }, `${t(`role.${c.role}` as MessageKey)} · ${known(`debrief.figure.${c.name}`, c.name)}`));
  const note = el("p", { class: "hint" });
  s.root.append(note);
  const canvas = s.canvas();
  let chart: Chart | null = null;
  const show = () => {
    const c = choices[Number(figure.value)];
    if (!c) return;
    chart?.destroy();
    const cmp = referenceComparison(debrief, reference, c.role, c.name);
    note.textContent = cmp.sameScenario ? "" : t("debrief.chart.referenceOther", { scenario: reference.scenario, other: String((debrief.header.scenario as { id?: unknown })?.id ?? "?") });
    const rounds = Math.max(reference.rounds, cmp.classCurve.length);
    const labels = Array.from({ length: rounds }, (_, i) => String(i + 1));
    const at = <T>(xs: Array<T & { round: number }>, pick: (x: T) => number | null) => labels.map((_, i) => {
      const row = xs.find((x) => x.round === i + 1);
      return row ? pick(row) : null;
    });
    const low = labels.map((_, i) => Math.min(...cmp.archetypes.map((a) => a.bands[i]?.p25 ?? Infinity)));
    const high = labels.map((_, i) => Math.max(...cmp.archetypes.map((a) => a.bands[i]?.p75 ?? -Infinity)));
    const finite = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? x : null));
    chart = draw(canvas, {
      type: "line",
      data: {
        labels,
        datasets: [
          { label: t("debrief.series.referenceBand"), data: finite(low), borderColor: "rgba(0,0,0,0)", pointRadius: 0, backgroundColor: "rgba(86,180,233,0.25)", fill: "+1" },
          { label: "", data: finite(high), borderColor: "rgba(0,0,0,0)", pointRadius: 0 },
          ...cmp.archetypes.map((a, i) => ({ label: t("debrief.series.reference", { archetype: known(`debrief.archetype.${a.archetype}`, a.archetype) }), data: at(a.bands, (b) => b.p50), borderColor: colour(i + 4), borderDash: [5, 3], pointRadius: 0 })),
          { label: t("debrief.series.classMedian"), data: at(cmp.classCurve, (x) => x.p50), borderColor: OKABE_ITO.vermillion, borderWidth: 3 },
          { label: t("debrief.series.classRange"), data: at(cmp.classCurve, (x) => x.min), borderColor: "rgba(213,94,0,0.35)", pointRadius: 0, backgroundColor: "rgba(213,94,0,0.12)", fill: "+1" },
          { label: "", data: at(cmp.classCurve, (x) => x.max), borderColor: "rgba(213,94,0,0.35)", pointRadius: 0 },
        ],
      },
      options: { scales: { x: axis("debrief.axis.turn") }, plugins: { turnCursor: true, legend: { labels: { boxWidth: 10, font: { size: 9 }, filter: (item: { text: string }) => item.text !== "" } } } as Record<string, unknown> },
    });
  };
  figure.addEventListener("change", show);
  show();
  return s.root;
}

function compareChart(debrief: Debrief): HTMLElement {
  const input = el("input", { type: "file", id: "chart-compare-file", accept: ".jsonl,.json,.txt" });
  const body = el("div", {}, el("p", { class: "hint" }, t("debrief.compareNone")));
  const s = section("chart-compare", t("debrief.chart.compare"), el("label", { for: "chart-compare-file" }, `${t("debrief.compareLoad")} `), input, body);
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      const second = openLog(text);
      if (!second.ok) {
        body.replaceChildren(el("p", { class: "error", role: "alert" }, t("debrief.compareBroken", { reason: second.breakage.message })));
        return;
      }
      const diff = headerDifferences(debrief.header, second.debrief.header);
      const show = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));
      const table = el(
        "table",
        { class: "blocks", id: "chart-compare-diff" },
        el("caption", {}, t("debrief.compareDiff", { count: diff.length })),
        el("tr", {}, el("th", {}, t("debrief.compareParam")), el("th", {}, t("debrief.compareThis")), el("th", {}, t("debrief.compareSecond"))),
        ...diff.slice(0, 40).map((d) => el("tr", {}, el("td", {}, d.path), el("td", {}, show(d.a)), el("td", {}, show(d.b)))),
      );
      body.replaceChildren(diff.length === 0 ? el("p", {}, t("debrief.compareSame")) : table);
      const canvas = el("canvas", { id: "chart-compare-canvas", role: "img", "aria-label": t("debrief.chart.compare"), width: "360", height: "240" });
      const png = el("button", { type: "button", class: "secondary png", "data-chart": "chart-compare" }, t("debrief.png"));
      png.addEventListener("click", () => saveCanvasPng("chart-compare.png", canvas));
      body.append(el("div", { class: "chart-box" }, canvas), el("p", {}, png));
      const a = matchSummary(debrief);
      const b = matchSummary(second.debrief);
      const turns = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => String(i + 1));
      const roles = ["cluster", "host", "lead"] as const;
      draw(canvas, {
        type: "line",
        data: {
          labels: turns,
          datasets: roles.flatMap((role, i) => [
            { label: t("debrief.series.matchA", { what: t(`role.${role}` as MessageKey) }), data: turns.map((_, k) => a[k]?.[role] ?? null), borderColor: colour(i) },
            { label: t("debrief.series.matchB", { what: t(`role.${role}` as MessageKey) }), data: turns.map((_, k) => b[k]?.[role] ?? null), borderColor: colour(i), borderDash: [6, 3] },
          ]),
        },
        options: { scales: { x: axis("debrief.axis.turn") }, plugins: { legend: { labels: { boxWidth: 10, font: { size: 9 } } } } },
      });
    });
  });
  return s.root;
}

/** Draws every chart of a debrief into `root`, then scrolls to the chart the address names (#chart-…). */
export async function renderCharts(root: HTMLElement, debrief: Debrief): Promise<void> {
  for (const chart of drawn) chart.destroy();
  drawn = [];
  onTurn = [];
  const sections = [smileChart(debrief), governanceChart(debrief), corridorChart(debrief), distributionChart(debrief), absorptionChart(debrief), timelineChart(debrief), await referenceChart(debrief), compareChart(debrief)];
  root.replaceChildren(el("h2", {}, t("debrief.charts")), ...sections);
  root.dataset.ready = "1";
  const wanted = location.hash.slice(1);
  if ((CHART_IDS as readonly string[]).includes(wanted)) document.getElementById(wanted)?.scrollIntoView();
}
