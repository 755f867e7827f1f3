/** Calibration: the targets' definitions on hand-made records, and the program as a user runs it (two seeds, to stay quick). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ClusterRecord, ClusterRound, HostRecord, MatchRecord } from "../server/cli/calibration/record.ts";
import { computeTargets, median, MIN_N, quantile, referenceCurves } from "../server/cli/calibration/targets.ts";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "bri-calibrate-"));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "server/cli/calibrate.ts"), ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const round = (over: Partial<ClusterRound> = {}): ClusterRound => ({ governance: ["CAPTIVE"], stance: "neutral", va: 10, score: 50, smile: 0.25, abroad: 0, brand: 0, F: 1, ...over });
const cluster = (seat: string, archetype: ClusterRecord["archetype"], rounds: ClusterRound[], sector = "steel", leads: ClusterRecord["leads"] = []): ClusterRecord => ({ seat, archetype, difficulty: "normal", sector, startF: 1, startGovernance: rounds[0]?.governance.map(() => "CAPTIVE") ?? [], leads, rounds });
const host = (seat: string, archetype: HostRecord["archetype"], wageIndex: number, training: number, sez: boolean, score: number): HostRecord => ({
  seat,
  archetype,
  difficulty: "normal",
  wageIndex,
  rounds: Array.from({ length: 6 }, () => ({ score, dZ: 1, A: 0.4, training, env: "low", sez })),
});

/** A match where low road wins early and loses late, training hosts win, and one apparel cluster goes modular under a Partner. */
function match(seed: number): MatchRecord {
  const six = (f: (i: number) => Partial<ClusterRound>) => Array.from({ length: 6 }, (_, i) => round(f(i)));
  return {
    seed,
    clusters: [
      cluster("low", "volume", six((i) => ({ stance: "low", va: 30 - i * 5, score: 40 + i, governance: ["MARKET"] }))),
      cluster("high", "upgrader", six((i) => ({ stance: "high", va: 10 + i * 5, score: 40 + i * 5, smile: 0.5, abroad: 2, brand: 0.1, F: i > 2 ? 3 : 1, governance: ["MARKET"] }))),
      cluster("captive", "transferrer", six(() => ({ smile: 0.25 }))),
      cluster("apparel", "upgrader", six((i) => ({ governance: [i > 2 ? "MODULAR" : "CAPTIVE"] })), "apparel", [{ leadFirm: "p", archetype: "partner" }]),
      cluster("apparel2", "upgrader", six(() => ({})), "apparel", [{ leadFirm: "g", archetype: "gatekeeper" }]),
    ],
    hosts: [host("trainer", "developmental", 0.3, 2, false, 60), host("racer", "rentier", 0.3, 0, true, 20)],
    leads: [{ seat: "p", archetype: "partner", difficulty: "normal", rounds: Array.from({ length: 6 }, () => ({ score: 10 })) }],
  };
}

describe("calibration targets", () => {
  it("compute the issue's figures and ranges, and hold only with n >= 10", () => {
    const few = computeTargets([match(1), match(2)], []);
    expect(few.map((t) => t.id)).toEqual(["captive-plateau", "bri-functional-path", "low-road-early", "low-road-late", "host-gradient", "governance-shift", "hard-beats-normal", "no-dominant-strategy"]);
    expect(few.every((t) => !t.holds)).toBe(true);
    const many = computeTargets(Array.from({ length: 12 }, (_, i) => match(i + 1)), []);
    const byId = Object.fromEntries(many.map((t) => [t.id, t]));
    expect(byId["captive-plateau"]).toMatchObject({ value: 0.25, range: [0.2, 0.3], n: 24, holds: true });
    expect(byId["bri-functional-path"]).toMatchObject({ value: 0.5, n: 12, holds: true });
    expect(byId["low-road-early"]).toMatchObject({ value: 1, n: 12, holds: true });
    expect(byId["low-road-late"]).toMatchObject({ value: 1, holds: true });
    expect(byId["host-gradient"]).toMatchObject({ value: 1, holds: true });
    expect(byId["governance-shift"]).toMatchObject({ value: 0.5, n: 24, holds: true });
    expect(byId["hard-beats-normal"]).toMatchObject({ value: null, n: 0, holds: false });
    expect(byId["no-dominant-strategy"]!.value).toBe(1);
    expect(byId["no-dominant-strategy"]!.holds).toBe(false);
    expect(MIN_N).toBe(10);
  });

  it("compares a hard seat with its normal twin on the same seed", () => {
    const hard = match(1);
    const normal = structuredClone(hard);
    normal.hosts[0]!.rounds[5]!.score = 100;
    const t = computeTargets([], [{ seed: 1, seats: ["low", "trainer"], hard, normal }]).find((x) => x.id === "hard-beats-normal")!;
    expect(t).toMatchObject({ value: 0, n: 2, holds: false });
  });

  it("quartiles interpolate, and reference curves give them per round by role and archetype", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(median([])).toBeNull();
    const curves = referenceCurves([match(1)]);
    expect(curves.cluster!.volume!.va).toHaveLength(6);
    expect(curves.cluster!.volume!.va![0]).toEqual({ round: 1, p25: 30, p50: 30, p75: 30 });
    expect(Object.keys(curves.host!)).toEqual(["developmental", "rentier"]);
  });
});

describe("npm run calibrate", () => {
  it("plays AI matches on worker threads and prints every target as JSON, with reference curves", () => {
    const reference = join(dir, "ref.json");
    const r = run("--seeds", "2", "--hard-seeds", "1", "--json", "--reference", reference);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { seeds: number; targets: Array<{ id: string; description: string; value: number | null; range: [number, number]; n: number; holds: boolean }> };
    expect(out.seeds).toBe(2);
    expect(out.targets).toHaveLength(8);
    for (const t of out.targets) {
      expect(Object.keys(t)).toEqual(["id", "description", "value", "range", "n", "holds"]);
      expect(t.holds).toBe(false);
    }
    expect(out.targets.find((t) => t.id === "hard-beats-normal")!.n).toBe(3);
    const curves = JSON.parse(readFileSync(reference, "utf8"));
    expect(curves.seeds).toBe(2);
    expect(curves.curves.cluster.upgrader.smile).toHaveLength(6);
  });

  it.each([
    [[], /--seeds N is required/],
    [["--seeds", "0"], /--seeds must be between 1 and 10000/],
    [["--seeds", "2", "--hard-seeds", "3"], /--hard-seeds must be between 0 and 2/],
    [["--seeds", "x"], /--seeds expects a whole number/],
    [["--seeds", "2", "--colour"], /unknown option/],
  ])("refuses %j with a clear message and exit 2", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("answers --help", () => {
    expect(run("--help").out).toContain("usage: npm run calibrate");
  });
});
