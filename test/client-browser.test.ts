/**
 * The built client in Debian's Chromium: the map truly drawn (counts and pixel colours at known
 * places), clicks on it, the language switch, a phone-sized screen, an offline solo match, and the
 * host's and lead firm's dashboards.
 * Screenshots go to test-artifacts/ (git-ignored).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchChromium } from "./support/chromium.ts";
import { DIST } from "./support/build-client.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import { expectColour, pixelAt, screenOf } from "./support/map-pixels.ts";
import { readMapScenario } from "../client/map/scenario-geometry.ts";
import { CHINA, SEA, SEQUENTIAL } from "../client/map/palette.ts";

const ARTIFACTS = new URL("../test-artifacts/", import.meta.url);
const SKIP_REASON = hasChromium() ? "" : " [skipped: /usr/bin/chromium is absent; install it with apt-get install chromium fonts-noto-cjk]";
if (SKIP_REASON) console.warn(`client browser tests${SKIP_REASON}`);

const scenarioMap = (() => {
  const read = readMapScenario(JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8")));
  if (!read.ok) throw new Error(read.error);
  return read.value;
})();

const scenarioSeats = (() => {
  const raw = JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8")) as Record<string, unknown[]>;
  return ["clusters", "hosts", "leadFirms"].reduce((n, key) => n + (raw[key]?.length ?? 0), 0);
})();

describe.skipIf(!hasChromium())(`client in Chromium${SKIP_REASON}`, () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveStatic(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; requested: string[]; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: "en-GB" });
    const page = await context.newPage();
    const requested: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + path);
    await page.waitForSelector("body[data-map-ready]", { timeout: 30_000 });
    return { page, requested, errors };
  }

  /** One desktop page serves the map checks in turn: each page load costs seconds on SwiftShader. */
  describe("on a desktop screen", () => {
    let page: Page;
    let requested: string[];
    let errors: string[];
    beforeAll(async () => {
      ({ page, requested, errors } = await open("/"));
    });
    afterAll(() => page?.context().close());

    it("draws every country, corridor and marker, and shades hosts, China and the sea in their colours", async () => {
      const data = (name: string) => page.getAttribute("body", `data-${name}`);
      expect(Number(await data("countries"))).toBeGreaterThan(150);
      expect(Number(await data("corridors"))).toBe(new Set(scenarioMap.corridors.map((c) => c.corridor)).size);
      expect(Number(await data("markers"))).toBe(scenarioMap.markers.length);

      const kazakhstan = await screenOf(page, 66, 47.5);
      const arabianSea = await screenOf(page, 63, 14);
      const china = await screenOf(page, 100, 33);
      // Kazakhstan's industrialisation is 40 in the scenario: the third of six classes over 0–100.
      expectColour(await pixelAt(page, kazakhstan.x, kazakhstan.y), SEQUENTIAL[2], "Kazakhstan by industrialisation");
      expectColour(await pixelAt(page, arabianSea.x, arabianSea.y), SEA, "Arabian Sea");
      expectColour(await pixelAt(page, china.x, china.y), CHINA, "China");
      await page.screenshot({ path: new URL("map.png", ARTIFACTS).pathname });

      // Every host starts at approval 60: the fourth class.
      await page.selectOption("#measure", "approval");
      expectColour(await pixelAt(page, kazakhstan.x, kazakhstan.y), SEQUENTIAL[3], "Kazakhstan by approval");
      await page.selectOption("#measure", "industrialisation");
    });

    it("loads at most 450 KB of gzipped JavaScript before the first map frame", () => {
      const scripts = requested.filter((p) => p.endsWith(".js"));
      expect(scripts.length).toBeGreaterThan(0);
      const bytes = scripts.reduce((sum, p) => sum + gzipSync(readFileSync(`${DIST}${p}`)).length, 0);
      expect(bytes).toBeLessThanOrEqual(450 * 1024);
    });

    it("shows a place's details when it is clicked", async () => {
      const gwadar = await screenOf(page, 62.32, 25.13);
      await page.mouse.click(gwadar.x, gwadar.y);
      await expect.poll(() => page.textContent("#selection")).toContain("Gwadar");
      const piraeus = await screenOf(page, 23.64, 37.94);
      await page.mouse.click(piraeus.x, piraeus.y);
      await expect.poll(() => page.textContent("#selection")).toContain("Piraeus · Port · location unverified");
      // Halfway between Islamabad and Karachi lies the China–Pakistan corridor.
      const [islamabad, karachi] = [await screenOf(page, 73.05, 33.68), await screenOf(page, 67.01, 24.86)];
      await page.mouse.click((islamabad.x + karachi.x) / 2, (islamabad.y + karachi.y) / 2);
      await expect.poll(() => page.textContent("#selection")).toContain("China–Pakistan Economic Corridor · Islamabad – Karachi · road · level 0");
    });

    it("pans with the arrow keys", async () => {
      await page.focus("body");
      const before = await screenOf(page, 100, 33);
      await page.keyboard.press("ArrowRight");
      const after = await screenOf(page, 100, 33);
      expect(after.x).toBeCloseTo(before.x - 60, 0);
      await page.click("button[aria-label='Reset view']");
    });

    it("animates moved capacity along the corridors", async () => {
      const started = await page.evaluate(`globalThis.__bnr.playFlows([{ from: "tangshan", to: "gwadar", blocks: 3 }, { from: "wuxi", to: "atlantis", blocks: 1 }])`);
      expect(started).toBe(1);
      expect(await page.getAttribute("body", "data-flows")).toBe("1");
    });

    it("zooms in with its button and back with reset", async () => {
      const before = await screenOf(page, 100, 33);
      await page.click("button[aria-label='Zoom in']");
      expect(await screenOf(page, 100, 33)).not.toEqual(before);
      await page.click("button[aria-label='Reset view']");
      expect(await screenOf(page, 100, 33)).toEqual(before);
    });

    it("switches between English and Chinese at any time and remembers the choice", async () => {
      expect(await page.textContent(".panel h1")).toBe("Belt and Road value chains");
      await page.click("#language");
      await expect.poll(() => page.textContent(".panel h1")).toBe("一带一路价值链");
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.textContent("#legend h3")).toBe("图例");
      await page.click("#glossary-open");
      expect(await page.isVisible("#glossary")).toBe(true);
      expect(await page.textContent("#glossary")).toContain("微笑曲线");
      await page.click("#glossary-close");
      expect(await page.isVisible("#glossary")).toBe(false);
      await page.screenshot({ path: new URL("map-zh.png", ARTIFACTS).pathname });
      await page.reload();
      await page.waitForSelector("body[data-map-ready]");
      expect(await page.textContent(".panel h1")).toBe("一带一路价值链");
      await page.click("#language");
      await expect.poll(() => page.textContent(".panel h1")).toBe("Belt and Road value chains");
    });

    it("plays an offline solo match from the static build to the final ranking with an accepted offer, a transfer and an upgrade, resuming after a reload, loading the engine only when asked", async () => {
      expect(requested.filter((p) => /engine-worker|solo-page/.test(p))).toEqual([]);
      await page.click("#play-solo");
      // Seed 0: Pakistan's AI accepts a transfer to Gwadar, so the round can move capacity there.
      await page.evaluate("globalThis.__random = Math.random; Math.random = () => 1e-9");
      await page.click("#solo-start");
      await page.waitForSelector("#solo-turn");
      await page.evaluate("Math.random = globalThis.__random");
      expect(await page.textContent("#solo-turn")).toContain("Round 1 of");
      expect(requested.some((p) => p.includes("engine-worker"))).toBe(true);

      // Two stances in one round: the engine refuses, and the page says why.
      expect(await page.textContent("#dash-capabilities")).toContain("process");
      expect(await page.locator("#solo-guide li.done").count()).toBe(0);
      const stances = page.locator("#solo-legal li", { hasText: "Environmental stance" });
      expect(await stances.count()).toBeGreaterThanOrEqual(2);
      await stances.nth(0).locator("button").click();
      await stances.nth(1).locator("button").click();
      expect(await page.locator("#solo-chosen li").count()).toBe(2);
      await page.click("#solo-submit");
      await expect.poll(() => page.textContent(".panel .error")).toContain("already in your orders");
      expect(await page.getAttribute("body", "data-solo-turn")).toBe("1");
      await page.locator("#solo-chosen li button").first().click();
      expect(await page.locator("#solo-chosen li").count()).toBe(1);

      // An offer to a host that its AI accepts: the chosen order stays chosen, and the contract allows a transfer.
      await page.click("#solo-make-offer summary");
      await page.locator("#solo-proposals li", { hasText: "move 1 manufacturing blocks of Tangshan Steel Cluster to Gwadar" }).first().locator("button").click();
      await expect.poll(() => page.textContent("#solo-negotiation")).toMatch(/accepted .*offer/);
      expect(await page.locator("#solo-chosen li").count()).toBe(1);
      expect(await page.textContent("#solo-guide li.done")).toContain("Make an offer");

      // The transfer the contract allows and an upgrade, through the same controls; the guide ticks both.
      await page.locator("#solo-legal li", { hasText: "Move capacity" }).first().locator("button").click();
      await page.locator("#solo-legal li", { hasText: "Upgrade" }).first().locator("button").click();
      expect(await page.locator("#solo-chosen li").count()).toBe(3);
      expect(await page.locator("#solo-guide li.done").count()).toBe(3);

      await page.click("#solo-submit");
      await page.waitForFunction("document.body.dataset.soloTurn === '2'", undefined, { timeout: 30_000 });
      expect(await page.textContent("#solo-turn")).toContain("Round 2 of");
      expect(await page.locator("#solo-guide").count()).toBe(0);
      const ownReport = (await page.textContent("#solo-report")) ?? "";
      // Places and seats read by their names, never their ids.
      expect(ownReport).toMatch(/moved 1 manufacturing blocks from [A-Z][^_]+ to [A-Z][^_]+ \(/);
      expect(ownReport).toMatch(/upgrade (succeeded|failed)|Breakthrough:/);
      await page.screenshot({ path: new URL("solo-report.png", ARTIFACTS).pathname });
      const moneyBefore = await page.locator(".panel p", { hasText: "Money" }).textContent();

      // Closing the tab loses nothing: reopening /solo offers to resume at the same round.
      await page.reload();
      await page.waitForSelector("#solo-resume");
      expect(await page.textContent(".panel")).toContain("round 2");
      await page.click("#solo-resume");
      await page.waitForFunction("document.body.dataset.soloTurn === '2'", undefined, { timeout: 30_000 });
      expect(await page.locator(".panel p", { hasText: "Money" }).textContent()).toBe(moneyBefore);

      const rounds = Number((await page.textContent("#solo-turn"))?.match(/of (\d+)/)?.[1]);
      for (let turn = 3; turn <= rounds + 1; turn++) {
        await page.click("#solo-submit");
        await page.waitForFunction(`document.body.dataset.soloTurn === '${turn}'`, undefined, { timeout: 30_000 });
      }
      const ranking = page.locator("#solo-ranking li");
      expect(await ranking.count()).toBe(scenarioSeats);
      expect(await page.locator("#solo-ranking li.me").textContent()).toContain("Tangshan Steel Cluster");
      await page.screenshot({ path: new URL("solo-final.png", ARTIFACTS).pathname });
      expect(errors).toEqual([]);
    });
  });

  it("gives a host and a lead firm their own dashboards, in both languages", async () => {
    const { page, errors } = await open("/");
    const startSeat = async (seat: string) => {
      await page.selectOption("#solo-seat", seat);
      // Seed 0: Zouping Aluminium offers Indonesia a transfer to Morowali in the first round.
      await page.evaluate("globalThis.__random = Math.random; Math.random = () => 1e-9");
      await page.click("#solo-start");
      await page.waitForFunction("document.body.dataset.soloTurn === '1'", undefined, { timeout: 30_000 });
      await page.evaluate("Math.random = globalThis.__random");
    };
    const nextRound = async () => {
      await page.click("#solo-submit");
      await page.waitForFunction("document.body.dataset.soloTurn === '2'", undefined, { timeout: 30_000 });
    };

    await page.click("#play-solo");
    await startSeat("IDN");
    expect(await page.textContent("#dash-host")).toMatch(/Industrialisation Z [\d.]+ \(started at [\d.]+\) · absorptive capacity A [\d.]+ · approval 60/);
    expect(await page.textContent("#dash-economy")).toMatch(/Wage [\d.]+ · infrastructure [\d.]+ · jobs [\d.]+ · pollution E [\d.]+ · debt [\d.]+/);
    expect(await page.textContent("#dash-policies")).toContain("environmental standard");
    expect(await page.textContent("#dash-host-plants")).toContain("No Chinese cluster");
    await page.locator("#solo-incoming li", { hasText: "Zouping" }).first().locator("button", { hasText: "Accept" }).click();
    await expect.poll(() => page.textContent("#solo-negotiation")).toMatch(/accepted/);
    await nextRound();
    expect(await page.textContent("#dash-host-plants caption")).toBe("Plants of Chinese clusters and lead firms in your country");
    expect(await page.textContent("#dash-host-plants")).toMatch(/Zouping Aluminium Cluster.*Morowali Industrial Park/);
    await page.click("#language");
    await expect.poll(() => page.textContent("#dash-host-plants caption")).toBe("中国集群与领导企业在本国的工厂");
    expect(await page.textContent("#dash-host")).toContain("工业化程度 Z");
    await page.locator("#dash-host").scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL("solo-host-zh.png", ARTIFACTS).pathname });
    await page.click("#language");

    await page.reload();
    await page.waitForSelector("#solo-resume");
    await startSeat("eurowear");
    expect(await page.textContent("#dash-lead")).toMatch(/Strategy: (gatekeeper|partner) · capabilities: process/);
    expect(await page.textContent("#dash-orders")).toMatch(/Apparel and textiles\s*7/);
    expect(await page.textContent("#dash-lead-plants")).toContain("No plants of your own yet.");
    await nextRound();
    expect(await page.textContent("#dash-origins")).toMatch(/China: [\d.]+/);
    await page.locator("#dash-lead").scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL("solo-lead.png", ARTIFACTS).pathname });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("fits a 375 px phone: no sideways scrolling, the map and the join form usable", async () => {
    const { page } = await open("/", { width: 375, height: 740 });
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    const china = await screenOf(page, 100, 33);
    expect(china.x).toBeGreaterThan(0);
    expect(china.x).toBeLessThan(375);
    expectColour(await pixelAt(page, china.x, china.y), CHINA, "China on a phone");
    await page.screenshot({ path: new URL("phone.png", ARTIFACTS).pathname });
    await page.fill("#class-code", "ab1");
    await page.click("#join-form button[type=submit]");
    expect(await page.textContent("#code-error")).toContain("4 to 6 letters");
    await page.fill("#class-code", "qwer");
    await page.click("#join-form button[type=submit]");
    await expect.poll(() => page.textContent(".panel h1")).toBe("Join class QWER");
    expect(new URL(page.url()).pathname).toBe("/join/QWER");
    await page.context().close();
  });

  it("opens a join link on a welcome step that takes no seat until asked, and refuses a bad code", async () => {
    const { page } = await open("/join/abcd");
    expect(await page.textContent(".panel h1")).toBe("Join class ABCD");
    expect(await page.isVisible("#welcome-form")).toBe(true);
    await page.goto(`${server.url}/join/ab`);
    await page.waitForSelector(".panel .error");
    expect(await page.textContent(".panel .error")).toContain("4 to 6 letters");
    await page.context().close();
  });
});
