/**
 * The instructor's controls (only with the instructor token), the projector's public-only view,
 * and offers between seats delivered live: student to student, and student to an AI seat.
 */
import type { Room as SdkRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Negotiation } from "../../shared/actions.ts";
import { hashState } from "../../shared/hash.ts";
import { legalActions } from "../../shared/legal.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import type { MatchRoom } from "../../server/rooms/match-room.ts";
import { controllerOf } from "../../server/rooms/seats.ts";
import { namesFrom, withTexts, type Welcome, type WireEntry } from "../../client/net/protocol.ts";
import { heldPublicView, startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ BRIEFING_SECONDS: "600", NEGOTIATE_SECONDS: "600", COMMIT_SECONDS: "600", REPORT_SECONDS: "600" });
});
afterAll(async () => {
  await h.close();
});

function inbox(room: SdkRoom) {
  const got: Array<{ type: string | number; payload: unknown }> = [];
  room.onMessage("*", (type, payload) => got.push({ type, payload }));
  room.send("resync");
  const of = <T>(type: string) => got.filter((m) => m.type === type).map((m) => m.payload as T);
  return { got, of, ack: (id: string) => of<{ id: string; ok: boolean; error?: { code: string; en: string; zh: string } }>("ack").find((a) => a.id === id) };
}

async function command(room: SdkRoom, box: ReturnType<typeof inbox>, id: string, cmd: Record<string, unknown>) {
  room.send("instructor", { id, command: cmd });
  await until(`the answer to ${id}`, () => box.ack(id) !== undefined);
  return box.ack(id)!;
}

describe("the instructor", () => {
  test("pause, resume, extend, broadcast, events, seats to AI and back, advance, undo (kept in the log), end", async () => {
    const cls = await h.createClass({ rounds: 3, seed: 21 });
    const server = matchMaker.getLocalRoomById(cls.roomId) as MatchRoom;
    const sdk = h.sdk();
    const instructor = await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken });
    const projector = await sdk.join("class", { code: cls.code, projector: true });
    const student = await sdk.join("class", { code: cls.code, name: "Ann" });
    await sdk.join("class", { code: cls.code, name: "Bob" });
    const ib = inbox(instructor);
    const pb = inbox(projector);
    const sb = inbox(student);
    await until("the student's seat", () => sb.of("welcome").length > 0);
    const seat = sb.of<{ seat: string }>("welcome")[0]!.seat;

    expect(await command(instructor, ib, "start", { type: "start" })).toMatchObject({ ok: true });
    expect(await command(instructor, ib, "a1", { type: "advance" })).toMatchObject({ ok: true });
    await until("negotiation", () => server.session.phase === "negotiate");

    // What every client sees of the room state, which the room copies from the session at each patch.
    const shown = () => instructor.state as unknown as { paused: boolean; remaining: number; deadline: number; seats: Map<string, { controller: string; open: boolean }> };
    expect(await command(instructor, ib, "p", { type: "pause" })).toMatchObject({ ok: true });
    await until("the pause shown", () => shown().paused);
    student.send("ready", {});
    await until("the refusal", () => sb.ack("ready") !== undefined);
    expect(sb.ack("ready")).toMatchObject({ ok: false, error: { code: "PAUSED", zh: expect.stringContaining("暂停") } });
    const left = shown().remaining;
    expect(left).toBeGreaterThan(0);
    expect(await command(instructor, ib, "e", { type: "extend", seconds: 30 })).toMatchObject({ ok: true });
    await until("the extension shown", () => shown().remaining === left + 30_000);
    expect(await command(instructor, ib, "r", { type: "resume" })).toMatchObject({ ok: true });
    await until("the resumption shown", () => !shown().paused);
    expect(shown().deadline).toBeGreaterThan(Date.now() + 600_000);

    expect(await command(instructor, ib, "b", { type: "broadcast", text: "Five minutes left / 还剩五分钟" })).toMatchObject({ ok: true });
    await until("the broadcast", () => sb.of("broadcast").length > 0 && pb.of("broadcast").length > 0);
    expect(sb.of<{ text: string }>("broadcast")[0]!.text).toBe("Five minutes left / 还剩五分钟");

    const cards = server.session.state.scenario.eventCards.map((c) => c.id);
    expect(await command(instructor, ib, "ev-bad", { type: "eventControls", forced: ["no_such_card"], disabled: [] })).toMatchObject({ ok: false, error: { zh: expect.stringContaining("no_such_card") } });
    expect(await command(instructor, ib, "ev", { type: "eventControls", forced: [cards[0]!], disabled: [cards[1]!] })).toMatchObject({ ok: true });

    expect(await command(instructor, ib, "ai", { type: "seatController", seat, controller: "ai" })).toMatchObject({ ok: true });
    await until("the AI seat shown", () => shown().seats.get(seat)?.controller === "ai");
    student.send("ready", {});
    await until("the refusal", () => sb.of<{ id: string; error?: { code: string } }>("ack").some((a) => a.id === "ready" && a.error?.code === "AI_SEAT"));
    expect(await command(instructor, ib, "human", { type: "seatController", seat, controller: "human" })).toMatchObject({ ok: true });
    await until("the human seat shown", () => shown().seats.get(seat)?.controller === "human");
    const lead = server.session.state.scenario.leadFirms[0]!.id;
    expect(shown().seats.get(lead)?.open).toBe(false);
    expect(await command(instructor, ib, "roles", { type: "openRoles", roles: ["cluster", "host", "lead"] })).toMatchObject({ ok: true });
    await until("the open lead seat shown", () => shown().seats.get(lead)?.open === true);

    expect(await command(instructor, ib, "undo-too-early", { type: "undo" })).toMatchObject({ ok: false, error: { code: "NOTHING_TO_UNDO" } });
    expect(await command(instructor, ib, "a2", { type: "advance" })).toMatchObject({ ok: true });
    await until("commit", () => server.session.phase === "commit");
    expect(await command(instructor, ib, "a3", { type: "advance" })).toMatchObject({ ok: true });
    await until("the report", () => server.session.phase === "report");
    expect(server.session.state.turn).toBe(2);
    const resolvedHash = hashState(server.session.state);

    expect(await command(instructor, ib, "undo", { type: "undo" })).toMatchObject({ ok: true });
    expect(server.session.state.turn).toBe(1);
    expect(server.session.phase).toBe("commit");
    expect(await command(instructor, ib, "a4", { type: "advance" })).toMatchObject({ ok: true });
    await until("the report again", () => server.session.phase === "report");
    expect(await command(instructor, ib, "end", { type: "end" })).toMatchObject({ ok: true });
    expect(server.session.phase).toBe("finished");
    expect(await command(instructor, ib, "late", { type: "pause" })).toMatchObject({ ok: false, error: { code: "FINISHED" } });

    const log = parseLog(readFileSync(server.session.logPath, "utf8"));
    if (!log.ok) throw new Error(log.error.message);
    const kinds = log.value.lines.filter((l) => l.body.kind === "instructor").map((l) => (l.body.action as { type: string }).type);
    expect(kinds).toEqual(["advance", "pause", "extend", "resume", "broadcast", "eventControls", "seatController", "seatController", "openRoles", "advance", "advance", "undo", "advance", "end"]);
    expect(log.value.lines.filter((l) => l.body.kind === "resolved")).toHaveLength(2);
    const replay = replayLog(log.value);
    if (!replay.ok) throw new Error(replay.error.message);
    expect(hashState(replay.value.final)).toBe(hashState(server.session.state));
    expect(resolvedHash).not.toBe("");

    // The projector got the public state and broadcasts, never a private view.
    expect(pb.of("private")).toHaveLength(0);
    expect(heldPublicView(pb.of("public"))).toMatchObject({ viewer: "public", turn: server.session.state.turn });
  });
});

describe("offers", () => {
  test("student to student: the offer and its acceptance reach both live; student to AI: the AI answers", async () => {
    const cls = await h.createClass({ rounds: 2, seed: 8 });
    const server = matchMaker.getLocalRoomById(cls.roomId) as MatchRoom;
    const state = server.session.state;
    // A cluster and a host that can make a transfer deal.
    const pair = state.scenario.clusters.flatMap((c) => legalActions(state, c.id).filter((a): a is Extract<Negotiation, { type: "propose" }> => a.type === "propose" && state.scenario.hosts.some((x) => x.id === a.to)).map((a) => ({ from: c.id, action: a }))).at(0);
    if (!pair) throw new Error("no cluster can propose to a host in this scenario");
    const sdk = h.sdk();
    const instructor = await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken });
    const seller = await sdk.join("class", { code: cls.code, name: "Cluster", seat: pair.from });
    const buyer = await sdk.join("class", { code: cls.code, name: "Host", seat: pair.action.to });
    const ib = inbox(instructor);
    const sb = inbox(seller);
    const bb = inbox(buyer);
    await command(instructor, ib, "s", { type: "start" });
    await command(instructor, ib, "a", { type: "advance" });
    await until("negotiation", () => server.session.phase === "negotiate");

    seller.send("action", { id: "offer-1", action: pair.action });
    await until("the offer at the host", () => bb.of<{ from: string }>("offer").some((o) => o.from === pair.from));
    await until("the acknowledgement", () => sb.ack("offer-1") !== undefined);
    const offerId = sb.ack("offer-1");
    expect(offerId).toMatchObject({ ok: true, result: expect.stringMatching(/^o\d+$/) });
    buyer.send("action", { id: "accept-1", action: { type: "accept", offer: (offerId as unknown as { result: string }).result } });
    await until("the acceptance at the cluster", () => sb.of<{ action: { type: string } }>("offer").some((o) => o.action.type === "accept"));
    // The step comes with what it did, as the report says it: code and params on the wire, and the
    // client writes the text with the names of its welcome, naming the seats rather than giving their ids.
    const accepted = sb.of<{ action: { type: string }; entries: WireEntry[] }>("offer").find((o) => o.action.type === "accept");
    const hostName = state.scenario.hosts.find((x) => x.id === pair.action.to)?.name;
    expect(accepted?.entries.map((e) => e.code)).toEqual(["OFFER_ACCEPTED"]);
    expect(accepted?.entries[0]).not.toHaveProperty("text");
    const [read] = withTexts(accepted?.entries ?? [], namesFrom(sb.of<Welcome>("welcome")[0]!));
    expect(read?.text.en).toContain(hostName?.en);
    expect(read?.text.zh).toContain(hostName?.zh);
    await until("the acknowledgement", () => bb.ack("accept-1") !== undefined);
    // A refusal names places and seats as the scenario does, not by their ids.
    const elsewhere = state.scenario.nodes.find((n) => n.country !== pair.action.to && state.scenario.hosts.some((x) => x.id === n.country));
    if (!elsewhere) throw new Error("no node in another host");
    const wrongPlace = { type: "propose", to: pair.action.to, terms: { kind: "transfer", cluster: pair.from, host: pair.action.to, node: elsewhere.id, stage: "M", blocks: 1, payment: 0, jv: false } };
    seller.send("action", { id: "offer-wrong-place", action: wrongPlace });
    await until("the refusal", () => sb.ack("offer-wrong-place") !== undefined);
    const refused = sb.ack("offer-wrong-place") as unknown as { ok: boolean; error: { code: string; en: string; zh: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: "NODE_NOT_IN_HOST" } });
    expect(refused.error.en).toContain(`'${elsewhere.name.en}' is not in ${hostName?.en}`);
    expect(refused.error.zh).toContain(elsewhere.name.zh);
    const contract = { id: (bb.ack("accept-1") as unknown as { result: string }).result };
    expect(contract.id).toMatch(/^c\d+$/);
    await until("the contract in both views", () =>
      [sb, bb].every((b) => b.of<{ contracts: Array<{ id: string }> }>("private").at(-1)?.contracts.some((c) => c.id === contract.id)),
    );

    // An offer to a seat the AI plays is answered by the AI, live.
    const toAi = legalActions(server.session.state, pair.from).find(
      (a): a is Extract<Negotiation, { type: "propose" }> => a.type === "propose" && controllerOf(server.session.seats.get(a.to)!) === "ai",
    );
    if (!toAi) throw new Error("no AI seat to make an offer to");
    seller.send("action", { id: "offer-ai", action: toAi });
    await until("the AI's answer", () => sb.of<{ from: string; action: { type: string } }>("offer").some((o) => o.from === toAi.to && (o.action.type === "accept" || o.action.type === "reject")));
    // A student cannot act for another seat: the action is always the sender's own.
    const log = parseLog(readFileSync(server.session.logPath, "utf8"));
    if (!log.ok) throw new Error(log.error.message);
    const offers = log.value.lines.filter((l) => l.body.kind === "offer" && l.body.by === "human").map((l) => l.body.seat);
    expect(offers).toEqual([pair.from, pair.action.to, pair.from]);
  });
});

describe("room state patches", () => {
  test("a new phase reaches the clients at once; other changes wait for the regular patch", async () => {
    const cls = await h.createClass({ rounds: 3, seed: 22 });
    const server = matchMaker.getLocalRoomById(cls.roomId) as MatchRoom;
    const sdk = h.sdk();
    const instructor = await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken });
    const student = await sdk.join("class", { code: cls.code, name: "Cai" });
    // A second student keeps the phase open when the first says ready.
    await sdk.join("class", { code: cls.code, name: "Dan" });
    const ib = inbox(instructor);
    const sb = inbox(student);
    await until("the student's seat", () => sb.of("welcome").length > 0);
    const seat = sb.of<{ seat: string }>("welcome")[0]!.seat;
    const shown = () => instructor.state as unknown as { phase: string; seats: Map<string, { ready: boolean }> };
    await until("the lobby", () => shown().phase === "lobby");
    // Regular patches an hour apart: only the immediate patch of a new phase can reach the clients.
    server.setPatchRate(3_600_000);
    expect(await command(instructor, ib, "start", { type: "start" })).toMatchObject({ ok: true });
    await until("the briefing on the instructor's screen", () => shown().phase === "briefing", 5_000);
    student.send("ready", {});
    await until("the student's ready", () => server.session.ready.has(seat));
    await new Promise((r) => setTimeout(r, 300));
    expect(shown().seats.get(seat)?.ready).toBe(false);
    server.setPatchRate(50);
    await until("the ready flag with the next regular patch", () => shown().seats.get(seat)?.ready === true, 5_000);
  });
});
