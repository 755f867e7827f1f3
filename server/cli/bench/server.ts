/**
 * The classroom server under a class-sized load over loopback: the server (`server/main.ts`) runs as
 * its own process, as `npm start` runs it; 25 class rooms of 40 bot clients (real SDK clients, in
 * this process) play with the AI on the seats the bots do not hold. Measures action-to-
 * acknowledgement latency (orders are written and flushed to disk first), end of turn to the last
 * client of the room holding its new view, the server's memory, and failed joins; then the same
 * message pattern against a bare Colyseus room (./bare-server.ts) that acknowledges at once, and the
 * disk alone under the same rate of flushes (./disk.ts). Several runs, each with a fresh server, as
 * one run's tail depends on what the shared VM and its disk do during its minute.
 */
import { Client as SdkClient, Protocol, type Room as SdkRoom } from "@colyseus/sdk";
import { decode } from "@colyseus/schema";
import { unpack } from "msgpackr";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FlushSummary } from "../../storage/flush-times.ts";
import { diskBaseline } from "./disk.ts";
import { median } from "./median.ts";
import type { EventLoopDelaySummary } from "../../event-loop-delay.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Bots act within this window after a phase opens, as students do, not all in the same millisecond. */
const SPREAD_MS = 1500;
const DISK_BASELINE_MS = 10_000;
/**
 * Whether the bots' SDK clients use the `ws` package (the SDK's fallback when Node has no built-in
 * WebSocket: `npm run bench` runs this part with --no-experimental-websocket). With Node's built-in
 * client (undici) the benchmark's own process stalled up to 90 ms in garbage collection while
 * 1000 clients took in a turn's end, and each stall counted in the acknowledgements it timed.
 */
const BOTS_USE_WS = (globalThis as { WebSocket?: unknown }).WebSocket === undefined;

const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : "-");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** A fixed sequence of delays up to `spanMs`, so every run (and the bare room, and the bare disk) sees the same pattern. */
function delays(seed: number, spanMs = SPREAD_MS) {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    return (x / 2 ** 32) * spanMs;
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The Node flags `npm start` gives the server (package.json: "node <flags> server/main.ts"), so the benchmark runs it the same way. */
export function startFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts;
  const start = scripts?.start?.match(/^node((?: --\S+)*) server\/main\.ts$/);
  if (!start) throw new Error(`package.json: the start script should be "node [--flag ...] server/main.ts", found ${JSON.stringify(scripts?.start)}`);
  return (start[1] ?? "").split(" ").filter((flag) => flag !== "");
}

async function spawnServer(script: string, env: Record<string, string>, ready: string, flags: string[] = []): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the servers under this load;
  // with BENCH_SERVER_OUT=PREFIX each server's output (say of --trace-gc) is kept in PREFIX.<pid>.
  const nodeArgs = [...flags, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter((a) => a !== "") ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  if (process.env.BENCH_SERVER_OUT) child.on("exit", () => writeFileSync(`${process.env.BENCH_SERVER_OUT}.${child.pid}`, out));
  for (let waited = 0; !out.includes(ready); waited += 50) {
    if (waited > 60_000 || child.exitCode !== null) throw new Error(`${script} did not start:\n${out}`);
    await sleep(50);
  }
  return child;
}

/** Asks a server to shut down as `npm start` does on Ctrl-C (so a profile gets written), then makes sure. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

const rssOf = (pid: number | undefined): number => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

/** CPU seconds the process (every thread: rooms, AI workers, log flushes) has used, from /proc (Linux; 0 elsewhere). */
const cpuOf = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime, in clock ticks of 1/100 s (fields 14 and 15 of proc(5)).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

/**
 * Makes a client's room decode only the messages of the types `wanted` lets through (the SDK decodes
 * every frame: state patches, public and private views); the rest arrive and are dropped undecoded,
 * after `arrived` has seen their type. With `state`, state patches still go to the SDK (the
 * instructor's client follows the phase in the room state); without, a bot's frames come as Node
 * buffers (with the `ws` client), not copied into new ArrayBuffers.
 * A student's device decodes its own views; 1000 bots decoding theirs on the benchmark's one
 * thread took as much CPU as the server, on the same cores, and their lag counted in every
 * acknowledgement they timed. The server sends exactly the same.
 */
function listenLightly(room: SdkRoom, wanted: (type: string) => boolean, { arrived = () => undefined, state = false }: { arrived?: (type: string) => void; state?: boolean } = {}): void {
  const ws = (room as unknown as { connection?: { transport?: { ws?: { onmessage: (event: { data: unknown }) => void; binaryType: string } } } }).connection?.transport?.ws;
  if (!ws) throw new Error("server bench: the SDK no longer keeps its WebSocket at room.connection.transport.ws; update listenLightly");
  const dispatch = (room as unknown as { dispatchMessage(type: string, message: unknown): void }).dispatchMessage.bind(room);
  const toSdk = ws.onmessage;
  if (!state && BOTS_USE_WS) ws.binaryType = "nodebuffer";
  ws.onmessage = (event: { data: unknown }) => {
    const frame = event.data instanceof Uint8Array ? event.data : new Uint8Array(event.data as ArrayBuffer);
    // The server's messages (getMessageBytes.raw) start with the bare code, without modifier bits.
    if (frame[0] !== Protocol.ROOM_DATA) {
      if (state) toSdk(event);
      return;
    }
    const it = { offset: 1 };
    if (!decode.stringCheck(frame, it)) return;
    const type = decode.string(frame, it);
    arrived(type);
    if (wanted(type)) dispatch(type, frame.byteLength > it.offset ? unpack(frame.subarray(it.offset)) : undefined);
  };
}

interface Acks {
  orders: number[];
  action: number[];
}

class Bot {
  readonly room: SdkRoom;
  readonly #sent = new Map<string, { at: number; kind: keyof Acks }>();
  constructor(room: SdkRoom, acks: Acks) {
    this.room = room;
    room.onMessage("ack", (a: { id: string }) => {
      const sent = this.#sent.get(a.id);
      if (!sent) return;
      this.#sent.delete(a.id);
      acks[sent.kind].push(performance.now() - sent.at);
    });
    room.onMessage("*", () => undefined);
  }
  send(kind: keyof Acks, id: string, payload: Record<string, unknown>): void {
    this.#sent.set(id, { at: performance.now(), kind });
    this.room.send(kind, { id, ...payload });
  }
}

/** What one run of the class load measured: a fresh server, the bots' matches, then the bare room and the bare disk. */
interface RunFigures {
  acks: Acks;
  turnEnds: number[];
  /** Per turn, from the first room's end of the commit phase to the last room's, ms. */
  turnEndSpread: number[];
  failedJoins: number;
  serverRss: number;
  peakRss: number;
  cpuPerTurn: number;
  logFlush: FlushSummary;
  serverLoop: EventLoopDelaySummary;
  /** How late this process (the bots) ran its timers while the matches were played, in ms. */
  botsLoop: { p50: number; p99: number; max: number };
  /** CPU time this process (the bots) used while the matches were played, per room and turn, in ms. */
  botsCpuPerTurn: number;
  bareAcks: Acks;
  disk: number[];
}

interface ServerBenchOptions {
  rooms?: number;
  clients?: number;
  rounds?: number;
  /**
   * Each run starts its own server: one run's figures depend on what the VM and its disk do
   * meanwhile (orders p99 of the same code went from 34 to 164 ms between two runs a minute apart),
   * so the aims are read in the median of five.
   */
  runs?: number;
  /**
   * One round of the same load first, not measured: the bots' code (one process for every run)
   * is compiled by then. Without it the first run was the worst in four full benches of five,
   * with the bots' own event loop stalled up to 256 ms.
   */
  warmUp?: boolean;
}

export async function runServerBench({ rooms = 25, clients = 40, rounds = 3, runs = 5, warmUp = true }: ServerBenchOptions = {}): Promise<string> {
  const loadBefore = loadavg()[0] ?? 0;
  const flags = startFlags();
  if (warmUp) await runClassLoad(rooms, clients, 1, flags, { baselines: false });
  const figures: RunFigures[] = [];
  for (let run = 0; run < runs; run++) figures.push(await runClassLoad(rooms, clients, rounds, flags));
  return render(figures, { rooms, clients, rounds, loadBefore, warmUp, flags });
}

/** One run: a fresh server started with `flags` (those of `npm start`), its bots' matches, then (with `baselines`) the bare room and the bare disk. */
async function runClassLoad(rooms: number, clients: number, rounds: number, flags: string[], { baselines = true } = {}): Promise<RunFigures> {
  // What earlier work wrote goes to disk now, not while acknowledgements wait for log writes.
  spawnSync("sync");
  const dir = mkdtempSync(join(tmpdir(), "bri-bench-"));
  const [port, barePort] = [await freePort(), await freePort()];
  const env = { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dir, CLIENT_DIR: join(dir, "none"), BRIEFING_SECONDS: "0.5", NEGOTIATE_SECONDS: "4", COMMIT_SECONDS: "6", REPORT_SECONDS: "0.5", MESSAGES_PER_SECOND: "50" };
  const server = await spawnServer("server/main.ts", env, "on this computer", flags);
  const url = `http://127.0.0.1:${port}`;
  const acks: Acks = { orders: [], action: [] };
  const turnEnds: number[] = [];
  let failedJoins = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server.pid))), 100);
  const botsLoop = monitorEventLoopDelay({ resolution: 5 });
  let bare: ChildProcess | null = null;

  try {
    const classes = await Promise.all(
      Array.from({ length: rooms }, async (_, r) => {
        const res = await fetch(`${url}/api/sessions`, { method: "POST", body: JSON.stringify({ rounds, seed: r + 1 }) });
        return (await res.json()) as { code: string; instructorToken: string };
      }),
    );
    let cpuAtStart = 0;
    let botsCpuAtStart = process.cpuUsage();
    let joinedRooms = 0;
    const played = await Promise.all(
      classes.map(async (cls, r) => {
        const sdk = new SdkClient(url);
        const instructor = await sdk.join("class", { code: cls.code, instructorToken: cls.instructorToken });
        instructor.onMessage("*", () => undefined);
        // The instructor's client paces its room from the room state; its views (the whole match) are not decoded.
        listenLightly(instructor, () => false, { state: true });
        const bots: Bot[] = [];
        const endedAt = new Map<number, number>();
        const updated = new Map<number, number[]>();
        for (let i = 0; i < clients; i++) {
          try {
            const room = await sdk.join("class", { code: cls.code, name: `bot ${i + 1}` });
            const bot = new Bot(room, acks);
            let resolvedTurn = 0;
            room.onMessage("resolved", (m: { turn: number; endedAt: number }) => {
              resolvedTurn = m.turn;
              endedAt.set(m.turn, m.endedAt);
            });
            // The server sends `resolved` once the new turn's state is in place, so the first private view
            // after it is of the next turn: with it this client is up to date. One bot per room decodes
            // that view and checks its turn; the others only note when it arrived.
            const checks = i === 0;
            room.onMessage("private", (view: { turn: number }) => {
              if (view.turn !== resolvedTurn + 1) throw new Error(`server bench: the first private view after turn ${resolvedTurn} resolved is of turn ${view.turn}`);
              resolvedTurn = 0;
            });
            const arrived = (type: string) => {
              if (type !== "private" || resolvedTurn === 0) return;
              const list = updated.get(resolvedTurn) ?? [];
              if (list.length < bots.length) list.push(Date.now());
              updated.set(resolvedTurn, list);
              if (!checks) resolvedTurn = 0;
            };
            listenLightly(room, (type) => type === "ack" || type === "resolved" || (checks && type === "private" && resolvedTurn > 0), { arrived });
            bots.push(bot);
          } catch {
            failedJoins += 1;
          }
        }
        // Each bot sends two offer steps while negotiating (refused: no such offer), then its orders.
        if (++joinedRooms === rooms) {
          cpuAtStart = cpuOf(server.pid);
          botsCpuAtStart = process.cpuUsage();
          botsLoop.enable();
        }
        const next = delays(r + 1);
        instructor.send("instructor", { id: "start", command: { type: "start" } });
        const phase = () => instructor.state as { phase: string; turn: number };
        let acted = "";
        while (phase().phase !== "finished") {
          const { phase: now, turn } = phase();
          const key = `${now}:${turn}`;
          if (key !== acted && (now === "negotiate" || now === "commit")) {
            acted = key;
            for (const [i, b] of bots.entries()) {
              setTimeout(() => {
                if (now === "negotiate") {
                  b.send("action", `w${turn}-${i}-a`, { action: { type: "withdraw", offer: "o999999" } });
                  b.send("action", `w${turn}-${i}-b`, { action: { type: "reject", offer: "o999998" } });
                  b.room.send("ready", {});
                } else b.send("orders", `o${turn}-${i}`, { orders: [] });
              }, next());
            }
          }
          await sleep(10);
        }
        await sleep(500);
        return { endedAt, updated, clients: bots.length };
      }),
    );
    botsLoop.disable();
    const botsCpu = process.cpuUsage(botsCpuAtStart);
    const turnEndSpread = Array.from({ length: rounds }, (_, t) => {
      const ends = played.flatMap((room) => room.endedAt.get(t + 1) ?? []);
      return ends.length > 0 ? Math.max(...ends) - Math.min(...ends) : Number.NaN;
    });
    for (const room of played) {
      for (const [turn, ended] of room.endedAt) {
        const times = room.updated.get(turn) ?? [];
        if (times.length === room.clients) turnEnds.push(Math.max(...times) - ended);
      }
    }
    const health = (await (await fetch(`${url}/healthz`)).json()) as { logFlush: FlushSummary; eventLoop: EventLoopDelaySummary };
    const serverRss = rssOf(server.pid);
    const cpuPerTurn = ((cpuOf(server.pid) - cpuAtStart) * 1000) / (rooms * rounds);
    await stop(server);
    const nsToMs = (ns: number) => ns / 1e6;
    const measured = { acks, turnEnds, turnEndSpread, failedJoins, serverRss, peakRss, cpuPerTurn, logFlush: health.logFlush, serverLoop: health.eventLoop, botsLoop: { p50: nsToMs(botsLoop.percentile(50)), p99: nsToMs(botsLoop.percentile(99)), max: nsToMs(botsLoop.max) }, botsCpuPerTurn: (botsCpu.user + botsCpu.system) / 1000 / (rooms * rounds) };
    if (!baselines) return { ...measured, bareAcks: { orders: [], action: [] }, disk: [] };

    // The same pattern against a bare room.
    bare = await spawnServer("server/cli/bench/bare-server.ts", { PORT: String(barePort) }, "bare server ready");
    const bareAcks: Acks = { orders: [], action: [] };
    await Promise.all(
      Array.from({ length: rooms }, async (_, r) => {
        const sdk = new SdkClient(`http://127.0.0.1:${barePort}`);
        const first = await sdk.create("bare", {});
        const bots = [new Bot(first, bareAcks)];
        for (let i = 1; i < clients; i++) bots.push(new Bot(await sdk.joinById(first.roomId, {}), bareAcks));
        for (const b of bots) listenLightly(b.room, (type) => type === "ack");
        const next = delays(r + 1);
        for (let turn = 1; turn <= rounds; turn++) {
          for (const [i, b] of bots.entries()) {
            setTimeout(() => {
              b.send("action", `w${turn}-${i}-a`, { action: { type: "withdraw", offer: "o999999" } });
              b.send("action", `w${turn}-${i}-b`, { action: { type: "reject", offer: "o999998" } });
            }, next());
          }
          await sleep(SPREAD_MS + 200);
          for (const [i, b] of bots.entries()) setTimeout(() => b.send("orders", `o${turn}-${i}`, { orders: [] }), next());
          await sleep(SPREAD_MS + 200);
        }
      }),
    );
    await stop(bare);

    // The disk alone, after the matches, for as long as their turns took.
    const disk = await diskBaseline(dir, rooms, DISK_BASELINE_MS, (file) => {
      const next = delays(file + 1, 60);
      return () => 30 + next();
    });
    return { ...measured, bareAcks, disk: disk.flushes };
  } finally {
    clearInterval(sampler);
    await Promise.all([stop(server), bare ? stop(bare) : undefined]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(runs: RunFigures[], { rooms, clients, rounds, loadBefore, warmUp, flags }: { rooms: number; clients: number; rounds: number; loadBefore: number; warmUp: boolean; flags: string[] }): string {
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  const row = (what: string, aim: string, of: (r: RunFigures) => number, format: (x: number) => string = ms) => {
    const values = runs.map(of);
    return `| ${what} | ${values.map(format).join(" | ")} | ${format(median(values))} | ${format(Math.max(...values))} | ${aim} |`;
  };
  const actions = (a: Acks) => [...a.orders, ...a.action];
  const integer = (x: number) => String(Math.round(x));
  const header = `| what | ${runs.map((_, i) => `run ${i + 1}`).join(" | ")} | median | worst | aim |`;
  const last = runs[runs.length - 1] as RunFigures;
  return [
    "## Classroom server",
    "",
    `Command: \`npm run bench\` (module \`server/cli/bench/server.ts\`). The server (\`server/main.ts\`, as \`npm start\` runs it: \`${["node", ...flags].join(" ")}\`) in its`,
    `own process; ${rooms} class rooms of ${clients} bot clients (real \`@colyseus/sdk\` clients over loopback, all in the benchmark's`,
    `process, on ${BOTS_USE_WS ? "the `ws` package's WebSocket" : "Node's built-in WebSocket"}), the AI on the seats the bots do not hold (the lead firms), ${rounds} rounds. Each turn every bot sends two offer`,
    `steps (refused: no such offer) and its sealed orders (written to the match log and on disk before the acknowledgement),`,
    `each at a fixed pseudo-random moment within ${SPREAD_MS / 1000} s of its phase opening. End of turn: from the end of the commit`,
    "phase (server clock) to the last client of the room receiving its view of the next turn. Bare room: a Colyseus room",
    "in its own process that acknowledges each message at once, same clients and pattern. Bare disk: no server, one file",
    `per room appending a line the size of an orders line as the log writer does and waiting until it is on disk, every 30 to 90 ms, for ${DISK_BASELINE_MS / 1000} s (\`./disk.ts\`):`,
    "what the disk alone does to anything acknowledged after a flush.",
    "",
    `${warmUp ? "After one round of the same load that is not measured (it compiles the bots' code), " : ""}${runs.length} runs, one after the other, each with a fresh server, then its bare room and bare disk (\`sync\` first): one run's tail depends on what`,
    "this shared VM and its disk do during its minute, so the aims are read in the median column, and every run is shown.",
    "The rooms start together and keep the same timers, so each turn all of them resolve within a second or two",
    `(${runs.map((r) => `${(median(r.turnEndSpread) / 1000).toFixed(1)} s`).join(", ")}: from the first room's end of turn to the last's, median over the turns of each run), while`,
    "the last orders of the others are still arriving: the worst case of a school's classes, which real classes,",
    "started minutes apart, would rarely meet. It sets the orders' p99.",
    "The bots decode only what they time (acknowledgements, `resolved`; one bot per room the first private view after it)",
    "and the instructors' clients only the room state; the rest is dropped undecoded (views, the bots' state patches):",
    "the server sends every client exactly what a student's or instructor's device gets, but",
    "1000 clients decoding their views on the benchmark's one thread used as much CPU as the server, on the same",
    "two cores, and their lag counted in every acknowledgement they timed.",
    "Event-loop delay: how late a process ran its timers (sampled every 5 ms): the server's from `GET /healthz` since it",
    "started serving, the benchmark's own (the 1000 bot clients) while the matches were played; either one delays",
    "every acknowledgement by as much.",
    "",
    `Machine: ${cpus()[0]?.model.trim() ?? "?"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore.toFixed(1)} before the runs`,
    "(the bot clients' own work shares the same cores as the server).",
    "",
    header,
    `|---|${runs.map(() => "---|").join("")}---|---|---|`,
    row("orders → acknowledgement (on disk), p50 ms", "-", (r) => percentile(r.acks.orders, 50)),
    row("orders → acknowledgement (on disk), p99 ms", "p99 < 50", (r) => percentile(r.acks.orders, 99)),
    row("offer step → acknowledgement (refused), p99 ms", "p99 < 50", (r) => percentile(r.acks.action, 99)),
    row("every action → acknowledgement, p99 ms", "p99 < 50", (r) => percentile(actions(r.acks), 99)),
    row("every action → acknowledgement, max ms", "-", (r) => Math.max(...actions(r.acks))),
    row("end of turn → every client of the room updated, p99 ms", "p99 < 250", (r) => percentile(r.turnEnds, 99)),
    row("server memory (resident), peak MB", "< 400 MB", (r) => mb(r.peakRss), integer),
    row("failed joins", "0", (r) => r.failedJoins, integer),
    row("bare room: message → acknowledgement, p99 ms", "-", (r) => percentile(actions(r.bareAcks), 99)),
    row("bare disk: append → on disk, p99 ms", "-", (r) => percentile(r.disk, 99)),
    row("bare disk: flushes over 50 ms", "-", (r) => r.disk.filter((t) => t > 50).length, integer),
    row("server log flushes, p99 ms (latest 1024)", "-", (r) => r.logFlush.p99Ms),
    row("server log flushes over 50 ms", "-", (r) => r.logFlush.slow, integer),
    row("server event-loop delay, p99 ms", "-", (r) => r.serverLoop.p99Ms),
    row("server event-loop delay, max ms", "-", (r) => r.serverLoop.maxMs),
    row("benchmark's own event-loop delay, p99 ms", "-", (r) => r.botsLoop.p99),
    row("benchmark's own event-loop delay, max ms", "-", (r) => r.botsLoop.max),
    row("server CPU time (every thread) per room and turn, ms", "-", (r) => r.cpuPerTurn, integer),
    row("benchmark's own CPU time (the bots) per room and turn, ms", "-", (r) => r.botsCpuPerTurn, integer),
    "",
    `Samples per run: ${last.acks.orders.length} orders, ${last.acks.action.length} offer steps, ${last.turnEnds.length} turn ends, ${actions(last.bareAcks).length} bare-room messages, about ${last.disk.length} bare-disk flushes.`,
    `Failed joins: ${Math.max(...runs.map((r) => r.failedJoins))} of ${rooms * clients} in the worst run. Server memory (resident) after the matches: ${runs.map((r) => mb(r.serverRss)).join(", ")} MB; peak of the worst run ${mb(Math.max(...runs.map((r) => r.peakRss)))} MB (${Math.round(Math.max(...runs.map((r) => r.peakRss)) / 2 ** 20)} MiB; aim < 400 MB).`,
    `Ratio to the bare room, every action (p50 / p99), median of the runs: ${median(runs.map((r) => percentile(actions(r.acks), 50) / percentile(actions(r.bareAcks), 50))).toFixed(1)} / ${median(runs.map((r) => percentile(actions(r.acks), 99) / percentile(actions(r.bareAcks), 99))).toFixed(1)}.`,
    "",
  ].join("\n");
}

// `npm run bench` runs this part as a process of its own (./bench.ts), so the bots share no heap with the earlier parts.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(await runServerBench());
