/**
 * What the rooms share within one server process: storage, the AI pool, settings, and the
 * registry of live sessions by class code (so an unknown code never creates a room).
 */
import type { AiPool } from "../ai/pool.ts";
import type { MatchStore } from "../storage/matches.ts";
import type { Session, Timers } from "./session.ts";

export interface RoomSettings {
  /** Seconds a dropped student keeps the seat before the AI takes it. */
  reconnectSeconds: number;
  classTimers: Timers;
  soloTimers: Timers;
  /** Messages a client may send per second, sustained (bursts of twice that are allowed). */
  messagesPerSecond: number;
}

export interface Services {
  store: MatchStore;
  ai: AiPool;
  settings: RoomSettings;
  now: () => number;
  /** Sessions handed to a room being created, by a one-time key. */
  handoff: Map<string, Session>;
  /** Live class sessions: code → room id. */
  codes: Map<string, string>;
  /** Live matches: match id → room id. */
  live: Map<string, string>;
}

let current: Services | null = null;

export function setServices(services: Services | null): void {
  current = services;
}

export function services(): Services {
  if (!current) throw new Error("the rooms' services are not set up (startServer sets them)");
  return current;
}
