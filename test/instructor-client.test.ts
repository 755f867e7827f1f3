/** The console's route and the stored sessions other pages rely on (key `bnr.instructor.sessions`, newest first). */
import { afterEach, describe, expect, it } from "vitest";
import { parseRoute, routePath } from "../client/router.ts";
import { forgetSession, rememberSession, SESSIONS_KEY, storedSessions } from "../client/instructor/sessions-store.ts";

describe("the projector route", () => {
  it("takes a class code, refuses a bad one, and writes back its path", () => {
    expect(parseRoute("/projector/abcde")).toEqual({ page: "projector", code: "ABCDE" });
    expect(parseRoute("/projector/ab1")).toEqual({ page: "invalid", reason: "code" });
    expect(parseRoute("/projector")).toEqual({ page: "notFound", path: "/projector" });
    expect(routePath(parseRoute("/projector/QWERT"))).toBe("/projector/QWERT");
  });
});

describe("stored instructor sessions", () => {
  const memory = new Map<string, string>();
  const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) };
  Object.assign(globalThis, { localStorage: storage });
  afterEach(() => memory.clear());

  const session = (code: string) => ({ code, matchId: `class-2026-01-01-${code}-abc123`, roomId: `class-2026-01-01-${code}-abc123`, instructorToken: `token-of-${code}`, createdAt: "2026-01-01T09:00:00.000Z" });

  it("keeps them newest first under the agreed key, one entry per code", () => {
    rememberSession(session("AAAAA"));
    rememberSession(session("BBBBB"));
    rememberSession({ ...session("AAAAA"), instructorToken: "newer" });
    expect(JSON.parse(memory.get(SESSIONS_KEY)!)).toEqual([{ ...session("AAAAA"), instructorToken: "newer" }, session("BBBBB")]);
    expect(SESSIONS_KEY).toBe("bnr.instructor.sessions");
    forgetSession("AAAAA");
    expect(storedSessions()).toEqual([session("BBBBB")]);
  });

  it("reads whatever the storage holds without throwing, keeping only well-formed entries", () => {
    for (const junk of ["not json", "{}", "null", "[1, null, {\"code\": 5}]"]) {
      memory.set(SESSIONS_KEY, junk);
      expect(storedSessions()).toEqual([]);
    }
    memory.set(SESSIONS_KEY, JSON.stringify([session("CCCCC"), { code: "DDDDD" }]));
    expect(storedSessions()).toEqual([session("CCCCC")]);
  });
});
