/**
 * The HTTP side: health, creating sessions (with and without the admin password), malformed
 * requests answered with 4xx and a message in both languages, who may list, read and delete match
 * logs, anonymised exports, and the client's page on its routes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MatchLogBuilder, parseLog } from "../../shared/matchlog.ts";
import { anonymize, createApi } from "../../server/http/api.ts";
import { hashToken } from "../../server/rooms/seats.ts";
import { MatchStore } from "../../server/storage/matches.ts";
import { playHeadless } from "../../server/cli/headless.ts";
import { readScenarioFile } from "../../server/scenario-file.ts";
import { startHarness, type Harness } from "./harness.ts";

const PASSWORD = "correct horse battery";
let h: Harness;
let clientDir: string;
beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), "bri-client-"));
  mkdirSync(join(clientDir, "assets"));
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>client page</title>");
  writeFileSync(join(clientDir, "assets", "app.js"), "console.log('app')");
  h = await startHarness({ ADMIN_PASSWORD: PASSWORD, CLIENT_DIR: clientDir });
});
afterAll(async () => {
  await h.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string> = {}) => fetch(`${h.url}/api/sessions`, { method: "POST", body, headers });

describe("HTTP API over the network", () => {
  test("health answers with room counts and how long log flushes take", async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      rooms: { class: expect.any(Number), solo: expect.any(Number) },
      logFlush: { flushes: expect.any(Number), p50Ms: expect.any(Number), p99Ms: expect.any(Number), maxMs: expect.any(Number), slow: expect.any(Number), slowestMs: expect.any(Number) },
      eventLoop: { p50Ms: expect.any(Number), p99Ms: expect.any(Number), maxMs: expect.any(Number) },
    });
  });

  test("health shows how late the event loop ran when something held it", async () => {
    const blockedUntil = performance.now() + 80;
    while (performance.now() < blockedUntil);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { eventLoop } = (await (await fetch(`${h.url}/healthz`)).json()) as { eventLoop: { p50Ms: number; p99Ms: number; maxMs: number } };
    expect(eventLoop.maxMs).toBeGreaterThanOrEqual(70);
    expect(eventLoop.p50Ms).toBeLessThanOrEqual(eventLoop.p99Ms);
  });

  test("creating a session needs the admin password when one is set; bad requests are 4xx with a message", async () => {
    const refused = await post("{}");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining("admin password"), zh: expect.stringContaining("管理员密码") });

    const created = await post("", { authorization: `Bearer ${PASSWORD}` });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { code: string; joinUrl: string; instructorToken: string; roomId: string };
    expect(body.code).toMatch(/^[A-Z]{5}$/);
    expect(body.joinUrl).toMatch(new RegExp(`/join/${body.code}$`));
    expect(body.instructorToken.length).toBeGreaterThan(20);
    expect((await fetch(`${h.url}/api/sessions/${body.code.toLowerCase()}`)).status).toBe(200);
    expect(await (await fetch(`${h.url}/api/sessions/NOPEX`)).json()).toMatchObject({ zh: expect.stringContaining("NOPEX") });

    for (const [bad, status] of [
      ["{not json", 400],
      ['{"rounds": 0}', 400],
      ['{"rounds": "six"}', 400],
      ['{"openRoles": ["emperor"]}', 400],
      ['{"timers": {"commit": -1}}', 400],
      ['{"surprise": true}', 400],
      ["[1,2,3]", 400],
      ["x".repeat(1_100_000), 413],
    ] as const) {
      const res = await post(bad, { "x-admin-password": PASSWORD });
      expect(res.status, bad.slice(0, 30)).toBe(status);
      const json = (await res.json()) as { error: string; zh: string };
      expect(json.error.length).toBeGreaterThan(5);
      expect(json.zh.length).toBeGreaterThan(2);
    }
    expect((await fetch(`${h.url}/api/nothing-here`)).status).toBe(404);
  });

  test("the client's page answers its routes; files are served; nothing outside the build is", async () => {
    for (const route of ["/", "/join/ABCDE", "/solo", "/instructor", "/projector/ABCDE", "/replay", "/replay/class-2026-01-01-ABCDE-123456"]) {
      const res = await fetch(`${h.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain("client page");
    }
    expect(await (await fetch(`${h.url}/assets/app.js`)).text()).toContain("app");
    expect((await fetch(`${h.url}/assets/../../../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${h.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });
});

// ------------------------------------------------------------------------------------------------
// Access rules, with requests from another machine (the handler on its own, with a fake socket)

function request(method: string, url: string, from: string, headers: Record<string, string> = {}): IncomingMessage {
  const req = Readable.from([]) as unknown as IncomingMessage;
  Object.assign(req, { method, url, headers, socket: { remoteAddress: from } });
  return req;
}

async function call(api: ReturnType<typeof createApi>, req: IncomingMessage): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    let status = 0;
    const res = {
      headersSent: false,
      writeHead(s: number) {
        status = s;
        return res;
      },
      end(body?: string) {
        resolve({ status, body: body ?? "" });
      },
    } as unknown as ServerResponse;
    api(req, res, () => resolve({ status: -1, body: "" }));
  });
}

/** The same log with extra header settings, its hash chain rebuilt. */
function rechain(text: string, settings: Record<string, unknown>): string {
  const parsed = parseLog(text);
  if (!parsed.ok) throw new Error("fixture");
  const out = new MatchLogBuilder();
  for (const { body } of parsed.value.lines) {
    const { seq: _s, prev: _p, hash: _h, ...rest } = body;
    out.append(rest.kind === "header" ? { ...rest, settings: { ...(rest.settings as object), ...settings } } : rest);
  }
  return out.toString();
}

describe("who may read match logs", () => {
  const dir = mkdtempSync(join(tmpdir(), "bri-logs-"));
  const store = new MatchStore(dir);
  const token = "the-instructor-token-of-match-a";
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function setup(adminPassword: string | undefined) {
    await store.init();
    const scenario = readScenarioFile();
    if (!scenario.ok) throw new Error(scenario.error);
    const log = playHeadless(scenario.value, 1, 3, 1).log;
    // Match A carries an instructor token hash in its header, as a server log does.
    const withToken = rechain(log, { instructorTokenHash: hashToken(token) });
    writeFileSync(join(store.dir, "match-a.jsonl"), withToken);
    writeFileSync(join(store.dir, "match-b.jsonl"), log);
    return createApi({
      adminPassword,
      store,
      publicBase: () => "http://test",
      createClass: () => Promise.reject(new Error("not here")),
      describeCode: () => null,
      scenarioOf: () => null,
      rooms: () => ({}),
      live: () => new Set(["match-b"]),
    });
  }

  test("without a password: the server's own machine sees everything; others only with their match's token", async () => {
    const api = await setup(undefined);
    const local = await call(api, request("GET", "/api/matches", "127.0.0.1"));
    expect(JSON.parse(local.body).matches.map((m: { id: string }) => m.id)).toEqual(["match-a", "match-b"]);
    expect((await call(api, request("GET", "/api/matches", "192.0.2.50"))).status).toBe(403);
    const withToken = await call(api, request("GET", "/api/matches", "192.0.2.50", { "x-instructor-token": token }));
    expect(JSON.parse(withToken.body).matches.map((m: { id: string }) => m.id)).toEqual(["match-a"]);
    expect((await call(api, request("GET", `/api/matches/match-a/log?token=${token}`, "192.0.2.50"))).status).toBe(200);
    expect((await call(api, request("GET", `/api/matches/match-b/log?token=${token}`, "192.0.2.50"))).status).toBe(403);
    expect((await call(api, request("GET", "/api/matches/match-a/log", "192.0.2.50", { authorization: "Bearer guess" }))).status).toBe(403);
    expect((await call(api, request("GET", "/api/matches/..%2F..%2Fetc%2Fpasswd/log", "127.0.0.1"))).status).toBe(404);
    // Deleting: a live match is refused, a finished one goes.
    expect((await call(api, request("DELETE", "/api/matches/match-b", "127.0.0.1"))).status).toBe(409);
    expect((await call(api, request("DELETE", `/api/matches/match-a?token=${token}`, "192.0.2.50"))).status).toBe(200);
    expect((await call(api, request("GET", "/api/matches/match-a/log", "127.0.0.1"))).status).toBe(404);
  });

  test("with a password: the password works from anywhere too", async () => {
    const api = await setup("s3cret-pass");
    expect((await call(api, request("GET", "/api/matches", "192.0.2.50", { authorization: "Bearer s3cret-pass" }))).status).toBe(200);
    expect((await call(api, request("GET", "/api/matches/match-b/log", "192.0.2.50", { "x-admin-password": "s3cret-pass" }))).status).toBe(200);
    expect((await call(api, request("GET", "/api/matches/match-b/log", "192.0.2.50", { "x-admin-password": "wrong" }))).status).toBe(403);
  });

  test("an anonymised export replaces students' names with seat names and still reads as a valid log", () => {
    const scenario = readScenarioFile();
    if (!scenario.ok) throw new Error(scenario.error);
    const source = parseLog(playHeadless(scenario.value, 1, 3, 1).log);
    if (!source.ok) throw new Error("fixture");
    const { seq: _s, prev: _p, hash: _h, ...header } = source.value.header;
    const log = new MatchLogBuilder();
    log.append(header);
    log.append({ kind: "seat", turn: 1, seat: "KAZ", controller: "human", forcedAi: false, members: [{ name: "Alice Zhang", tokenHash: "a".repeat(64), present: true }] });
    const text = anonymize(log.toString());
    expect(text).not.toContain("Alice Zhang");
    expect(text).not.toContain("a".repeat(64));
    expect(text).toContain('"name":"KAZ #1"');
    expect(parseLog(text).ok).toBe(true);
  });
});
