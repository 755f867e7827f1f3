/**
 * The CSV export, from the shared function and from `npm run replay -- FILE --csv OUT`: its columns,
 * one row per seat per turn with the engine's own figures, RFC 4180 quoting, seat names on request,
 * and clear errors for bad arguments and unwritable files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { csvField, csvLine, debriefCsv } from "../shared/debrief/csv.ts";
import { debriefOf } from "../shared/debrief/frames.ts";
import { smileIndex } from "../shared/market.ts";
import { parseLog } from "../shared/matchlog.ts";
import { replayLog } from "../shared/replay.ts";
import { STAGES } from "../shared/types.ts";
import { mustOk } from "./support/fixtures.ts";
import { forge, simLog } from "./support/sim-logs.ts";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "bri-csv-"));

function replayCli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "server/cli/replay.ts"), ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read back what was written. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

let log = { path: "", text: "" };
beforeAll(() => {
  log = simLog(4, 8, 3);
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says, and leaves unknown figures empty", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvLine(["Oceanic Shipping & Offshore", "x,y", 3])).toBe('Oceanic Shipping & Offshore,"x,y",3');
  });
});

describe("the export of a match", () => {
  it("has one row per seat per turn, the columns asked for, and the engine's figures unrounded", () => {
    const parsed = mustOk(parseLog(log.text));
    const d = mustOk(debriefOf(parsed));
    const text = debriefCsv(d);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = readCsv(text.slice(1));
    const states = mustOk(replayLog(parsed)).states;
    const links = states[0]!.clusters.flatMap((c) => c.links.map((l) => `governance_${c.id}~${l.leadFirm}`));
    expect(header).toEqual(["turn", "seat", "role", "money", "value_added", "smile_index", "score", "P", "Q", "F", "X", ...links]);
    expect(rows).toHaveLength(states.length * states[0]!.seats.length);
    const col = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      const state = states[Number(row[0]) - 1]!;
      const seat = row[1]!;
      const score = state.scores.find((s) => s.seat === seat)!;
      expect(row[col("role")]).toBe(score.role);
      expect(Number(row[col("score")])).toBe(score.score);
      const cluster = state.clusters.find((c) => c.id === seat);
      const host = state.hosts.find((h) => h.id === seat);
      const lead = state.leadFirms.find((l) => l.id === seat);
      expect(Number(row[col("money")])).toBe((cluster ?? host ?? lead)!.money);
      if (cluster) {
        expect(Number(row[col("value_added")])).toBe(STAGES.reduce((s, st) => s + cluster.vaLast[st], 0));
        expect(Number(row[col("smile_index")])).toBe(smileIndex(cluster.vaLast, state.scenario.parameters));
        expect(["P", "Q", "F", "X"].map((k) => Number(row[col(k)]))).toEqual([cluster.P, cluster.Q, cluster.F, cluster.X]);
        for (const l of cluster.links) expect(row[col(`governance_${seat}~${l.leadFirm}`)]).toBe(l.governance);
      } else {
        expect(row[col("value_added")]).toBe("");
        expect(row[col("X")]).toBe("");
      }
      if (lead) expect(["P", "Q", "F"].map((k) => Number(row[col(k)]))).toEqual([lead.P, lead.Q, lead.F]);
      if (host) expect(links.every((l) => row[col(l)] === "")).toBe(true);
    }
  });

  it("replaces seat ids by the scenario's seat names on request, quoting those that need it", () => {
    const d = mustOk(debriefOf(mustOk(parseLog(log.text))));
    const named = debriefCsv(d, { names: true, bom: false });
    expect(named.startsWith("turn,")).toBe(true);
    const [header, ...rows] = readCsv(named);
    expect(rows.map((r) => r[1])).toContain("Tangshan Steel Cluster");
    expect(rows.map((r) => r[1])).toContain("Kazakhstan");
    expect(rows.some((r) => r[1] === "tangshan_steel")).toBe(false);
    expect(header).toContain("governance_Tangshan Steel Cluster~Meridian Commodities");
    // A name with a comma is quoted: rename a host in the header's scenario (a log of another
    // engine version, so that it is read rather than re-simulated) and read the field back.
    const renamed = forge(log.text, (body) => {
      if (body.kind !== "header") return body;
      const scenario = structuredClone(body.scenario) as { hosts: Array<{ id: string; name: { en: string } }> };
      scenario.hosts.find((h) => h.id === "KAZ")!.name.en = 'Kazakhstan, "the steppe"';
      return { ...body, engineVersion: "0.0.9", scenario };
    });
    const rowsRenamed = readCsv(debriefCsv(mustOk(debriefOf(mustOk(parseLog(renamed)))), { names: true, bom: false }));
    expect(rowsRenamed.map((r) => r[1])).toContain('Kazakhstan, "the steppe"');
    expect(rowsRenamed.every((r) => r.length === header!.length)).toBe(true);
  });

  it("gives only public figures for a log of another engine version", () => {
    const old = forge(log.text, (body) => (body.kind === "header" ? { ...body, engineVersion: "0.0.9" } : body));
    const [header, ...rows] = readCsv(debriefCsv(mustOk(debriefOf(mustOk(parseLog(old)))), { bom: false }));
    const col = (name: string) => header!.indexOf(name);
    expect(rows.every((r) => r[col("money")] === "" && r[col("P")] === "")).toBe(true);
    expect(rows.every((r) => r[col("score")] !== "")).toBe(true);
    expect(rows.filter((r) => r[col("role")] === "cluster").every((r) => r[col("smile_index")] !== "")).toBe(true);
  });
});

describe("npm run replay -- FILE --csv OUT", () => {
  it("writes the file the page's button writes", () => {
    const out = join(dir, "match.csv");
    const r = replayCli(log.path, "--csv", out, "--names");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*match\.csv: \d+ rows/);
    const d = mustOk(debriefOf(mustOk(parseLog(log.text))));
    expect(readFileSync(out, "utf8")).toBe(debriefCsv(d, { names: true }));
    expect(replayCli(log.path, "--csv", out, "--no-bom").code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(debriefCsv(d, { bom: false }));
  });

  it("refuses bad arguments with the usage line (exit 2)", () => {
    const cases: Array<[string[], RegExp]> = [
      [[log.path, "--names"], /--names only applies with --csv/],
      [[log.path, "--no-bom"], /--no-bom only applies with --csv/],
      [[log.path, "--csv"], /argument missing|--csv/],
      [[log.path, "--csv", " "], /--csv needs the file to write/],
      [[log.path, "--csv", log.path], /must not be the log itself/],
    ];
    for (const [args, message] of cases) {
      const r = replayCli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain("usage: npm run replay");
    }
  });

  it("says why it cannot write OUT (exit 1), and writes nothing for a log that diverges", () => {
    const missing = replayCli(log.path, "--csv", join(dir, "no/such/folder/out.csv"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot write CSV .*its folder does not exist/);
    mkdirSync(join(dir, "a-folder"), { recursive: true });
    expect(replayCli(log.path, "--csv", join(dir, "a-folder")).err).toMatch(/it is a directory/);

    const forged = join(dir, "forged.jsonl");
    writeFileSync(forged, forge(log.text, (body) => (body.kind === "orders" && body.turn === 2 && Array.isArray(body.actions) && body.actions.length > 0 ? { ...body, actions: [] } : body)));
    const out = join(dir, "forged.csv");
    const r = replayCli(forged, "--csv", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no CSV written: the log DIVERGES at line \d+, turn 2/);
    expect(() => readFileSync(out)).toThrow();
  });

  it("warns that a log of another engine version gives public figures only", () => {
    const old = join(dir, "old.jsonl");
    writeFileSync(old, forge(log.text, (body) => (body.kind === "header" ? { ...body, engineVersion: "0.0.9" } : body)));
    const r = replayCli(old, "--csv", join(dir, "old.csv"));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*only the public viewpoint/);
    expect(r.out).toMatch(/public figures only/);
  });
});
