/**
 * The built client against a real classroom server (started here on a free port, serving dist/client):
 * two pages join one class session by code and play a round to its report; a dropped connection shows
 * the banner and reconnects by itself; /solo served by the game server plays in its solo room, shows a
 * refused order's message in the language chosen, and resumes after a reload; /solo?seed=0 plays a
 * whole match there to the final ranking. Screenshots of both class pages after the resolution and of
 * the server solo's final screen go to test-artifacts/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchChromium } from "./support/chromium.ts";
import { DIST } from "./support/build-client.ts";
import { startHarness, until, type Harness } from "./server/harness.ts";

const ARTIFACTS = new URL("../test-artifacts/", import.meta.url);

/** Phases last long enough to click through; each ends as soon as every student is done. */
const CLASS_ENV = { CLIENT_DIR: DIST, BRIEFING_SECONDS: "60", NEGOTIATE_SECONDS: "60", COMMIT_SECONDS: "60", REPORT_SECONDS: "60" };

describe.skipIf(!hasChromium())("client on the classroom server, in Chromium", () => {
  let browser: Browser;
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [h, browser] = await Promise.all([startHarness(CLASS_ENV), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(h.url + path);
    return { page, errors };
  }

  /** Page code is given as strings: the tests are typed without the DOM library. */
  const phaseIs = (page: Page, phase: string) => page.waitForFunction(`document.body.dataset.netPhase?.startsWith(${JSON.stringify(`${phase}:`)})`, undefined, { timeout: 20_000 });

  /** Ready through the phases before orders, on every page at once (a phase ends when all are done). */
  async function readyToCommit(pages: Page[], phases = ["briefing", "negotiate"]): Promise<void> {
    for (const phase of phases) {
      await Promise.all(pages.map((page) => phaseIs(page, phase)));
      await Promise.all(pages.map((page) => page.locator("#net-ready").click()));
    }
    await Promise.all(pages.map((page) => phaseIs(page, "commit")));
  }

  /** One legal order (the first listed, with its AP shown) and submit. */
  async function submitOrders(page: Page): Promise<void> {
    const legal = page.locator("#solo-legal li");
    expect(await legal.count()).toBeGreaterThan(0);
    expect(await legal.first().textContent()).toMatch(/\d+ AP/);
    await legal.first().locator("button").click();
    expect(await page.locator("#solo-chosen li").count()).toBe(1);
    await page.locator("#solo-submit").click();
  }

  it("two pages join one class by code, each submits a round, both see the resolution; a dropped connection reconnects", async () => {
    const cls = await h.createClass({ rounds: 2, seed: 5 });
    const seats = ["tangshan_steel", "KAZ"];
    const pages: Page[] = [];
    const errors: string[][] = [];
    for (const [i, seat] of seats.entries()) {
      const opened = await open(`/join/${cls.code.toLowerCase()}`);
      const page = opened.page;
      await page.fill("#player-name", `Student ${i + 1}`);
      await page.click("#welcome-form button");
      await page.waitForSelector("#net-seat");
      await page.selectOption("#net-seat", seat);
      await page.click("#net-join");
      await page.waitForSelector("#net-lobby");
      pages.push(page);
      errors.push(opened.errors);
    }
    // Each sees who else is here.
    await expect.poll(() => pages[0]!.textContent("#net-members")).toContain("Student 2");

    const instructor = await h.sdk().join("class", { code: cls.code, instructorToken: cls.instructorToken });
    instructor.onMessage("*", () => undefined);
    instructor.send("instructor", { id: "start", command: { type: "start" } });

    // An offer from one student to the other arrives live, and is answered.
    await Promise.all(pages.map((page) => phaseIs(page, "briefing")));
    await Promise.all(pages.map((page) => page.locator("#net-ready").click()));
    await Promise.all(pages.map((page) => phaseIs(page, "negotiate")));
    await pages[0]!.click("#solo-make-offer summary");
    await pages[0]!.locator("#solo-proposals li", { hasText: "To Kazakhstan" }).first().locator("button").click();
    await pages[1]!.waitForSelector("#solo-incoming li");
    expect(await pages[1]!.textContent("#solo-incoming")).toContain("Tangshan Steel Cluster → Kazakhstan");
    await pages[0]!.waitForSelector("#solo-outgoing li");
    await pages[1]!.locator("#solo-incoming li", { hasText: "Tangshan" }).first().locator("button", { hasText: "Reject" }).click();
    await pages[0]!.waitForSelector("#solo-outgoing", { state: "detached" });

    // The first to submit waits for the other.
    await readyToCommit(pages, ["negotiate"]);
    await submitOrders(pages[0]!);
    await expect.poll(() => pages[0]!.textContent("#net-waiting")).toContain("Waiting for 1 others");
    await submitOrders(pages[1]!);
    for (const [i, page] of pages.entries()) {
      await phaseIs(page, "report");
      await page.waitForSelector("h2:has-text('Turn report')");
      expect(await page.textContent("#solo-turn")).toContain("Round 2 of 2");
      await page.locator("h2:has-text('Turn report')").scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL(`class-report-${seats[i]}.png`, ARTIFACTS).pathname });
    }

    // The server drops one page's socket: the banner shows, then the SDK reconnects on its own.
    const page = pages[0]!;
    await page.evaluate(`(() => {
      const seen = (globalThis.__seen = []);
      new MutationObserver(() => seen.push(document.body.dataset.connection)).observe(document.body, { attributes: true, attributeFilter: ["data-connection"] });
    })()`);
    const room = matchMaker.getLocalRoomById(cls.roomId);
    const client = room?.clients.find((c) => (c.userData as { seat?: string } | undefined)?.seat === seats[0]);
    expect(client).toBeDefined();
    (client!.ref as unknown as { terminate(): void }).terminate();
    await page.waitForFunction(`globalThis.__seen.includes("dropped")`, undefined, { timeout: 10_000 });
    expect(await page.textContent("#connection-banner")).toContain("reconnecting");
    await page.waitForFunction(`document.body.dataset.connection === "open"`, undefined, { timeout: 20_000 });
    expect(await page.isVisible("#connection-banner")).toBe(false);
    // Back on its seat and still acting: ready for the next round is acknowledged.
    await page.locator("#net-ready").click();
    await until("the seat ready again", () => [...(room?.state as { seats: Map<string, { ready: boolean }> }).seats.values()].some((s) => s.ready));

    // A reload comes back to the same seat with the seat code saved on this device.
    await page.reload();
    await page.click("#welcome-back");
    await page.waitForSelector("#solo-seat-name");
    expect(await page.textContent("#solo-seat-name")).toBe("Tangshan Steel Cluster");

    expect(errors.flat()).toEqual([]);
    await instructor.leave();
    for (const p of pages) await p.context().close();
  });

  it("/solo served by the game server plays a round in the server's solo room (a refusal shown in both languages), and resumes it after a reload", async () => {
    const { page, errors } = await open("/solo");
    await page.waitForSelector("#net-solo-server");
    expect(await page.isVisible("#solo-resume")).toBe(false);
    await page.click("#solo-start");
    // The first round is guided, as offline; an offer to a host (the AI answers it at once) ticks its
    // step, and what it led to is listed under the offers, with names rather than ids.
    await phaseIs(page, "briefing");
    await page.locator("#net-ready").click();
    await phaseIs(page, "negotiate");
    expect(await page.locator("#solo-guide li.done").count()).toBe(0);
    await page.click("#solo-make-offer summary");
    await page.locator("#solo-proposals li", { hasText: "To Kazakhstan" }).first().locator("button").click();
    await expect.poll(() => page.locator("#solo-guide li.done").count()).toBe(1);
    await expect.poll(() => page.textContent("#solo-negotiation")).toMatch(/Tangshan Steel Cluster offered Kazakhstan: [a-z]/);
    await readyToCommit([page], ["negotiate"]);
    expect(await page.locator("#solo-guide").count()).toBe(1);

    // Two stances in one round: the server refuses, and the page says why in the language shown.
    const stances = page.locator("#solo-legal li", { hasText: "Environmental stance" });
    await stances.nth(0).locator("button").click();
    await stances.nth(1).locator("button").click();
    await page.click("#solo-submit");
    await expect.poll(() => page.textContent(".panel .error")).toContain("already in your orders");
    await page.click("#language");
    await expect.poll(() => page.textContent(".panel .error")).toMatch(/[\u4e00-\u9fff]/);
    await page.click("#language");
    await page.locator("#solo-chosen li button").first().click();
    await page.locator("#solo-chosen li button").first().click();
    await submitOrders(page);
    await phaseIs(page, "report");
    await page.waitForSelector("h2:has-text('Turn report')");
    expect(await page.textContent("#solo-turn")).toContain("Round 2 of");

    await page.reload();
    await page.click("#solo-resume");
    await page.waitForSelector("#solo-turn");
    expect(await page.textContent("#solo-turn")).toContain("Round 2 of");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("/solo?seed=0 on the game server plays a whole match through the real controls to the final ranking, with an accepted offer, a transfer and an upgrade", async () => {
    const { page, errors } = await open("/solo?seed=0");
    const at = (phase: string, turn: number) =>
      page.waitForFunction(`document.body.dataset.netPhase === ${JSON.stringify(`${phase}:${turn}`)}`, undefined, { timeout: 30_000 }).catch(async (e: Error) => {
        throw new Error(`${e.message}; the page is at ${await page.evaluate("document.body.dataset.netPhase")}: ${await page.textContent(".panel")}`);
      });
    await page.click("#solo-start");
    await at("briefing", 1);
    await page.locator("#net-ready").click();
    await at("negotiate", 1);
    // Seed 0, as offline: Pakistan's AI accepts a transfer to Gwadar.
    await page.click("#solo-make-offer summary");
    await page.locator("#solo-proposals li", { hasText: "move 1 manufacturing blocks of Tangshan Steel Cluster to Gwadar" }).first().locator("button").click();
    await expect.poll(() => page.textContent("#solo-negotiation")).toMatch(/Pakistan accepted Tangshan Steel Cluster's offer/);
    await page.locator("#net-ready").click();
    await at("commit", 1);
    await page.locator("#solo-legal li", { hasText: "Move capacity" }).first().locator("button").click();
    await page.locator("#solo-legal li", { hasText: "Upgrade" }).first().locator("button").click();
    expect(await page.locator("#solo-guide li.done").count()).toBe(3);
    await page.locator("#solo-submit").click();
    // The report phase comes after the resolution, so the room is already at the next turn.
    await at("report", 2);
    await page.waitForSelector("h2:has-text('Turn report')");
    const report = (await page.textContent("#solo-report")) ?? "";
    expect(report).toMatch(/Tangshan Steel Cluster moved 1 manufacturing blocks from Tangshan to Gwadar/);
    expect(report).toMatch(/upgrade (succeeded|failed)|Breakthrough:/);

    const rounds = Number((await page.textContent("#solo-turn"))?.match(/of (\d+)/)?.[1]);
    for (let turn = 2; turn <= rounds; turn++) {
      await page.locator("#net-ready").click();
      await at("briefing", turn);
      await page.locator("#net-ready").click();
      await at("negotiate", turn);
      await page.locator("#net-ready").click();
      await at("commit", turn);
      await page.locator("#solo-submit").click();
      if (turn < rounds) await at("report", turn + 1);
    }
    // The last resolution ends the match.
    await page.waitForFunction("document.body.dataset.netPhase?.startsWith('finished:')", undefined, { timeout: 30_000 });
    const ranking = page.locator("#solo-ranking li");
    await expect.poll(() => ranking.count()).toBeGreaterThan(30);
    expect(await page.locator("#solo-ranking li.me").textContent()).toContain("Tangshan Steel Cluster");
    await page.screenshot({ path: new URL("server-solo-final.png", ARTIFACTS).pathname });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
