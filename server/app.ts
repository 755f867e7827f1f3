/**
 * The classroom server in one process: Colyseus rooms, the HTTP API and the built client on one
 * port, match logs under DATA_DIR, unfinished matches rebuilt from their logs at start.
 */
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { randomBytes, randomInt } from "node:crypto";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { parseLog } from "../shared/matchlog.ts";
import { AiPool } from "./ai/pool.ts";
import { warmUp } from "./warm-up.ts";
import { watchEventLoop } from "./event-loop-delay.ts";
import { resolveSessionSettings, type SessionSettings, type SettingsIssue } from "../shared/session-settings.ts";
import { ok, type Result } from "../shared/types.ts";
import { createApi, type CreatedSession } from "./http/api.ts";
import { createClientFiles } from "./http/client-files.ts";
import { ClassRoom } from "./rooms/class-room.ts";
import { hashToken } from "./rooms/seats.ts";
import { setServices, type Services } from "./rooms/services.ts";
import { createSession, recoverSession } from "./rooms/session-files.ts";
import type { Session } from "./rooms/session.ts";
import { SoloRoom } from "./rooms/solo-room.ts";
import { readSharedScenarioFile } from "./scenario-file.ts";
import type { Settings } from "./settings.ts";
import { MatchStore } from "./storage/matches.ts";
import { useNativeSha256 } from "./native-hash.ts";

export interface RunningServer {
  port: number;
  server: Server;
  services: Services;
  /** Local and network URLs of the app. */
  urls: { local: string; network: string[] };
  recovered: string[];
  recoveryProblems: string[];
  close(): Promise<void>;
}

/** Class codes: 5 letters, none that read alike (I, O). */
const CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

export function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
    .map((a) => (a as { address: string }).address);
}

export async function startServer(settings: Settings, options: { gracefulShutdown?: boolean } = {}): Promise<RunningServer> {
  useNativeSha256();
  const builtIn = readSharedScenarioFile();
  if (builtIn.ok) warmUp(builtIn.value, settings.warmUpTurns);
  watchEventLoop();
  const store = new MatchStore(settings.dataDir);
  await store.init();
  const ai = new AiPool(settings.aiWorkers);
  const services: Services = {
    store,
    ai,
    settings: { reconnectSeconds: settings.reconnectSeconds, classTimers: settings.classTimers, soloTimers: settings.soloTimers, messagesPerSecond: settings.messagesPerSecond },
    now: Date.now,
    handoff: new Map(),
    codes: new Map(),
    live: new Map(),
  };
  setServices(services);

  let port = settings.port;
  const publicBase = () => settings.publicUrl ?? `http://${networkAddresses()[0] ?? "localhost"}:${port}`;

  async function openRoom(kind: "class" | "solo", session: Session, recovered: boolean): Promise<string> {
    const key = randomBytes(16).toString("hex");
    services.handoff.set(key, session);
    try {
      const room = await matchMaker.createRoom(kind, { handoff: key, recovered });
      return room.roomId;
    } finally {
      services.handoff.delete(key);
    }
  }

  async function createClass(request: SessionSettings): Promise<Result<CreatedSession, SettingsIssue[]>> {
    const builtIn = readSharedScenarioFile();
    if (!builtIn.ok) throw new Error(builtIn.error);
    const resolved = resolveSessionSettings(request, builtIn.value, request.seed ?? randomInt(2 ** 31 - 1));
    if (!resolved.ok) return resolved;
    const chosen = resolved.value;
    const newCode = () => Array.from({ length: 5 }, () => CODE_LETTERS[randomInt(CODE_LETTERS.length)]).join("");
    let code = newCode();
    while (services.codes.has(code)) code = newCode();
    const instructorToken = randomBytes(24).toString("base64url");
    const t = settings.classTimers;
    const timer = (key: keyof typeof t) => (request.timers?.[key] !== undefined ? Math.round((request.timers[key] as number) * 1000) : t[key]);
    const matchId = `class-${new Date().toISOString().slice(0, 10)}-${code}-${randomBytes(3).toString("hex")}`;
    const session = await createSession(
      store,
      ai,
      {
        room: "class",
        code,
        matchId,
        rounds: chosen.rounds,
        timers: { briefing: timer("briefing"), negotiate: timer("negotiate"), commit: timer("commit"), report: timer("report") },
        openRoles: chosen.openRoles,
        instructorTokenHash: hashToken(instructorToken),
        scenario: chosen.scenario,
        seed: chosen.seed,
        ai: chosen.ai,
        visibility: chosen.visibility,
        events: chosen.events,
        overrides: chosen.overrides,
      },
      services.now,
    );
    const roomId = await openRoom("class", session, false);
    return ok({ code, roomId, matchId, instructorToken });
  }

  function scenarioOf(code: string): unknown {
    const roomId = services.codes.get(code);
    const room = roomId ? (matchMaker.getLocalRoomById(roomId) as ClassRoom | undefined) : undefined;
    return room?.session.state.scenario ?? null;
  }

  function describeCode(code: string): unknown {
    const roomId = services.codes.get(code);
    const room = roomId ? (matchMaker.getLocalRoomById(roomId) as ClassRoom | undefined) : undefined;
    if (!room) return null;
    const s = room.session;
    return {
      code,
      roomId,
      joinUrl: `${publicBase()}/join/${code}`,
      phase: s.phase,
      turn: s.state.turn,
      rounds: s.config.rounds,
      seats: [...s.seats.values()].map((seat) => ({ id: seat.seat, role: seat.role, open: s.config.openRoles.includes(seat.role), members: seat.members.length })),
    };
  }

  const api = createApi({
    adminPassword: settings.adminPassword,
    store,
    publicBase,
    createClass,
    describeCode,
    scenarioOf,
    rooms: () => {
      const counts: Record<string, number> = { class: 0, solo: 0 };
      for (const roomId of services.live.values()) {
        const room = matchMaker.getLocalRoomById(roomId);
        if (room) counts[room.roomName] = (counts[room.roomName] ?? 0) + 1;
      }
      return counts;
    },
    live: () => new Set(services.live.keys()),
  });
  const clientFiles = createClientFiles(settings.clientDir);

  const server = defineServer({
    rooms: { class: defineRoom(ClassRoom).filterBy(["code"]), solo: defineRoom(SoloRoom) },
    transport: new WebSocketTransport({ maxPayload: 16 * 1024 }),
    greet: false,
    gracefullyShutdown: options.gracefulShutdown ?? false,
    express: (app) => {
      app.disable("x-powered-by");
      app.use(api);
      app.use(clientFiles);
    },
  });
  await server.listen(settings.port, settings.host);
  port = ((server.transport.server as unknown as { address(): AddressInfo }).address()).port;

  const recovered: string[] = [];
  const recoveryProblems: string[] = [];
  for (const id of await store.ids()) {
    const text = await store.read(id);
    if (text === null) continue;
    const parsed = parseLog(text);
    if (!parsed.ok || parsed.value.finished) continue;
    const room = (parsed.value.header.settings as { room?: unknown }).room;
    if (room !== "class" && room !== "solo") continue;
    const session = await recoverSession(store, ai, id, text, services.now).catch((e: unknown) => ({ ok: false as const, error: (e as Error).message }));
    if (!session.ok) {
      recoveryProblems.push(`${id}: ${session.error}`);
      continue;
    }
    await openRoom(room, session.value, true);
    recovered.push(id);
  }

  return {
    port,
    server,
    services,
    urls: { local: `http://localhost:${port}`, network: networkAddresses().map((a) => `http://${a}:${port}`) },
    recovered,
    recoveryProblems,
    async close() {
      await server.gracefullyShutdown(false);
      await ai.close();
      setServices(null);
    },
  };
}
