/**
 * Match logs for debrief and replay tests, written by `npm run sim` itself (byte-identical for the
 * same arguments), once per test process; and the forger's tool: rewrite bodies, rebuild the chain.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MatchLogBuilder, parseLog, type LineBody } from "../../shared/matchlog.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "bri-logs-"));
const made = new Map<string, { path: string; text: string }>();

/** The log of `npm run sim -- --seed N --seats K --turns T --log FILE`: its path and text. */
export function simLog(seed: number, seats: number, turns: number): { path: string; text: string } {
  const key = `${seed}-${seats}-${turns}`;
  let log = made.get(key);
  if (!log) {
    const path = join(dir, `sim-${key}.jsonl`);
    const r = spawnSync(process.execPath, [join(root, "server/cli/sim.ts"), "--seed", String(seed), "--seats", String(seats), "--turns", String(turns), "--log", path], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`sim failed: ${r.stderr}`);
    log = { path, text: readFileSync(path, "utf8") };
    made.set(key, log);
  }
  return log;
}

/** Rewrites a log's bodies and rebuilds a valid hash chain, as a forger would. */
export function forge(text: string, edit: (body: LineBody, index: number) => LineBody): string {
  const parsed = parseLog(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const builder = new MatchLogBuilder();
  parsed.value.lines.forEach((line, i) => {
    const { seq: _seq, prev: _prev, hash: _hash, ...body } = line.body;
    builder.append(edit(body as LineBody, i));
  });
  return builder.toString();
}
