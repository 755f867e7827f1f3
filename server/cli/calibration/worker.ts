/** A calibration worker thread: plays the matches it is sent and posts their records back. */
import { parentPort, workerData } from "node:worker_threads";
import type { AiSeat } from "../../../shared/ai/index.ts";
import { readScenarioFile } from "../../scenario-file.ts";
import { playCalibrationMatch } from "./record.ts";

export interface MatchTask {
  id: number;
  seed: number;
  ais: AiSeat[];
  rounds: number;
}

const scenario = readScenarioFile(workerData as string);
if (!scenario.ok) throw new Error(scenario.error);
parentPort?.on("message", (task: MatchTask) => {
  parentPort?.postMessage({ id: task.id, record: playCalibrationMatch(scenario.value, task.seed, task.ais, task.rounds) });
});
