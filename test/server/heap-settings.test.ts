import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SETTINGS = fileURLToPath(new URL("../../server/heap-settings.ts", import.meta.url));

/** Keeps three batches of fresh objects alive across young collections: what makes V8 pretenure a site. */
const WORKLOAD = `
if (process.env.SETTINGS) await import(process.env.SETTINGS);
console.log("READY");
const keep = [];
const make = (i) => ({ a: i, b: i + 0.5, c: [i] });
for (let r = 0; r < 30; r++) {
  const batch = [];
  for (let i = 0; i < 50000; i++) batch.push(make(i));
  keep.push(batch);
  if (keep.length > 3) keep.shift();
}`;

/** Lines in which V8 weighs an allocation site's pretenuring feedback, once the settings (if any) are loaded. */
function pretenuringFeedback(settings: boolean): number {
  const run = spawnSync(process.execPath, ["--trace-pretenuring-statistics", "--input-type=module", "-e", WORKLOAD], {
    env: { ...process.env, SETTINGS: settings ? SETTINGS : "" },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const afterLoad = run.stdout.slice(run.stdout.indexOf("READY"));
  return (afterLoad.match(/pretenuring:/g) ?? []).length;
}

describe("heap settings of the processes that resolve turns", () => {
  // Whether V8 then decides to pretenure a site varies from run to run; whether it weighs the feedback does not.
  test("V8 weighs pretenuring feedback when objects outlive a young collection, and no longer does once the settings are loaded", () => {
    expect(pretenuringFeedback(false)).toBeGreaterThan(0);
    expect(pretenuringFeedback(true)).toBe(0);
  }, 30_000);

  test.each(["server/main.ts", "server/cli/bench.ts", "server/cli/sim.ts", "server/cli/demo.ts", "server/cli/replay.ts", "server/cli/calibrate.ts"])(
    "%s loads them before anything else",
    (entry) => {
      const firstImport = readFileSync(`${ROOT}${entry}`, "utf8").match(/^import .*$/m)?.[0];
      expect(firstImport).toMatch(/^import "\.\.?\/(\.\.\/)?heap-settings\.ts";$/);
    },
  );
});
