/** The engine and the baseline bots, off the page's main thread: the offline solo match. */
import type { TurnReport } from "../../shared/report.ts";
import type { MatchState } from "../../shared/state.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { playRound, resumeSolo, snapshot, startSolo, type SoloRecord, type SoloTransfer } from "./solo-match.ts";

let match: { state: MatchState; record: SoloRecord } | null = null;

const reply = (message: FromWorker): void => self.postMessage(message);

function replyState(report: TurnReport | null, transfers: SoloTransfer[]): void {
  if (match) reply({ type: "snapshot", snapshot: snapshot(match.state, match.record.seat), record: match.record, report, transfers });
}

self.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "start": {
      const started = startSolo(message.scenario, message.seat, message.seed);
      if (!started.ok) return reply({ type: "refused", message: started.error });
      match = { state: started.value, record: { seat: message.seat, seed: message.seed, rounds: [] } };
      return replyState(null, []);
    }
    case "resume": {
      const resumed = resumeSolo(message.scenario, message.record);
      if (!resumed.ok) return reply({ type: "refused", message: resumed.error });
      match = { state: resumed.value, record: structuredClone(message.record as SoloRecord) };
      return replyState(null, []);
    }
    case "submit": {
      if (!match) return reply({ type: "refused", message: { en: "No match is running.", zh: "当前没有进行中的对局。" } });
      const played = playRound(match.state, match.record.seat, message.orders);
      if (!played.ok) return reply({ type: "refused", message: played.error });
      match.state = played.value.state;
      match.record.rounds.push(message.orders);
      return replyState(played.value.report, played.value.transfers);
    }
    default:
      return reply({ type: "refused", message: { en: "Unknown request to the engine.", zh: "引擎收到未知请求。" } });
  }
});
