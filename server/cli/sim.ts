/** npm run sim: a headless match played by bots, with a per-round table and a deterministic log. */
import "../heap-settings.ts";
import { writeFileSync } from "node:fs";
import { playHeadless } from "./headless.ts";
import { DEFAULT_SCENARIO, readScenarioFile } from "../scenario-file.ts";
import { balancedSeats } from "../../shared/state.ts";
import { AI_FLAGS_HELP, aiSeats, difficultyFlag } from "./ai-flags.ts";
import { integerFlag, parse, runCli, UsageError } from "./args.ts";

const USAGE = "usage: npm run sim -- [--seed N] [--seats K] [--turns T] [--scenario FILE] [--log FILE] [--bots ai|random] [--difficulty D] [--ai SEAT=ARCHETYPE[:DIFFICULTY],...]";
const HELP = `${USAGE}

Plays a headless match of the Belt and Road scenario with AI players (or random bots) in K seats
(the others stay passive) and prints a table per round and the final ranking. The same arguments
always give the same match and, with --log, a byte-identical match log, AI reasons included, that
'npm run replay -- FILE --verify' can check.

  --seed N        random seed, a whole number >= 0 (default 1)
  --seats K       how many seats are played, spread over clusters, hosts and lead firms (default: all)
  --turns T       rounds to play, 1 to 50 (default 6)
  --scenario FILE scenario JSON (default ${DEFAULT_SCENARIO})
  --log FILE      write the match log (JSON Lines) to FILE
  --bots ai       AI players with archetypes and difficulties (default)
  --bots random   the baseline bots that pick random legal actions
${AI_FLAGS_HELP}
  --help          this text`;

runCli(USAGE, () => {
  const { values } = parse(process.argv.slice(2), {
    seed: { type: "string" },
    seats: { type: "string" },
    turns: { type: "string" },
    scenario: { type: "string" },
    log: { type: "string" },
    bots: { type: "string" },
    difficulty: { type: "string" },
    ai: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.bots !== undefined && values.bots !== "random" && values.bots !== "ai") throw new UsageError(`--bots must be 'random' or 'ai', got '${values.bots}'`);
  const random = values.bots === "random";
  if (random && (values.ai !== undefined || values.difficulty !== undefined)) throw new UsageError("--ai and --difficulty choose AI players; they do not go with --bots random");
  const difficulty = difficultyFlag(values.difficulty);
  const scenario = readScenarioFile(values.scenario ?? DEFAULT_SCENARIO);
  if (!scenario.ok) {
    process.stderr.write(`error: ${scenario.error}\n`);
    return 1;
  }
  const total = scenario.value.clusters.length + scenario.value.hosts.length + scenario.value.leadFirms.length;
  const seed = integerFlag(values.seed, "seed", 0, Number.MAX_SAFE_INTEGER, 1);
  const seatCount = integerFlag(values.seats, "seats", 1, total, total);
  const turns = integerFlag(values.turns, "turns", 1, 50, 6);
  const ais = random ? undefined : aiSeats(scenario.value, seed, balancedSeats(scenario.value, seatCount), difficulty, values.ai);
  const match = playHeadless(scenario.value, seed, seatCount, turns, ais);
  process.stdout.write(match.report);
  if (values.log) {
    try {
      writeFileSync(values.log, match.log);
    } catch (e) {
      process.stderr.write(`error: cannot write log '${values.log}': ${(e as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`\nmatch log written to ${values.log}\n`);
  }
  return 0;
});
