/**
 * Where the debrief page gets logs: the server's list and a match's log, with the instructor tokens
 * the console saved in this browser; a page served without the game server says so.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchLog, listMatches, storedTokens } from "../client/debrief/source.ts";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const match = (id: string) => ({ id, status: "finished", source: "class", modified: "2026-01-01T00:00:00Z", bytes: 1 });

function withStorage(sessions: unknown): void {
  const store = new Map([["bnr.instructor.sessions", typeof sessions === "string" ? sessions : JSON.stringify(sessions)]]);
  vi.stubGlobal("localStorage", { getItem: (k: string) => store.get(k) ?? null });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the instructor tokens saved by the console", () => {
  it("reads them by match id and ignores damaged entries", () => {
    withStorage([{ code: "ABCD", matchId: "m1", roomId: "r", instructorToken: "t1", createdAt: "x" }, { matchId: 3 }, null]);
    expect([...storedTokens()]).toEqual([["m1", "t1"]]);
    withStorage("{not json");
    expect(storedTokens().size).toBe(0);
  });
});

describe("the server's list of matches", () => {
  it("from the server's own machine: everything, with no token", async () => {
    withStorage([]);
    const fetch = vi.fn(async () => json(200, { matches: [match("a"), match("b")] }));
    vi.stubGlobal("fetch", fetch);
    expect(await listMatches()).toEqual({ ok: true, value: [match("a"), match("b")] });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("from elsewhere: the matches of each saved token, merged", async () => {
    withStorage([{ matchId: "a", instructorToken: "ta" }, { matchId: "b", instructorToken: "tb" }]);
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      const token = (init?.headers as Record<string, string>)["x-instructor-token"];
      if (token === undefined) return json(403, { error: "not allowed", zh: "无权访问" });
      return json(200, { matches: [match(token === "ta" ? "a" : "b")] });
    });
    vi.stubGlobal("fetch", fetch);
    const listed = await listMatches();
    expect(listed.ok && listed.value.map((m) => m.id).sort()).toEqual(["a", "b"]);
  });

  it("refused without a token, and no server at all behind a static build", async () => {
    withStorage([]);
    vi.stubGlobal("fetch", vi.fn(async () => json(403, { error: "not allowed: use the server's own machine", zh: "无权访问" })));
    expect(await listMatches()).toEqual({ ok: false, reason: "refused", message: "not allowed: use the server's own machine" });
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<!doctype html>", { status: 200, headers: { "content-type": "text/html" } })));
    expect(await listMatches()).toMatchObject({ ok: false, reason: "no-server" });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    expect(await listMatches()).toMatchObject({ ok: false, reason: "no-server" });
  });
});

describe("a match's log", () => {
  it("sends the match's own token and tells a missing match from a refused one", async () => {
    withStorage([{ matchId: "m1", instructorToken: "secret" }]);
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith("/m1/log")) return (init?.headers as Record<string, string>)["x-instructor-token"] === "secret" ? new Response("line\n", { headers: { "content-type": "application/x-ndjson" } }) : json(403, { error: "no" });
      if (url.endsWith("/m2/log")) return json(403, { error: "not allowed" });
      return json(404, { error: "no match 'x'" });
    });
    vi.stubGlobal("fetch", fetch);
    expect(await fetchLog("m1")).toEqual({ ok: true, value: "line\n" });
    expect(await fetchLog("m2")).toEqual({ ok: false, reason: "refused", message: "not allowed" });
    expect(await fetchLog("x")).toEqual({ ok: false, reason: "missing", message: "no match 'x'" });
  });

  it("reads a running match's log again when it ends in the middle of a line", async () => {
    withStorage([]);
    const texts = ["a\nb", "a\nb\n"];
    const fetch = vi.fn(async () => new Response(texts.shift() ?? "", { headers: { "content-type": "application/x-ndjson" } }));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchLog("live")).toEqual({ ok: true, value: "a\nb\n" });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
