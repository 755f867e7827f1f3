/**
 * Opening a log for the debrief as a user uploads it: whole logs become frames with the engine's own
 * states, broken ones are refused with the line and turn where they break (edited, spliced,
 * truncated, forged), and a log of another engine version is shown from its public states only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../shared/canonical.ts";
import { debriefOf, frameFor, frameView, viewpoints } from "../shared/debrief/frames.ts";
import { firstLines, openLog, openSoundPart } from "../shared/debrief/open.ts";
import { absorptionSeries, corridorSeries, decisionTimeline, distributionAt, governanceSeries, headerDifferences, lorenz, matchSummary, referenceComparison, smileSeries, turnFrames, type ReferenceCurves } from "../shared/debrief/series.ts";
import { hashState } from "../shared/hash.ts";
import { makeHeader, MatchLogBuilder, parseLog, type LineBody } from "../shared/matchlog.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { createMatch } from "../shared/state.ts";
import { ENGINE_VERSION } from "../shared/version.ts";
import { replayLog } from "../shared/replay.ts";
import { viewFor } from "../shared/view.ts";
import reference from "../assets/reference/belt-and-road.json" with { type: "json" };
import { defaultScenario, mustOk } from "./support/fixtures.ts";
import { forge, simLog } from "./support/sim-logs.ts";

let text = "";
let other = "";

beforeAll(() => {
  text = simLog(4, 8, 3).text;
  other = simLog(5, 8, 3).text;
});

const lines = () => text.split("\n").filter((l) => l !== "");
const lineNo = (kind: string, turn: number) => lines().findIndex((l) => l.includes(`"kind":"${kind}","turn":${turn},`)) + 1;

describe("a whole log", () => {
  it("becomes three frames a turn whose states are the engine's own, turn by turn", () => {
    const opened = openLog(text);
    if (!opened.ok) throw new Error(opened.breakage.message);
    const d = opened.debrief;
    expect(d.mode).toBe("resimulated");
    expect(d.notice).toBeNull();
    expect(d.frames.map((f) => `${f.turn}:${f.phase}`)).toEqual(["1:negotiate", "1:commit", "1:report", "2:negotiate", "2:commit", "2:report", "3:negotiate", "3:commit", "3:report"]);
    const replayed = mustOk(replayLog(mustOk(parseLog(text))));
    turnFrames(d).forEach((frame, i) => {
      expect(hashState(frame.state!)).toBe(hashState(replayed.states[i]!));
      expect(frame.line).toBe(lineNo("resolved", frame.turn));
    });
    // The commit frame shows the state the orders were given in; its orders are those the log records.
    const commit = d.frames[1]!;
    const recorded = lines().filter((l) => l.includes('"kind":"orders","turn":1,'));
    expect(commit.orders.map((o) => o.seat)).toEqual(recorded.map((l) => (JSON.parse(l) as { seat: string }).seat));
    expect(commit.orders.some((o) => o.reasons.some((r) => r !== null && r.en.length > 0 && r.zh.length > 0))).toBe(true);
    expect(d.frames[0]!.offers.length).toBe(lines().filter((l) => l.includes('"kind":"offer","turn":1,')).length);
  });

  it("shows each viewpoint what it saw: the engine's view, its own orders and offers, its part of the report", () => {
    const d = mustOk(debriefOf(mustOk(parseLog(text))));
    expect(viewpoints(d)).toEqual(["instructor", "public", ...d.seats.map((s) => s.id)]);
    const frame = turnFrames(d)[1]!;
    const seat = frame.orders.length > 0 ? frame.orders[0]!.seat : d.frames[4]!.orders[0]!.seat;
    expect(canonicalJson(frameView(frame, seat))).toBe(canonicalJson(viewFor(frame.state!, seat)));
    const commit = d.frames[4]!;
    const own = frameFor(commit, seat);
    expect(own.orders.every((o) => o.seat === seat)).toBe(true);
    expect(own.offers.every((o) => o.parties.includes(seat))).toBe(true);
    expect(frameFor(commit, "public").orders).toEqual([]);
    const report = frameFor(frame, seat).report!;
    expect(report.entries.every((e) => e.public || e.seats.includes(seat))).toBe(true);
    expect(report.entries.length).toBeLessThan(frame.report!.entries.length);
  });

  it("gives each chart its series from the engine's figures", () => {
    const d = mustOk(debriefOf(mustOk(parseLog(text))));
    const frames = turnFrames(d);
    const last = frames.at(-1)!;
    const smile = smileSeries(d);
    expect(smile.map((s) => s.cluster)).toEqual(last.state!.clusters.map((c) => c.id));
    for (const s of smile) for (const [i, p] of s.points.entries()) expect(p.smile).toBe(frames[i]!.publicView!.scores.find((r) => r.seat === s.cluster)!.smile);
    // Every upgrade the report names appears on its cluster's arrow, lettered P, Q, F or X.
    const upgrades = last.report!.entries.filter((e) => e.code.startsWith("UPGRADE_"));
    const letters = smile.flatMap((s) => s.points.at(-1)!.upgrades);
    expect(letters.length).toBe(upgrades.length);
    expect(letters.every((u) => ["P", "Q", "F", "X"].includes(u.letter))).toBe(true);

    const gov = governanceSeries(d);
    expect(gov.length).toBe(last.state!.clusters.reduce((n, c) => n + c.links.length, 0));
    for (const g of gov) {
      const link = last.state!.clusters.find((c) => c.id === g.cluster)!.links.find((l) => l.leadFirm === g.leadFirm)!;
      expect(g.points.at(-1)!.governance).toBe(link.governance);
      expect(g.points.every((p) => p.C !== null && p.D !== null && p.K !== null)).toBe(true);
    }

    const moved = frames.reduce((n, f) => n + f.report!.entries.filter((e) => e.code === "TRANSFER_DONE").length, 0);
    expect(frames.reduce((n, f) => n + f.moved.length, 0)).toBe(moved);
    const corridors = corridorSeries(d);
    expect(corridors.some((c) => c.corridor === "CN_TRUNK")).toBe(false);
    expect(corridors.every((c) => c.points.length === frames.length)).toBe(true);

    const dist = distributionAt(last)!;
    expect(dist.clusters.map((c) => c.value)).toEqual(last.state!.clusters.map((c) => c.vaCum));
    expect(dist.hosts.map((h) => h.value)).toEqual(last.state!.hosts.map((h) => h.taxCum));
    expect(dist.lorenz.points.at(-1)).toEqual({ population: 1, value: 1 });

    const absorption = absorptionSeries(d);
    const arrived = frames.reduce((n, f) => n + f.moved.reduce((s, m) => s + m.blocks, 0), 0);
    expect(absorption.reduce((n, h) => n + h.points.reduce((s, p) => s + p.absorbed, 0), 0)).toBe(arrived);
    expect(absorption.find((h) => h.host === "KAZ")!.points.at(-1)!.A).toBe(last.state!.hosts.find((h) => h.id === "KAZ")!.A);

    const timeline = decisionTimeline(d);
    expect(timeline.decisions.filter((x) => x.phase === "commit").length).toBe(lines().filter((l) => l.includes('"kind":"orders"')).length);

    const ref = referenceComparison(d, reference as ReferenceCurves, "cluster", "score");
    expect(ref.sameScenario).toBe(true);
    expect(ref.archetypes.map((a) => a.archetype).sort()).toEqual(["transferrer", "upgrader", "volume"]);
    expect(ref.classCurve).toHaveLength(3);
  });

  it("computes a Lorenz curve and Gini coefficient", () => {
    expect(lorenz([1, 1, 1, 1]).gini).toBeCloseTo(0, 12);
    expect(lorenz([0, 0, 0, 10]).gini).toBeCloseTo(0.75, 12);
    expect(lorenz([5, -3]).points).toEqual([{ population: 0, value: 0 }, { population: 0.5, value: 0 }, { population: 1, value: 1 }]);
  });

  it("compares two matches: the parameters that differ and each one's curves", () => {
    const changed = forge(text, (body) => {
      if (body.kind !== "header") return body;
      const scenario = structuredClone(body.scenario) as { parameters: { score: { smileW: number } } };
      scenario.parameters.score.smileW += 1;
      return { ...body, scenario };
    });
    const a = mustOk(debriefOf(mustOk(parseLog(text))));
    const b = mustOk(parseLog(changed)).header;
    const diff = headerDifferences(a.header, b);
    const smileW = (a.header.scenario as { parameters: { score: { smileW: number } } }).parameters.score.smileW;
    expect(diff).toEqual([{ path: "scenario.parameters.score.smileW", a: smileW, b: smileW + 1 }]);
    const seeds = headerDifferences(a.header, mustOk(parseLog(other)).header);
    expect(seeds).toContainEqual({ path: "seed", a: 4, b: 5 });
    expect(seeds.some((x) => x.path.startsWith("scenario."))).toBe(false);
    expect(matchSummary(a)).toHaveLength(3);
  });
});

describe("a broken log is refused with its line and turn", () => {
  it("an edited byte: the line, its turn and the hash it should have", () => {
    const all = text.split("\n");
    const at = lineNo("orders", 2);
    all[at - 1] = all[at - 1]!.replace('"by":"ai"', '"by":"human"');
    const opened = openLog(all.join("\n"));
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.breakage).toMatchObject({ stage: "chain", code: "hash", line: at, turn: 2, soundLines: at - 1 });
    expect(opened.breakage.message).toMatch(new RegExp(`^line ${at} \\(turn 2\\): hash does not match`));
    // What stands before the break can be opened on its own: turn 1 and the start of turn 2.
    const part = openSoundPart(all.join("\n"), opened.breakage)!;
    expect(part.lines).toBe(at - 1);
    expect(turnFrames(part).map((f) => f.turn)).toEqual([1]);
    expect(part.finished).toBe(false);
  });

  it("a line spliced in from another match's log", () => {
    const all = text.split("\n");
    const foreign = other.split("\n");
    const at = lineNo("orders", 1);
    all[at - 1] = foreign[at - 1]!;
    const opened = openLog(all.join("\n"));
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.breakage).toMatchObject({ stage: "chain", code: "chain", line: at, turn: 1 });
  });

  it("a file cut short in the middle of a line, and one cut at a line's end (a shorter, unfinished match)", () => {
    const cut = text.slice(0, text.indexOf('"kind":"resolved","turn":2') + 40);
    const opened = openLog(cut);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.breakage).toMatchObject({ stage: "chain", code: "malformed", line: lineNo("resolved", 2) });

    const shorter = openLog(firstLines(text, lineNo("resolved", 2)));
    if (!shorter.ok) throw new Error(shorter.breakage.message);
    expect(shorter.debrief.finished).toBe(false);
    expect(turnFrames(shorter.debrief).map((f) => f.turn)).toEqual([1, 2]);
  });

  it("a forged log with a rebuilt chain: the first resolution it no longer reproduces, with both hashes", () => {
    const forged = forge(text, (body) => (body.kind === "orders" && body.turn === 2 && Array.isArray(body.actions) && body.actions.length > 0 ? { ...body, actions: [] } : body));
    const opened = openLog(forged);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.breakage).toMatchObject({ stage: "replay", code: "state-hash", line: lineNo("resolved", 2), turn: 2 });
    expect(opened.breakage.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.breakage.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.breakage.actual).not.toBe(opened.breakage.expected);
  });

  it("something that is not a match log at all, or an empty file", () => {
    for (const junk of ["", "hello\n", '{"kind":"header"}\n', "\u0000\u0001binary"]) {
      const opened = openLog(junk);
      expect(opened.ok).toBe(false);
      if (!opened.ok) {
        expect(opened.breakage.line).toBe(1);
        expect(opened.breakage.soundLines).toBe(0);
        expect(openSoundPart(junk, opened.breakage)).toBeNull();
      }
    }
  });
});

describe("a log of another engine version", () => {
  it("is shown from its recorded public states only, and says so", () => {
    const old = forge(text, (body) => (body.kind === "header" ? { ...body, engineVersion: "0.0.9" } : body));
    const opened = openLog(old);
    if (!opened.ok) throw new Error(opened.breakage.message);
    const d = opened.debrief;
    expect(d.mode).toBe("public");
    expect(d.notice).toMatch(/engine version 0\.0\.9.*only the public viewpoint/);
    expect(viewpoints(d)).toEqual(["public"]);
    const recorded = lines().filter((l) => l.includes('"kind":"resolved"')).map((l) => (JSON.parse(l) as { public: unknown }).public);
    expect(turnFrames(d).map((f) => canonicalJson(f.publicView))).toEqual(recorded.map((v) => canonicalJson(v)));
    expect(turnFrames(d).every((f) => f.state === null && f.report === null)).toBe(true);
    expect(frameView(turnFrames(d)[0]!, "instructor")).toBeNull();
    // Before the first resolution there is no recorded state to show.
    expect(d.frames[0]!.publicView).toBeNull();
    // Transfers are read off the plants that grew in the hosts; private figures are unknown.
    const whole = mustOk(debriefOf(mustOk(parseLog(text))));
    const arrived = (x: typeof d) => turnFrames(x).map((f) => f.moved.reduce((s, m) => s + m.blocks, 0));
    expect(arrived(d)).toEqual(arrived(whole));
    expect(turnFrames(d).every((f) => f.movedFromPlants)).toBe(true);
    expect(distributionAt(turnFrames(d)[0]!)).toBeNull();
    expect(governanceSeries(d).every((g) => g.points.every((p) => p.C === null))).toBe(true);
  });
});

describe("an instructor's undo", () => {
  /** Turn 1 resolved, undone by the instructor, given orders again and resolved again: the server's record of an undo. */
  function undoneLog(engineVersion = ENGINE_VERSION): string {
    const s0 = mustOk(createMatch(defaultScenario(), [{ seat: "KAZ", controller: "human" }], 9));
    const orders = { KAZ: [{ type: "training" }] };
    const first = resolveTurn(s0, {});
    const again = resolveTurn(s0, orders);
    const bodies: LineBody[] = [
      { kind: "resolved", turn: 1, stateHash: hashState(first.state), public: viewFor(first.state, "public") },
      { kind: "instructor", turn: 2, action: { type: "undo" } },
      { kind: "orders", turn: 1, seat: "KAZ", by: "human", actions: orders.KAZ },
      { kind: "resolved", turn: 1, stateHash: hashState(again.state), public: viewFor(again.state, "public") },
    ];
    const log = new MatchLogBuilder();
    log.append(makeHeader({ engineVersion, scenario: s0.scenario, seed: 9, seats: [{ seat: "KAZ", controller: "human" }], settings: {} }));
    for (const b of bodies) log.append(b);
    return log.toString();
  }

  it("takes the undone resolution out of the timeline and marks the turn played again", () => {
    for (const [engine, mode] of [[ENGINE_VERSION, "resimulated"], ["0.0.9", "public"]] as const) {
      const d = mustOk(debriefOf(mustOk(parseLog(undoneLog(engine)))));
      expect(d.mode).toBe(mode);
      expect(d.frames.map((f) => `${f.turn}:${f.phase}:${f.line}`)).toEqual(["1:negotiate:3", "1:commit:4", "1:report:5"]);
      expect(d.frames[0]!.undoneAt).toEqual([3]);
      expect(d.frames[1]!.orders.map((o) => o.seat)).toEqual(["KAZ"]);
      expect(d.frames[1]!.instructor.map((i) => i.action.type)).toEqual(["undo"]);
      const recorded = (JSON.parse(undoneLog(engine).split("\n")[4]!) as { public: unknown }).public;
      expect(canonicalJson(d.frames[2]!.publicView)).toBe(canonicalJson(recorded));
    }
  });
});
