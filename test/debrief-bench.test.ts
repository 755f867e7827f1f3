/** The debrief benchmark runs end to end at a small size (its figures belong to npm run bench). */
import { expect, test } from "vitest";
import { runDebriefBench } from "../server/cli/bench/debrief.ts";

test("the debrief benchmark opens a log, builds the series and the CSV, and reports each step", async () => {
  const section = await runDebriefBench({ turns: 1, repeats: 1 });
  expect(section).toMatch(/^## Debrief/);
  for (const step of ["open: hash chain", "chart series", "CSV export"]) expect(section).toMatch(new RegExp(`\\| ${step}.*\\| \\d+\\.\\d ms \\|`));
});
