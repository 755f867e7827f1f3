/**
 * The seat's own state beside its orders: a cluster's capabilities, blocks by stage and place,
 * each chain link's governance with its three drivers, and its dot on the smile curve; a host's
 * development, policies and the clusters' plants in it; a lead firm's orders, purchases, barriers,
 * own plants and profit. Plain DOM (and one small SVG), readable by screen readers.
 */
import type { ClusterState, HostState, LeadFirmState } from "../../shared/state.ts";
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { readable } from "../ui/match-panels.ts";
import type { SoloSnapshot } from "./solo-match.ts";

const STAGE_ORDER = ["U2", "U1", "M", "D1", "D2"] as const;
const r1 = (x: number): string => String(Math.round(x * 10) / 10);

const isCluster = (x: unknown): x is ClusterState => typeof x === "object" && x !== null && "plants" in x && "P" in x && "links" in x && "money" in x;
const isHost = (x: unknown): x is HostState => typeof x === "object" && x !== null && "Z" in x && "approval" in x && "money" in x;
const isLead = (x: unknown): x is LeadFirmState => typeof x === "object" && x !== null && "orders" in x && "barrier" in x && "profitCum" in x;

/** A smile curve over the five stages with the cluster's dot: x = side * 2S, y = (x / 2)^2. */
function smileCurve(smile: NonNullable<SoloSnapshot["smile"]>): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 200 90");
  svg.setAttribute("width", "200");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("dash.smileLabel", { index: r1(smile.index) }));
  const sx = (x: number) => 100 + x * 45;
  const sy = (y: number) => 75 - y * 60;
  const curve = document.createElementNS(ns, "path");
  let d = "";
  for (let x = -2; x <= 2.0001; x += 0.1) d += `${d ? "L" : "M"}${sx(x).toFixed(1)},${sy((x / 2) ** 2).toFixed(1)}`;
  curve.setAttribute("d", d);
  curve.setAttribute("fill", "none");
  curve.setAttribute("stroke", "#0072b2");
  curve.setAttribute("stroke-width", "2");
  svg.append(curve);
  STAGE_ORDER.forEach((stage, i) => {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", String(sx(i - 2)));
    label.setAttribute("y", "88");
    label.setAttribute("text-anchor", "middle");
    label.setAttribute("font-size", "10");
    label.textContent = stage;
    svg.append(label);
  });
  const x = (smile.side === 0 ? 1 : smile.side) * 2 * smile.index;
  const dot = document.createElementNS(ns, "circle");
  dot.setAttribute("cx", sx(x).toFixed(1));
  dot.setAttribute("cy", sy((x / 2) ** 2).toFixed(1));
  dot.setAttribute("r", "6");
  dot.setAttribute("fill", "#d55e00");
  dot.setAttribute("stroke", "#fff");
  dot.setAttribute("stroke-width", "2");
  svg.append(dot);
  return svg;
}

function clusterDashboard(c: ClusterState, smile: SoloSnapshot["smile"], nameOf: (seat: string) => string): Node[] {
  const blocks = el(
    "table",
    { class: "blocks", id: "dash-blocks" },
    el("caption", {}, t("dash.blocks")),
    el("tr", {}, el("th", {}, t("dash.place")), ...STAGE_ORDER.map((s) => el("th", {}, s))),
    ...c.plants.map((p) => el("tr", {}, el("td", {}, p.sector ? `${readable("node", p.node)} (${readable("sector", p.sector)})` : readable("node", p.node)), ...STAGE_ORDER.map((s) => el("td", {}, String(p.blocks[s]))))),
  );
  const level = (flag: boolean) => t(flag ? "dash.high" : "dash.low");
  const links = el(
    "ul",
    { class: "links", id: "dash-links" },
    ...c.links.map((l) =>
      el(
        "li",
        {},
        `${nameOf(l.leadFirm)}: ${t(`gov.${l.governance}` as MessageKey)}${l.excluded ? ` (${t("dash.excluded")})` : ""} · ${t("dash.drivers", { C: level(l.high.C), D: level(l.high.D), K: level(l.high.K) })}`,
      ),
    ),
  );
  return [
    el("h2", {}, t("dash.title")),
    el("p", { id: "dash-capabilities" }, t("dash.capabilities", { P: r1(c.P), Q: r1(c.Q), F: r1(c.F), X: r1(c.X) })),
    el("p", {}, t("dash.reputation", { R: r1(c.R), stance: t(`stance.${c.stance}` as MessageKey) })),
    smile ? el("figure", { class: "smile" }, smileCurve(smile), el("figcaption", {}, t("dash.smileLabel", { index: r1(smile.index) }))) : el("span"),
    blocks,
    el("h3", {}, t("dash.links")),
    c.links.length === 0 ? el("p", { class: "hint" }, t("dash.noLinks")) : links,
  ];
}

const yesNo = (flag: boolean): string => t(flag ? "dash.yes" : "dash.no");

/** Figures keyed by sector or origin as "key value" pairs; `label` names a key in the current language. */
function figureList(id: string, figures: Record<string, number>, label: (key: string) => string): Node {
  const entries = Object.entries(figures).filter(([, value]) => value !== 0);
  if (entries.length === 0) return el("p", { class: "hint", id }, t("dash.none"));
  return el("ul", { class: "figures", id }, ...entries.map(([key, value]) => el("li", {}, `${label(key)}: ${r1(value)}`)));
}

/** A host sees its development, its policies, and every plant Chinese clusters and lead firms keep in it. */
function hostDashboard(h: HostState, view: SoloSnapshot["view"], nameOf: (seat: string) => string): Node[] {
  const clusterPlants = view.clusters.flatMap((c) => c.plants.filter((p) => p.host === h.id).map((p) => ({ owner: c.id, node: p.node, blocks: p.blocks as Record<string, number> })));
  const leadPlants = view.leadFirms.flatMap((l) => l.plants.filter((p) => p.host === h.id).map((p) => ({ owner: l.id, node: p.node, blocks: { M: p.blocks } as Record<string, number> })));
  const plants = [...clusterPlants, ...leadPlants];
  const policies = h.policies;
  return [
    el("h2", {}, t("dash.titleHost")),
    el("p", { id: "dash-host" }, t("dash.host", { Z: r1(h.Z), Z0: r1(h.Z0), A: r1(h.A), approval: r1(h.approval), PC: r1(h.PC) })),
    el("p", { id: "dash-economy" }, t("dash.economy", { w: r1(h.w), infra: r1(h.infra), jobs: r1(h.jobs), E: r1(h.E), debt: r1(h.debt), money: r1(h.money) })),
    h.debtDistress ? el("p", { class: "error", id: "dash-distress" }, t("dash.debtDistress")) : el("span"),
    el("h3", {}, t("dash.policies")),
    el(
      "p",
      { id: "dash-policies" },
      t("dash.policyLine", { lcr: r1(policies.lcr), env: t(`env.${policies.env}` as MessageKey), sez: yesNo(policies.sez), jv: yesNo(policies.jv), training: r1(policies.training) }),
    ),
    el("p", {}, t("dash.tariffs")),
    figureList("dash-tariffs", policies.tariff, (sector) => readable("sector", sector)),
    plants.length === 0
      ? el("p", { class: "hint", id: "dash-host-plants" }, t("dash.noPlants"))
      : el(
          "table",
          { class: "blocks", id: "dash-host-plants" },
          el("caption", {}, t("dash.hostPlants")),
          el("tr", {}, el("th", {}, t("dash.cluster")), el("th", {}, t("dash.place")), ...STAGE_ORDER.map((s) => el("th", {}, s))),
          ...plants.map((plant) => el("tr", {}, el("td", {}, nameOf(plant.owner)), el("td", {}, readable("node", plant.node)), ...STAGE_ORDER.map((s) => el("td", {}, String(plant.blocks[s] ?? 0))))),
        ),
  ];
}

/** A lead firm sees what it orders, where its purchases came from, its barriers, its own plants and its profit. */
function leadDashboard(l: LeadFirmState, nameOf: (seat: string) => string): Node[] {
  const sectors = el(
    "table",
    { class: "blocks", id: "dash-orders" },
    el("caption", {}, t("dash.orders")),
    el("tr", {}, el("th", {}, t("dash.sector")), el("th", {}, t("dash.ordered")), el("th", {}, t("dash.bought")), el("th", {}, t("dash.barrier"))),
    ...l.sectors.map((s) => el("tr", {}, el("td", {}, readable("sector", s)), el("td", {}, r1(l.orders[s] ?? 0)), el("td", {}, r1(l.purchasesLast[s] ?? 0)), el("td", {}, r1(l.barrier[s] ?? 0)))),
  );
  return [
    el("h2", {}, t("dash.titleLead")),
    el("p", { id: "dash-lead" }, t("dash.lead", { strategy: t(`dash.strategy.${l.strategy}` as MessageKey), P: r1(l.P), Q: r1(l.Q), F: r1(l.F), profit: r1(l.profitCum), emissions: r1(l.emissions) })),
    sectors,
    el("h3", {}, t("dash.origins")),
    figureList("dash-origins", l.purchasesFrom, (origin) => (origin === "CHN" ? t("dash.china") : nameOf(origin))),
    el("h3", {}, t("dash.ownPlants")),
    l.plants.length === 0
      ? el("p", { class: "hint", id: "dash-lead-plants" }, t("dash.noOwnPlants"))
      : el("ul", { class: "figures", id: "dash-lead-plants" }, ...l.plants.map((p) => el("li", {}, t("dash.ownPlant", { node: readable("node", p.node), host: nameOf(p.host), sector: readable("sector", p.sector), blocks: p.blocks })))),
  ];
}

/** `nameOf` gives a seat's name in the current language. */
export function dashboard(snap: SoloSnapshot, nameOf: (seat: string) => string): Node[] {
  const own = [...snap.view.clusters, ...snap.view.hosts, ...snap.view.leadFirms].find((e) => e.id === snap.seat);
  if (isCluster(own)) return clusterDashboard(own, snap.smile, nameOf);
  if (isHost(own)) return hostDashboard(own, snap.view, nameOf);
  if (isLead(own)) return leadDashboard(own, nameOf);
  return [];
}
