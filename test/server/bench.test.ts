/** The server benchmark runs end to end at a small size (the figures themselves belong to npm run bench). */
import { expect, test } from "vitest";
import { runServerBench } from "../../server/cli/bench/server.ts";

test("the server benchmark plays its rooms to the end and reports every measure", async () => {
  const section = await runServerBench({ rooms: 1, clients: 3, rounds: 1 });
  expect(section).toContain("## Classroom server");
  expect(section).toContain("Failed joins: 0 of 3");
  for (const row of ["orders → acknowledgement (on disk) | 3 |", "offer step → acknowledgement (refused) | 6 |", "bare room: message → acknowledgement | 9 |", "end of turn → every client of the room updated | 1 |"]) {
    expect(section).toContain(row);
  }
  expect(section).toMatch(/Server memory \(resident\): \d+ MB after the matches, peak \d+ MB \(\d+ MiB; aim < 400 MB\)/);
});
