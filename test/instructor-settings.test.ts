/** The class-session settings and template files shared by the server and the instructor console. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatOverrideLines, makeTemplate, parseOverrideLines, parseSessionSettings, readTemplate, resolveSessionSettings, visibleTo, type SessionSettings } from "../shared/session-settings.ts";
import { loadScenario } from "../shared/scenario/load.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { createMatch } from "../shared/state.ts";
import { viewFor } from "../shared/view.ts";

const loaded = loadScenario(JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8")));
if (!loaded.ok) throw new Error("the built-in scenario does not load");
const BUILT_IN: Scenario = loaded.value;

function resolve(settings: SessionSettings, seed = 3) {
  return resolveSessionSettings(settings, BUILT_IN, seed);
}

describe("session settings", () => {
  it("fills the defaults: the built-in scenario's short game, clusters and hosts open, normal AI everywhere, every card allowed, full visibility", () => {
    const r = resolve({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rounds).toBe(6);
    expect(r.value.openRoles).toEqual(["cluster", "host"]);
    expect(r.value.ai.length).toBe(r.value.scenario.clusters.length + r.value.scenario.hosts.length + r.value.scenario.leadFirms.length);
    expect(new Set(r.value.ai.map((a) => a.difficulty))).toEqual(new Set(["normal"]));
    expect(r.value.events).toEqual({ forced: [], disabled: [] });
    expect(r.value.visibility.host).toEqual({ scores: "all", rivals: "public", governance: "all" });
  });

  it("applies overrides by index or by id, and sets AI archetypes and difficulty per seat", () => {
    const r = resolve({
      overrides: [
        { path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "MODULAR" },
        { path: "clusters[0].money", value: 123 },
        { path: "parameters.events.perRound", value: 2 },
      ],
      difficulty: "easy",
      ai: [{ seat: "KAZ", archetype: "rentier", difficulty: "hard" }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const apparel = r.value.scenario.clusters.find((c) => c.id === "shaoxing_apparel")!;
    expect(apparel.links[0]).toMatchObject({ leadFirm: "eurowear", governance: "MODULAR" });
    expect(r.value.scenario.clusters[0]!.money).toBe(123);
    expect(r.value.scenario.parameters.events.perRound).toBe(2);
    expect(r.value.ai.find((a) => a.seat === "KAZ")).toEqual({ seat: "KAZ", archetype: "rentier", difficulty: "hard" });
    expect(r.value.ai.find((a) => a.seat === "RUS")?.difficulty).toBe("easy");
    // The built-in scenario object is left as it was.
    expect((BUILT_IN as { clusters: Array<{ money: number }> }).clusters[0]!.money).not.toBe(123);
  });

  it("names the override, the scenario field and the reason when an override is refused, in both languages", () => {
    const bad = resolve({ overrides: [{ path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "FEUDAL" }] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error[0]!.path).toBe("overrides[0].value");
    expect(bad.error[0]!.en).toContain("clusters[5].links[0].governance");
    expect(bad.error[0]!.zh).toMatch(/clusters\[5\]\.links\[0\]\.governance.*场景/);

    const nowhere = resolve({ overrides: [{ path: "clusters.no_such_cluster.money", value: 1 }] });
    expect(!nowhere.ok && nowhere.error[0]).toMatchObject({ path: "overrides[0].path", en: expect.stringContaining("no_such_cluster") });
    const malformed = resolve({ overrides: [{ path: "parameters..rounds", value: 1 }] });
    expect(!malformed.ok && malformed.error[0]?.path).toBe("overrides[0].path");
    const proto = resolve({ overrides: [{ path: "__proto__.polluted", value: 1 }] });
    expect(!proto.ok && proto.error[0]?.path).toBe("overrides[0].path");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const unknownField = resolve({ overrides: [{ path: "parameters.rounds.shortest", value: 4 }] });
    expect(!unknownField.ok && unknownField.error[0]?.path).toBe("overrides[0].value");
  });

  it("refuses an uploaded scenario with the path of its bad field", () => {
    const scenario = structuredClone(BUILT_IN) as { hosts: Array<{ marketNode: string }> };
    scenario.hosts[2]!.marketNode = "atlantis";
    const r = resolve({ scenario: scenario as unknown as Record<string, unknown> });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.path)).toContain("scenario.hosts[2].marketNode");
  });

  it("checks AI seats, archetypes and event cards against the scenario", () => {
    const r = resolve({ ai: [{ seat: "atlantis" }, { seat: "KAZ", archetype: "gatekeeper" }], events: { forced: ["pandemic", "no_card"], disabled: ["pandemic"] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.path)).toEqual(["ai[0].seat", "ai[1].archetype", "events.forced[1]", "events.forced[0]"]);
    expect(r.error[1]!.zh).toContain("gatekeeper");
  });

  it("refuses unknown fields and bad values with their path", () => {
    const r = parseSessionSettings({ rounds: 0, colour: "red", timers: { commit: -1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.path).sort()).toEqual(["(root)", "rounds", "timers.commit"].sort());
  });
});

describe("override lines", () => {
  it("reads path = value lines, values as JSON or as words, and writes them back", () => {
    const text = "# a comment\nclusters.shaoxing_apparel.links.eurowear.governance = MODULAR\n\nparameters.events.perRound = 2\nclusters[0].note = {\"en\": \"a\", \"zh\": \"乙\"}";
    const read = parseOverrideLines(text);
    expect(read.issues).toEqual([]);
    expect(read.overrides).toEqual([
      { path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "MODULAR" },
      { path: "parameters.events.perRound", value: 2 },
      { path: "clusters[0].note", value: { en: "a", zh: "乙" } },
    ]);
    expect(parseOverrideLines(formatOverrideLines(read.overrides)).overrides).toEqual(read.overrides);
  });

  it("names the line that is not path = value", () => {
    const read = parseOverrideLines("parameters.events.perRound = 2\njust words\n= 3");
    expect(read.issues.map((i) => i.path)).toEqual(["overrides line 2", "overrides line 3"]);
    expect(read.issues[0]!.zh).toContain("路径");
  });
});

describe("template files", () => {
  it("round-trips the settings", () => {
    const settings: SessionSettings = { rounds: 10, difficulty: "hard", events: { disabled: ["pandemic"] }, overrides: [{ path: "clusters[0].money", value: 50 }] };
    const read = readTemplate(JSON.stringify(makeTemplate(settings, "Week 3")));
    expect(read.ok && read.value).toEqual({ format: "bri-gvc-session-template", version: 1, name: "Week 3", settings });
  });

  it("refuses broken files with the bad field, never throwing", () => {
    const cases: Array<[string, string]> = [
      ["", "(file)"],
      ["{\"format\":", "(file)"],
      ["[1,2]", "format"],
      ["null", "format"],
      [JSON.stringify({ format: "bri-gvc-matchlog", version: 1 }), "format"],
      [JSON.stringify({ format: "bri-gvc-session-template", version: 9, settings: {} }), "version"],
      [JSON.stringify({ format: "bri-gvc-session-template", version: 1 }), "settings"],
      [JSON.stringify({ format: "bri-gvc-session-template", version: 1, settings: { rounds: "six" } }), "settings.rounds"],
      [JSON.stringify({ format: "bri-gvc-session-template", version: 1, settings: { visibility: { host: { scores: "some" } } } }), "settings.visibility.host.scores"],
    ];
    for (const [text, path] of cases) {
      const read = readTemplate(text);
      expect(read.ok, text).toBe(false);
      if (read.ok) continue;
      expect(read.error[0]!.path, text).toBe(path);
      expect(read.error[0]!.zh, text).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("visibility", () => {
  it("leaves out other seats' scores, rivals of the same role and others' link governance, as the role's rule says", () => {
    const r = resolve({});
    if (!r.ok) throw new Error("settings");
    const scenario = r.value.scenario;
    const seats = [...scenario.clusters, ...scenario.hosts, ...scenario.leadFirms].map((e) => ({ seat: e.id, controller: "ai" as const }));
    const created = createMatch(scenario, seats, 1);
    if (!created.ok) throw new Error("match");
    const view = { ...viewFor(created.value, "public"), scores: created.value.seats.map((s) => ({ seat: s.id, role: s.role, score: 1, percentile: 50 })) };
    expect(visibleTo(view, "tangshan_steel", { scores: "all", rivals: "public", governance: "all" })).toBe(view);
    const seen = visibleTo(view, "tangshan_steel", { scores: "own", rivals: "hidden", governance: "own" });
    expect(seen.scores.map((s) => s.seat)).toEqual(["tangshan_steel"]);
    expect(seen.clusters.map((c) => c.id)).toEqual(["tangshan_steel"]);
    expect(seen.hosts.length).toBe(view.hosts.length);
    const forLead = visibleTo(view, "eurowear", { scores: "all", rivals: "public", governance: "own" });
    const apparel = forLead.clusters.find((c) => c.id === "shaoxing_apparel")!;
    const steel = forLead.clusters.find((c) => c.id === "tangshan_steel")!;
    expect(apparel.links.map((l) => l.leadFirm)).toEqual(["eurowear"]);
    expect(steel.links).toEqual([]);
  });
});
