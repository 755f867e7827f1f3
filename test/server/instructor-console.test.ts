/**
 * What the instructor console needs from the server: the full session settings in POST
 * /api/sessions (scenario file, overrides, AI per seat, events, visibility), recorded in the log
 * header so `npm run replay -- FILE --verify` re-simulates the match; refusals naming the field;
 * watching a seat read-only; and what each role may see.
 */
import type { Room as SdkRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { aiOrders, defaultArchetypes } from "../../shared/ai/index.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import { FULL_VISIBILITY } from "../../shared/session-settings.ts";
import { createMatch } from "../../shared/state.ts";
import type { MatchView } from "../../shared/view.ts";
import { decide } from "../../server/ai/players.ts";
import { AiPool } from "../../server/ai/pool.ts";
import { createSession, recoverSession } from "../../server/rooms/session-files.ts";
import { MatchStore } from "../../server/storage/matches.ts";
import type { MatchRoom } from "../../server/rooms/match-room.ts";
import { readScenarioFile } from "../../server/scenario-file.ts";
import { heldPublicView, startHarness, until, type Harness } from "./harness.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const post = (body: unknown) => fetch(`${h.url}/api/sessions`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

function inbox(room: SdkRoom) {
  const got: Array<{ type: string | number; payload: unknown }> = [];
  room.onMessage("*", (type, payload) => got.push({ type, payload }));
  room.send("resync");
  const of = <T>(type: string) => got.filter((m) => m.type === type).map((m) => m.payload as T);
  return { of, ack: (id: string) => of<{ id: string; ok: boolean; error?: { code: string; en: string; zh: string } }>("ack").find((a) => a.id === id) };
}

describe("creating a session with the console's settings", () => {
  test("scenario overrides, AI per seat, events and visibility are recorded in the header; the finished log replays and verifies", async () => {
    const settings = {
      rounds: 2,
      seed: 17,
      difficulty: "easy",
      ai: [{ seat: "KAZ", archetype: "rentier", difficulty: "hard" }],
      events: { forced: ["pandemic"], disabled: ["red_sea"] },
      visibility: { cluster: { scores: "own" } },
      overrides: [{ path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "MODULAR" }],
    };
    const res = await post(settings);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { code: string; matchId: string; roomId: string; instructorToken: string };
    const room = matchMaker.getLocalRoomById(created.roomId) as MatchRoom;
    const served = (await (await fetch(`${h.url}/api/sessions/${created.code}/scenario`)).json()) as { clusters: Array<{ id: string; links: Array<{ governance: string }> }> };
    expect(served.clusters.find((c) => c.id === "shaoxing_apparel")?.links[0]?.governance).toBe("MODULAR");

    // Nobody joins: the AI plays every seat and the short timers run the match to its end.
    const instructor = await h.sdk().join("class", { code: created.code, instructorToken: created.instructorToken });
    instructor.onMessage("*", () => undefined);
    instructor.send("instructor", { id: "start", command: { type: "start" } });
    // The phase turns "finished" before the finished line is on disk: wait for the line.
    const finishedLog = () => {
      const read = parseLog(readFileSync(room.session.logPath, "utf8"));
      return read.ok && read.value.finished;
    };
    await until("the end of the match", () => room.session.phase === "finished" && finishedLog(), 30_000);

    const text = readFileSync(room.session.logPath, "utf8");
    const log = parseLog(text);
    if (!log.ok) throw new Error(log.error.message);
    const header = log.value.header;
    expect(header.settings).toMatchObject({ rounds: 2, events: { forced: ["pandemic"], disabled: ["red_sea"] }, visibility: { cluster: { scores: "own", rivals: "public", governance: "all" } }, overrides: settings.overrides });
    expect((header.settings.ai as Array<{ seat: string }>).find((a) => a.seat === "KAZ")).toEqual({ seat: "KAZ", archetype: "rentier", difficulty: "hard" });
    expect((header.settings.ai as Array<{ seat: string; difficulty: string }>).find((a) => a.seat === "RUS")?.difficulty).toBe("easy");
    expect((header.scenario as typeof served).clusters.find((c) => c.id === "shaoxing_apparel")?.links[0]?.governance).toBe("MODULAR");
    expect(log.value.lines[1]?.body).toMatchObject({ kind: "instructor", turn: 1, action: { type: "eventControls", forced: ["pandemic"], disabled: ["red_sea"] } });
    // The forced card was drawn in the first round's events.
    const firstPublic = log.value.lines.find((l) => l.body.kind === "resolved")?.body.public as MatchView;
    expect(firstPublic.events.map((e) => e.card)).toContain("pandemic");

    // The seat set to hard plans ahead (its reasons name the plan its rollouts chose); the easy ones do not.
    const reasonsOf = (seat: string) => log.value.lines.filter((l) => l.body.kind === "orders" && l.body.seat === seat).flatMap((l) => (l.body.reasons as Array<{ en: string }> | undefined) ?? []).map((r) => r.en);
    expect(reasonsOf("KAZ").some((r) => r.includes("rollouts"))).toBe(true);
    expect(reasonsOf("RUS").some((r) => r.includes("rollouts"))).toBe(false);

    const replay = replayLog(log.value);
    if (!replay.ok) throw new Error(`replay diverges at line ${replay.error.line}: ${replay.error.message}`);
    expect(replay.value.finished).toBe(true);
    const cli = spawnSync(process.execPath, [join(ROOT, "server/cli/replay.ts"), room.session.logPath, "--verify"], { encoding: "utf8" });
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    await instructor.leave();
  });

  test("an uploaded scenario file is played, and recorded whole", async () => {
    const scenario = readScenarioFile();
    if (!scenario.ok) throw new Error(scenario.error);
    const changed = { ...scenario.value, id: "my-class-scenario" };
    const res = await post({ scenario: changed, rounds: 1 });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { roomId: string };
    const room = matchMaker.getLocalRoomById(created.roomId) as MatchRoom;
    expect(room.session.state.scenario.id).toBe("my-class-scenario");
  });

  test("settings that do not fit are refused with the field, in English and Chinese; unknown fields still are", async () => {
    const broken = readScenarioFile();
    if (!broken.ok) throw new Error(broken.error);
    const scenario = structuredClone(broken.value) as unknown as { hosts: Array<{ lpi: { value: number } }> };
    scenario.hosts[1]!.lpi.value = 9;
    for (const [body, path] of [
      [{ ai: [{ seat: "KAZ", archetype: "gatekeeper" }] }, "ai[0].archetype"],
      [{ overrides: [{ path: "clusters.shaoxing_apparel.links.eurowear.governance", value: "FEUDAL" }] }, "overrides[0].value"],
      [{ overrides: [{ path: "clusters.nobody.money", value: 3 }] }, "overrides[0].path"],
      [{ events: { forced: ["no_card"] } }, "events.forced[0]"],
      [{ difficulty: "impossible" }, "difficulty"],
      [{ visibility: { host: { rivals: "some" } } }, "visibility.host.rivals"],
      [{ scenario }, "scenario.hosts[1].lpi.value"],
      [{ colour: "red" }, "(root)"],
      [{ adminPassword: 42 }, "adminPassword"],
    ] as const) {
      const res = await post(body);
      expect(res.status, path).toBe(400);
      const json = (await res.json()) as { error: string; zh: string; issues: Array<{ path: string; en: string; zh: string }> };
      expect(json.issues.map((i) => i.path), path).toContain(path);
      expect(json.error, path).toContain(path);
      expect(json.zh, path).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("watching a seat and what each role sees", () => {
  test("the instructor receives exactly a seat's views; a student cannot watch; rivals and others' scores are hidden from the role that may not see them", async () => {
    // Long timers: the instructor moves the phases on.
    const res = await post({ rounds: 2, seed: 4, timers: { briefing: 600, negotiate: 600, commit: 600, report: 600 }, visibility: { cluster: { rivals: "hidden", scores: "own" } }, openRoles: ["cluster", "host"] });
    const created = (await res.json()) as { code: string; roomId: string; instructorToken: string };
    const sdk = h.sdk();
    const instructor = await sdk.join("class", { code: created.code, instructorToken: created.instructorToken });
    const projector = await sdk.join("class", { code: created.code, projector: true });
    const cluster = await sdk.join("class", { code: created.code, name: "Ann", seat: "tangshan_steel" });
    const host = await sdk.join("class", { code: created.code, name: "Bo", seat: "KAZ" });
    const [ib, pb, cb, hb] = [instructor, projector, cluster, host].map(inbox) as [ReturnType<typeof inbox>, ReturnType<typeof inbox>, ReturnType<typeof inbox>, ReturnType<typeof inbox>];
    await until("every public view", () => [ib, pb, cb, hb].every((b) => b.of("public").length > 0));
    const clustersSeen = (b: ReturnType<typeof inbox>) => heldPublicView(b.of("public"))!.clusters.map((c) => c.id);
    expect(clustersSeen(cb)).toEqual(["tangshan_steel"]);
    expect(clustersSeen(hb).length).toBeGreaterThan(5);
    expect(clustersSeen(pb)).toEqual(clustersSeen(hb));

    instructor.send("instructor", { id: "w1", command: { type: "watch", seat: "tangshan_steel" } });
    await until("the watched views", () => ib.of("watch").length > 0);
    expect(ib.ack("w1")).toMatchObject({ ok: true });
    const watched = ib.of<{ seat: string; public: MatchView; private: { seat: string; entity: { money: number } } }>("watch").at(-1)!;
    expect(watched.seat).toBe("tangshan_steel");
    expect(watched.public.clusters.map((c) => c.id)).toEqual(["tangshan_steel"]);
    await until("the student's private view", () => cb.of("private").length > 0);
    expect(watched.private).toEqual(cb.of("private").at(-1));

    // Event controls reach the instructor's own view at once.
    instructor.send("instructor", { id: "ev", command: { type: "eventControls", forced: ["tech_leap"], disabled: [] } });
    await until("the instructor's view with the forced card", () => ib.of<{ view?: MatchView }>("private").some((p) => p.view?.eventControls?.forced.includes("tech_leap") === true));
    instructor.send("instructor", { id: "w2", command: { type: "watch", seat: "atlantis" } });
    await until("the refusal", () => ib.ack("w2") !== undefined);
    expect(ib.ack("w2")).toMatchObject({ ok: false, error: { code: "NO_SUCH_SEAT", zh: expect.stringContaining("atlantis") } });
    cluster.send("instructor", { id: "w3", command: { type: "watch", seat: "KAZ" } });
    await until("the student's refusal", () => cb.ack("w3") !== undefined);
    expect(cb.ack("w3")).toMatchObject({ ok: false, error: { code: "NOT_INSTRUCTOR" } });
    expect(cb.of("watch")).toEqual([]);

    // A resolution: the watcher gets the seat's new views with it; the cluster sees its own score only.
    const room = matchMaker.getLocalRoomById(created.roomId) as MatchRoom;
    for (const [id, type, phase] of [["start", "start", "briefing"], ["a1", "advance", "negotiate"], ["a2", "advance", "commit"], ["a3", "advance", "report"]] as const) {
      instructor.send("instructor", { id, command: { type } });
      await until(`the ${phase} phase`, () => room.session.phase === phase, 20_000);
    }
    await until("the scores", () => heldPublicView(cb.of("public"))!.turn === 2 && heldPublicView(hb.of("public"))!.turn === 2);
    expect(heldPublicView(cb.of("public"))!.scores.map((s) => s.seat)).toEqual(["tangshan_steel"]);
    expect(heldPublicView(hb.of("public"))!.scores.length).toBeGreaterThan(10);
    await until("the watched turn", () => ib.of<{ public: MatchView }>("watch").at(-1)!.public.turn === 2);
    instructor.send("instructor", { id: "w4", command: { type: "watch", seat: null } });
    await until("stopped", () => ib.ack("w4") !== undefined);
    expect(ib.ack("w4")).toMatchObject({ ok: true });
    for (const r of [instructor, projector, cluster, host]) await r.leave();
  });
});

test("the server's AI plays a seat given with its archetype and difficulty as the shared AI does, and a bare seat id with the default mix", () => {
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const seats = [...scenario.value.clusters, ...scenario.value.hosts, ...scenario.value.leadFirms].map((e) => ({ seat: e.id, controller: "ai" as const }));
  const state = createMatch(scenario.value, seats, 9);
  if (!state.ok) throw new Error(state.error.message);
  const chosen = { seat: "KAZ", archetype: "cautious", difficulty: "easy" } as const;
  const [decision] = decide({ task: "orders", state: state.value, seats: [chosen] });
  expect(decision?.actions).toEqual(aiOrders(state.value, chosen).map((c) => c.action));
  const byDefault = defaultArchetypes(scenario.value, 9, "normal", ["KAZ"])[0]!;
  expect(decide({ task: "orders", state: state.value, seats: ["KAZ"] })[0]?.actions).toEqual(aiOrders(state.value, byDefault).map((c) => c.action));
});

test("a session rebuilt from its log after a crash keeps each seat's AI, the visibility and the event cards set at creation", async () => {
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const dir = mkdtempSync(join(tmpdir(), "bri-console-recover-"));
  const store = new MatchStore(dir);
  await store.init();
  const pool = new AiPool(1);
  try {
    const ai = defaultArchetypes(scenario.value, 2).map((a) => (a.seat === "KAZ" ? { ...a, archetype: "cautious" as const, difficulty: "hard" as const } : a));
    const visibility = { cluster: { scores: "own", rivals: "hidden", governance: "own" }, host: FULL_VISIBILITY, lead: FULL_VISIBILITY } as const;
    const minute = 60_000;
    const session = await createSession(
      store,
      pool,
      { room: "class", code: "QWERT", matchId: "m1", rounds: 3, timers: { briefing: minute, negotiate: minute, commit: minute, report: minute }, openRoles: ["cluster"], instructorTokenHash: "x", scenario: scenario.value, seed: 2, ai, visibility, events: { forced: [], disabled: ["pandemic"] } },
      Date.now,
    );
    await session.close();
    const recovered = await recoverSession(store, pool, "m1", readFileSync(store.pathOf("m1"), "utf8"), Date.now);
    if (!recovered.ok) throw new Error(recovered.error);
    expect(recovered.value.config.ai).toEqual(ai);
    expect(recovered.value.config.visibility).toEqual(visibility);
    expect(recovered.value.state.eventControls).toEqual({ forced: [], disabled: ["pandemic"] });
    await recovered.value.close();
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
