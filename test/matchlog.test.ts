import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashJson, sha256Hex } from "../shared/hash.ts";
import type { LineBody, LogProblem, ParsedLog } from "../shared/matchlog.ts";
import {
  GENESIS,
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  MatchLogBuilder,
  checkEngineVersion,
  encodeLine,
  isKind,
  makeHeader,
  parseLog,
} from "../shared/matchlog.ts";

const scenario = {
  id: "bri-default",
  name: { en: "Belt and Road", zh: "一带一路" },
  clusters: [{ id: "yiwu", name: { en: "Yiwu", zh: "义乌" }, stage: "M", capacity: 12.5 }],
  hosts: [{ id: "gwadar", name: { en: "Gwadar", zh: "瓜达尔" } }],
};

const header = makeHeader({
  engineVersion: "0.1.0",
  scenario,
  seed: 42,
  seats: [
    { id: "c1", role: "cluster" },
    { id: "h1", role: "host" },
  ],
  settings: { rounds: 2, timers: { negotiate: 120 } },
});

/** A small but complete match: every line kind, two turns. */
function sampleBodies(): LineBody[] {
  const state1 = { turn: 1, cash: { c1: 10, h1: 4 } };
  const state2 = { turn: 2, cash: { c1: 13, h1: 5 } };
  return [
    header,
    { kind: "phase", turn: 1, phase: "negotiate" },
    { kind: "offer", turn: 1, seat: "c1", action: { type: "propose", to: "h1", blocks: 3 } },
    { kind: "offer", turn: 1, seat: "h1", action: { type: "accept", offer: 0 } },
    { kind: "phase", turn: 1, phase: "commit" },
    { kind: "orders", turn: 1, seat: "c1", by: "human", actions: [{ type: "invest", stage: "D1" }] },
    {
      kind: "orders",
      turn: 1,
      seat: "h1",
      by: "ai",
      actions: [{ type: "park", level: "med" }],
      reasons: ["host margin below 20%: opened a park at Gwadar（瓜达尔）"],
    },
    { kind: "resolved", turn: 1, stateHash: hashJson(state1), public: state1 },
    { kind: "phase", turn: 2, phase: "negotiate" },
    { kind: "instructor", turn: 2, action: { type: "inject-event", event: "port-strike" } },
    { kind: "orders", turn: 2, seat: "c1", by: "timeout", actions: [] },
    { kind: "orders", turn: 2, seat: "h1", by: "bot", actions: [] },
    { kind: "resolved", turn: 2, stateHash: hashJson(state2), public: state2 },
    { kind: "finished", turn: 2, stateHash: hashJson(state2), ranking: ["c1", "h1"] },
  ];
}

function build(bodies: LineBody[] = sampleBodies()): MatchLogBuilder {
  const builder = new MatchLogBuilder();
  for (const body of bodies) builder.append(body);
  return builder;
}

const SAMPLE = build().toString();
const SAMPLE_LINES = SAMPLE.split("\n").slice(0, -1);

function parsed(text: string): ParsedLog {
  const result = parseLog(text);
  if (!result.ok) throw new Error(`expected a valid log: ${result.error.message}`);
  return result.value;
}

function problem(text: string): LogProblem {
  const result = parseLog(text);
  if (result.ok) throw new Error("expected the log to be refused");
  return result.error;
}

const joinLines = (lines: string[]): string => `${lines.join("\n")}\n`;

describe("writing a match log", () => {
  it("lays every line out as seq, kind, turn, fields, prev, hash", () => {
    for (const [i, line] of SAMPLE_LINES.entries()) {
      expect(line).toMatch(new RegExp(`^\\{"seq":${i},"kind":"[a-z]+","turn":\\d+,.*,"prev":"[0-9a-f]{64}","hash":"[0-9a-f]{64}"\\}$`));
    }
    expect(SAMPLE.endsWith("}\n")).toBe(true);
    expect(SAMPLE_LINES[0]).toContain(`"format":"${LOG_FORMAT}","formatVersion":${LOG_FORMAT_VERSION}`);
  });

  it("hashes the exact bytes before the hash field, prev included", () => {
    const { text, hash } = encodeLine(GENESIS, 0, { kind: "phase", turn: 3, phase: "commit", note: undefined });
    const prefix = `{"seq":0,"kind":"phase","turn":3,"phase":"commit","prev":"${GENESIS}"`;
    expect(text).toBe(`${prefix},"hash":"${sha256Hex(prefix)}"}`);
    expect(hash).toBe(sha256Hex(prefix));
    // Kind and turn come first whatever the body's own key order.
    const reordered = encodeLine(GENESIS, 0, { phase: "commit", turn: 3, kind: "phase" });
    expect(reordered.text).toBe(text);
  });

  it("chains each line to the one before", () => {
    const log = parsed(SAMPLE);
    expect(log.lines[0]?.body.prev).toBe(GENESIS);
    for (let i = 1; i < log.lines.length; i++) expect(log.lines[i]?.body.prev).toBe(log.lines[i - 1]?.hash);
  });

  it("refuses programming errors when encoding", () => {
    expect(() => encodeLine(GENESIS, 0, { kind: "phase", turn: 1, phase: "x", seq: 3 })).toThrow(/"seq"/);
    expect(() => encodeLine(GENESIS, 0, { kind: "phase", turn: 1, hash: "x" })).toThrow(/"hash"/);
    expect(() => encodeLine(GENESIS, 0, { kind: "resolved", turn: 1, public: { cash: NaN } })).toThrow(/resolved\.public\.cash/);
    expect(() => encodeLine("abc", 0, { kind: "phase", turn: 1 })).toThrow(/prev/);
    expect(() => encodeLine(GENESIS, -1, { kind: "phase", turn: 1 })).toThrow(/seq/);
    expect(() => encodeLine(GENESIS, 0, { kind: "phase", turn: 1.5 })).toThrow(/turn/);
  });

  it("keeps the builder to the format: header first and once, known kinds well-formed, nothing after finished", () => {
    expect(() => new MatchLogBuilder().append({ kind: "phase", turn: 0, phase: "negotiate" })).toThrow(/not a match log/);
    expect(() => new MatchLogBuilder().append({ ...header, formatVersion: 99 })).toThrow(/version 99/);
    const builder = new MatchLogBuilder();
    builder.append(header);
    expect(() => builder.append(header)).toThrow(/header can only be the first line/);
    expect(() => builder.append({ kind: "orders", turn: 1, seat: "c1", by: "robot", actions: [] })).toThrow(/"by"/);
    expect(() => builder.append({ kind: "resolved", turn: 1, public: {} })).toThrow(/stateHash/);
    expect(builder.nextSeq).toBe(1);
    builder.append({ kind: "finished", turn: 1, stateHash: "x", ranking: [] });
    expect(builder.finished).toBe(true);
    expect(() => builder.append({ kind: "phase", turn: 2, phase: "negotiate" })).toThrow(/finished/);
  });

  it("continues a log read back from its text, byte for byte", () => {
    const bodies = sampleBodies();
    const whole = build(bodies).toString();
    for (const cut of [1, 5, bodies.length - 1]) {
      const first = build(bodies.slice(0, cut));
      const resumed = new MatchLogBuilder(parsed(first.toString()));
      expect(resumed.nextSeq).toBe(cut);
      expect(resumed.lastHash).toBe(first.lastHash);
      for (const body of bodies.slice(cut)) resumed.append(body);
      expect(resumed.toString()).toBe(whole);
    }
    expect(new MatchLogBuilder().toString()).toBe("");
    expect(new MatchLogBuilder().lastHash).toBe(GENESIS);
  });
});

describe("reading a match log", () => {
  it("reads back a built log with its header, lines and line numbers", () => {
    const log = parsed(SAMPLE);
    expect(log.finished).toBe(true);
    expect(log.header.kind).toBe("header");
    expect(log.header.engineVersion).toBe("0.1.0");
    expect(log.header.scenario).toEqual(scenario);
    expect(log.header.seed).toBe(42);
    expect(log.lines).toHaveLength(SAMPLE_LINES.length);
    const bodies = sampleBodies();
    for (const [i, line] of log.lines.entries()) {
      expect(line.lineNo).toBe(i + 1);
      expect(line.text).toBe(SAMPLE_LINES[i]);
      expect(line.body.seq).toBe(i);
      expect(line.body).toMatchObject(JSON.parse(JSON.stringify(bodies[i])) as object);
    }
    const ai = log.lines[6]?.body;
    expect(ai && isKind(ai, "orders") ? ai.reasons : null).toEqual(["host margin below 20%: opened a park at Gwadar（瓜达尔）"]);
  });

  it("reads an unfinished log and one without the final newline", () => {
    const lines = SAMPLE_LINES.slice(0, 8);
    expect(parsed(joinLines(lines)).finished).toBe(false);
    expect(parsed(lines.join("\n")).lines).toHaveLength(8);
  });

  it("finds any single edited byte, on its line (property)", () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const lineOfByte: number[] = [];
    let line = 1;
    for (const byte of bytes) {
      lineOfByte.push(line);
      if (byte === 0x0a) line++;
    }
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), (position, replacement) => {
        fc.pre(bytes[position] !== replacement);
        const edited = bytes.slice();
        edited[position] = replacement;
        const error = problem(decoder.decode(edited));
        expect(error.line).toBe(lineOfByte[position]);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds an edited character anywhere, on its line (property)", () => {
    const printable = fc.oneof(fc.constantFrom(..."0123456789abcdef\"{}[],: \n"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.nat({ max: SAMPLE.length - 1 }), printable, (position, replacement) => {
        fc.pre(SAMPLE[position] !== replacement);
        const edited = SAMPLE.slice(0, position) + replacement + SAMPLE.slice(position + 1);
        const expectedLine = SAMPLE.slice(0, position).split("\n").length;
        expect(problem(edited).line).toBe(expectedLine);
      }),
      { numRuns: 1000 },
    );
  });

  it("explains an edited value: code, line, turn, expected and actual hashes", () => {
    const lines = [...SAMPLE_LINES];
    lines[7] = (lines[7] ?? "").replace('"c1":10', '"c1":99');
    const error = problem(joinLines(lines));
    expect(error).toMatchObject({ code: "hash", line: 8, turn: 1 });
    expect(error.message).toMatch(/^line 8 \(turn 1\): hash does not match its contents — the line was edited/);
    expect(error.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(error.actual).toBe(parsed(SAMPLE).lines[7]?.hash);
    expect(error.expected).not.toBe(error.actual);
  });

  it("finds reordered, deleted and duplicated lines", () => {
    const swapped = [...SAMPLE_LINES];
    [swapped[4], swapped[5]] = [swapped[5] ?? "", swapped[4] ?? ""];
    expect(problem(joinLines(swapped))).toMatchObject({ code: "seq", line: 5, expected: "4", actual: "5" });

    const deleted = SAMPLE_LINES.filter((_, i) => i !== 9);
    expect(problem(joinLines(deleted))).toMatchObject({ code: "seq", line: 10, turn: 2 });

    const duplicated = [...SAMPLE_LINES.slice(0, 4), SAMPLE_LINES[3] ?? "", ...SAMPLE_LINES.slice(4)];
    expect(problem(joinLines(duplicated))).toMatchObject({ code: "seq", line: 5 });

    const withoutHeader = SAMPLE_LINES.slice(1);
    expect(problem(joinLines(withoutHeader))).toMatchObject({ code: "seq", line: 1 });

    const lastTwoSwapped = [...SAMPLE_LINES.slice(0, -2), SAMPLE_LINES.at(-1) ?? "", SAMPLE_LINES.at(-2) ?? ""];
    expect(problem(joinLines(lastTwoSwapped)).line).toBe(SAMPLE_LINES.length - 1);
  });

  it("finds a line spliced in from another log, even with the right seq", () => {
    const other = build(sampleBodies().map((body) => (body.kind === "header" ? { ...body, seed: 7 } : body))).lines;
    const spliced = [...SAMPLE_LINES];
    spliced[3] = other[3] ?? "";
    const error = problem(joinLines(spliced));
    expect(error).toMatchObject({ code: "chain", line: 4, turn: 1, expected: parsed(SAMPLE).lines[2]?.hash });
    expect(error.message).toMatch(/does not chain to line 3/);
  });

  it("gives the right codes for empty, garbage, foreign and future files", () => {
    expect(problem("")).toMatchObject({ code: "empty", line: 1 });
    expect(problem("  \n\n\t\n")).toMatchObject({ code: "empty" });
    expect(problem("hello world\n")).toMatchObject({ code: "malformed", line: 1 });
    expect(problem("[1,2,3]\n")).toMatchObject({ code: "malformed", line: 1 });
    expect(problem('{"name":"package.json"}\n')).toMatchObject({ code: "not-a-match-log", line: 1 });

    const foreign = encodeLine(GENESIS, 0, { ...header, format: "some-other-log" }).text;
    expect(problem(`${foreign}\n`)).toMatchObject({ code: "not-a-match-log", line: 1, expected: LOG_FORMAT, actual: "some-other-log" });
    const notHeader = encodeLine(GENESIS, 0, { kind: "phase", turn: 0, phase: "negotiate" }).text;
    expect(problem(`${notHeader}\n`)).toMatchObject({ code: "not-a-match-log", line: 1 });

    const future = encodeLine(GENESIS, 0, { ...header, formatVersion: 2 }).text;
    const futureError = problem(`${future}\n`);
    expect(futureError).toMatchObject({ code: "format-version", line: 1, expected: "1", actual: "2" });
    expect(futureError.message).not.toMatch(/edited/);

    const bumped = (SAMPLE_LINES[0] ?? "").replace('"formatVersion":1', '"formatVersion":3');
    const bumpedError = problem(joinLines([bumped, ...SAMPLE_LINES.slice(1)]));
    expect(bumpedError).toMatchObject({ code: "format-version", line: 1 });
    expect(bumpedError.message).toMatch(/header may have been edited/);

    const renamed = (SAMPLE_LINES[0] ?? "").replace(`"${LOG_FORMAT}"`, '"bri-gvc-matchlOg"');
    expect(problem(joinLines([renamed, ...SAMPLE_LINES.slice(1)]))).toMatchObject({ code: "hash", line: 1 });
  });

  it("refuses blank lines inside the file, Windows line endings and a cut-short last line", () => {
    const blank = [...SAMPLE_LINES.slice(0, 3), "", ...SAMPLE_LINES.slice(3)];
    expect(problem(joinLines(blank))).toMatchObject({ code: "malformed", line: 4 });
    expect(problem(`${SAMPLE}\n`)).toMatchObject({ code: "malformed", line: SAMPLE_LINES.length + 1 });
    expect(problem(SAMPLE.replaceAll("\n", "\r\n")).message).toMatch(/^line 1: ends with a carriage return/);
    expect(problem(SAMPLE.slice(0, -20))).toMatchObject({ code: "malformed", line: SAMPLE_LINES.length });
    expect(problem(`${SAMPLE.slice(0, -1)} \n`)).toMatchObject({ code: "hash", line: SAMPLE_LINES.length });
  });

  it("refuses a second header and lines after finished, even when correctly chained", () => {
    const log = parsed(SAMPLE);
    const after = encodeLine(log.lines.at(-1)?.hash ?? "", log.lines.length, { kind: "phase", turn: 3, phase: "negotiate" }).text;
    expect(problem(SAMPLE + after)).toMatchObject({ code: "structure", line: SAMPLE_LINES.length + 1 });

    const first = build(sampleBodies().slice(0, 2));
    const second = encodeLine(first.lastHash, 2, header).text;
    expect(problem(`${first.toString()}${second}\n`)).toMatchObject({ code: "structure", line: 3 });

    const badOrders = encodeLine(first.lastHash, 2, { kind: "orders", turn: 1, seat: "c1", by: "human" }).text;
    expect(problem(`${first.toString()}${badOrders}\n`)).toMatchObject({ code: "malformed", line: 3, turn: 1 });
  });

  it("never throws, whatever the text (property)", () => {
    const fragment = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.constantFrom(...SAMPLE_LINES),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.constantFrom("{", "}", '"hash":', '"seq":0', "\n", "\r\n", "null", "\ud800"),
    );
    const texts = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join("\n")),
      fc.tuple(fc.nat({ max: SAMPLE.length }), fc.array(fragment, { maxLength: 3 })).map(
        ([at, parts]) => SAMPLE.slice(0, at) + parts.join("") + SAMPLE.slice(at),
      ),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const result = parseLog(text);
        if (!result.ok) {
          expect(result.error.message).toMatch(/^(line \d+|the file)/);
          expect(result.error.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("reads back any log the builder writes (property)", () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const body: fc.Arbitrary<LineBody> = fc.oneof(
      fc.record({ kind: fc.constant("offer"), turn: fc.nat(20), seat: fc.string(), action: json }),
      fc.record(
        {
          kind: fc.constant("orders"),
          turn: fc.nat(20),
          seat: fc.string(),
          by: fc.constantFrom("human", "ai", "bot", "timeout"),
          actions: fc.array(json, { maxLength: 3 }),
          reasons: fc.array(fc.string(), { maxLength: 3 }),
        },
        { requiredKeys: ["kind", "turn", "seat", "by", "actions"] },
      ),
      fc.record({ kind: fc.constant("instructor"), turn: fc.nat(20), action: json }),
      fc.record({ kind: fc.constant("phase"), turn: fc.nat(20), phase: fc.string() }),
      fc.record({ kind: fc.constant("resolved"), turn: fc.nat(20), stateHash: fc.string(), public: json }),
      fc.record({ kind: fc.constantFrom("chat", "note"), turn: fc.nat(20), text: fc.string({ unit: "binary" }) }),
    );
    fc.assert(
      fc.property(json, fc.array(body, { maxLength: 12 }), fc.boolean(), (scenarioValue, bodies, finish) => {
        const builder = new MatchLogBuilder();
        builder.append(makeHeader({ engineVersion: "x", scenario: scenarioValue, seed: 1, seats: [], settings: {} }));
        for (const b of bodies) builder.append(b);
        if (finish) builder.append({ kind: "finished", turn: 20, stateHash: "h", ranking: [] });
        const log = parsed(builder.toString());
        expect(log.lines.map((line) => line.text)).toEqual(builder.lines);
        expect(log.finished).toBe(finish);
        expect(log.header.scenario).toEqual(JSON.parse(JSON.stringify(scenarioValue)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("engine versions", () => {
  it("accepts the same engine version and explains another one", () => {
    const log = parsed(SAMPLE);
    expect(checkEngineVersion(log.header, "0.1.0")).toEqual({ ok: true, value: true });
    const result = checkEngineVersion(log.header, "0.2.0");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: "engine-version", line: 1, expected: "0.2.0", actual: "0.1.0" });
      expect(result.error.message).toMatch(/written by engine version 0\.1\.0.*cannot be re-simulated/);
    }
  });
});
