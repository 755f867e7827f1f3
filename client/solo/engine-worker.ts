/** The engine and the baseline bots, off the page's main thread: the offline solo match. */
import type { MatchState } from "../../shared/state.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { playRound, snapshot, startSolo } from "./solo-match.ts";

let match: { state: MatchState; seat: string } | null = null;

const reply = (message: FromWorker): void => self.postMessage(message);

self.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "start") {
    const started = startSolo(message.scenario, message.seat, message.seed);
    if (!started.ok) return reply({ type: "refused", message: started.error });
    match = { state: started.value, seat: message.seat };
    return reply({ type: "snapshot", snapshot: snapshot(match.state, match.seat), report: null, transfers: [] });
  }
  if (message.type === "submit") {
    if (!match) return reply({ type: "refused", message: { en: "No match is running.", zh: "当前没有进行中的对局。" } });
    const played = playRound(match.state, match.seat, message.orders);
    if (!played.ok) return reply({ type: "refused", message: played.error });
    match.state = played.value.state;
    return reply({ type: "snapshot", snapshot: snapshot(match.state, match.seat), report: played.value.report, transfers: played.value.transfers });
  }
  reply({ type: "refused", message: { en: "Unknown request to the engine.", zh: "引擎收到未知请求。" } });
});
