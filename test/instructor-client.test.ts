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

describe("the console's strings", () => {
  it("are all part of the client's languages, none shadowed by a string of the same key elsewhere", async () => {
    const { en } = await import("../client/i18n/en.ts");
    const { zh } = await import("../client/i18n/zh.ts");
    const { instructorEn } = await import("../client/i18n/instructor.en.ts");
    const { instructorZh } = await import("../client/i18n/instructor.zh.ts");
    for (const [key, text] of Object.entries(instructorEn)) expect(en[key as keyof typeof en], key).toBe(text);
    for (const [key, text] of Object.entries(instructorZh)) expect(zh[key as keyof typeof zh], key).toBe(text);
  });
});

describe("strings the console looks up by name", () => {
  it("exist for every class flow step, chart, command, difficulty and visibility choice", async () => {
    const { en } = await import("../client/i18n/en.ts");
    const { CLASS_FLOWS, DEBRIEF_CHARTS, QUESTIONS_PER_CHART } = await import("../client/instructor/guide-outline.ts");
    const { FACILITATOR_TEXT } = await import("../client/instructor/facilitator-text.ts");
    const { DIFFICULTIES } = await import("../shared/ai/archetypes.ts");
    const { VISIBILITY_CHOICES } = await import("../shared/session-settings.ts");
    const guide: string[] = [];
    for (const [minutes, steps] of Object.entries(CLASS_FLOWS)) for (const step of steps) guide.push(...["when", "phase", "do"].map((part) => `${minutes}.${step}.${part}`));
    for (const chart of DEBRIEF_CHARTS) guide.push(`chart.${chart}`, ...Array.from({ length: QUESTIONS_PER_CHART }, (_, i) => `chart.${chart}.q${i + 1}`));
    expect(guide.filter((k) => !(k in FACILITATOR_TEXT))).toEqual([]);
    for (const [key, text] of Object.entries(FACILITATOR_TEXT)) {
      expect(text.zh, key).toMatch(/\p{Script=Han}/u);
      expect(text.zh, key).not.toBe(text.en);
    }
    const keys: string[] = [];
    for (const command of ["start", "pause", "resume", "extend", "advance", "eventControls", "broadcast", "openRoles", "seatController", "undo", "end", "watch", "unknown"]) keys.push(`console.cmd.${command}`);
    for (const d of DIFFICULTIES) keys.push(`console.difficulty.${d}`);
    for (const [key, values] of Object.entries(VISIBILITY_CHOICES)) keys.push(`console.vis.${key}`, ...values.map((v) => `console.vis.${key}.${v}`));
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });
});
