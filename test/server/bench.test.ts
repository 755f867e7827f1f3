/** The server benchmark runs end to end at a small size (the figures themselves belong to npm run bench). */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { startFlags } from "../../server/cli/bench/server.ts";

/** The server part as `npm run bench` runs it: a process of its own, without Node's built-in WebSocket. */
async function smallServerBench(): Promise<string> {
  // The warm-up round is the same load, unmeasured: left out here to keep the suite short.
  const script = `import { runServerBench } from "./server/cli/bench/server.ts";
process.stdout.write(await runServerBench({ rooms: 1, clients: 3, rounds: 1, runs: 2, warmUp: false }));`;
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--no-experimental-websocket", "--input-type=module", "--eval", script], { cwd: root });
  return stdout;
}

test("the server benchmark plays its rooms to the end in each run and reports every measure", async () => {
  const section = await smallServerBench();
  expect(section).toContain("## Classroom server");
  // As in `npm run bench`, the bots' clients use the ws package: their frames arrive as Node buffers.
  expect(section).toContain("all in the benchmark's\nprocess, on the `ws` package's WebSocket)");
  // The server runs with the Node flags of `npm start`: its young generation is capped (README, the classroom server).
  expect(startFlags()).toEqual(["--max-semi-space-size=8"]);
  expect(section).toContain("as `npm start` runs it: `node --max-semi-space-size=8`)");
  expect(section).toContain("| what | run 1 | run 2 | median | worst | aim |");
  expect(section).toContain("Samples per run: 3 orders, 6 offer steps, 1 turn ends, 9 bare-room messages");
  expect(section).toContain("| failed joins | 0 | 0 | 0 | 0 | 0 |");
  // One room: its end of turn is the first and the last.
  expect(section).toContain("(0.0 s, 0.0 s: from the first room's end of turn to the last's");
  expect(section).toMatch(/Failed joins: 0 of 3 in the worst run\. Server memory \(resident\) after the matches: \d+, \d+ MB; peak of the worst run \d+ MB \(\d+ MiB; aim < 400 MB\)/);
  const cells = (name: string) => section.split("\n").find((line) => line.startsWith(`| ${name} |`))?.split("|").slice(2, 6).map((c) => Number(c.trim()));
  for (const name of ["orders → acknowledgement (on disk), p99 ms", "every action → acknowledgement, p99 ms", "end of turn → every client of the room updated, p99 ms", "server memory (resident), peak MB", "server event-loop delay, p99 ms", "benchmark's own event-loop delay, p99 ms", "bare disk: append → on disk, p99 ms"]) {
    const [first, second, median, worst] = cells(name) ?? [];
    expect(first, name).toBeGreaterThan(0);
    expect(second, name).toBeGreaterThan(0);
    // Cells are rounded after the median is taken: within one unit of the mean of the rounded runs.
    expect(Math.abs((median as number) - ((first as number) + (second as number)) / 2), name).toBeLessThanOrEqual(1);
    expect(worst, name).toBe(Math.max(first as number, second as number));
  }
});
