/**
 * npm start: builds the client if it is missing, then serves the client and the game server on
 * one port from one process, and prints where to open it.
 */
import "./heap-settings.ts";
// First, so the pool size is set before any file work starts the pool.
import { batchPoolThreads } from "./threadpool.ts";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "./app.ts";
import { runCli } from "./cli/args.ts";
import { readSettings } from "./settings.ts";

const USAGE = "usage: npm start   (settings are environment variables: PORT, DATA_DIR, ADMIN_PASSWORD, … see README)";

/** Runs `npm run build` when the client is not built and a build script exists; the server starts either way. */
function buildClientIfMissing(clientDir: string): void {
  if (existsSync(join(clientDir, "index.html"))) return;
  let scripts: Record<string, unknown>;
  try {
    scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts?: Record<string, unknown> }).scripts ?? {};
  } catch {
    return;
  }
  if (typeof scripts.build !== "string") {
    process.stdout.write("The client has no build script yet: serving a page that says so.\n");
    return;
  }
  process.stdout.write("The client is not built: running npm run build …\n");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.stderr.write("warning: npm run build failed; serving a page that says the client is not built.\n");
}

runCli(USAGE, async () => {
  if (process.argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const settings = readSettings();
  if (!settings.ok) {
    process.stderr.write(`error: ${settings.error}\n`);
    return 2;
  }
  buildClientIfMissing(settings.value.clientDir);
  const running = await startServer(settings.value, { gracefulShutdown: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EADDRINUSE") throw new Error(`port ${settings.value.port} is already in use: stop the other server or set PORT`);
    throw e;
  });
  // The pool started with the server's first file work (the match logs); its threads exist by now.
  void batchPoolThreads();
  const lines = [
    "Belt and Road value chains: classroom server",
    `  on this computer:   ${running.urls.local}`,
    ...running.urls.network.map((u) => `  on the network:     ${u}   (students join here)`),
    `  match logs:         ${running.services.store.dir}`,
    `  AI workers:         ${running.services.ai.size}`,
    ...(running.recovered.length > 0 ? [`  recovered matches:  ${running.recovered.join(", ")}`] : []),
    ...running.recoveryProblems.map((p) => `  could not recover:  ${p}`),
    settings.value.adminPassword ? "  creating sessions needs ADMIN_PASSWORD" : "  open /instructor to create a class session",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return await new Promise<number>(() => {});
});
