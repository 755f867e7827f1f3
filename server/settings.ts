/** The server's settings, from environment variables (documented in the README). Bad values are refused with the variable's name. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { err, ok, type Result } from "../shared/types.ts";
import type { Timers } from "./rooms/session.ts";

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  adminPassword: string | undefined;
  /** Base of join links; defaults to http://<network address>:<port>. */
  publicUrl: string | undefined;
  aiWorkers: number;
  /** Turns of a bot match played at start-up so the first class turns run compiled code (./warm-up.ts). */
  warmUpTurns: number;
  reconnectSeconds: number;
  messagesPerSecond: number;
  classTimers: Timers;
  soloTimers: Timers;
  /** Where the built client is served from. */
  clientDir: string;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const secs = z.coerce.number().min(0.05).max(86_400);

const env = z.object({
  PORT: int(0, 65_535).default(2567),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("data"),
  ADMIN_PASSWORD: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  AI_WORKERS: int(1, 64).optional(),
  WARM_UP_TURNS: int(0, 200).default(12),
  RECONNECT_SECONDS: secs.default(300),
  MESSAGES_PER_SECOND: int(1, 100_000).default(10),
  BRIEFING_SECONDS: secs.default(30),
  NEGOTIATE_SECONDS: secs.default(150),
  COMMIT_SECONDS: secs.default(60),
  REPORT_SECONDS: secs.default(60),
  SOLO_SECONDS: secs.default(900),
  CLIENT_DIR: z.string().min(1).default("dist/client"),
});

export function readSettings(source: NodeJS.ProcessEnv = process.env): Result<Settings, string> {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`environment variable ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  const solo = e.SOLO_SECONDS * 1000;
  return ok({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    adminPassword: e.ADMIN_PASSWORD === "" ? undefined : e.ADMIN_PASSWORD,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    aiWorkers: e.AI_WORKERS ?? Math.max(1, availableParallelism() - 1),
    warmUpTurns: e.WARM_UP_TURNS,
    reconnectSeconds: e.RECONNECT_SECONDS,
    messagesPerSecond: e.MESSAGES_PER_SECOND,
    classTimers: { briefing: e.BRIEFING_SECONDS * 1000, negotiate: e.NEGOTIATE_SECONDS * 1000, commit: e.COMMIT_SECONDS * 1000, report: e.REPORT_SECONDS * 1000 },
    soloTimers: { briefing: solo, negotiate: solo, commit: solo, report: solo },
    clientDir: resolve(e.CLIENT_DIR),
  });
}
