/**
 * npm run demo: plays a headless demo match with random bots,
 * prints it, and saves its log under DATA_DIR/matches so it can be replayed and verified.
 */
import "../heap-settings.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { readScenarioFile } from "../scenario-file.ts";
import { playHeadless } from "./headless.ts";
import { runCli } from "./args.ts";

const USAGE = "usage: npm run demo";

runCli(USAGE, () => {
  if (process.argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n\nPlays a headless demo match (36 random bots, 6 rounds, seed 1) and saves its log to\nDATA_DIR/matches/demo-seed-1.jsonl (DATA_DIR defaults to ./data). The classroom server is npm start.\n`);
    return 0;
  }
  const scenario = readScenarioFile();
  if (!scenario.ok) {
    process.stderr.write(`error: ${scenario.error}\n`);
    return 1;
  }
  const seats = scenario.value.clusters.length + scenario.value.hosts.length + scenario.value.leadFirms.length;
  const match = playHeadless(scenario.value, 1, seats, scenario.value.parameters.rounds.short);
  process.stdout.write(match.report);
  const dir = join(process.env.DATA_DIR ?? "data", "matches");
  const file = join(dir, "demo-seed-1.jsonl");
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, match.log);
  } catch (e) {
    process.stderr.write(`error: cannot save the demo log in '${dir}': ${(e as Error).message}\n`);
    return 1;
  }
  const shown = relative(process.cwd(), file) || file;
  process.stdout.write(`\nThis is a headless demo; npm start runs the classroom server.\nThe match log is in ${shown}; check it with: npm run replay -- ${shown} --verify\n`);
  return 0;
});
