/** Reading a scenario file from disk: every failure becomes a message a person can act on. */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeIssues, loadScenario } from "../shared/scenario/load.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { err, ok, type Result } from "../shared/types.ts";

export const DEFAULT_SCENARIO = fileURLToPath(new URL("../assets/scenarios/belt-and-road.json", import.meta.url));

export function readJsonFile(path: string, what: string): Result<unknown, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    return err(`cannot read ${what} '${path}': ${why}`);
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return err(`${what} '${path}' is not valid JSON: ${(e as Error).message}`);
  }
}

export function readScenarioFile(path: string = DEFAULT_SCENARIO): Result<Scenario, string> {
  const json = readJsonFile(path, "scenario file");
  if (!json.ok) return json;
  const scenario = loadScenario(json.value);
  if (!scenario.ok) return err(`scenario file '${path}' is refused:\n${describeIssues(scenario.error)}`);
  return scenario;
}

const sharedScenarios = new Map<string, { stamp: string; scenario: Scenario }>();

/**
 * The scenario file as the server's matches use it: read and checked again only when the file has
 * changed, so every match on the same file shares one scenario object (the engine never changes a
 * scenario), kept once in memory and in each AI worker, its caches built once.
 */
export function readSharedScenarioFile(path: string = DEFAULT_SCENARIO): Result<Scenario, string> {
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return readScenarioFile(path);
  }
  const known = sharedScenarios.get(path);
  if (known?.stamp === stamp) return ok(known.scenario);
  const read = readScenarioFile(path);
  if (read.ok) sharedScenarios.set(path, { stamp, scenario: read.value });
  return read;
}
