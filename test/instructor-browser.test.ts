/**
 * The instructor console in Chromium against a real classroom server: a session created from the
 * form (code, link and QR code shown, the key kept for reloads); the table of seats following a
 * student who joins and submits; pause, resume and advance; a seat switched to the AI (the table
 * and the server's room state agree); watching a seat; control taken back after a reload; a wrong
 * key refused; the projector view. One server, one browser, several pages.
 */
import type { Room as SdkRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parseLog } from "../shared/matchlog.ts";
import { readTemplate } from "../shared/session-settings.ts";
import type { MatchRoom } from "../server/rooms/match-room.ts";
import { hasChromium, launchChromium } from "./support/chromium.ts";
import { DIST } from "./support/build-client.ts";
import { startHarness, until, type Harness } from "./server/harness.ts";

const ARTIFACTS = new URL("../test-artifacts/", import.meta.url);
const ENV = { CLIENT_DIR: DIST, BRIEFING_SECONDS: "600", NEGOTIATE_SECONDS: "600", COMMIT_SECONDS: "600", REPORT_SECONDS: "600" };

describe.skipIf(!hasChromium())("the instructor console in Chromium", () => {
  let browser: Browser;
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [h, browser] = await Promise.all([startHarness(ENV), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(path: string, init?: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", acceptDownloads: true });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => void d.accept());
    await page.goto(h.url + path);
    return { page, errors };
  }

  const phaseIs = (page: Page, phase: string) => page.waitForFunction(`document.body.dataset.consolePhase?.startsWith(${JSON.stringify(`${phase}:`)})`, undefined, { timeout: 20_000 });
  /** Waits for what a page shows (the default second is short for a page that loads a chunk and joins a room). */
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
  const row = (page: Page, seat: string) => page.locator(`#console-seats tr[data-seat="${seat}"]`);

  it("creates a session from the form, follows a student, pauses, advances, hands a seat to the AI, watches it, and keeps control after a reload", async () => {
    const { page, errors } = await open("/instructor");
    await page.waitForSelector("#setup-form");
    // A template file that is not one is refused with the field named; the form stays usable.
    await page.setInputFiles("#setup-template-file", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "bri-gvc-session-template", version: 1, settings: { rounds: "six" } })) });
    await poll(() => page.textContent("#setup-issues")).toContain("settings.rounds");
    // A scenario file with a bad field is refused with its path; the built-in one stays chosen.
    const scenario = JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8")) as { hosts: Array<{ marketNode: string }> };
    scenario.hosts[2]!.marketNode = "atlantis";
    await page.setInputFiles("#setup-scenario-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(scenario)) });
    await poll(() => page.textContent("#setup-issues")).toContain("scenario.hosts[2].marketNode");
    expect(await page.textContent("#setup-scenario-status")).toContain("Built-in scenario");
    // A bad override is caught before anything is sent, naming the field.
    await page.fill("#setup-overrides", "clusters.shaoxing_apparel.links.eurowear.governance = FEUDAL");
    await page.click("#setup-create");
    await poll(() => page.textContent("#setup-issues")).toContain("clusters[5].links[0].governance");

    await page.click("#setup-preset-10");
    expect(await page.inputValue("#setup-rounds")).toBe("10");
    await page.fill("#setup-rounds", "3");
    await page.fill("#setup-overrides", "clusters.shaoxing_apparel.links.eurowear.governance = MODULAR");
    await page.selectOption("#setup-difficulty", "easy");
    await page.click("#console-home details:has(#setup-events) summary");
    await page.selectOption("#setup-event-pandemic", "disabled");
    await page.selectOption("#setup-vis-cluster-scores", "own");
    await page.fill("#setup-seed", "11");

    // The set-up saved as a template file reads back as the same settings, and loads into a fresh form.
    await page.fill("#setup-template-name", "Week 3");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#setup-template-save")]);
    const template = readTemplate(readFileSync((await download.path())!, "utf8"));
    expect(template.ok && template.value).toMatchObject({ name: "Week 3", settings: { rounds: 3, difficulty: "easy", seed: 11, events: { disabled: ["pandemic"] }, visibility: { cluster: { scores: "own" } } } });
    await page.reload();
    await page.setInputFiles("#setup-template-file", { name: "week3.json", mimeType: "application/json", buffer: readFileSync((await download.path())!) });
    await poll(() => page.textContent("#setup-template-status")).toContain("Week 3");
    expect(await page.inputValue("#setup-rounds")).toBe("3");
    expect(await page.inputValue("#setup-event-pandemic")).toBe("disabled");
    expect(await page.inputValue("#setup-overrides")).toContain("MODULAR");
    await page.screenshot({ path: new URL("instructor-setup.png", ARTIFACTS).pathname });
    await page.click("#setup-create");

    await page.waitForSelector("#console-code");
    const code = (await page.textContent("#console-code"))!.trim();
    expect(code).toMatch(/^[A-Z]{5}$/);
    expect(await page.getAttribute("#console-join-link", "href")).toMatch(new RegExp(`/join/${code}$`));
    await page.waitForSelector("#console-qr[data-drawn]");
    const qr = await page.locator("#console-qr").boundingBox();
    expect(qr!.width).toBeGreaterThanOrEqual(300);
    const stored = JSON.parse((await page.evaluate(`localStorage.getItem("bnr.instructor.sessions")`)) as string) as Array<{ code: string; matchId: string; roomId: string; instructorToken: string; createdAt: string }>;
    expect(stored[0]).toMatchObject({ code, matchId: expect.any(String), roomId: expect.any(String), instructorToken: expect.any(String), createdAt: expect.any(String) });
    expect(await page.getAttribute("#console-replay-link", "href")).toBe(`/replay/${stored[0]!.matchId}`);
    expect(await page.getAttribute("#facilitator-guide a[data-chart=smile]", "href")).toBe(`/replay/${stored[0]!.matchId}#chart-smile`);
    const room = matchMaker.getLocalRoomById(stored[0]!.roomId) as MatchRoom;
    const header = parseLog(readFileSync(room.session.logPath, "utf8"));
    expect(header.ok && header.value.header.settings).toMatchObject({ rounds: 3, events: { disabled: ["pandemic"] }, visibility: { cluster: { scores: "own" } }, overrides: [{ path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "MODULAR" }] });
    await phaseIs(page, "lobby");

    // A student joins: the table shows the team and that it is online.
    const student: SdkRoom = await h.sdk().join("class", { code, name: "Ann", seat: "tangshan_steel" });
    student.onMessage("*", () => undefined);
    await poll(() => row(page, "tangshan_steel").locator(".members").textContent()).toBe("Ann");
    await poll(() => row(page, "tangshan_steel").locator(".connected").textContent()).toContain("1");
    expect(await row(page, "tangshan_steel").locator(".controller-name").textContent()).toBe("Students");
    // A second team, so that one submission does not end the phase.
    const other: SdkRoom = await h.sdk().join("class", { code, name: "Bo", seat: "KAZ" });
    other.onMessage("*", () => undefined);
    await poll(() => row(page, "KAZ").locator(".members").textContent()).toBe("Bo");

    await page.click("#console-start");
    await phaseIs(page, "briefing");
    await page.click("#console-pause");
    await page.waitForFunction(`document.body.dataset.consolePhase === "briefing:1:paused"`);
    expect(room.state.paused).toBe(true);
    await poll(() => page.textContent("#console-answer")).toContain("Pause: done");
    await page.click("#console-resume");
    await page.waitForFunction(`document.body.dataset.consolePhase === "briefing:1"`);
    await page.click("#console-advance");
    await phaseIs(page, "negotiate");
    await page.click("#console-advance");
    await phaseIs(page, "commit");

    // The student submits: the Done column shows it; watching the seat shows its sealed orders (none here).
    student.send("orders", { id: "o1", orders: [] });
    await poll(() => row(page, "tangshan_steel").locator(".done").textContent()).toBe("✓");
    await row(page, "tangshan_steel").locator("button.watch").click();
    await page.waitForSelector(`#console-watch[data-seat="tangshan_steel"]`);
    expect(await page.textContent("#console-watch")).toContain("Submitted: no orders.");
    await page.screenshot({ path: new URL("instructor-console.png", ARTIFACTS).pathname, fullPage: true });

    // Handed to the AI: the table says so, and so does the server's room state.
    await row(page, "tangshan_steel").locator("button.switch").click();
    await poll(() => row(page, "tangshan_steel").locator(".controller-name").textContent()).toBe("AI");
    expect(room.state.seats.get("tangshan_steel")?.controller).toBe("ai");
    await poll(() => page.textContent("#console-answer")).toContain("Seat switch: done");

    // A refusal is shown as the server words it: there is no resolution to undo yet.
    await page.click("#console-undo");
    await poll(() => page.textContent("#console-answer")).toContain("There is no resolution to undo");
    await page.click("#language");
    await poll(() => page.textContent("#console-answer")).toContain("没有可撤销的结算");
    expect(await page.textContent("#facilitator-guide summary")).toBe("主持人指南");
    await page.click("#language");

    // Reload: the console offers the stored session and takes control again with its key.
    await page.reload();
    await page.click(`#resume-${code}`);
    await page.waitForSelector("#console-seats");
    await phaseIs(page, "commit");
    await poll(() => row(page, "tangshan_steel").locator(".controller-name").textContent()).toBe("AI");
    // An event injected for the next round, another disabled: the server's event controls say so.
    await page.selectOption("#console-event", "china_wage_hike");
    expect(await page.textContent("#console-event-note")).toMatch(/\p{Script=Han}/u);
    await page.click("#console-inject");
    await until("the forced card", () => room.session.state.eventControls.forced.includes("china_wage_hike"));
    await poll(() => page.textContent("#console-answer")).toContain("Inject next round: done");
    await page.selectOption("#console-event", "red_sea");
    await page.click("#console-disable-event");
    await until("the disabled card", () => room.session.state.eventControls.disabled.includes("red_sea"));
    expect(room.session.state.eventControls).toEqual({ forced: ["china_wage_hike"], disabled: ["pandemic", "red_sea"] });
    await page.check("#console-open-lead");
    await page.click("#console-open-roles");
    await until("the lead firms open", () => room.state.seats.get("eurowear")?.open === true);
    await page.click("#console-advance");
    await phaseIs(page, "report");
    await until("the resolution", () => room.session.state.turn === 2);

    // The projector view: code, QR code, phase, and the leaders once scores exist.
    const projector = await open(`/projector/${code}`);
    await projector.page.waitForSelector("#projector-qr[data-drawn]");
    expect(await projector.page.textContent("#projector-code")).toBe(code);
    await poll(() => projector.page.textContent("#projector-phase")).toContain("round 2 of 3");
    await poll(() => projector.page.locator("#projector-ranking-cluster li").count()).toBeGreaterThan(0);
    expect(await projector.page.textContent("#projector-students")).toContain("2 students in 2 seats");
    await projector.page.screenshot({ path: new URL("instructor-projector.png", ARTIFACTS).pathname });

    const unknown = await open("/projector/ZZZZZ");
    await poll(() => unknown.page.textContent("#projector-error")).toContain("No class session has the code ZZZZZ");
    await unknown.page.context().close();

    // Someone with the link but not the key cannot take control.
    const intruder = await open("/instructor", `localStorage.setItem("bnr.instructor.sessions", JSON.stringify([{ code: ${JSON.stringify(code)}, matchId: "m", roomId: "r", instructorToken: "not-the-token-at-all", createdAt: "2026-01-01T00:00:00Z" }]))`);
    await intruder.page.click(`#resume-${code}`);
    await poll(() => intruder.page.textContent("#console-resume-error")).toContain("Only the instructor");
    expect(await intruder.page.isVisible("#console-seats")).toBe(false);

    expect([...errors, ...projector.errors, ...intruder.errors]).toEqual([]);
    await student.leave();
    await other.leave();
    for (const p of [page, projector.page, intruder.page]) await p.context().close();
  });
});
