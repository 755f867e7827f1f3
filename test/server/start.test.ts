/**
 * `npm start` (server/main.ts): builds the client when it is missing and a build script exists,
 * serves a page saying the client is not built when there is none, prints its URLs, and refuses a
 * bad setting by name.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, test } from "vitest";
import { readSettings } from "../../server/settings.ts";
import { until } from "./harness.ts";

const MAIN = resolve("server/main.ts");
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

async function start(packageJson: object): Promise<{ url: string; output: () => string }> {
  const cwd = mkdtempSync(join(tmpdir(), "bri-start-"));
  dirs.push(cwd);
  writeFileSync(join(cwd, "package.json"), JSON.stringify(packageJson));
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], { cwd, env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", AI_WORKERS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  await until("the server", () => text.includes("on this computer"), 60_000);
  return { url: `http://127.0.0.1:${port}`, output: () => text };
}

test("a missing client is built first, then served on the page routes", async () => {
  const build = "node -e \"const fs=require('fs');fs.mkdirSync('dist/client',{recursive:true});fs.writeFileSync('dist/client/index.html','<p>freshly built client</p>')\"";
  const { url, output } = await start({ name: "x", private: true, scripts: { build } });
  expect(output()).toContain("The client is not built: running npm run build");
  expect(output()).toMatch(/on this computer: +http:\/\/localhost:\d+/);
  expect(await (await fetch(`${url}/join/ABCDE`)).text()).toContain("freshly built client");
});

test("without a build script the page says the client is not built, in both languages", async () => {
  const { url } = await start({ name: "x", private: true, scripts: {} });
  const page = await (await fetch(`${url}/`)).text();
  expect(page).toContain("the client is not built");
  expect(page).toContain("客户端尚未构建");
  expect((await (await fetch(`${url}/healthz`)).json()) as object).toMatchObject({ ok: true });
});

test("a bad setting is refused with the variable's name", () => {
  const result = spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: "not-a-port" }, encoding: "utf8" });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("environment variable PORT");
});

test("warm-up turns: a whole number from 0 to 200, 12 when unset", () => {
  expect(readSettings({})).toMatchObject({ ok: true, value: { warmUpTurns: 12 } });
  expect(readSettings({ WARM_UP_TURNS: "0" })).toMatchObject({ ok: true, value: { warmUpTurns: 0 } });
  for (const bad of ["-1", "201", "2.5", "many"]) expect(readSettings({ WARM_UP_TURNS: bad })).toMatchObject({ ok: false, error: expect.stringContaining("WARM_UP_TURNS") });
});
