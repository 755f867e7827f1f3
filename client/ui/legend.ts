/** The legend: the host measure picker with its colour bands, and the corridor and marker keys. */
import { t } from "../i18n/index.ts";
import { corridorColour, legendBands, MEASURES, OKABE_ITO, type Measure } from "../map/palette.ts";
import { el } from "./dom.ts";

export function renderLegend(root: HTMLElement, measure: Measure, domain: [number, number], onMeasure: (m: Measure) => void): void {
  const select = el("select", { id: "measure", "aria-label": t("map.measure") });
  for (const m of MEASURES) {
    const option = el("option", { value: m }, t(`measure.${m}`));
    if (m === measure) option.selected = true;
    select.append(option);
  }
  select.addEventListener("change", () => onMeasure(select.value as Measure));
  const bands = el("div", { class: "bands" });
  for (const band of legendBands(domain)) bands.append(el("span", { class: "band", style: `background:${band.colour}`, title: `${Math.round(band.from)}–${Math.round(band.to)}` }));
  const key = (swatchClass: string, colour: string, label: string) =>
    el("li", {}, el("span", { class: `swatch ${swatchClass}`, style: `background:${colour}` }), label);
  root.replaceChildren(
    el("h3", {}, t("map.legend")),
    el("label", { for: "measure" }, `${t("map.measure")} `),
    select,
    bands,
    el("div", { class: "scale" }, el("span", {}, String(Math.round(domain[0]))), el("span", {}, String(Math.round(domain[1])))),
    el(
      "ul",
      {},
      key("line", corridorColour("land", 0), t("map.corridors")),
      key("line", corridorColour("maritime", 0), t("map.maritime")),
      key("round", OKABE_ITO.vermillion, t("map.home")),
      key("round", OKABE_ITO.green, t("map.park")),
      key("", OKABE_ITO.blue, t("map.port")),
      key("round", OKABE_ITO.black, t("map.city")),
      key("line halo", "#ffffff", t("map.raised")),
      key("line dashed", OKABE_ITO.vermillion, t("map.disrupted")),
      key("round ring", "transparent", t("map.event")),
    ),
  );
}
