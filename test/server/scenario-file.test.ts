/** The server reads a scenario file once and shares it between matches until the file changes. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEFAULT_SCENARIO, readSharedScenarioFile } from "../../server/scenario-file.ts";

const dir = mkdtempSync(join(tmpdir(), "bri-scenario-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the shared scenario file", () => {
  test("is one object while the file is unchanged, read again once it changes, and refused with a message when broken", () => {
    const path = join(dir, "scenario.json");
    copyFileSync(DEFAULT_SCENARIO, path);
    const first = readSharedScenarioFile(path);
    const again = readSharedScenarioFile(path);
    if (!first.ok || !again.ok) throw new Error("the default scenario was refused");
    expect(again.value).toBe(first.value);

    const edited = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown };
    writeFileSync(path, JSON.stringify(edited, null, 1));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const changed = readSharedScenarioFile(path);
    if (!changed.ok) throw new Error(changed.error);
    expect(changed.value).not.toBe(first.value);
    expect(changed.value).toEqual(first.value);

    writeFileSync(path, "{ not json");
    expect(readSharedScenarioFile(path)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(readSharedScenarioFile(join(dir, "missing.json"))).toMatchObject({ ok: false, error: expect.stringMatching(/no such file/) });
  });
});
