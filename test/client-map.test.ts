/** The map's pure parts: scenario geometry, country codes, projection, palette and routes. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ISO_NUMERIC } from "../client/map/country-codes.ts";
import { classOf, legendBands, measureDomain, SEQUENTIAL } from "../client/map/palette.ts";
import { countryAt, makeProjection, readCountries, WORLD_HEIGHT, WORLD_WIDTH } from "../client/map/projection.ts";
import { matchLayer, readMapScenario, routeNodes, type MapScenario } from "../client/map/scenario-geometry.ts";

const raw = (): Record<string, unknown> => JSON.parse(readFileSync(new URL("../assets/scenarios/belt-and-road.json", import.meta.url), "utf8"));
const atlas: unknown = JSON.parse(readFileSync(new URL("../node_modules/world-atlas/countries-110m.json", import.meta.url), "utf8"));

function mapScenario(): MapScenario {
  const read = readMapScenario(raw());
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

describe("scenario geometry", () => {
  it("has a marker for every cluster home, park and port of the default scenario", () => {
    const map = mapScenario();
    const scenario = raw() as { clusters: Array<{ homeNode: string }>; parks: Array<{ node: string }> };
    const byId = new Map(map.markers.map((m) => [m.id, m]));
    for (const c of scenario.clusters) expect(byId.get(c.homeNode)?.category).toBe("home");
    for (const p of scenario.parks) expect(byId.get(p.node)?.category).toBe("park");
    expect(byId.get("piraeus")?.category).toBe("port");
    // Gwadar's position is checked against a source; Piraeus's is general knowledge.
    expect(byId.get("gwadar")?.verified).toBe(true);
    expect(byId.get("piraeus")?.verified).toBe(false);
  });

  it("draws the six corridors and the Maritime Silk Road", () => {
    const ids = new Set(mapScenario().corridors.map((c) => c.corridor));
    for (const id of ["NELB", "CMREC", "CCWAEC", "CICPEC", "CPEC", "BCIM", "MSR"]) expect(ids.has(id)).toBe(true);
  });

  it("refuses a scenario without what the map needs, naming the bad field", () => {
    expect(readMapScenario(null)).toEqual({ ok: false, error: "scenario: expected an object" });
    expect(readMapScenario({ nodes: [], corridors: {}, hosts: [] }).ok).toBe(false);
    const badNode = { ...raw(), nodes: [{ id: "x", name: "x", lat: 0, lon: 0 }] };
    expect(readMapScenario(badNode)).toEqual({ ok: false, error: "scenario.nodes[0]: expected id, name {en, zh}, lat and lon" });
    const s = raw();
    const corridors = structuredClone(s.corridors) as Array<{ paths: string[][] }>;
    corridors[0]!.paths[0]!.push("atlantis");
    const result = readMapScenario({ ...s, corridors });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("scenario.corridors[0].paths[0]");
  });

  it("routes a flow along the corridors from a cluster home to a host park", () => {
    const map = mapScenario();
    const path = routeNodes(map, "tangshan", "gwadar");
    expect(path[0]).toBe("tangshan");
    expect(path.at(-1)).toBe("gwadar");
    for (const [i, id] of path.slice(1).entries()) {
      const prev = path[i]!;
      const joined = map.corridors.some((c) => c.nodes.some((n, k) => (n === prev && c.nodes[k + 1] === id) || (n === id && c.nodes[k + 1] === prev)));
      expect(joined, `${prev} -> ${id}`).toBe(true);
    }
    expect(routeNodes(map, "tangshan", "atlantis")).toEqual([]);
    expect(routeNodes(map, "wuxi", "wuxi")).toEqual(["wuxi"]);
  });
});

describe("countries", () => {
  const projection = makeProjection();
  const read = readCountries(atlas, projection);
  if (!read.ok) throw new Error(read.error);
  const countries = read.value;

  it("finds every host country of the scenario in the atlas", () => {
    const hosts = (raw().hosts as Array<{ id: string; name: { en: string } }>).map((h) => h.id);
    const atlasIds = new Set(countries.map((c) => c.id));
    for (const host of hosts) expect(atlasIds.has(ISO_NUMERIC[host] ?? "missing"), host).toBe(true);
  });

  it("projects the scenario's region onto the world plane and finds countries by position", () => {
    const at = (lon: number, lat: number) => {
      const p = projection([lon, lat])!;
      expect(p[0]).toBeGreaterThan(0);
      expect(p[0]).toBeLessThan(WORLD_WIDTH);
      expect(p[1]).toBeGreaterThan(0);
      expect(p[1]).toBeLessThan(WORLD_HEIGHT);
      return countryAt(countries, projection, p[0], p[1])?.name;
    };
    expect(at(67, 48)).toBe("Kazakhstan");
    expect(at(39, 8)).toBe("Ethiopia");
    expect(at(104, 35)).toBe("China");
    expect(at(65, 15)).toBeUndefined();
  });

  it("refuses a file that is not a world-atlas topology", () => {
    expect(readCountries({ type: "FeatureCollection" }, projection).ok).toBe(false);
    expect(readCountries("nonsense", projection).ok).toBe(false);
  });
});

describe("palette", () => {
  it("shades industrialisation and approval over 0–100 and pollution up to its highest value", () => {
    expect(measureDomain("industrialisation", [5, 200])).toEqual([0, 100]);
    expect(measureDomain("pollution", [3, 12])).toEqual([0, 12]);
    expect(measureDomain("pollution", [])).toEqual([0, 1]);
  });

  it("puts low and high values in the first and last classes and clamps the rest", () => {
    expect(classOf(0, [0, 100])).toBe(0);
    expect(classOf(100, [0, 100])).toBe(SEQUENTIAL.length - 1);
    expect(classOf(-5, [0, 100])).toBe(0);
    expect(classOf(Number.NaN, [0, 100])).toBe(0);
    expect(classOf(55, [0, 100])).toBe(3);
    const bands = legendBands([0, 60]);
    expect(bands).toHaveLength(SEQUENTIAL.length);
    expect(bands[0]!.from).toBe(0);
    expect(bands.at(-1)!.to).toBeCloseTo(60);
  });
});

describe("match layer", () => {
  const map = mapScenario();
  const edge = (id: string, extra: Partial<{ level: number; closed: boolean; costMult: number }> = {}) => {
    const [from, to] = id.split("~") as [string, string];
    return { id, from, to, level: 0, closed: false, costMult: 1, ...extra };
  };

  it("overlays raised and disrupted links, park levels, and events where they hit", () => {
    const layer = matchLayer(map, {
      turn: 3,
      edges: [edge("gwadar~karachi", { level: 2 }), edge("babelmandeb~suez", { costMult: 1.5 }), edge("almaty~khorgos", { closed: true }), edge("hanoi~haiphong")],
      parks: [{ node: "khorgos", level: 2 }],
      events: [
        { target: "KAZ", untilTurn: 4 },
        { target: "almaty~khorgos", untilTurn: 3 },
        { target: "PAK", untilTurn: 2 },
        { target: null, untilTurn: 9 },
      ],
    });
    expect(layer.upgraded).toEqual([{ from: "gwadar", to: "karachi", level: 2 }]);
    expect(layer.disrupted).toEqual([
      { from: "babelmandeb", to: "suez", closed: false },
      { from: "almaty", to: "khorgos", closed: true },
    ]);
    expect(layer.parkLevels).toEqual({ khorgos: 2 });
    // Kazakhstan's market node and the closed link's end; Pakistan's event is over.
    expect(layer.eventNodes).toEqual(["almaty"]);
  });
});
