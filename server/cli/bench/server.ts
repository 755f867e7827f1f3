/**
 * The classroom server under a class-sized load, in one process over loopback: 25 class rooms of 40
 * bot clients (real SDK clients), the AI on the seats the bots do not hold. Measures the time from
 * sending an action to its acknowledgement (orders are written and flushed to disk first), from the
 * end of a turn to the last client of the room holding its new view, memory, and failed joins; then
 * the same message pattern against a bare Colyseus room that acknowledges at once, as a ratio.
 */
import { matchMaker, Room, type Client } from "@colyseus/core";
import { Client as SdkClient, type Room as SdkRoom } from "@colyseus/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { startServer } from "../../app.ts";
import { readSettings } from "../../settings.ts";


const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : "-");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Acknowledges every message at once: the floor Colyseus itself sets. */
class BareRoom extends Room {
  override maxMessagesPerSecond = 1000;
  override messages = {
    orders: (client: Client, m: { id: string }) => client.send("ack", { id: m?.id, ok: true }),
    action: (client: Client, m: { id: string }) => client.send("ack", { id: m?.id, ok: true }),
  };
}

interface Bot {
  room: SdkRoom;
  sent: Map<string, { at: number; kind: "orders" | "action" }>;
}

function bot(room: SdkRoom, acks: { orders: number[]; action: number[] }, onPrivate?: () => void): Bot {
  const b: Bot = { room, sent: new Map() };
  room.onMessage("ack", (a: { id: string }) => {
    const sent = b.sent.get(a.id);
    if (!sent) return;
    b.sent.delete(a.id);
    acks[sent.kind].push(performance.now() - sent.at);
  });
  room.onMessage("*", () => undefined);
  if (onPrivate) room.onMessage("private", onPrivate);
  return b;
}

function send(b: Bot, kind: "orders" | "action", id: string, payload: Record<string, unknown>): void {
  b.sent.set(id, { at: performance.now(), kind });
  b.room.send(kind, { id, ...payload });
}

export async function runServerBench({ ROOMS = 25, CLIENTS = 40, ROUNDS = 3 } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bri-bench-"));
  const settings = readSettings({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, CLIENT_DIR: join(dir, "none"), BRIEFING_SECONDS: "0.5", NEGOTIATE_SECONDS: "3", COMMIT_SECONDS: "5", REPORT_SECONDS: "0.5", MESSAGES_PER_SECOND: "50" });
  if (!settings.ok) throw new Error(settings.error);
  const running = await startServer(settings.value);
  matchMaker.defineRoomType("bare", BareRoom);
  const url = `http://127.0.0.1:${running.port}`;
  const acks = { orders: [] as number[], action: [] as number[] };
  const turnEnds: number[] = [];
  let failedJoins = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  try {
    // 25 classes of 40 students each.
    const classes = [];
    for (let r = 0; r < ROOMS; r++) {
      const res = await fetch(`${url}/api/sessions`, { method: "POST", body: JSON.stringify({ rounds: ROUNDS, seed: r + 1 }) });
      classes.push((await res.json()) as { code: string; instructorToken: string; roomId: string });
    }
    const rooms: Array<{ instructor: SdkRoom; bots: Bot[]; roomId: string; updated: Map<number, number>; endedAt: Map<number, number> }> = [];
    await Promise.all(
      classes.map(async (cls) => {
        const sdk = new SdkClient(url);
        const entry = { instructor: await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken }), bots: [] as Bot[], roomId: cls.roomId, updated: new Map<number, number>(), endedAt: new Map<number, number>() };
        entry.instructor.onMessage("*", () => undefined);
        for (let i = 0; i < CLIENTS; i++) {
          try {
            const room = await sdk.join("class", { code: cls.code, name: `bot ${i + 1}` });
            let seenTurn = 0;
            room.onMessage("resolved", (m: { turn: number; endedAt: number }) => {
              seenTurn = m.turn;
              entry.endedAt.set(m.turn, m.endedAt);
            });
            entry.bots.push(
              bot(room, acks, () => {
                // The first private view after a turn's result: this client is up to date.
                if (seenTurn > 0 && !entry.updated.has(seenTurn * 1000 + i)) entry.updated.set(seenTurn * 1000 + i, Date.now());
              }),
            );
          } catch {
            failedJoins += 1;
          }
        }
        rooms.push(entry);
      }),
    );

    // Play: each bot sends two offer steps while negotiating, then its orders; the instructor starts.
    const playing = rooms.map(async (entry) => {
      const live = () => matchMaker.getLocalRoomById(entry.roomId) as unknown as { state: { phase: string; turn: number } } | undefined;
      entry.instructor.send("instructor", { id: "start", command: { type: "start" } });
      let acted = "";
      while (live()?.state.phase !== "finished") {
        const state = live()?.state;
        if (!state) break;
        const key = `${state.phase}:${state.turn}`;
        if (key !== acted && (state.phase === "negotiate" || state.phase === "commit")) {
          acted = key;
          for (const [i, b] of entry.bots.entries()) {
            if (state.phase === "negotiate") {
              send(b, "action", `w${state.turn}-${i}-a`, { action: { type: "withdraw", offer: "o999999" } });
              send(b, "action", `w${state.turn}-${i}-b`, { action: { type: "reject", offer: "o999998" } });
              b.room.send("ready", {});
            } else send(b, "orders", `o${state.turn}-${i}`, { orders: [] });
          }
        }
        await sleep(20);
      }
      await sleep(500);
      for (const [turn, endedAt] of entry.endedAt) {
        const times = [...entry.updated].filter(([k]) => Math.floor(k / 1000) === turn).map(([, t]) => t);
        if (times.length === entry.bots.length) turnEnds.push(Math.max(...times) - endedAt);
      }
    });
    await Promise.all(playing);
    const memory = process.memoryUsage();
    const ours = { orders: acks.orders, action: acks.action };

    // The same pattern against bare rooms.
    const bare = { orders: [] as number[], action: [] as number[] };
    const bareRooms: Bot[][] = [];
    await Promise.all(
      Array.from({ length: ROOMS }, async () => {
        const sdk = new SdkClient(url);
        const first = await sdk.create("bare", {});
        const bots = [bot(first, bare)];
        for (let i = 1; i < CLIENTS; i++) bots.push(bot(await sdk.joinById(first.roomId, {}), bare));
        bareRooms.push(bots);
      }),
    );
    for (let turn = 1; turn <= ROUNDS; turn++) {
      for (const bots of bareRooms) {
        for (const [i, b] of bots.entries()) {
          send(b, "action", `w${turn}-${i}-a`, { action: { type: "withdraw", offer: "o999999" } });
          send(b, "action", `w${turn}-${i}-b`, { action: { type: "reject", offer: "o999998" } });
          send(b, "orders", `o${turn}-${i}`, { orders: [] });
        }
      }
      await sleep(1000);
    }

    const row = (what: string, xs: number[], target: string) => `| ${what} | ${xs.length} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 99))} | ${ms(Math.max(...xs))} | ${target} |`;
    const allOurs = [...ours.orders, ...ours.action];
    const allBare = [...bare.orders, ...bare.action];
    const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
    return [
      "## Classroom server",
      "",
      `Command: \`npm run bench\` (module \`server/cli/bench/server.ts\`). ${ROOMS} class rooms of ${CLIENTS} bot clients (real \`@colyseus/sdk\``,
      "clients over loopback, in the same process as the server), AI on the seats the bots do not hold (the lead firms), ",
      `${ROUNDS} rounds. Each turn every bot sends two offer steps (refused: no such offer) and its sealed orders (written and`,
      "fsync'd to the match log before the acknowledgement). End of turn: from the end of the commit phase to the last",
      "client of the room receiving its new private view. Bare room: a Colyseus room that acknowledges each message at",
      "once, same clients and message pattern.",
      "",
      `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
      "",
      "| what | samples | p50 ms | p99 ms | max ms | aim |",
      "|---|---|---|---|---|---|",
      row("orders → acknowledgement (on disk)", ours.orders, "p99 < 50"),
      row("offer step → acknowledgement (refused)", ours.action, "p99 < 50"),
      row("all actions → acknowledgement", allOurs, "p99 < 50"),
      row("bare room: message → acknowledgement", allBare, "-"),
      row("end of turn → every client of the room updated", turnEnds, "p99 < 250"),
      "",
      `Ratio to the bare room (p50 / p99): ${(percentile(allOurs, 50) / percentile(allBare, 50)).toFixed(1)} / ${(percentile(allOurs, 99) / percentile(allBare, 99)).toFixed(1)}.`,
      `Failed joins: ${failedJoins} of ${ROOMS * CLIENTS}. Memory after the class rooms: heap ${Math.round(memory.heapUsed / 2 ** 20)} MiB, resident ${Math.round(memory.rss / 2 ** 20)} MiB (peak ${Math.round(peakRss / 2 ** 20)} MiB; aim < 400 MB), clients included.`,
      "",
    ].join("\n");
  } finally {
    clearInterval(sampler);
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
