/**
 * npm run calibrate: AI-only matches of the default scenario on seeds 1..N across worker threads,
 * the targets of issue 4 with their values, ranges and populations, and the debrief's reference
 * curves (assets/reference/belt-and-road.json).
 */
import "../heap-settings.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { defaultArchetypes, type AiSeat } from "../../shared/ai/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { DEFAULT_SCENARIO, readScenarioFile } from "../scenario-file.ts";
import { integerFlag, parse, runCli, UsageError } from "./args.ts";
import type { MatchRecord } from "./calibration/record.ts";
import { computeTargets, referenceCurves, type DifficultyPair, type Target } from "./calibration/targets.ts";
import type { MatchTask } from "./calibration/worker.ts";

const USAGE = "usage: npm run calibrate -- --seeds N [--json] [--hard-seeds M] [--workers W] [--reference FILE]";
const REFERENCE = fileURLToPath(new URL("../../assets/reference/belt-and-road.json", import.meta.url));
export const ROUNDS = 6;
const HELP = `${USAGE}

Plays N AI-only matches of the default scenario (${ROUNDS} rounds, every seat filled, seeds 1..N,
normal difficulty, archetypes mixed as documented in docs/ai.md) across worker threads, and reports
each calibration target of docs/calibration.md: its value, its fixed range, its population n and
whether it holds (a target with n < 10 does not hold). The hard-beats-normal target is its own
batch: on seeds 1..M, one seat per role plays hard, then the same match again with it normal.

  --seeds N          matches for the normal-difficulty targets, 1 to 10000 (required)
  --hard-seeds M     seeds for the hard-beats-normal batch, 0 to N (default N; 0 skips it)
  --workers W        worker threads (default: one per CPU core)
  --json             print {"seeds", "targets": [{"id", "description", "value", "range", "n", "holds"}]}
  --reference FILE   where the reference curves go (default ${REFERENCE})
  --help             this text`;

/** The seats that play hard in the pair of matches on a seed: one per role, rotating with the seed. */
export function hardSeats(scenario: Scenario, seed: number): string[] {
  const pick = <T extends { id: string }>(list: ReadonlyArray<T>) => (list[seed % list.length] as T).id;
  return [pick(scenario.clusters), pick(scenario.hosts), pick(scenario.leadFirms)];
}

async function runAll(tasks: MatchTask[], workers: number): Promise<MatchRecord[]> {
  const results: MatchRecord[] = new Array(tasks.length);
  let next = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, () => new Worker(new URL("./calibration/worker.ts", import.meta.url), { workerData: DEFAULT_SCENARIO }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const task = tasks[next++];
              if (task) worker.postMessage(task);
              else resolve();
            };
            worker.on("message", (msg: { id: number; record: MatchRecord }) => {
              results[msg.id] = msg.record;
              feed();
            });
            worker.on("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

export function formatTargets(targets: ReadonlyArray<Target>): string {
  const rows = targets.map((t) => [t.id, t.value === null ? "-" : t.value.toFixed(3), `[${t.range[0]}, ${t.range[1]}]`, String(t.n), t.holds ? "holds" : "MISSES"]);
  const head = ["target", "value", "range", "n", "verdict"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), "", ...targets.map((t) => `${t.id}: ${t.description}`)].join("\n");
}

runCli(USAGE, async () => {
  const { values } = parse(process.argv.slice(2), {
    seeds: { type: "string" },
    "hard-seeds": { type: "string" },
    workers: { type: "string" },
    json: { type: "boolean" },
    reference: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.seeds === undefined) throw new UsageError("--seeds N is required");
  const seeds = integerFlag(values.seeds, "seeds", 1, 10000, 1);
  const hardSeeds = integerFlag(values["hard-seeds"], "hard-seeds", 0, seeds, seeds);
  const workers = integerFlag(values.workers, "workers", 1, 64, availableParallelism());
  const scenario = readScenarioFile();
  if (!scenario.ok) {
    process.stderr.write(`error: ${scenario.error}\n`);
    return 1;
  }
  const sc = scenario.value;
  const tasks: MatchTask[] = [];
  for (let seed = 1; seed <= seeds; seed++) tasks.push({ id: tasks.length, seed, ais: defaultArchetypes(sc, seed), rounds: ROUNDS });
  const pairTasks: Array<{ seed: number; seats: string[]; hard: number; normal: number }> = [];
  for (let seed = 1; seed <= hardSeeds; seed++) {
    const seats = hardSeats(sc, seed);
    const ais: AiSeat[] = defaultArchetypes(sc, seed).map((a) => (seats.includes(a.seat) ? { ...a, difficulty: "hard" } : a));
    // The normal twin of a hard match is the batch's own match on that seed.
    pairTasks.push({ seed, seats, hard: tasks.length, normal: seed - 1 });
    tasks.push({ id: tasks.length, seed, ais, rounds: ROUNDS });
  }
  const records = await runAll(tasks, workers);
  const matches = records.slice(0, seeds);
  const pairs: DifficultyPair[] = pairTasks.map((p) => ({ seed: p.seed, seats: p.seats, hard: records[p.hard] as MatchRecord, normal: records[p.normal] as MatchRecord }));
  const targets = computeTargets(matches, pairs);

  const reference = values.reference ?? REFERENCE;
  try {
    mkdirSync(dirname(reference), { recursive: true });
    const curves = { scenario: sc.id, seeds, rounds: ROUNDS, command: `npm run calibrate -- --seeds ${seeds}`, figures: "quartiles (p25, p50, p75) per round, by role and archetype, over every seat of that archetype", curves: referenceCurves(matches) };
    writeFileSync(reference, `${JSON.stringify(curves, null, 1)}\n`);
  } catch (e) {
    process.stderr.write(`error: cannot write reference curves '${reference}': ${(e as Error).message}\n`);
    return 1;
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ seeds, targets: targets.map((t) => ({ id: t.id, description: t.description, value: t.value, range: t.range, n: t.n, holds: t.holds })) })}\n`);
  else process.stdout.write(`Calibration: ${seeds} AI matches of ${sc.id}, ${ROUNDS} rounds, seeds 1..${seeds}; hard-beats-normal over ${hardSeeds} seeds\n\n${formatTargets(targets)}\n\nreference curves written to ${reference}\n`);
  return 0;
});
