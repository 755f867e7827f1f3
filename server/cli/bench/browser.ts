/**
 * Browser figures for `npm run bench`: the client's bundle sizes (gzip), the time to the first map
 * frame in headless Chromium, and the draw calls and frame time with every marker and a flow per
 * cluster on screen. Builds the client first. Needs /usr/bin/chromium; says so when it is absent.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildClient, DIST } from "../../../test/support/build-client.ts";
import { CHROMIUM_PATH, hasChromium, launchChromium } from "../../../test/support/chromium.ts";
import { serveStatic } from "../../../test/support/static-server.ts";

const RUNS = 5;
const SAMPLE_FRAMES = 120;
/** Frames sampled while the flows animate: fewer than their 2.5 s even at 10 frames a second. */
const FLOW_FRAMES = 20;

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const gzipSize = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Counts WebGL draw calls and frame times from inside the page. */
const COUNTER = `(() => {
  const counter = { draws: 0, frames: [] };
  globalThis.__drawCounter = counter;
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]) {
      const original = proto[name];
      if (typeof original !== "function") continue;
      proto[name] = function (...args) { counter.draws += 1; return original.apply(this, args); };
    }
  }
  new MutationObserver(() => {
    if (document.body && document.body.hasAttribute("data-map-ready") && counter.mapReadyAt === undefined) counter.mapReadyAt = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-map-ready"] });
})();`;

const sample = (frameCount: number): string => `new Promise((done) => {
  const counter = globalThis.__drawCounter;
  const frames = [];
  let last = performance.now();
  let draws = counter.draws;
  const step = (now) => {
    frames.push({ ms: now - last, draws: counter.draws - draws });
    last = now;
    draws = counter.draws;
    if (frames.length < ${frameCount}) requestAnimationFrame(step); else done(frames.slice(1));
  };
  requestAnimationFrame(step);
})`;

export async function runBrowserBench(): Promise<string> {
  const lines = ["## Browser client", ""];
  lines.push("`npm run bench` (server/cli/bench/browser.ts): builds the client with `vite build`, serves dist/client, and");
  lines.push(`opens it in headless Chromium (${CHROMIUM_PATH}, SwiftShader WebGL, the flags of ENGINEERING.md) at 1280×800.`, "");
  await buildClient();

  const assets = join(DIST, "assets");
  const files = readdirSync(assets);
  const lazy = files.filter((f) => f.endsWith(".js") && /^(solo-page|engine-worker)/.test(f));
  const sizes = (names: string[]) => names.map((f) => ({ name: f.replace(/-[\w-]{8}\.(js|json|css)$/, ".$1"), bytes: gzipSize(join(assets, f)) }));

  if (!hasChromium()) {
    lines.push(`Chromium is absent (${CHROMIUM_PATH}): install it with \`apt-get install chromium fonts-noto-cjk\` for the timings.`, "");
    lines.push("| file (gzip -9) | KB |", "| --- | ---: |", ...sizes(files).map((f) => `| ${f.name} | ${kb(f.bytes)} |`), "");
    return lines.join("\n");
  }

  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const firstFrame: number[] = [];
    let loadedJs: string[] = [];
    let loadedJson: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(COUNTER);
      const requested: string[] = [];
      page.on("request", (r) => requested.push(new URL(r.url()).pathname));
      await page.goto(server.url + "/");
      await page.waitForSelector("body[data-map-ready]", { timeout: 60_000 });
      firstFrame.push(Number(await page.evaluate("globalThis.__drawCounter.mapReadyAt")));
      loadedJs = requested.filter((p) => p.endsWith(".js")).map((p) => p.split("/").pop() ?? p);
      loadedJson = requested.filter((p) => p.endsWith(".json")).map((p) => p.split("/").pop() ?? p);
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(COUNTER);
    await page.goto(server.url + "/");
    await page.waitForSelector("body[data-map-ready]", { timeout: 60_000 });
    const idle = (await page.evaluate(sample(SAMPLE_FRAMES))) as Array<{ ms: number; draws: number }>;
    const flows = await page.evaluate(`globalThis.__bnr.playFlows(${JSON.stringify(FLOWS)})`);
    const busy = (await page.evaluate(sample(FLOW_FRAMES))) as Array<{ ms: number; draws: number }>;
    await context.close();

    const initial = sizes(loadedJs);
    const initialTotal = initial.reduce((a, f) => a + f.bytes, 0);
    lines.push("| measure | value |", "| --- | ---: |");
    lines.push(`| JavaScript loaded until the first map frame (gzip -9) | ${kb(initialTotal)} KB (budget 450, aim 350) |`);
    lines.push(`| time to first map frame, median of ${RUNS} loads (navigation start to \`data-map-ready\`) | ${median(firstFrame).toFixed(0)} ms (runs: ${firstFrame.map((x) => x.toFixed(0)).join(", ")}) |`);
    lines.push(`| WebGL draw calls per frame, map idle | ${median(idle.map((f) => f.draws))} |`);
    lines.push(`| WebGL draw calls per frame, ${flows} flows animating | ${median(busy.map((f) => f.draws))} |`);
    lines.push(`| frame interval, map idle (median of ${SAMPLE_FRAMES - 1} frames; the game loop sleeps) | ${median(idle.map((f) => f.ms)).toFixed(1)} ms |`);
    lines.push(`| frame interval, ${flows} flows animating (median of ${FLOW_FRAMES - 1} frames) | ${median(busy.map((f) => f.ms)).toFixed(1)} ms |`, "");
    lines.push("| file loaded up front (gzip -9) | KB |", "| --- | ---: |", ...initial.map((f) => `| ${f.name} | ${kb(f.bytes)} |`));
    lines.push(...sizes(loadedJson.filter((f) => files.includes(f))).map((f) => `| ${f.name} (data, fetched) | ${kb(f.bytes)} |`));
    lines.push(...sizes(lazy).map((f) => `| ${f.name} (loaded when solo opens) | ${kb(f.bytes)} |`), "");
    lines.push("Frame intervals come from software WebGL on a shared CPU: compare them between runs of this machine only.", "");
    return lines.join("\n");
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A flow from each cluster home to a host park or city, as after a busy round. */
const FLOWS = [
  ["tangshan", "gwadar"], ["zouping", "kuantan"], ["shahe", "tashkent"], ["wuhu", "bangkok"], ["nantong", "piraeus"],
  ["shaoxing", "addis"], ["jinjiang", "jakarta"], ["shenzhen_dongguan", "hanoi"], ["wuxi", "astana"], ["chongqing", "vientiane"], ["yiwu", "belgrade"],
].map(([from, to]) => ({ from, to, blocks: 2 }));
