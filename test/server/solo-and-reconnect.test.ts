/**
 * A solo match played to the end by one real client; and a class student who loses the connection
 * mid-phase, or comes back from another device with the seat code, gets the same seat with what
 * they had entered; after the reconnection window the AI holds the seat until they return.
 */
import type { Room as SdkRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { randomOrders } from "../../shared/ai/random-bot.ts";
import { parseLog } from "../../shared/matchlog.ts";
import type { MatchRoom } from "../../server/rooms/match-room.ts";
import { startHarness, until, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  // Long phases (the tests move them on), a short reconnection window.
  h = await startHarness({ BRIEFING_SECONDS: "600", NEGOTIATE_SECONDS: "600", COMMIT_SECONDS: "600", REPORT_SECONDS: "600", RECONNECT_SECONDS: "1" });
});
afterAll(async () => {
  await h.close();
});

const live = (roomId: string) => matchMaker.getLocalRoomById(roomId) as MatchRoom;

function inbox(room: SdkRoom) {
  const got: Array<{ type: string | number; payload: unknown }> = [];
  room.onMessage("*", (type, payload) => got.push({ type, payload }));
  room.send("resync");
  return {
    got,
    last: <T>(type: string): T | undefined => got.filter((m) => m.type === type).at(-1)?.payload as T | undefined,
    count: (type: string) => got.filter((m) => m.type === type).length,
  };
}

describe("solo", () => {
  test("one student against the AI plays the whole match; each phase ends when the student is done", async () => {
    const room = await h.sdk().create("solo", { name: "Solo", seed: 5 });
    const box = inbox(room);
    await until("the welcome", () => box.count("welcome") > 0);
    const seat = box.last<{ seat: string }>("welcome")!.seat;
    const server = live(room.roomId);
    const rounds = server.session.config.rounds;
    let acted = "";
    while (server.session.phase !== "finished") {
      const s = server.session;
      const key = `${s.phase}:${s.state.turn}`;
      if (key !== acted && ["briefing", "negotiate", "commit", "report"].includes(s.phase)) {
        acted = key;
        if (s.phase === "commit") room.send("orders", { id: `o${s.state.turn}`, orders: randomOrders(s.state, seat) });
        else room.send("ready", {});
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await until("the ranking", () => (room.state as { ranking: string }).ranking !== "");
    expect(server.session.state.turn).toBe(rounds + 1);
    const log = parseLog(readFileSync(server.session.logPath, "utf8"));
    expect(log.ok && log.value.finished).toBe(true);
    if (log.ok) expect(log.value.lines.filter((l) => l.body.kind === "orders" && l.body.seat === seat).map((l) => l.body.by)).toEqual(Array(rounds).fill("human"));
    // A second student cannot join a solo match.
    await expect(h.sdk().joinById(room.roomId, { name: "Intruder" })).rejects.toThrow(/solo match has one student|单人模式/);
  });
});

describe("reconnection", () => {
  test("a dropped connection and a seat code both give back the same seat with the orders entered", async () => {
    const cls = await h.createClass({ rounds: 3 });
    const sdk = h.sdk();
    const instructor = await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken });
    const first = await sdk.join("class", { code: cls.code, name: "Ann" });
    // Bob never sends orders, so the commit phase lasts until the test moves it on.
    await sdk.join("class", { code: cls.code, name: "Bob" });
    first.reconnection.minUptime = 0;
    first.reconnection.minDelay = 10;
    const box = inbox(first);
    await until("the welcome", () => box.count("welcome") > 0);
    const { seat, seatToken } = box.last<{ seat: string; seatToken: string }>("welcome")!;
    const server = live(cls.roomId);

    for (const step of ["start", "advance", "advance"]) {
      instructor.send("instructor", { id: step + server.session.phase, command: { type: step } });
      const before = server.session.phase;
      await until(`leaving ${before}`, () => server.session.phase !== before);
    }
    expect(server.session.phase).toBe("commit");
    const orders = randomOrders(server.session.state, seat);
    first.send("orders", { id: "mine-1", orders });
    await until("the acknowledgement", () => box.count("ack") > 0);
    expect(box.last("ack")).toMatchObject({ id: "mine-1", ok: true });

    // Wi-Fi drops: the SDK reconnects by itself and the seat is still ours, orders included.
    const privatesBefore = box.count("private");
    const socket = server.clients.find((c) => c.sessionId === first.sessionId) as unknown as { ref: { terminate(): void } };
    socket.ref.terminate();
    await until("the reconnection", () => box.count("private") > privatesBefore);
    expect(box.last<{ orders: unknown[]; submitted: boolean }>("private")).toMatchObject({ submitted: true, orders });
    // Resending the same action after reconnecting is harmless.
    first.send("orders", { id: "mine-1", orders });
    await until("the second acknowledgement", () => box.count("ack") > 1);
    expect(box.last("ack")).toMatchObject({ id: "mine-1", ok: true, duplicate: true });

    // Another device with the seat code: same seat, same orders.
    const second = await h.sdk().join("class", { code: cls.code, seatToken });
    const box2 = inbox(second);
    await until("the second device's view", () => box2.count("private") > 0);
    expect(box2.last("welcome")).toMatchObject({ seat });
    expect(box2.last<{ orders: unknown[] }>("private")!.orders).toEqual(orders);
    await expect(h.sdk().join("class", { code: cls.code, seatToken: "not-a-seat-code-at-all" })).rejects.toThrow(/seat code is not valid/);

    // Both devices leave; after the window (1 s here) the AI holds the seat; the code takes it back.
    await first.leave();
    await second.leave();
    await until("the AI taking the seat", () => server.state.seats.get(seat)?.controller === "ai", 5_000);
    const back = await h.sdk().join("class", { code: cls.code, seatToken });
    const box3 = inbox(back);
    await until("the seat back", () => server.state.seats.get(seat)?.controller === "human");
    await until("the view", () => box3.count("private") > 0);
    expect(box3.last("welcome")).toMatchObject({ seat });
  });
});
