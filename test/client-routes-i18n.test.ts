/** The client's routes and its two languages. */
import { describe, expect, it } from "vitest";
import { en } from "../client/i18n/en.ts";
import { zh } from "../client/i18n/zh.ts";
import { parseRoute, routePath } from "../client/router.ts";
import { GLOSSARY_TERMS } from "../client/i18n/glossary-terms.ts";

describe("routes", () => {
  it("answers the routes the server serves index.html for", () => {
    expect(parseRoute("/")).toEqual({ page: "landing" });
    expect(parseRoute("/solo")).toEqual({ page: "solo" });
    expect(parseRoute("/solo/")).toEqual({ page: "solo" });
    expect(parseRoute("/instructor")).toEqual({ page: "instructor" });
    expect(parseRoute("/join/abcd")).toEqual({ page: "join", code: "ABCD" });
    expect(parseRoute("/replay/match-42_x")).toEqual({ page: "replay", id: "match-42_x" });
    expect(parseRoute("/replay")).toEqual({ page: "replay", id: null });
  });

  it("refuses a bad class code or match id, and unknown paths, without throwing", () => {
    expect(parseRoute("/join/ab")).toEqual({ page: "invalid", reason: "code" });
    expect(parseRoute("/join/ABCDEFG")).toEqual({ page: "invalid", reason: "code" });
    expect(parseRoute("/join/AB12")).toEqual({ page: "invalid", reason: "code" });
    expect(parseRoute("/replay/a b")).toEqual({ page: "invalid", reason: "replayId" });
    expect(parseRoute("/join/%E0%A4%A")).toEqual({ page: "notFound", path: "/join/%E0%A4%A" });
    expect(parseRoute("/solo/extra")).toEqual({ page: "notFound", path: "/solo/extra" });
    expect(parseRoute("/nowhere")).toEqual({ page: "notFound", path: "/nowhere" });
  });

  it("writes back the path it parses", () => {
    for (const path of ["/", "/solo", "/instructor", "/join/QWER", "/replay/m1", "/replay"]) expect(routePath(parseRoute(path))).toBe(path);
  });
});

describe("languages", () => {
  /** Strings that read the same in both languages (none yet: add proper names here with a reason). */
  const SAME_IN_BOTH = new Set<string>([]);

  it("has every key in English and Chinese, and the two differ", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const other = zh[key as keyof typeof zh];
      expect(other.trim(), key).not.toBe("");
      if (!SAME_IN_BOTH.has(key)) expect(other, key).not.toBe(text);
    }
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(en)) expect(placeholders(zh[key as keyof typeof zh]), key).toEqual(placeholders(text));
  });

  it("defines every glossary term and its explanation", () => {
    for (const term of GLOSSARY_TERMS) {
      expect(en[`gloss.${term}.term` as keyof typeof en], term).toBeDefined();
      expect(en[`gloss.${term}.def` as keyof typeof en], term).toBeDefined();
    }
  });

  it("writes the Chinese strings in Chinese", () => {
    const han = /\p{Script=Han}/u;
    const withoutHan = Object.entries(zh).filter(([key, text]) => !han.test(text) && key !== "lang.switch");
    expect(withoutHan).toEqual([]);
  });
});
