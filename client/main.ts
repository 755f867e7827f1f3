/**
 * The client's entry: language, routes, the map, and the DOM panels. Only the landing page and the
 * map load up front; the offline solo match (engine and bots in a worker) loads when opened.
 */
import Phaser from "phaser";
import countriesUrl from "world-atlas/countries-110m.json?url";
import scenarioUrl from "../assets/scenarios/belt-and-road.json?url";
import { initI18n, language, localized, onLanguageChanged, setLanguage, t } from "./i18n/index.ts";
import type { MessageKey } from "./i18n/en.ts";
import { measuresFromHosts, startingMeasures, valuesOf, type HostMeasures } from "./map/host-measures.ts";
import { measureDomain, SEA, type Measure } from "./map/palette.ts";
import { matchLayer, readMapScenario, type MapScenario } from "./map/scenario-geometry.ts";
import { parseRoute, routePath, type Route } from "./router.ts";
import { MapScene, type Flow, type MapListener, type MapSceneData, type MapTarget } from "./scenes/map-scene.ts";
import { byId, el } from "./ui/dom.ts";
import { renderGlossary } from "./ui/glossary.ts";
import { renderLegend } from "./ui/legend.ts";
import { renderPage, type PageContext } from "./ui/pages.ts";

type MapHandle = PageContext["map"];

interface AppState {
  route: Route;
  scenario: MapScenario | null;
  measure: Measure;
  measures: HostMeasures;
  selected: MapTarget | null;
  rerenderPage: () => void;
}

const app: AppState = { route: parseRoute(location.pathname), scenario: null, measure: "industrialisation", measures: {}, selected: null, rerenderPage: () => undefined };
let scene: MapScene | null = null;

function applyMeasure(): void {
  const values = valuesOf(app.measures, app.measure);
  const domain = measureDomain(app.measure, Object.values(values));
  scene?.setShading(values, domain);
  renderLegend(byId("legend"), app.measure, domain, (m) => {
    app.measure = m;
    applyMeasure();
  });
}

const mapHandle: MapHandle = {
  showMatch(view) {
    app.measures = measuresFromHosts(view.hosts);
    applyMeasure();
    if (app.scenario) scene?.setMatchLayer(matchLayer(app.scenario, view));
  },
  playFlows(flows) {
    const started = scene?.playFlows(flows) ?? 0;
    document.body.dataset.flows = String(started);
    return started;
  },
};

function describeTarget(target: MapTarget): string {
  if (target.kind === "marker") {
    const m = target.marker;
    const level = m.category === "park" ? ` · ${t("map.level", { level: m.level })}` : "";
    const unverified = m.verified ? "" : ` · ${t("map.unverified")}`;
    return `${localized(m.name)} · ${t(`map.${m.category}` as MessageKey)}${level}${unverified}`;
  }
  if (target.kind === "corridor") {
    const name = (id: string) => {
      const node = app.scenario?.nodes.get(id);
      return node ? localized(node.name) : id;
    };
    const state = target.disrupted ? ` · ${t("map.disrupted")}` : "";
    return `${localized(target.line.name)} · ${name(target.from)} – ${name(target.to)} · ${t(`mode.${target.line.mode}` as MessageKey)} · ${t("map.level", { level: target.level })}${state}`;
  }
  const host = target.host && app.scenario?.hosts.find((h) => h.id === target.host);
  if (!host) return target.country.name;
  const m = app.measures[host.id];
  return `${localized(host.name)} · ${t(`measure.${app.measure}`)}: ${m ? Math.round(m[app.measure] * 10) / 10 : "–"}`;
}

function startMap(scenario: MapScenario): void {
  const tooltip = byId("tooltip");
  const mapRoot = byId("map");
  const game = new Phaser.Game({
    type: Phaser.WEBGL,
    parent: mapRoot,
    backgroundColor: SEA,
    banner: false,
    audio: { noAudio: true },
    scale: { mode: Phaser.Scale.RESIZE, width: mapRoot.clientWidth || 800, height: mapRoot.clientHeight || 600 },
    // Multisampling halves the frame rate of software WebGL (SwiftShader) for little gain on a map.
    render: { antialias: true, antialiasGL: false },
  });
  const listener: MapListener = {
      ready(counts) {
        scene = game.scene.getScene("map") as MapScene;
        fitBesidePanel();
        applyMeasure();
        Object.assign(document.body.dataset, { countries: String(counts.countries), corridors: String(counts.corridors), markers: String(counts.markers) });
        // Marked after the first frame with the map on it has been drawn.
        game.events.once("postrender", () => document.body.setAttribute("data-map-ready", ""));
      },
      failed(reason) {
        document.body.dataset.mapError = reason;
        byId("panel").prepend(el("p", { class: "error", role: "alert" }, t("error.map", { reason })));
      },
      hover(target, at) {
        tooltip.hidden = target === null;
        if (!target) return;
        tooltip.textContent = describeTarget(target);
        tooltip.style.left = `${Math.min(at.x + 12, mapRoot.clientWidth - 200)}px`;
        tooltip.style.top = `${at.y + 12}px`;
      },
      select(target) {
        app.selected = target;
        document.body.dataset.selected = !target ? "" : target.kind === "marker" ? target.marker.id : target.kind === "corridor" ? target.line.corridor : target.country.id;
        app.rerenderPage();
      },
  };
  const data: MapSceneData = { countriesUrl, scenario, listener };
  game.scene.add("map", MapScene, true, data);
  renderMapTools();
  exposeForTests();
}

/** On a wide screen the panel covers the right edge, on a phone the bottom: the map fits beside it. */
function fitBesidePanel(): void {
  const panel = byId("panel").getBoundingClientRect();
  const map = byId("map").getBoundingClientRect();
  const phone = panel.width >= map.width - 1;
  scene?.setInsets(phone ? 0 : map.right - panel.left + 8, phone ? map.bottom - panel.top : 0);
}

const PAN_KEYS: Record<string, [number, number]> = { ArrowLeft: [-60, 0], ArrowRight: [60, 0], ArrowUp: [0, -60], ArrowDown: [0, 60] };

/** Arrow keys pan and + / - zoom the map while the focus is not in a panel (where they scroll or type). */
function panWithKeys(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  if (target && target !== document.body && !target.closest("#map-tools")) return;
  const pan = PAN_KEYS[event.key];
  if (pan) scene?.panBy(pan[0], pan[1]);
  else if (event.key === "+" || event.key === "=") scene?.zoomBy(1.4);
  else if (event.key === "-") scene?.zoomBy(1 / 1.4);
  else return;
  event.preventDefault();
}

function renderMapTools(): void {
  const tools = byId("map-tools");
  const button = (key: MessageKey, text: string, act: () => void) => {
    const b = el("button", { type: "button", "aria-label": t(key), title: t(key) }, text);
    b.addEventListener("click", act);
    return b;
  };
  tools.replaceChildren(
    button("map.zoomIn", "+", () => scene?.zoomBy(1.4)),
    button("map.zoomOut", "−", () => scene?.zoomBy(1 / 1.4)),
    button("map.reset", "⟲", () => scene?.resetView()),
  );
}

/** A read-only window for browser tests and the benchmark: where a place is on screen, and flows. */
function exposeForTests(): void {
  Object.assign(globalThis, {
    __bnr: {
      /** Page coordinates (CSS pixels) of a longitude and latitude as the map now shows it. */
      screenOf: (lon: number, lat: number) => {
        const at = scene?.screenOf(lon, lat);
        const canvas = byId("map").querySelector("canvas")?.getBoundingClientRect();
        return at && canvas ? { x: canvas.left + at.x, y: canvas.top + at.y } : null;
      },
      playFlows: (flows: Flow[]) => mapHandle.playFlows(flows),
    },
  });
}

function translateStatic(): void {
  document.title = t("app.title");
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) node.textContent = t(node.dataset.i18n as MessageKey);
  const lang = byId("language");
  lang.textContent = t("lang.switch");
  lang.setAttribute("aria-label", t("lang.label"));
}

function render(): void {
  translateStatic();
  const glossary = byId("glossary") as HTMLDialogElement;
  if (glossary.open) renderGlossary(glossary);
  if (app.scenario) applyMeasure();
  renderMapTools();
  app.rerenderPage();
}

function navigate(route: Route): void {
  history.pushState(null, "", routePath(route));
  app.route = route;
  showPage();
}

function showPage(): void {
  const panel = byId("panel");
  app.rerenderPage = () => {
    renderPage(panel, app.route, {
      navigate,
      map: mapHandle,
      selected: app.selected ? describeTarget(app.selected) : null,
      language,
    });
  };
  app.rerenderPage();
}

async function boot(): Promise<void> {
  await initI18n();
  byId("language").addEventListener("click", () => void setLanguage(language() === "en" ? "zh" : "en"));
  byId("glossary-open").addEventListener("click", () => {
    const dialog = byId("glossary") as HTMLDialogElement;
    renderGlossary(dialog);
    dialog.showModal();
  });
  onLanguageChanged(render);
  window.addEventListener("resize", fitBesidePanel);
  window.addEventListener("keydown", panWithKeys);
  window.addEventListener("popstate", () => {
    app.route = parseRoute(location.pathname);
    showPage();
  });
  translateStatic();
  showPage();
  const response = await fetch(scenarioUrl).catch(() => null);
  const raw: unknown = response?.ok ? await response.json().catch(() => null) : null;
  const read = readMapScenario(raw);
  if (!read.ok) {
    document.body.dataset.mapError = read.error;
    byId("panel").prepend(el("p", { class: "error", role: "alert" }, t("error.map", { reason: read.error })));
    return;
  }
  app.scenario = read.value;
  app.measures = startingMeasures(read.value);
  startMap(read.value);
}

void boot();
