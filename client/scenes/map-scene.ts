/**
 * The Belt and Road map: countries shaded by a host measure, corridors, markers, and flows of moved
 * capacity. Everything is drawn with Graphics on a fixed world plane; the camera pans and zooms.
 * Line widths and marker sizes are redrawn per zoom so they keep their size on screen.
 */
import Phaser from "phaser";
import type { GeoProjection } from "d3-geo";
import { countryAt, makeProjection, readCountries, WORLD_HEIGHT, WORLD_WIDTH, type Country } from "../map/projection.ts";
import { routeNodes, type CorridorLine, type MapScenario, type Marker, type MatchLayer } from "../map/scenario-geometry.ts";
import { BORDER, CHINA, colourOf, corridorColour, hexToInt, LAND, OKABE_ITO, SEA } from "../map/palette.ts";
import { numericCodeOf } from "../map/country-codes.ts";

export interface Flow {
  from: string;
  to: string;
  blocks: number;
}

/** What the rest of the client hears from the map. */
export interface MapListener {
  ready(counts: { countries: number; corridors: number; markers: number }): void;
  failed(reason: string): void;
  hover(target: MapTarget | null, screen: { x: number; y: number }): void;
  select(target: MapTarget | null): void;
}

export type MapTarget =
  | { kind: "marker"; marker: Marker }
  | { kind: "corridor"; line: CorridorLine; from: string; to: string; level: number; disrupted: boolean }
  | { kind: "country"; country: Country; host: string | null };

export interface MapSceneData {
  countriesUrl: string;
  scenario: MapScenario;
  listener: MapListener;
}

const MARKER_COLOURS: Record<Marker["category"], string> = {
  home: OKABE_ITO.vermillion,
  park: OKABE_ITO.green,
  port: OKABE_ITO.blue,
  city: OKABE_ITO.black,
};
const FLOW_SECONDS = 2.5;
/** Frames drawn after the last change before the game loop sleeps (the canvas keeps its picture). */
const FRAMES_AFTER_CHANGE = 3;
const PATH_DETAIL_PX = 2;
const MIN_ZOOM_FACTOR = 0.8;
const MAX_ZOOM_FACTOR = 12;

export class MapScene extends Phaser.Scene {
  private projection!: GeoProjection;
  private countries: Country[] = [];
  private scenario!: MapScenario;
  private listener!: MapListener;
  private countriesUrl = "";
  private fills!: Phaser.GameObjects.Graphics;
  private overlay!: Phaser.GameObjects.Graphics;
  private flowLayer!: Phaser.GameObjects.Graphics;
  private hostByNumeric = new Map<string, string>();
  private chinaNumeric = numericCodeOf("CHN");
  private hostValues: Record<string, number> = {};
  private domain: [number, number] = [0, 100];
  private fitZoom = 1;
  private drawnZoom = 0;
  /** Flows being animated; `start` is set on the first frame drawn, as the clock stands still while the loop sleeps. */
  private flows: Array<{ points: number[]; blocks: number; start: number | null }> = [];
  private dragDistance = 0;
  /** Distance between two touching fingers at the last move, for pinch zoom. */
  private pinchDistance: number | null = null;
  private insets = { right: 0, bottom: 0 };
  private framesLeft = FRAMES_AFTER_CHANGE;
  private layer: MatchLayer = { upgraded: [], disrupted: [], parkLevels: {}, eventNodes: [] };

  constructor() {
    super({ key: "map" });
  }

  init(data: MapSceneData): void {
    this.scenario = data.scenario;
    this.listener = data.listener;
    this.countriesUrl = data.countriesUrl;
    for (const host of data.scenario.hosts) {
      const code = numericCodeOf(host.id);
      if (code) this.hostByNumeric.set(code, host.id);
    }
  }

  preload(): void {
    this.load.json("countries", this.countriesUrl);
    this.load.on("loaderror", () => this.listener.failed(`could not load ${this.countriesUrl}`));
  }

  create(): void {
    this.projection = makeProjection();
    const read = readCountries(this.cache.json.get("countries"), this.projection);
    if (!read.ok) {
      this.listener.failed(read.error);
      return;
    }
    this.countries = read.value;
    this.cameras.main.setBackgroundColor(SEA);
    this.fills = this.add.graphics();
    this.overlay = this.add.graphics();
    this.flowLayer = this.add.graphics();
    // Coastline detail finer than this many screen pixels is merged before triangulation each frame.
    this.fills.pathDetailThreshold = PATH_DETAIL_PX;
    this.overlay.pathDetailThreshold = PATH_DETAIL_PX;
    this.drawFills();
    this.fitCamera();
    this.scale.on("resize", () => this.fitCamera());
    this.bindInput();
    const corridors = new Set(this.scenario.corridors.map((c) => c.corridor)).size;
    this.listener.ready({ countries: this.countries.length, corridors, markers: this.scenario.markers.length });
  }

  /** Shades the hosts by the values of one measure (by host id) over its domain. */
  setShading(values: Record<string, number>, domain: [number, number]): void {
    this.hostValues = values;
    this.domain = domain;
    if (this.fills) this.drawFills();
    this.requestRender();
  }

  /** Link levels, disruptions, park levels and events from the match. */
  setMatchLayer(layer: MatchLayer): void {
    this.layer = layer;
    this.drawnZoom = 0;
    this.requestRender();
  }

  /** Animates moved capacity along the corridors; returns how many flows found a route. */
  playFlows(flows: ReadonlyArray<Flow>): number {
    this.flows = flows
      .map((f) => ({ points: this.routePoints(f.from, f.to), blocks: f.blocks, start: null }))
      .filter((f) => f.points.length >= 4);
    this.requestRender();
    return this.flows.length;
  }

  /** Screen position (CSS pixels in the canvas) of a longitude and latitude: for tests and overlays. */
  screenOf(lon: number, lat: number): { x: number; y: number } | null {
    const p = this.projection?.([lon, lat]);
    if (!p) return null;
    const cam = this.cameras.main;
    return { x: (p[0] - cam.worldView.x) * cam.zoom, y: (p[1] - cam.worldView.y) * cam.zoom };
  }

  zoomBy(factor: number, screenX = this.scale.width / 2, screenY = this.scale.height / 2): void {
    const cam = this.cameras.main;
    const before = cam.getWorldPoint(screenX, screenY);
    // The core build has no Phaser.Math.Clamp.
    const zoom = Math.min(this.fitZoom * MAX_ZOOM_FACTOR, Math.max(this.fitZoom * MIN_ZOOM_FACTOR, cam.zoom * factor));
    cam.setZoom(zoom);
    cam.preRender();
    const after = cam.getWorldPoint(screenX, screenY);
    cam.scrollX += before.x - after.x;
    cam.scrollY += before.y - after.y;
    this.requestRender();
  }

  /** Pans by a number of screen pixels (keyboard arrows). */
  panBy(dx: number, dy: number): void {
    const cam = this.cameras.main;
    cam.scrollX += dx / cam.zoom;
    cam.scrollY += dy / cam.zoom;
    this.requestRender();
  }

  resetView(): void {
    this.fitCamera();
  }

  /** The screen strips DOM panels cover: the map fits the rest. */
  setInsets(right: number, bottom: number): void {
    this.insets = { right, bottom };
    if (this.fills) this.fitCamera();
  }

  /**
   * The map is still most of the time, and Phaser re-triangulates every filled path each frame: the
   * game loop sleeps while nothing changes and wakes for input, new data and animations.
   */
  requestRender(): void {
    this.framesLeft = FRAMES_AFTER_CHANGE;
    if (!this.game.loop.running) this.game.loop.wake();
  }

  override update(time: number): void {
    const zoom = this.cameras.main.zoom;
    if (Math.abs(zoom - this.drawnZoom) > 1e-6) this.drawOverlay();
    this.drawFlows(time);
    if (this.flows.length > 0) this.framesLeft = FRAMES_AFTER_CHANGE;
    else if (--this.framesLeft <= 0) this.game.loop.sleep();
  }

  private fitCamera(): void {
    const cam = this.cameras.main;
    const { width, height } = this.scale;
    const { right, bottom } = this.insets;
    const free = { width: Math.max(width / 3, width - right), height: Math.max(height / 3, height - bottom) };
    this.fitZoom = Math.min(free.width / WORLD_WIDTH, free.height / WORLD_HEIGHT);
    cam.setZoom(this.fitZoom);
    cam.centerOn(WORLD_WIDTH / 2 + (width - free.width) / 2 / this.fitZoom, WORLD_HEIGHT / 2 + (height - free.height) / 2 / this.fitZoom);
    this.requestRender();
  }

  private drawFills(): void {
    const g = this.fills;
    g.clear();
    for (const country of this.countries) {
      const host = this.hostByNumeric.get(country.id);
      const colour = host !== undefined ? colourOf(this.hostValues[host] ?? 0, this.domain) : country.id === this.chinaNumeric ? CHINA : LAND;
      g.fillStyle(hexToInt(colour), 1);
      for (const ring of country.rings) {
        g.beginPath();
        g.moveTo(ring[0] ?? 0, ring[1] ?? 0);
        for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i] ?? 0, ring[i + 1] ?? 0);
        g.closePath();
        g.fillPath();
      }
    }
  }

  private drawOverlay(): void {
    const zoom = this.cameras.main.zoom;
    this.drawnZoom = zoom;
    const px = 1 / zoom;
    const g = this.overlay;
    g.clear();
    g.lineStyle(1 * px, hexToInt(BORDER), 1);
    for (const country of this.countries) {
      for (const ring of country.rings) {
        g.beginPath();
        g.moveTo(ring[0] ?? 0, ring[1] ?? 0);
        for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i] ?? 0, ring[i + 1] ?? 0);
        g.closePath();
        g.strokePath();
      }
    }
    for (const link of this.layer.upgraded) {
      // A raised link gets a pale halo that widens with its level, under the corridor line.
      g.lineStyle((2.4 + 2.5 * link.level) * px, 0xffffff, 0.85);
      this.strokeNodes(g, [link.from, link.to]);
    }
    for (const line of this.scenario.corridors) {
      const width = line.kind === "domestic" ? 1.2 : 2.4;
      g.lineStyle(width * px, hexToInt(corridorColour(line.kind, line.index)), line.kind === "domestic" ? 0.7 : 0.95);
      this.strokeNodes(g, line.nodes);
    }
    for (const link of this.layer.disrupted) this.strokeDashed(g, link.from, link.to, link.closed ? 0x000000 : hexToInt(OKABE_ITO.vermillion), px);
    for (const marker of this.scenario.markers) {
      const p = this.projection([marker.lon, marker.lat]);
      if (!p) continue;
      const level = this.layer.parkLevels[marker.id] ?? marker.level;
      const radius = (marker.category === "home" ? 5 : 3.5 + level) * px;
      g.fillStyle(0xffffff, 1);
      g.fillCircle(p[0], p[1], radius + 1.2 * px);
      g.fillStyle(hexToInt(MARKER_COLOURS[marker.category]), 1);
      if (marker.category === "port") g.fillRect(p[0] - radius, p[1] - radius, radius * 2, radius * 2);
      else g.fillCircle(p[0], p[1], radius);
    }
    this.drawEventRings(g, px);
  }

  private drawEventRings(g: Phaser.GameObjects.Graphics, px: number): void {
    for (const id of this.layer.eventNodes) {
      const node = this.scenario.nodes.get(id);
      const p = node && this.projection([node.lon, node.lat]);
      if (!p) continue;
      g.lineStyle(3 * px, 0x000000, 1);
      g.strokeCircle(p[0], p[1], 11 * px);
      g.lineStyle(2 * px, hexToInt(OKABE_ITO.yellow), 1);
      g.strokeCircle(p[0], p[1], 11 * px);
    }
  }

  private strokeNodes(g: Phaser.GameObjects.Graphics, ids: ReadonlyArray<string>): void {
    const points = this.nodePoints(ids);
    if (points.length < 4) return;
    g.beginPath();
    g.moveTo(points[0] ?? 0, points[1] ?? 0);
    for (let i = 2; i < points.length; i += 2) g.lineTo(points[i] ?? 0, points[i + 1] ?? 0);
    g.strokePath();
  }

  /** Phaser draws no dashes: a disrupted link is drawn as short segments over its corridor line. */
  private strokeDashed(g: Phaser.GameObjects.Graphics, from: string, to: string, colour: number, px: number): void {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = this.nodePoints([from, to]);
    const length = Math.hypot(x1 - x0, y1 - y0);
    const dash = 6 * px;
    g.lineStyle(3.5 * px, colour, 1);
    for (let d = 0; d < length; d += dash * 2) {
      const a = d / length;
      const b = Math.min(1, (d + dash) / length);
      g.lineBetween(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b);
    }
  }

  private drawFlows(time: number): void {
    const g = this.flowLayer;
    g.clear();
    if (this.flows.length === 0) return;
    const px = 1 / this.cameras.main.zoom;
    let running = 0;
    for (const flow of this.flows) {
      flow.start ??= time;
      const t = (time - flow.start) / (FLOW_SECONDS * 1000);
      if (t > 1.4) continue;
      running += 1;
      const head = pointAlong(flow.points, Math.min(1, t));
      g.lineStyle((2 + Math.min(4, flow.blocks)) * px, hexToInt(OKABE_ITO.orange), 0.9);
      g.beginPath();
      g.moveTo(flow.points[0] ?? 0, flow.points[1] ?? 0);
      for (let i = 2; i < head.index * 2 + 2 && i < flow.points.length; i += 2) g.lineTo(flow.points[i] ?? 0, flow.points[i + 1] ?? 0);
      g.lineTo(head.x, head.y);
      g.strokePath();
      g.fillStyle(hexToInt(OKABE_ITO.yellow), 1);
      g.fillCircle(head.x, head.y, (4 + flow.blocks) * px);
    }
    if (running === 0) this.flows = [];
  }

  private nodePoints(ids: ReadonlyArray<string>): number[] {
    const points: number[] = [];
    for (const id of ids) {
      const node = this.scenario.nodes.get(id);
      const p = node && this.projection([node.lon, node.lat]);
      if (p) points.push(p[0], p[1]);
    }
    return points;
  }

  private routePoints(from: string, to: string): number[] {
    return this.nodePoints(routeNodes(this.scenario, from, to));
  }

  private targetAt(screenX: number, screenY: number): MapTarget | null {
    const cam = this.cameras.main;
    const world = cam.getWorldPoint(screenX, screenY);
    const reach = 10 / cam.zoom;
    let best: Marker | null = null;
    let bestDistance = reach;
    for (const marker of this.scenario.markers) {
      const p = this.projection([marker.lon, marker.lat]);
      if (!p) continue;
      const d = Math.hypot(p[0] - world.x, p[1] - world.y);
      if (d < bestDistance) [best, bestDistance] = [marker, d];
    }
    if (best) return { kind: "marker", marker: { ...best, level: this.layer.parkLevels[best.id] ?? best.level } };
    const link = this.linkAt(world.x, world.y, 6 / cam.zoom);
    if (link) return link;
    const country = countryAt(this.countries, this.projection, world.x, world.y);
    return country ? { kind: "country", country, host: this.hostByNumeric.get(country.id) ?? null } : null;
  }

  /** The corridor link passing within `reach` of a world point, with its level and state in the match. */
  private linkAt(x: number, y: number, reach: number): MapTarget | null {
    for (const line of this.scenario.corridors) {
      for (let i = 1; i < line.nodes.length; i++) {
        const from = line.nodes[i - 1] as string;
        const to = line.nodes[i] as string;
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = this.nodePoints([from, to]);
        if (distanceToSegment(x, y, x0, y0, x1, y1) > reach) continue;
        const same = (l: { from: string; to: string }) => (l.from === from && l.to === to) || (l.from === to && l.to === from);
        const level = this.layer.upgraded.find(same)?.level ?? 0;
        return { kind: "corridor", line, from, to, level, disrupted: this.layer.disrupted.some(same) };
      }
    }
    return null;
  }

  private bindInput(): void {
    this.input.on("pointerdown", () => {
      this.dragDistance = 0;
    });
    this.input.addPointer(1);
    this.input.on("pointermove", (pointer: Phaser.Input.Pointer) => {
      const [a, b] = [this.input.pointer1, this.input.pointer2];
      if (a?.isDown && b?.isDown) {
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        if (this.pinchDistance !== null && this.pinchDistance > 0) this.zoomBy(distance / this.pinchDistance, (a.x + b.x) / 2, (a.y + b.y) / 2);
        this.pinchDistance = distance;
        this.dragDistance += 10;
        return;
      }
      if (pointer.isDown) {
        const cam = this.cameras.main;
        const dx = pointer.x - pointer.prevPosition.x;
        const dy = pointer.y - pointer.prevPosition.y;
        this.dragDistance += Math.abs(dx) + Math.abs(dy);
        cam.scrollX -= dx / cam.zoom;
        cam.scrollY -= dy / cam.zoom;
        this.requestRender();
        return;
      }
      this.listener.hover(this.targetAt(pointer.x, pointer.y), { x: pointer.x, y: pointer.y });
    });
    this.input.on("pointerup", (pointer: Phaser.Input.Pointer) => {
      this.pinchDistance = null;
      if (this.dragDistance < 6) this.listener.select(this.targetAt(pointer.x, pointer.y));
    });
    this.input.on("wheel", (pointer: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.zoomBy(dy > 0 ? 1 / 1.2 : 1.2, pointer.x, pointer.y);
    });
  }
}

function distanceToSegment(x: number, y: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / lengthSquared));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}

/** The point a fraction t of the way along a polyline, and the index of the segment it lies on. */
function pointAlong(points: ReadonlyArray<number>, t: number): { x: number; y: number; index: number } {
  const lengths: number[] = [];
  let total = 0;
  for (let i = 2; i < points.length; i += 2) {
    const d = Math.hypot((points[i] ?? 0) - (points[i - 2] ?? 0), (points[i + 1] ?? 0) - (points[i - 1] ?? 0));
    lengths.push(d);
    total += d;
  }
  let remaining = t * total;
  for (const [k, d] of lengths.entries()) {
    if (remaining <= d && d > 0) {
      const f = remaining / d;
      const x0 = points[k * 2] ?? 0;
      const y0 = points[k * 2 + 1] ?? 0;
      return { x: x0 + ((points[k * 2 + 2] ?? 0) - x0) * f, y: y0 + ((points[k * 2 + 3] ?? 0) - y0) * f, index: k };
    }
    remaining -= d;
  }
  return { x: points[points.length - 2] ?? 0, y: points[points.length - 1] ?? 0, index: lengths.length };
}
