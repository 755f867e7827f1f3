/**
 * Vitest global setup: builds the client once per run for the browser tests, and only when
 * dist/client is older than what it is built from (client, engine, assets, build config, lockfile).
 * Without Chromium the browser tests skip, so nothing is built.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasChromium } from "./chromium.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = join(ROOT, "dist/client");
const SOURCES = ["client", "shared", "assets", "vite.config.ts", "package-lock.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function clientBuildIsStale(): boolean {
  const index = join(DIST, "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

export async function buildClient(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
}

export default async function setup(): Promise<void> {
  if (!hasChromium() || !clientBuildIsStale()) return;
  await buildClient();
}
