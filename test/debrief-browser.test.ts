/**
 * The debrief page in Debian's Chromium, on the static build (no server: logs are opened from disk):
 * the timeline reproduces the engine's figures and the map of a known log at a given turn, from the
 * instructor's and a seat's viewpoint, through the keyboard; a broken log shows its line and turn;
 * a chart downloads as PNG. Then on the classroom server: its list of matches, and /replay/ID.
 * Screenshots go to test-artifacts/ (git-ignored).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { colourOf, measureDomain, SEQUENTIAL } from "../client/map/palette.ts";
import { debriefCsv } from "../shared/debrief/csv.ts";
import { debriefOf } from "../shared/debrief/frames.ts";
import { parseLog } from "../shared/matchlog.ts";
import { replayLog } from "../shared/replay.ts";
import { ENGINE_VERSION } from "../shared/version.ts";
import { viewFor } from "../shared/view.ts";
import { hasChromium, launchChromium } from "./support/chromium.ts";
import { DIST } from "./support/build-client.ts";
import { mustOk } from "./support/fixtures.ts";
import { expectColour, pixelAt, screenOf } from "./support/map-pixels.ts";
import { forge, simLog } from "./support/sim-logs.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import { startHarness, type Harness } from "./server/harness.ts";

const ARTIFACTS = new URL("../test-artifacts/", import.meta.url);
const SKIP_REASON = hasChromium() ? "" : " [skipped: /usr/bin/chromium is absent; install it with apt-get install chromium fonts-noto-cjk]";

/** A point inside Cambodia away from markers and corridor lines: in this match the host that pollutes most after turn 1. */
const CAMBODIA = { lon: 105.0, lat: 13.3 };

interface Exposed {
  index: number;
  frames: number;
  turn: number;
  phase: string;
  viewer: string;
  mode: string;
  figures: { scores: Record<string, number>; hosts: Record<string, { Z: number; E: number; approval: number; A: number }>; money: number | null; movedBlocks: number };
}

describe.skipIf(!hasChromium())(`debrief page in Chromium${SKIP_REASON}`, () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  // Every seat played for two turns: capacity moves to hosts, so the map's shading changes.
  const log = simLog(1, 36, 2);
  const states = mustOk(replayLog(mustOk(parseLog(log.text)))).states;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveStatic(DIST);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${server.url}/replay`);
    await page.waitForSelector("body[data-map-ready]", { timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const exposed = () => page.evaluate("globalThis.__debrief") as Promise<Exposed>;
  /** How far (0–255 per channel) the page's pixel is from a colour: the map redraws a frame or two after a change. */
  const offFrom = async (at: { x: number; y: number }, hex: string) => {
    const pixel = await pixelAt(page, at.x, at.y);
    return Math.max(...pixel.map((c, i) => Math.abs(c - Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16))));
  };

  it("says there is no server to list matches from, and opens a log file from disk", async () => {
    await page.waitForSelector("#debrief-no-list");
    await page.setInputFiles("#debrief-file", log.path);
    await page.waitForSelector("#debrief[data-index='0']", { timeout: 30_000 });
    const first = await exposed();
    expect(first).toMatchObject({ index: 0, turn: 1, phase: "negotiate", viewer: "instructor", mode: "resimulated" });
    expect(first.frames).toBe(6);
  });

  it("steps with the keyboard to a turn and shows the engine's own figures and map for it", async () => {
    await page.selectOption("#measure", "pollution");
    // Cambodia is small on the world map: zoom in around it with the mouse wheel, then move away.
    const before = await screenOf(page, CAMBODIA.lon, CAMBODIA.lat);
    await page.mouse.move(before.x, before.y);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -100);
    await page.mouse.move(1100, 400);
    const cambodia = await screenOf(page, CAMBODIA.lon, CAMBODIA.lat);
    await expect.poll(() => offFrom(cambodia, SEQUENTIAL[0])).toBeLessThanOrEqual(12);
    expectColour(await pixelAt(page, cambodia.x, cambodia.y), SEQUENTIAL[0], "Cambodia before any capacity moved");

    await page.focus("#debrief-slider");
    await page.keyboard.press("Home");
    for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowRight");
    await page.waitForSelector("#debrief[data-index='2']");
    const frame = await exposed();
    expect(frame).toMatchObject({ turn: 1, phase: "report" });
    const view = viewFor(states[0]!, "instructor");
    expect(frame.figures.scores).toEqual(Object.fromEntries(view.scores.map((s) => [s.seat, s.score])));
    expect(frame.figures.hosts.KHM).toEqual((({ Z, E, approval, A }) => ({ Z, E, approval, A }))(view.hosts.find((h) => h.id === "KHM")!));
    expect(frame.figures.movedBlocks).toBeGreaterThan(0);
    const best = [...view.scores].sort((a, b) => b.score - a.score)[0]!;
    expect(Number(await page.getAttribute(`#debrief-scores li[data-seat='${best.seat}']`, "data-score"))).toBe(best.score);
    expect(await page.textContent("#debrief-step")).toContain("Turn 1 · resolution and report");
    expect(Number(await page.getAttribute("body", "data-flows"))).toBeGreaterThan(0);

    // The map shades each host by its pollution after turn 1, over the range of all hosts.
    const pollution = view.hosts.map((h) => h.E);
    const expected = colourOf(view.hosts.find((h) => h.id === "KHM")!.E, measureDomain("pollution", pollution));
    expect(expected).not.toBe(SEQUENTIAL[0]);
    await expect.poll(() => offFrom(cambodia, expected), { timeout: 10_000 }).toBeLessThanOrEqual(12);
    await page.screenshot({ path: new URL("debrief-turn1.png", ARTIFACTS).pathname });

    // The step buttons go back to the start, where Cambodia is unshaded again.
    await page.click("#debrief-first");
    await page.waitForSelector("#debrief[data-index='0']");
    await expect.poll(() => offFrom(cambodia, SEQUENTIAL[0]), { timeout: 10_000 }).toBeLessThanOrEqual(12);
  });

  it("shows a seat's own viewpoint: its money as the engine's view of it gives it", async () => {
    await page.click("#debrief-last");
    await page.selectOption("#debrief-viewpoint", "tangshan_steel");
    const frame = await exposed();
    expect(frame).toMatchObject({ turn: 2, phase: "report", viewer: "tangshan_steel" });
    const own = viewFor(states[1]!, "tangshan_steel").clusters.find((c) => c.id === "tangshan_steel") as { money: number };
    expect(frame.figures.money).toBe(own.money);
    await page.selectOption("#debrief-viewpoint", "public");
    expect((await exposed()).figures.money).toBeNull();
  });

  it("draws every chart and downloads one as a PNG", async () => {
    await page.waitForSelector("#debrief-charts[data-ready='1']", { timeout: 30_000 });
    for (const id of ["chart-smile", "chart-governance", "chart-corridors", "chart-distribution", "chart-absorption", "chart-timeline", "chart-reference", "chart-compare"]) {
      expect(await page.$(`#${id}`), id).not.toBeNull();
    }
    expect(await page.$$eval("#debrief-charts canvas[data-ready='1']", (c) => c.length)).toBeGreaterThanOrEqual(8);
    // The distribution follows the timeline: the last resolution the step has seen.
    expect(await page.getAttribute("#chart-distribution", "data-turn")).toBe("2");
    await page.click("#debrief-first");
    await expect.poll(() => page.getAttribute("#chart-distribution", "data-turn")).toBe("");
    await page.click("#debrief-next");
    await page.click("#debrief-next");
    await expect.poll(() => page.getAttribute("#chart-distribution", "data-turn")).toBe("1");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#chart-smile button.png")]);
    expect(download.suggestedFilename()).toBe("chart-smile.png");
    const png = readFileSync((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);

    // A second log (here the same class with one rule changed, from another engine version) is compared.
    const changed = forge(log.text, (body) => {
      if (body.kind !== "header") return body;
      const scenario = structuredClone(body.scenario) as { parameters: { score: { smileW: number } } };
      scenario.parameters.score.smileW = 999;
      return { ...body, engineVersion: "0.0.9", scenario };
    });
    await page.setInputFiles("#chart-compare-file", { name: "after.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(changed) });
    await page.waitForSelector("#chart-compare-diff");
    const rows = await page.$$eval("#chart-compare-diff tr", (trs) => trs.map((tr) => (tr as { textContent: string }).textContent));
    expect(rows).toContain(`engineVersion${ENGINE_VERSION}0.0.9`);
    expect(rows.some((r) => r.startsWith("scenario.parameters.score.smileW") && r.endsWith("999"))).toBe(true);
    await page.waitForSelector("#chart-compare-canvas[data-ready='1']");
  });

  it("forks the step into a what-if solo match for a chosen seat, and comes back", async () => {
    await page.selectOption("#debrief-viewpoint", "instructor");
    await page.click("#debrief-first");
    await page.click("#debrief-next");
    await page.click("#debrief-next");
    await page.selectOption("#debrief-fork-seat", "KHM");
    await page.click("#debrief-fork-start");
    await page.waitForSelector("#solo-submit", { timeout: 20_000 });
    expect(await page.textContent("h1")).toBe("What if: from turn 2 of the replay");
    expect(await page.textContent("#solo-seat-name")).toBe("Cambodia");
    expect(await page.getAttribute("body", "data-solo-turn")).toBe("2");
    await page.click("#solo-submit");
    await page.waitForFunction("document.body.dataset.soloTurn === '3'", undefined, { timeout: 30_000 });
    await page.click("#fork-back");
    await page.waitForSelector("#debrief[data-index='2']");
  });

  it("downloads the CSV the command line writes, with seat names when asked", async () => {
    await page.check("#debrief-csv-names");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#debrief-csv")]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const expected = debriefCsv(mustOk(debriefOf(mustOk(parseLog(log.text)))), { names: true });
    expect(readFileSync((await download.path())!, "utf8")).toBe(expected);
  });

  it("shows a log of another engine version from its public states only, and says so", async () => {
    const old = forge(log.text, (body) => (body.kind === "header" ? { ...body, engineVersion: "0.0.9" } : body));
    await page.click("#debrief-open-other");
    await page.waitForSelector("#debrief-file");
    await page.setInputFiles("#debrief-file", { name: "old.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(old) });
    await page.waitForSelector("#debrief-public-only");
    expect(await page.textContent("#debrief-public-only")).toContain("Public viewpoint only");
    expect(await page.$$eval("#debrief-viewpoint option", (options) => options.map((o) => (o as { value: string }).value))).toEqual(["public"]);
    expect(await exposed()).toMatchObject({ mode: "public", viewer: "public" });
    await page.waitForSelector("#debrief-fork-unavailable");
  });

  it("refuses a broken log with the line and turn where it breaks", async () => {
    const lines = log.text.split("\n");
    const at = lines.findIndex((l) => l.includes('"kind":"orders","turn":2,')) + 1;
    lines[at - 1] = lines[at - 1]!.replace('"by":"ai"', '"by":"human"');
    await page.click("#debrief-open-other");
    await page.waitForSelector("#debrief-file");
    await page.setInputFiles("#debrief-file", { name: "edited.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(lines.join("\n")) });
    const alert = await page.waitForSelector("#debrief-broken");
    expect(await alert.getAttribute("data-line")).toBe(String(at));
    expect(await alert.getAttribute("data-turn")).toBe("2");
    expect(await alert.textContent()).toContain(`fails verification at line ${at} (turn 2)`);
    expect(await page.$("#debrief")).toBeNull();
    // Only on request, and labelled, are the lines before the break shown.
    await page.click("#debrief-view-sound");
    await page.waitForSelector("#debrief-partial");
    expect(await page.textContent("#debrief-partial")).toContain(`breaks at line ${at}`);
    expect((await exposed()).frames).toBeLessThan(6);
  });
});

describe.skipIf(!hasChromium())(`debrief page on the classroom server${SKIP_REASON}`, () => {
  let browser: Browser;
  let h: Harness;
  const log = simLog(4, 8, 3);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "bri-debrief-"));
    mkdirSync(join(dataDir, "matches"), { recursive: true });
    copyFileSync(log.path, join(dataDir, "matches", "sim-seed4.jsonl"));
    [h, browser] = await Promise.all([startHarness({ CLIENT_DIR: DIST }, dataDir), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("lists the server's matches from the landing page and opens one at /replay/ID", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" })).newPage();
    await page.goto(`${h.url}/`);
    await page.click("#open-replays");
    await page.waitForSelector("#debrief-matches button[data-match='sim-seed4']");
    expect(await page.textContent("#debrief-matches")).toContain("sim-seed4 · finished · turn 3 · 8 seats");
    await page.click("#debrief-matches button[data-match='sim-seed4']");
    await page.waitForSelector("#debrief[data-index='0']", { timeout: 30_000 });
    expect(page.url()).toBe(`${h.url}/replay/sim-seed4`);
    expect(await page.evaluate("globalThis.__debrief.frames")).toBe(9);
    // The address of a match opens it directly, and a missing one says so.
    await page.goto(`${h.url}/replay/nope`);
    await page.waitForSelector("#debrief-fetch-error");
    expect(await page.textContent("#debrief-fetch-error")).toContain("no match nope");
  });
});
