/**
 * A whole class match over real WebSocket clients: 4 students (two clusters, two hosts), AI on the
 * other seats, 6 rounds to the final ranking; one student never sends orders, so the AI fills in at
 * each deadline. Checks what each client actually received (sealed orders, private figures), the
 * instructor's authority, and that the log the server wrote replays to the same state.
 */
import type { Room as SdkRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { randomOrders } from "../../shared/ai/random-bot.ts";
import { hashState } from "../../shared/hash.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import type { ClassRoom } from "../../server/rooms/class-room.ts";
import { heldPublicView, startHarness, until, type Harness } from "./harness.ts";
import { viewFor } from "../../shared/view.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ NEGOTIATE_SECONDS: "0.4", COMMIT_SECONDS: "0.6" });
});
afterAll(async () => {
  await h.close();
});

interface Student {
  room: SdkRoom;
  seat: string;
  /** Every message received, in order, with its type. */
  received: Array<{ type: string | number; payload: unknown }>;
  /** The room state as decoded after each patch. */
  states: string[];
  acks: Array<{ id: string; ok: boolean; error?: { en: string; zh: string } }>;
}

function watch(room: SdkRoom): Student {
  const s: Student = { room, seat: "", received: [], states: [], acks: [] };
  room.onMessage("*", (type, payload) => {
    s.received.push({ type, payload });
    if (type === "ack") s.acks.push(payload as Student["acks"][number]);
    if (type === "welcome") s.seat = (payload as { seat: string }).seat;
  });
  room.onStateChange((state) => s.states.push(JSON.stringify((state as { toJSON(): unknown }).toJSON())));
  room.send("resync");
  return s;
}

describe("a class match", () => {
  test("4 students and AI seats play 6 rounds to the final ranking; orders stay sealed; the log replays", async () => {
    const cls = await h.createClass({ rounds: 6, seed: 11 });
    const room = () => matchMaker.getLocalRoomById(cls.roomId) as ClassRoom;
    const scenario = room().session.state.scenario;
    const wanted = [scenario.clusters[0]!.id, scenario.clusters[1]!.id, scenario.hosts[0]!.id, scenario.hosts[1]!.id];

    const sdk = h.sdk();
    const instructor = watch(await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken }));
    const students: Student[] = [];
    for (const [i, seat] of wanted.entries()) students.push(watch(await sdk.join("class", { code: cls.code, name: `Student ${i + 1}`, seat })));
    await until("every welcome", () => students.every((s) => s.seat !== ""));
    expect(students.map((s) => s.seat)).toEqual(wanted);
    const [active, , , silent] = students as [Student, Student, Student, Student];

    // A student is not the instructor, and a wrong token does not make one.
    active.room.send("instructor", { id: "x1", command: { type: "start" } });
    await until("the refusal", () => active.acks.some((a) => a.id === "x1"));
    expect(active.acks.find((a) => a.id === "x1")).toMatchObject({ ok: false, error: { code: "NOT_INSTRUCTOR" } });
    await expect(sdk.join("class", { code: cls.code, instructorToken: "not-the-token-at-all" })).rejects.toThrow(/Only the instructor/);
    expect(room().session.phase).toBe("lobby");

    // Students 1-3 send random legal orders each commit phase; student 4 never does.
    const sentOrders = new Map<string, string[]>();
    const committed = new Set<string>();
    const pump = setInterval(() => {
      const session = room()?.session;
      if (!session || session.phase !== "commit") return;
      for (const s of students.slice(0, 3)) {
        const key = `${s.seat}:${session.state.turn}`;
        if (committed.has(key)) continue;
        committed.add(key);
        const orders = randomOrders(session.state, s.seat);
        sentOrders.set(key, orders.map((o) => JSON.stringify(o)));
        s.room.send("orders", { id: `orders-${key}`, orders });
      }
    }, 20);
    instructor.room.send("instructor", { id: "go", command: { type: "start" } });
    await until("the end of the match", () => room().session.phase === "finished", 60_000);
    clearInterval(pump);
    await until("the ranking reaches the clients", () => students.every((s) => (s.room.state as { ranking: string }).ranking !== ""));

    const ranking = JSON.parse((active.room.state as { ranking: string }).ranking) as Array<{ seat: string }>;
    expect(ranking).toHaveLength(room().session.seats.size);
    expect(room().session.state.turn).toBe(7);
    expect(students.slice(0, 3).every((s) => s.acks.filter((a) => a.id.startsWith("orders-")).every((a) => a.ok))).toBe(true);

    // Sealed: no client ever received another seat's orders or private figures.
    for (const s of students) {
      for (const { type, payload } of s.received) {
        if (type !== "private") continue;
        const p = payload as { seat: string; entity: { id: string; money?: number; PC?: number }; offers: Array<{ from: string; to: string }>; contracts: Array<{ parties: string[] }>; orders: unknown[] };
        expect(p.seat).toBe(s.seat);
        expect(p.entity.id).toBe(s.seat);
        expect("money" in p.entity || "PC" in p.entity).toBe(true);
        expect(p.offers.every((o) => o.from === s.seat || o.to === s.seat)).toBe(true);
        expect(p.contracts.every((c) => c.parties.includes(s.seat))).toBe(true);
        const own = p.orders.map((o) => JSON.stringify(o));
        if (own.length > 0) expect([...sentOrders].some(([k, list]) => k.startsWith(`${s.seat}:`) && JSON.stringify(list) === JSON.stringify(own))).toBe(true);
      }
      // The public view in the room state carries nobody's private figures.
      const publicView = heldPublicView(s.received.filter((m) => m.type === "public").map((m) => m.payload));
      if (!publicView) throw new Error("no public view");
      expect(publicView.turn).toBe(room().session.state.turn);
      expect(publicView).toEqual(JSON.parse(JSON.stringify(viewFor(room().session.state, "public"))));
      expect(publicView.clusters.some((c) => "money" in c) || publicView.hosts.some((x) => "PC" in x)).toBe(false);
      const everything = JSON.stringify(s.received) + s.states.join("");
      for (const other of students.slice(0, 3)) {
        if (other === s) continue;
        for (const [key, orders] of sentOrders) {
          if (!key.startsWith(`${other.seat}:`)) continue;
          for (const order of orders) if (!ownOrder(s, order)) expect(everything.includes(`"orders":[${order}`)).toBe(false);
        }
      }
    }
    // Each report arrives in two parts: its public entries once for the room with the public view, and
    // each seat's own private entries in its private view; together, in order, they are what the
    // seat may read of the engine's report.
    const lastReport = room().session.lastReport;
    if (!lastReport) throw new Error("no report");
    for (const s of students) {
      const pub = s.received.filter((m) => m.type === "public").at(-1)?.payload as { report: { turn: number; entries: Array<{ code: string; public: boolean; at: number }> } };
      const own = s.received.filter((m) => m.type === "private").at(-1)?.payload as { report: { turn: number; entries: Array<{ code: string; public: boolean; seats: string[]; at: number }> } };
      expect(pub.report.turn).toBe(lastReport.turn);
      expect(own.report.turn).toBe(lastReport.turn);
      expect(pub.report.entries.every((e) => e.public)).toBe(true);
      expect(own.report.entries.every((e) => !e.public && e.seats.includes(s.seat))).toBe(true);
      const merged = [...pub.report.entries, ...own.report.entries].sort((a, b) => a.at - b.at).map((e) => e.code);
      expect(merged).toEqual(lastReport.entries.filter((e) => e.public || e.seats.includes(s.seat)).map((e) => e.code));
    }

    // The instructor sees every figure, but not the sealed orders of the turn in progress either.
    const instructorViews = instructor.received.filter((m) => m.type === "private").map((m) => m.payload as object);
    expect(instructorViews.length).toBeGreaterThan(0);
    expect(instructorViews.every((v) => !("orders" in v) && "view" in v)).toBe(true);

    // The log: the silent student's seat was played by the AI at each deadline, and the log replays.
    const text = readFileSync(room().session.logPath, "utf8");
    const parsed = parseLog(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const silentOrders = parsed.value.lines.filter((l) => l.body.kind === "orders" && l.body.seat === silent.seat).map((l) => l.body.by);
    expect(silentOrders).toEqual(["timeout", "timeout", "timeout", "timeout", "timeout", "timeout"]);
    expect(parsed.value.lines.some((l) => l.body.kind === "orders" && l.body.by === "ai")).toBe(true);
    expect(parsed.value.finished).toBe(true);
    const replay = replayLog(parsed.value);
    expect(replay.ok && hashState(replay.value.final)).toBe(hashState(room().session.state));

    function ownOrder(s: Student, order: string): boolean {
      return [...sentOrders].some(([k, list]) => k.startsWith(`${s.seat}:`) && list.includes(order));
    }
  });

  test("an unknown class code is refused with a clear message and creates no room", async () => {
    const before = (await matchMaker.query({})).length;
    await expect(h.sdk().join("class", { code: "QQQQQ", name: "Ann" })).rejects.toThrow(/No class session has the code QQQQQ.*没有代码为 QQQQQ 的课堂/);
    await expect(h.sdk().create("class", { code: "QQQQQ", name: "Ann" })).rejects.toThrow();
    expect((await matchMaker.query({})).length).toBe(before);
  });
});

describe("the rate limit", () => {
  test("a client sending too fast is refused politely, not disconnected", async () => {
    const cls = await h.createClass({});
    const student = watch(await h.sdk().join("class", { code: cls.code, name: "Speedy" }));
    for (let i = 0; i < 2_500; i++) student.room.send("ready", {});
    await until("the refusal", () => student.received.some((m) => m.type === "refused" && (m.payload as { code: string }).code === "TOO_MANY"));
    expect(student.received.find((m) => m.type === "refused")?.payload).toMatchObject({ en: expect.stringContaining("Too many"), zh: expect.stringContaining("消息过多") });
    expect(student.room.connection.isOpen).toBe(true);
  });
});
