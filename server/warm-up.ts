/**
 * Plays a few turns of a bot match of the built-in scenario when the server starts, through each
 * step a class turn takes on the server's thread: validating orders, resolving, hashing the state,
 * the public view and its change since the turn before, the log line, the wire encoding. Cold, V8
 * runs these several times slower than once compiled; without the warm-up, the first turn of the
 * first classes (which end together) held up other rooms' acknowledgements by up to 100 ms.
 */
import { encodeLine } from "../shared/matchlog.ts";
import { playBotTurn } from "../shared/match-runner.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { allSeatIds, createMatch } from "../shared/state.ts";
import { viewDelta } from "../shared/view-delta.ts";
import { viewFor } from "../shared/view.ts";
import { encoded } from "./rooms/public-views.ts";

const ANY_HASH = "0".repeat(64);

export function warmUp(scenario: Scenario, turns = 4): void {
  const seats = allSeatIds(scenario);
  const made = createMatch(scenario, seats.map((seat) => ({ seat, controller: "bot" as const })), 1);
  if (!made.ok) throw new Error(`warm-up: ${made.error.message}`);
  let state = made.value;
  let view = viewFor(state, "public");
  for (let turn = 0; turn < turns; turn++) {
    const played = playBotTurn(state, seats);
    state = played.state;
    for (const [seq, body] of played.events.entries()) encodeLine(ANY_HASH, seq, body);
    const next = viewFor(state, "public");
    encoded("public", { version: turn, base: turn - 1, delta: viewDelta(view, next), report: null });
    encoded("public", { version: turn, view: next, report: null });
    view = next;
  }
}
