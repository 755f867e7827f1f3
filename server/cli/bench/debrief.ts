/**
 * Benchmark of the debrief: opening a class-sized log (chain check and re-simulation into frames),
 * the chart series and the CSV export, as the page does on the main thread. Returns a markdown
 * section for docs/benchmarks.md; run on its own with `node server/cli/bench/debrief.ts`.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { defaultArchetypes } from "../../../shared/ai/index.ts";
import { debriefCsv } from "../../../shared/debrief/csv.ts";
import { openLog } from "../../../shared/debrief/open.ts";
import { absorptionSeries, corridorSeries, decisionTimeline, governanceSeries, smileSeries } from "../../../shared/debrief/series.ts";
import { allSeatIds } from "../../../shared/state.ts";
import { readScenarioFile } from "../../scenario-file.ts";
import { playHeadless } from "../headless.ts";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runDebriefBench(options: { turns?: number; repeats?: number } = {}): Promise<string> {
  const turns = options.turns ?? 6;
  const repeats = options.repeats ?? 5;
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const ais = defaultArchetypes(scenario.value, 1, "normal", allSeatIds(scenario.value));
  const { log } = playHeadless(scenario.value, 1, ais.length, turns, ais);
  const open: number[] = [];
  const series: number[] = [];
  const csv: number[] = [];
  let frames = 0;
  for (let i = 0; i < repeats + 1; i++) {
    const t0 = performance.now();
    const opened = openLog(log);
    const t1 = performance.now();
    if (!opened.ok) throw new Error(opened.breakage.message);
    const d = opened.debrief;
    smileSeries(d);
    governanceSeries(d);
    corridorSeries(d);
    absorptionSeries(d);
    decisionTimeline(d);
    const t2 = performance.now();
    debriefCsv(d, { names: true });
    const t3 = performance.now();
    frames = d.frames.length;
    // The first round warms the JIT up and is not counted.
    if (i === 0) continue;
    open.push(t1 - t0);
    series.push(t2 - t1);
    csv.push(t3 - t2);
  }
  const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
  return [
    "## Debrief",
    "",
    `\`node server/cli/bench/debrief.ts\`: a log of every seat (${ais.length}) played by AI for ${turns} turns (${(log.length / 1024).toFixed(0)} KB, ${frames} frames), opened ${repeats} times after one warm-up; medians.`,
    "",
    "| step | time |",
    "|---|---|",
    `| open: hash chain, re-simulation, frames (\`openLog\`) | ${ms(open)} |`,
    `| chart series (smile, governance, corridors, absorption, timeline) | ${ms(series)} |`,
    `| CSV export with seat names | ${ms(csv)} |`,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(await runDebriefBench());
