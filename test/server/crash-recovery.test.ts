/**
 * kill -9 in the middle of a class and start again: the unfinished match is rebuilt from its log
 * with the same state hash, students come back with the same code and seat code and find their
 * acknowledged orders, and a finished log stays a finished log. The server runs in a child process.
 */
import { Client as SdkClient } from "@colyseus/sdk";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { hashState } from "../../shared/hash.ts";
import { parseLog } from "../../shared/matchlog.ts";
import { replayLog } from "../../shared/replay.ts";
import { playHeadless } from "../../server/cli/headless.ts";
import { readScenarioFile } from "../../server/scenario-file.ts";
import { until } from "./harness.ts";

const dataDir = mkdtempSync(join(tmpdir(), "bri-crash-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startChild(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, "none"), AI_WORKERS: "1", WARM_UP_TURNS: "4", BRIEFING_SECONDS: "600", NEGOTIATE_SECONDS: "600", COMMIT_SECONDS: "600", REPORT_SECONDS: "600" };
  const child = spawn(process.execPath, ["server/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  await until("the server to start", () => text.includes("on this computer"), 30_000);
  return { child, output: () => text };
}

function messages(room: { onMessage(type: "*", cb: (type: string | number, payload: unknown) => void): unknown; send(type: string): void }) {
  const got: Array<{ type: string | number; payload: unknown }> = [];
  room.onMessage("*", (type, payload) => got.push({ type, payload }));
  room.send("resync");
  return { got, last: <T>(type: string) => got.filter((m) => m.type === type).at(-1)?.payload as T | undefined };
}

test("kill -9 mid-phase, restart: same state hash, same seats, acknowledged orders kept, finished logs not revived", async () => {
  const scenario = readScenarioFile();
  if (!scenario.ok) throw new Error(scenario.error);
  const port = await freePort();
  const first = await startChild(port);
  const base = `http://127.0.0.1:${port}`;

  const created = (await (await fetch(`${base}/api/sessions`, { method: "POST", body: JSON.stringify({ rounds: 3, seed: 9 }) })).json()) as { code: string; instructorToken: string; matchId: string };
  const sdk = new SdkClient(base);
  const instructor = await sdk.join("class", { code: created.code, instructorToken: created.instructorToken });
  const ann = await sdk.join("class", { code: created.code, name: "Ann" });
  await sdk.join("class", { code: created.code, name: "Bob" });
  const annBox = messages(ann);
  const instructorBox = messages(instructor);
  await until("Ann's seat", () => annBox.last("welcome") !== undefined);
  const { seat, seatToken } = annBox.last<{ seat: string; seatToken: string }>("welcome")!;
  for (const [i, command] of (["start", "advance", "advance"] as const).entries()) {
    instructor.send("instructor", { id: `c${i}`, command: { type: command } });
    await until(`command ${command}`, () => instructorBox.got.some((m) => m.type === "ack" && (m.payload as { id: string }).id === `c${i}`));
    await until("the phase to move", () => (instructor.state as { phase: string }).phase === ["briefing", "negotiate", "commit"][i]);
  }
  const orders = [{ type: "stance", stance: "high" }];
  ann.send("orders", { id: "ann-orders-1", orders });
  await until("Ann's acknowledgement", () => annBox.last("ack") !== undefined);
  expect(annBox.last("ack")).toMatchObject({ id: "ann-orders-1", ok: true });

  // The log as it stands, re-simulated, is the state to come back to.
  const before = await (await fetch(`${base}/api/matches/${created.matchId}/log`)).text();
  const beforeParsed = parseLog(before);
  if (!beforeParsed.ok) throw new Error(beforeParsed.error.message);
  const beforeReplay = replayLog(beforeParsed.value);
  if (!beforeReplay.ok) throw new Error(beforeReplay.error.message);
  const expectedHash = hashState(beforeReplay.value.final);

  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));

  // A finished log copied into the directory must never come back as a live match.
  const finished = playHeadless(scenario.value, 2, 4, 1);
  writeFileSync(join(dataDir, "matches", "finished-sim.jsonl"), finished.log);

  const second = await startChild(port);
  expect(second.output()).toContain(`recovered matches:  ${created.matchId}`);
  expect(second.output()).not.toContain("finished-sim");

  const after = await (await fetch(`${base}/api/matches/${created.matchId}/log`)).text();
  const afterParsed = parseLog(after);
  if (!afterParsed.ok) throw new Error(afterParsed.error.message);
  const recoveredLine = afterParsed.value.lines.find((l) => l.body.kind === "phase" && l.body.recovered === true);
  expect(recoveredLine?.body).toMatchObject({ phase: "commit", stateHash: expectedHash });

  // Ann comes back with the class code and her seat code, and finds her orders.
  const sdk2 = new SdkClient(base);
  const annAgain = await sdk2.join("class", { code: created.code, seatToken });
  const again = messages(annAgain);
  await until("Ann's view", () => again.last("private") !== undefined);
  expect(again.last("welcome")).toMatchObject({ seat });
  expect(again.last("private")).toMatchObject({ submitted: true, orders });
  annAgain.send("orders", { id: "ann-orders-1", orders });
  await until("the repeated acknowledgement", () => again.last("ack") !== undefined);
  expect(again.last("ack")).toMatchObject({ id: "ann-orders-1", ok: true, duplicate: true });
  await sdk2.join("class", { code: created.code, instructorToken: created.instructorToken });

  const list = (await (await fetch(`${base}/api/matches`)).json()) as { matches: Array<{ id: string; status: string }> };
  expect(list.matches.find((m) => m.id === "finished-sim")?.status).toBe("finished");
  expect(list.matches.find((m) => m.id === created.matchId)?.status).toBe("live");
  second.child.kill("SIGKILL");
});
