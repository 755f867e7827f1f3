/** The engine and the AI players, off the page's main thread: the offline solo match. */
import { aiSeatsFrom, type AiSeat } from "../../shared/ai/index.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { MatchState } from "../../shared/state.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { forkSolo, negotiate, playRound, resumeSolo, snapshot, startSolo, type SoloRecord, type SoloTransfer } from "./solo-match.ts";

interface Match {
  state: MatchState;
  record: SoloRecord;
  report: TurnReport | null;
  negotiation: ReportEntry[];
  /** The AI players a what-if keeps from its match; none: the default mix. */
  ais: AiSeat[];
}

let match: Match | null = null;

const reply = (message: FromWorker): void => self.postMessage(message);

function replyState(transfers: SoloTransfer[]): void {
  if (!match) return;
  const { state, record, report, negotiation } = match;
  reply({ type: "snapshot", snapshot: snapshot(state, record.seat), record, report, negotiation, transfers });
}

self.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "start": {
      const started = startSolo(message.scenario, message.seat, message.seed);
      if (!started.ok) return reply({ type: "refused", message: started.error });
      match = { state: started.value, record: { seat: message.seat, seed: message.seed, rounds: [], current: [] }, report: null, negotiation: [], ais: [] };
      return replyState([]);
    }
    case "resume": {
      const resumed = resumeSolo(message.scenario, message.record);
      if (!resumed.ok) return reply({ type: "refused", message: resumed.error });
      match = { state: resumed.value, record: structuredClone(message.record as SoloRecord), report: null, negotiation: [], ais: [] };
      return replyState([]);
    }
    case "fork": {
      const state = message.state as MatchState;
      const ais = aiSeatsFrom(message.ais, new Map(state.seats.map((s) => [s.id, s.role])));
      const forked = forkSolo(state, message.seat, message.atTurnStart, ais);
      if (!forked.ok) return reply({ type: "refused", message: forked.error });
      match = { state: forked.value, record: { seat: message.seat, seed: forked.value.seed, rounds: [], current: [] }, report: null, negotiation: [], ais };
      return replyState([]);
    }
    case "negotiate": {
      if (!match) break;
      const done = negotiate(match.state, match.record.seat, message.action, match.ais);
      if (!done.ok) return reply({ type: "refused", message: done.error });
      match.state = done.value.state;
      match.record.current.push(message.action);
      match.negotiation.push(...done.value.entries);
      return replyState([]);
    }
    case "submit": {
      if (!match) break;
      const played = playRound(match.state, match.record.seat, message.orders, match.ais);
      if (!played.ok) return reply({ type: "refused", message: played.error });
      match.state = played.value.state;
      match.record.rounds.push({ negotiations: match.record.current, orders: message.orders });
      match.record.current = [];
      match.report = played.value.report;
      match.negotiation = [];
      return replyState(played.value.transfers);
    }
  }
  reply({ type: "refused", message: match ? { en: "Unknown request to the engine.", zh: "引擎收到未知请求。" } : { en: "No match is running.", zh: "当前没有进行中的对局。" } });
});
