/** npm run replay: read a match log, verify it by re-simulation, or show the match as it was. */
import "../heap-settings.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatNumber } from "../../shared/i18n.ts";
import { isKind, parseLog, type ParsedLog } from "../../shared/matchlog.ts";
import { debriefCsv } from "../../shared/debrief/csv.ts";
import { debriefOf } from "../../shared/debrief/frames.ts";
import { replayLog } from "../../shared/replay.ts";
import type { MatchView } from "../../shared/view.ts";
import { integerFlag, parse, runCli, UsageError } from "./args.ts";

const USAGE = "usage: npm run replay -- FILE [--verify] [--turn N] [--csv OUT [--names] [--no-bom]]";
const HELP = `${USAGE}

Reads a match log (JSON Lines, see docs/match-log.md).
  (no flag)   check the hash chain and print each resolved turn from the recorded public states
  --verify    also re-simulate the match from its header and check every state hash; on any
              difference exit 1 naming the line and turn, with the expected and actual hash
  --turn N    print the recorded public state after turn N (scores, hosts, markets)
  --csv OUT   write one row per seat per turn played to OUT (CSV, RFC 4180, UTF-8 with a
              byte-order mark for spreadsheet programs): turn, seat, role, money, value_added,
              smile_index, score, the capabilities P Q F X, and governance_<cluster>~<lead firm>
              for each chain link. The log is re-simulated first; a log of another engine
              version gives only its public figures (the private columns stay empty)
  --names     with --csv: the scenario's seat names instead of seat ids
  --no-bom    with --csv: no byte-order mark
  --help      this text
Exit codes: 0 ok, 1 the log is broken or diverges, 2 bad arguments, 3 written by another engine version.`;

runCli(USAGE, () => {
  const { values, positionals } = parse(
    process.argv.slice(2),
    { verify: { type: "boolean" }, turn: { type: "string" }, csv: { type: "string" }, names: { type: "boolean" }, "no-bom": { type: "boolean" }, help: { type: "boolean" } },
    true,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the log file to replay" : `one log file at a time, got ${positionals.length}`);
  const file = positionals[0] as string;
  const turn = values.turn === undefined ? undefined : integerFlag(values.turn, "turn", 1, 1000, 1);
  const csv = values.csv;
  if (csv === undefined && (values.names || values["no-bom"])) throw new UsageError(`--${values.names ? "names" : "no-bom"} only applies with --csv OUT`);
  if (csv !== undefined && csv.trim() === "") throw new UsageError("--csv needs the file to write");
  if (csv !== undefined && resolve(csv) === resolve(file)) throw new UsageError("--csv OUT must not be the log itself");

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`error: cannot read log '${file}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message}\n`);
    return 1;
  }
  const parsed = parseLog(text);
  if (!parsed.ok) {
    const p = parsed.error;
    process.stderr.write(`error: ${file}: ${p.message}\n${p.expected ? `  expected: ${p.expected}\n  actual:   ${p.actual}\n` : ""}`);
    return 1;
  }
  const log = parsed.value;
  const resolved = log.lines.filter((l) => isKind(l.body, "resolved"));
  process.stdout.write(`${file}: ${log.lines.length} lines, hash chain intact, engine ${log.header.engineVersion}, seed ${log.header.seed}, ${resolved.length} turns resolved, ${log.finished ? "finished" : "not finished"}\n`);

  if (turn !== undefined) {
    const line = resolved.find((l) => l.body.turn === turn);
    if (!line) {
      process.stderr.write(`error: turn ${turn} was not resolved in this log (turns ${resolved.map((l) => l.body.turn).join(", ") || "none"})\n`);
      return 1;
    }
    printTurn((line.body as unknown as { public: MatchView }).public);
  } else {
    printSummary(log);
  }

  if (values.verify) {
    const result = replayLog(log);
    if (!result.ok) {
      const d = result.error;
      process.stderr.write(`DIVERGES at line ${d.line}${d.turn === undefined ? "" : `, turn ${d.turn}`}: ${d.message}\n${d.expected ? `  expected: ${d.expected}\n  actual:   ${d.actual}\n` : ""}`);
      return d.code === "engine-version" ? 3 : 1;
    }
    process.stdout.write(`verified: re-simulating ${result.value.states.length} turns reproduces every recorded state hash\n`);
  }
  if (csv !== undefined) return writeCsv(log, csv, { names: values.names ?? false, bom: !values["no-bom"] });
  return 0;
});

function writeCsv(log: ParsedLog, out: string, options: { names: boolean; bom: boolean }): number {
  const debrief = debriefOf(log);
  if (!debrief.ok) {
    const d = debrief.error;
    process.stderr.write(`error: no CSV written: the log DIVERGES at line ${d.line}${d.turn === undefined ? "" : `, turn ${d.turn}`}: ${d.message}\n`);
    return 1;
  }
  if (debrief.value.notice) process.stderr.write(`warning: ${debrief.value.notice}\n`);
  const text = debriefCsv(debrief.value, options);
  try {
    writeFileSync(out, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "its folder does not exist" : code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : (e as Error).message;
    process.stderr.write(`error: cannot write CSV '${out}': ${why}\n`);
    return 1;
  }
  const rows = text.split("\r\n").length - 2;
  process.stdout.write(`wrote ${out}: ${rows} rows (${debrief.value.seats.length} seats x ${rows / Math.max(1, debrief.value.seats.length)} turns), ${debrief.value.mode === "public" ? "public figures only" : "re-simulated"}\n`);
  return 0;
}

function printSummary(log: ParsedLog): void {
  for (const line of log.lines) {
    if (!isKind(line.body, "resolved")) continue;
    const view = line.body.public as MatchView;
    const best = [...(view.scores ?? [])].sort((a, b) => b.score - a.score)[0];
    process.stdout.write(`  turn ${line.body.turn} (${view.year}): world emissions ${formatNumber(view.worldE)}, leader ${best?.seat ?? "-"} ${best ? formatNumber(best.score) : ""}, state ${line.body.stateHash.slice(0, 12)}\n`);
  }
}

function printTurn(view: MatchView): void {
  process.stdout.write(`\nAfter turn ${view.turn - 1} (now ${view.year}):\n`);
  for (const s of [...view.scores].sort((a, b) => a.role.localeCompare(b.role) || b.score - a.score)) {
    process.stdout.write(`  ${s.role.padEnd(8)} ${s.seat.padEnd(22)} score ${formatNumber(s.score).padStart(8)}  pct ${formatNumber(s.percentile)}\n`);
  }
}
