/** The simulation and replay programs as a user runs them: output, exit codes, and bad input. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseLog } from "../shared/matchlog.ts";
import { forge } from "./support/sim-logs.ts";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "bri-cli-"));

function run(script: "sim" | "replay", ...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "server/cli", `${script}.ts`), ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);


let logPath = "";
let logText = "";

beforeAll(() => {
  logPath = join(dir, "match.jsonl");
  const r = run("sim", "--seed", "5", "--seats", "10", "--turns", "3", "--log", logPath);
  expect(r.code).toBe(0);
  logText = readFileSync(logPath, "utf8");
});

describe("npm run sim", () => {
  it("prints a per-round table and the final ranking", () => {
    const r = run("sim", "--seed", "2", "--seats", "6", "--turns", "2");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/turn\s+year\s+cluster VA/);
    expect(r.out).toMatch(/Final ranking/);
    expect(r.out.split("\n").filter((l) => /^\s+\d+\s+20\d\d\s/.test(l))).toHaveLength(2);
  });

  it("writes a byte-identical log for the same arguments, with no clock times or paths in it", () => {
    const second = join(dir, "again.jsonl");
    expect(run("sim", "--seed", "5", "--seats", "10", "--turns", "3", "--log", second).code).toBe(0);
    expect(readFileSync(second, "utf8")).toBe(logText);
    expect(logText).not.toContain(dir);
    expect(logText).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
    const other = join(dir, "other.jsonl");
    run("sim", "--seed", "6", "--seats", "10", "--turns", "3", "--log", other);
    expect(readFileSync(other, "utf8")).not.toBe(logText);
  });

  it("answers --help with its usage", () => {
    const r = run("sim", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("usage: npm run sim");
  });

  it.each([
    [["--colour", "red"], /unknown option/i],
    [["--seed", "abc"], /--seed expects a whole number/],
    [["--seed=-3"], /--seed must be between/],
    [["--seats", "0"], /--seats must be between 1 and 36/],
    [["--seats", "99"], /--seats must be between 1 and 36/],
    [["--turns", "2.5"], /--turns expects a whole number/],
    [["--bots", "clever"], /--bots must be 'random'/],
    [["--seed"], /argument missing|requires a value|expects/i],
  ])("refuses %j with a clear message and exit 2", (args, message) => {
    const r = run("sim", ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("usage:");
    noStackTrace(r.err);
  });

  it("refuses unreadable, malformed and invalid scenario files with exit 1", () => {
    const missing = run("sim", "--scenario", join(dir, "nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read scenario file .*no such file/);
    const garbage = join(dir, "garbage.json");
    writeFileSync(garbage, "{ not json");
    expect(run("sim", "--scenario", garbage).err).toMatch(/is not valid JSON/);
    const bad = JSON.parse(readFileSync(join(root, "assets/scenarios/belt-and-road.json"), "utf8"));
    bad.clusters[0].homeNode = "atlantis";
    bad.parameters.gov.theta = "half";
    const invalid = join(dir, "invalid.json");
    writeFileSync(invalid, JSON.stringify(bad));
    const r = run("sim", "--scenario", invalid);
    expect(r.code).toBe(1);
    expect(r.err).toContain("parameters.gov.theta");
    noStackTrace(r.err);
    expect(run("sim", "--scenario", dir).err).toMatch(/it is a directory/);
  });

  it("seats AI players by default, with reasons in the log, and keeps the random bots on --bots random", () => {
    const ai = parseLog(logText);
    if (!ai.ok) throw new Error(ai.error.message);
    expect(ai.value.header.settings).toMatchObject({ bots: "ai" });
    const orders = ai.value.lines.filter((l) => l.body.kind === "orders");
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((l) => l.body.by === "ai")).toBe(true);
    expect(orders.some((l) => (l.body.reasons as Array<{ en: string; zh: string }>).some((r) => /\d/.test(r.en) && /[\u4e00-\u9fff]/.test(r.zh)))).toBe(true);
    const path = join(dir, "random.jsonl");
    const r = run("sim", "--seed", "5", "--seats", "6", "--turns", "2", "--bots", "random", "--log", path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/6 bot seats/);
    const random = parseLog(readFileSync(path, "utf8"));
    if (!random.ok) throw new Error(random.error.message);
    expect(random.value.header.settings).toMatchObject({ bots: "random" });
    expect(random.value.lines.filter((l) => l.body.kind === "orders").every((l) => l.body.by === "bot" && l.body.reasons === undefined)).toBe(true);
  });

  it("lets each seat's archetype and difficulty be chosen, and shows them in the ranking", () => {
    const path = join(dir, "chosen.jsonl");
    const r = run("sim", "--seed", "3", "--seats", "4", "--turns", "1", "--difficulty", "easy", "--ai", "tangshan_steel=volume:hard,KAZ=cautious,eurowear=default", "--log", path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tangshan_steel\s+cluster\s+volume\/hard/);
    expect(r.out).toMatch(/KAZ\s+host\s+cautious\/easy/);
    expect(r.out).toMatch(/eurowear\s+lead\s+(gatekeeper|partner)\/easy/);
    expect(run("replay", path, "--verify").code).toBe(0);
  });

  it.each([
    [["--difficulty", "expert"], /--difficulty must be one of easy, normal, hard/],
    [["--ai", "tangshan_steel"], /--ai expects SEAT=ARCHETYPE/],
    [["--ai", "atlantis=upgrader"], /no seat 'atlantis'/],
    [["--ai", "PAK=upgrader"], /'upgrader' is not a host archetype/],
    [["--ai", "PAK=rentier:godlike"], /--difficulty must be one of/],
    [["--bots", "random", "--ai", "PAK=rentier"], /do not go with --bots random/],
  ])("refuses AI choices %j with a clear message and exit 2", (args, message) => {
    const r = run("sim", "--turns", "1", ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStackTrace(r.err);
  });

  it("refuses an unwritable log path", () => {
    const r = run("sim", "--turns", "1", "--log", join(dir, "no/such/dir/log.jsonl"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write log/);
  });
});

describe("npm run replay", () => {
  it("verifies a simulated match by re-simulating it", () => {
    const r = run("replay", logPath, "--verify");
    expect(r.code).toBe(0);
    expect(r.out).toContain("hash chain intact");
    expect(r.out).toMatch(/verified: re-simulating 3 turns/);
  });

  it("shows the recorded state of a turn without re-simulating", () => {
    const r = run("replay", logPath, "--turn", "2");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/After turn 2/);
    expect(r.out).toMatch(/cluster\s+\S+\s+score/);
    expect(run("replay", logPath, "--turn", "9").err).toMatch(/turn 9 was not resolved/);
  });

  it("finds an edited byte and names its line", () => {
    const lines = logText.split("\n");
    lines[3] = lines[3]!.replace('"turn":1', '"turn":2');
    const edited = join(dir, "edited.jsonl");
    writeFileSync(edited, lines.join("\n"));
    const r = run("replay", edited, "--verify");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 4/);
    noStackTrace(r.err);
  });

  it("finds a forged but well-chained log by re-simulation, naming line, turn, expected and actual", () => {
    const forged = forge(logText, (body) =>
      body.kind === "orders" && body.turn === 2 && Array.isArray(body.actions) && body.actions.length > 0 ? { ...body, actions: [] } : body,
    );
    const path = join(dir, "forged.jsonl");
    writeFileSync(path, forged);
    const r = run("replay", path, "--verify");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/DIVERGES at line \d+, turn 2/);
    expect(r.err).toMatch(/expected: [0-9a-f]{64}/);
    expect(r.err).toMatch(/actual: {3}[0-9a-f]{64}/);
  });

  it("reports a log from another engine version as such (exit 3)", () => {
    const path = join(dir, "old.jsonl");
    writeFileSync(path, forge(logText, (body) => (body.kind === "header" ? { ...body, engineVersion: "0.0.1" } : body)));
    const r = run("replay", path, "--verify");
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/0\.0\.1/);
    expect(r.out).toContain("hash chain intact");
  });

  it("refuses bad arguments and bad files clearly", () => {
    expect(run("replay").code).toBe(2);
    expect(run("replay", "a", "b").err).toMatch(/one log file at a time/);
    expect(run("replay", logPath, "--turn", "x").err).toMatch(/--turn expects a whole number/);
    const missing = run("replay", join(dir, "missing.jsonl"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such file/);
    const notLog = join(dir, "notlog.jsonl");
    writeFileSync(notLog, '{"hello":"world"}\n');
    const r = run("replay", notLog);
    expect(r.code).toBe(1);
    noStackTrace(r.err);
    expect(run("replay", "--help").out).toContain("usage: npm run replay");
  });
});
