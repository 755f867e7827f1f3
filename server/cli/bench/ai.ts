/**
 * Benchmark of the AI players: decision time per seat (normal and hard, p50 and p95) and the wall
 * time of a calibration run. Returns a markdown section for docs/benchmarks.md; run on its own with
 * `node server/cli/bench/ai.ts [--seeds N]`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { decideSeat, defaultArchetypes, playAiTurn, type AiSeat } from "../../../shared/ai/index.ts";
import { createMatch, type MatchState } from "../../../shared/state.ts";
import { readScenarioFile } from "../../scenario-file.ts";

const CALIBRATE = fileURLToPath(new URL("../calibrate.ts", import.meta.url));

const percentile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

export interface AiBenchOptions {
  /** Matches whose states the decisions are timed on. */
  matches?: number;
  /** Seeds of the timed calibration run (0 skips it). */
  calibrationSeeds?: number;
}

export async function runAiBench(options: AiBenchOptions = {}): Promise<string> {
  const matches = options.matches ?? 5;
  const seeds = options.calibrationSeeds ?? 200;
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const sc = scenario.value;
  const normal: number[] = [];
  const cold: number[] = [];
  const hard: number[] = [];
  // Warm up the JIT on a match of its own.
  timeMatch(1000, () => undefined);
  for (let seed = 1; seed <= matches; seed++) {
    timeMatch(seed, (state, ais) => {
      for (const ai of ais) {
        const t0 = performance.now();
        decideSeat(state, ai);
        normal.push(performance.now() - t0);
      }
      // The same seats each on a copy of the state no seat has decided on yet: what a seat pays
      // when it decides first, or alone (the copy is made outside the timing).
      for (const ai of ais) {
        const fresh = structuredClone(state);
        const t0 = performance.now();
        decideSeat(fresh, ai);
        cold.push(performance.now() - t0);
      }
      // One seat per role plays hard each turn: the seat whose turn it is in the rotation.
      for (const role of [sc.clusters, sc.hosts, sc.leadFirms]) {
        const seat = (role[(seed + state.turn) % role.length] as { id: string }).id;
        const ai = ais.find((a) => a.seat === seat) as AiSeat;
        const t0 = performance.now();
        decideSeat(state, { ...ai, difficulty: "hard" });
        hard.push(performance.now() - t0);
      }
    });
  }
  function timeMatch(seed: number, each: (state: MatchState, ais: AiSeat[]) => void): void {
    const ais = defaultArchetypes(sc, seed);
    const created = createMatch(sc, ais.map((a) => ({ seat: a.seat, controller: "ai" as const })), seed);
    if (!created.ok) throw new Error(created.error.message);
    let state = created.value;
    for (let t = 0; t < 6; t++) {
      each(state, ais);
      state = playAiTurn(state, ais).state;
    }
  }
  const row = (what: string, xs: number[], target: string) => `| ${what} | ${xs.length} | ${percentile(xs, 0.5).toFixed(2)} | ${percentile(xs, 0.95).toFixed(2)} | ${Math.max(...xs).toFixed(2)} | ${target} |`;
  const lines = [
    "## AI players",
    "",
    `Decision time of one seat for one turn (\`decideSeat\`: its offers, its answers and its orders, view and belief included), on the states of ${matches} six-round AI matches of the default scenario (seeds 1..${matches}), wall clock on a shared machine. Normal: every seat in turn on the same state, as in a turn's orders phase, where the parts of a decision every seat shares (the public side of each entity, the belief's estimate of it, the digest behind the AI's stream) are made once; "first on a state": each seat alone on a copy of the state no seat has decided on yet. Hard: one seat per role each turn, with the default planning budget (HARD_BUDGET, counted in rollouts); most of its time is the engine resolving the rollouts' turns. Command: \`node server/cli/bench/ai.ts\`.`,
    "",
    "| what | samples | p50 ms | p95 ms | max ms | target |",
    "|---|---|---|---|---|---|",
    row("AI decision per seat, normal", normal, "p95 < 5 ms"),
    row("AI decision per seat, normal, first on a state", cold, "p95 < 5 ms"),
    row("AI decision per seat, hard", hard, "p95 < 300 ms"),
  ];
  if (seeds > 0) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CALIBRATE, "--seeds", String(seeds), "--hard-seeds", "0", "--json", "--reference", join(mkdtempSync(join(tmpdir(), "bri-bench-")), "reference.json")], { encoding: "utf8" });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`calibrate failed: ${r.stderr}`);
    lines.push("", `Calibration wall time, \`npm run calibrate -- --seeds ${seeds} --hard-seeds 0\` (normal-difficulty targets, ${availableParallelism()} worker threads): **${seconds.toFixed(1)} s** (aim: under 60 s on 2 cores).`);
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--seeds");
  const seeds = at >= 0 ? Number(process.argv[at + 1]) : 200;
  if (!Number.isInteger(seeds) || seeds < 0) {
    process.stderr.write("error: --seeds expects a whole number >= 0\nusage: node server/cli/bench/ai.ts [--seeds N]\n");
    process.exitCode = 2;
  } else {
    process.stdout.write(await runAiBench({ calibrationSeeds: seeds }));
  }
}
