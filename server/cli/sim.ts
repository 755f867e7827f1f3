/** npm run sim: a headless match played by bots, with a per-round table and a deterministic log. */
import { writeFileSync } from "node:fs";
import { finalRanking, playBotTurn } from "../../shared/match-runner.ts";
import { makeHeader, MatchLogBuilder } from "../../shared/matchlog.ts";
import { smileIndex } from "../../shared/market.ts";
import { hashState } from "../../shared/hash.ts";
import { balancedSeats, blocksTotal, createMatch, type MatchState } from "../../shared/state.ts";
import { ENGINE_VERSION } from "../../shared/version.ts";
import { DEFAULT_SCENARIO, readScenarioFile } from "../scenario-file.ts";
import { integerFlag, parse, runCli, UsageError } from "./args.ts";

const USAGE = "usage: npm run sim -- [--seed N] [--seats K] [--turns T] [--scenario FILE] [--log FILE] [--bots random]";
const HELP = `${USAGE}

Plays a headless match of the Belt and Road scenario with bots in K seats (the others stay passive)
and prints a table per round and the final ranking. The same arguments always give the same match
and, with --log, a byte-identical match log that 'npm run replay -- FILE --verify' can check.

  --seed N        random seed, a whole number >= 0 (default 1)
  --seats K       how many seats the bots play, spread over clusters, hosts and lead firms (default: all)
  --turns T       rounds to play, 1 to 50 (default 6)
  --scenario FILE scenario JSON (default ${DEFAULT_SCENARIO})
  --log FILE      write the match log (JSON Lines) to FILE
  --bots random   the baseline bots that pick random legal actions (the only kind so far)
  --help          this text`;

runCli(USAGE, () => {
  const { values } = parse(process.argv.slice(2), {
    seed: { type: "string" },
    seats: { type: "string" },
    turns: { type: "string" },
    scenario: { type: "string" },
    log: { type: "string" },
    bots: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.bots !== undefined && values.bots !== "random") throw new UsageError(`--bots must be 'random', got '${values.bots}'`);
  const scenario = readScenarioFile(values.scenario ?? DEFAULT_SCENARIO);
  if (!scenario.ok) {
    process.stderr.write(`error: ${scenario.error}\n`);
    return 1;
  }
  const total = scenario.value.clusters.length + scenario.value.hosts.length + scenario.value.leadFirms.length;
  const seed = integerFlag(values.seed, "seed", 0, Number.MAX_SAFE_INTEGER, 1);
  const seatCount = integerFlag(values.seats, "seats", 1, total, total);
  const turns = integerFlag(values.turns, "turns", 1, 50, 6);
  const bots = balancedSeats(scenario.value, seatCount);
  const seats = bots.map((seat) => ({ seat, controller: "bot" as const }));
  const created = createMatch(scenario.value, seats, seed);
  if (!created.ok) {
    process.stderr.write(`error: ${created.error.message}\n`);
    return 1;
  }

  const log = new MatchLogBuilder();
  log.append(makeHeader({ engineVersion: ENGINE_VERSION, scenario: scenario.value, seed, seats, settings: { turns, bots: "random" } }));
  let state = created.value;
  const rows: string[][] = [];
  for (let t = 0; t < turns; t++) {
    const played = playBotTurn(state, bots);
    for (const event of played.events) log.append(event);
    rows.push(roundRow(state, played.state, played.resolution.report.entries.filter((e) => e.code === "TRANSFER_DONE").length));
    state = played.state;
  }
  const ranking = finalRanking(state);
  log.append({ kind: "finished", turn: state.turn - 1, stateHash: hashState(state), ranking });

  process.stdout.write(`Belt and Road match: scenario ${scenario.value.id}, seed ${seed}, ${bots.length} bot seats of ${total}, ${turns} rounds\n\n`);
  process.stdout.write(table(["turn", "year", "cluster VA", "mean smile", "blocks abroad", "transfers", "host dZ", "world E", "leader"], rows));
  process.stdout.write("\nFinal ranking (percentile within role):\n");
  process.stdout.write(
    table(
      ["#", "seat", "role", "by", "score", "pct"],
      ranking.map((r, i) => [String(i + 1), r.seat, r.role, bots.includes(r.seat) ? "bot" : "-", r.score.toFixed(1), r.percentile.toFixed(1)]),
    ),
  );
  if (values.log) {
    try {
      writeFileSync(values.log, log.toString());
    } catch (e) {
      process.stderr.write(`error: cannot write log '${values.log}': ${(e as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`\nmatch log written to ${values.log}\n`);
  }
  return 0;
});

function roundRow(before: MatchState, after: MatchState, transfers: number): string[] {
  const p = after.scenario.parameters;
  const va = after.clusters.reduce((s, c) => s + Object.values(c.vaLast).reduce((a, b) => a + b, 0), 0);
  const smile = after.clusters.reduce((s, c) => s + smileIndex(c.vaLast, p), 0) / Math.max(1, after.clusters.length);
  const abroad = after.clusters.reduce((s, c) => s + c.plants.filter((pl) => pl.host !== null).reduce((a, pl) => a + blocksTotal(pl.blocks), 0), 0);
  const dZ = after.hosts.reduce((s, h, i) => s + h.Z - (before.hosts[i]?.Z ?? h.Z), 0) / Math.max(1, after.hosts.length);
  const leader = [...after.scores].sort((a, b) => b.score - a.score)[0]?.seat ?? "-";
  return [String(before.turn), String(before.year), va.toFixed(1), smile.toFixed(3), String(abroad), String(transfers), dZ.toFixed(2), after.worldE.toFixed(1), leader];
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || /^-?[\d.]+$/.test(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  return `${[line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")}\n`;
}
