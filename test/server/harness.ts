/** A classroom server on a free port with its own data directory, and SDK clients for it. */
import { ColyseusTestServer } from "@colyseus/testing";
import { Client as SdkClient, type Room as SdkRoom } from "@colyseus/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../server/app.ts";
import { readSettings, type Settings } from "../../server/settings.ts";
import { PublicViewKeeper, type PublicWire } from "../../client/net/protocol.ts";
import type { MatchView } from "../../shared/view.ts";

export interface Harness {
  running: RunningServer;
  testing: ColyseusTestServer;
  settings: Settings;
  url: string;
  sdk: () => SdkClient;
  createClass: (body?: unknown) => Promise<{ code: string; instructorToken: string; roomId: string; matchId: string; joinUrl: string }>;
  close: () => Promise<void>;
}

export const FAST_ENV = {
  PORT: "0",
  HOST: "127.0.0.1",
  AI_WORKERS: "1",
  // Tests check what the server does, not how fast its first turns are: a short warm-up starts it sooner.
  WARM_UP_TURNS: "4",
  BRIEFING_SECONDS: "0.1",
  NEGOTIATE_SECONDS: "0.3",
  COMMIT_SECONDS: "0.4",
  REPORT_SECONDS: "0.1",
  MESSAGES_PER_SECOND: "1000",
};

export async function startHarness(env: Record<string, string> = {}, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "bri-server-"));
  const settings = readSettings({ ...FAST_ENV, DATA_DIR: dir, CLIENT_DIR: join(dir, "no-client"), ...env });
  if (!settings.ok) throw new Error(settings.error);
  const running = await startServer(settings.value);
  // The test server reads the port the server was asked for (0 here); give it the one it got.
  (running.server as unknown as { port: number }).port = running.port;
  const testing = new ColyseusTestServer(running.server);
  const url = `http://127.0.0.1:${running.port}`;
  return {
    running,
    testing,
    settings: settings.value,
    url,
    sdk: () => new SdkClient(url),
    async createClass(body: unknown = {}) {
      const res = await fetch(`${url}/api/sessions`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { code: string; instructorToken: string; roomId: string; matchId: string; joinUrl: string };
    },
    async close() {
      await running.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects every message of some types a client receives. */
export function recorder(room: SdkRoom, types: string[]): Record<string, unknown[]> {
  const got: Record<string, unknown[]> = Object.fromEntries(types.map((t) => [t, []]));
  for (const t of types) room.onMessage(t, (m: unknown) => got[t]!.push(m));
  return got;
}

/** Waits until a condition holds, checking every few milliseconds. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The public view a client holds after the `public` messages it received (whole views and the
 * changes that follow them), as the client's own PublicViewKeeper builds it; null before a whole one.
 */
export function heldPublicView(messages: ReadonlyArray<unknown>): MatchView | null {
  const keeper = new PublicViewKeeper();
  let held: MatchView | null = null;
  for (const m of messages) held = keeper.accept(m as PublicWire) ?? held;
  return held;
}
