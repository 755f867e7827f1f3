/** A worker thread of the AI pool: answers each request with the AI players' decisions. */
import { parentPort } from "node:worker_threads";
import { decide, type AiRequest } from "./players.ts";

parentPort?.on("message", (message: { id: number; request: AiRequest }) => {
  try {
    parentPort?.postMessage({ id: message.id, ok: true, decisions: decide(message.request) });
  } catch (e) {
    parentPort?.postMessage({ id: message.id, ok: false, error: (e as Error)?.stack ?? String(e) });
  }
});
