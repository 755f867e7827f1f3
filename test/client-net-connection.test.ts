/**
 * The client's connection module against a real classroom server: handlers before `resync`, action
 * ids and their acks, a refusal with its English and Chinese message, the actions still unacknowledged
 * when the socket drops sent again after the reconnection (the server counts them once), and a join
 * refused with its bilingual message.
 */
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatchConnection, type LinkStatus, type MatchListener } from "../client/net/connection.ts";
import type { Ack, Acted, RoomState, Welcome } from "../client/net/protocol.ts";
import { startHarness, until, type Harness } from "./server/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ BRIEFING_SECONDS: "60", NEGOTIATE_SECONDS: "60", COMMIT_SECONDS: "60", REPORT_SECONDS: "60" });
});
afterAll(() => h.close());

interface Seen {
  welcome: Welcome | null;
  acks: Array<{ ack: Ack; acted: Acted | undefined }>;
  statuses: LinkStatus[];
  phase: string;
  privates: number;
}

function listener(seen: Seen): MatchListener {
  return {
    welcome: (w) => (seen.welcome = w),
    publicView: () => undefined,
    privateView: () => seen.privates++,
    state: (s: RoomState) => (seen.phase = s.phase),
    ack: (ack, acted) => seen.acks.push({ ack, acted }),
    offer: () => undefined,
    resolved: () => undefined,
    refused: () => undefined,
    status: (s) => seen.statuses.push(s),
  };
}

const fresh = (): Seen => ({ welcome: null, acks: [], statuses: [], phase: "", privates: 0 });

describe("the client's connection to the classroom server", () => {
  it("acks actions by id, refuses with both languages, and resends what was unacknowledged after a drop", async () => {
    const cls = await h.createClass({ rounds: 1, seed: 2 });
    const seen = fresh();
    const connection = await MatchConnection.open(h.url, { room: "class", code: cls.code, name: "Ada", seat: "tangshan_steel" }, listener(seen));
    await until("the welcome", () => seen.welcome !== null && seen.privates > 0);
    expect(seen.welcome).toMatchObject({ kind: "student", seat: "tangshan_steel" });

    // Orders in the lobby: refused, with the message in English and Chinese.
    const early = connection.act({ type: "orders", orders: [] });
    await until("the refusal", () => seen.acks.some((a) => a.ack.id === early));
    const refused = seen.acks.find((a) => a.ack.id === early)!;
    expect(refused.acted).toEqual({ type: "orders", orders: [] });
    expect(refused.ack).toMatchObject({ ok: false, error: { en: expect.stringMatching(/phase/), zh: expect.stringMatching(/阶段/) } });
    expect(connection.unacknowledged).toBe(0);

    const instructor = await h.sdk().join("class", { code: cls.code, instructorToken: cls.instructorToken });
    instructor.onMessage("*", () => undefined);
    instructor.send("instructor", { id: "start", command: { type: "start" } });
    await until("briefing", () => seen.phase === "briefing");
    connection.act({ type: "ready" });
    await until("negotiation", () => seen.phase === "negotiate");
    connection.act({ type: "ready" });
    await until("commit", () => seen.phase === "commit");

    // The socket dies; orders sent meanwhile stay pending and go again once reconnected.
    const room = matchMaker.getLocalRoomById(cls.roomId)!;
    await new Promise((r) => setTimeout(r, 1100));
    const client = room.clients.find((c) => (c.userData as { seat?: string } | undefined)?.seat === "tangshan_steel")!;
    (client.ref as unknown as { terminate(): void }).terminate();
    await until("the drop", () => seen.statuses.includes("dropped"));
    const id = connection.act({ type: "orders", orders: [] });
    expect(connection.unacknowledged).toBe(1);
    await until("the reconnection", () => seen.statuses.at(-1) === "open");
    await until("the ack", () => seen.acks.some((a) => a.ack.id === id));
    expect(seen.acks.find((a) => a.ack.id === id)!.ack.ok).toBe(true);
    expect(connection.unacknowledged).toBe(0);
    // The SDK's own buffer and the client's resend both carried it: the server acted once, acked twice.
    await until("the duplicate's ack", () => seen.acks.filter((a) => a.ack.id === id).length === 2);
    expect(seen.acks.filter((a) => a.ack.id === id).map((a) => a.ack)).toContainEqual({ id, ok: true, duplicate: true });
    connection.leave();
    await instructor.leave();
  });

  it("rejects a join the server refuses with its message in both languages", async () => {
    await expect(MatchConnection.open(h.url, { room: "class", code: "QQQQQ", name: "Ada" }, listener(fresh()))).rejects.toThrow(/No class session has the code QQQQQ.*没有代码为 QQQQQ/);
  });
});
