import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * Resolves the same turn 600 times, keeping none of the results, and prints V8's count of the bytes
 * its young-generation collections moved to the old generation meanwhile.
 */
const SCRIPT = `
const root = ${JSON.stringify(ROOT)};
const { readScenarioFile } = await import(root + "server/scenario-file.ts");
const { allSeatIds, createMatch } = await import(root + "shared/state.ts");
const { resolveTurn } = await import(root + "shared/resolve.ts");
const { playBotTurn } = await import(root + "shared/match-runner.ts");
const { randomOrders } = await import(root + "shared/ai/random-bot.ts");
const scenario = readScenarioFile().value;
const seats = allSeatIds(scenario);
let state = createMatch(scenario, seats.map((seat) => ({ seat, controller: "bot" })), 1).value;
for (let t = 0; t < 3; t++) state = playBotTurn(state, seats).state;
const orders = Object.fromEntries(seats.map((seat) => [seat, randomOrders(state, seat)]));
for (let i = 0; i < 100; i++) resolveTurn(state, orders);
gc();
console.log("START");
for (let i = 0; i < 600; i++) resolveTurn(state, orders);
console.log("END");`;

test("a dropped resolution leaves nothing that outlives a young collection", () => {
  const run = spawnSync(process.execPath, ["--expose-gc", "--trace-gc-nvp", "--input-type=module", "-e", SCRIPT], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const during = run.stdout.slice(run.stdout.indexOf("START"), run.stdout.indexOf("END"));
  const promoted = [...during.matchAll(/promoted=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  expect(during).toMatch(/gc=s/); // the loop did see young collections
  // About 1 MB when nothing is kept; a context that held on to its draft (a getter closure in an
  // object literal did) made it 40 MB, each turn's draft promoted and left for a full collection.
  expect(promoted).toBeLessThan(8e6);
});
