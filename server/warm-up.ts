/**
 * Plays turns of bot matches of the built-in scenario when the server starts, through each step a
 * class turn takes on the server's thread: validating orders, resolving, hashing the state, the
 * public view and its change since the turn before, the log line, the wire encoding. Cold, V8 runs
 * these several times slower than once compiled, and it keeps re-optimising the engine for a few
 * dozen turns: with 4 turns of warm-up, the first turn of 25 classes ending together held up other
 * rooms' acknowledgements (p99 of the time an order spent in the server) by 39 to 50 ms; with 30
 * turns, by 15 to 16 ms. But V8 keeps the heap the warm-up grew: 30 turns added 40 MiB to the
 * server's resident memory under the server bench, 12 turns (the default, about 1 s) 10 MiB.
 */
import { encodeLine } from "../shared/matchlog.ts";
import { playBotTurn } from "../shared/match-runner.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { allSeatIds, createMatch } from "../shared/state.ts";
import { viewDelta } from "../shared/view-delta.ts";
import { sharedViewFor } from "../shared/view.ts";
import { encoded } from "./rooms/public-views.ts";

const ANY_HASH = "0".repeat(64);

/** Turns per warm-up match: each new match (another seed) shows V8 other shapes of the same records, as other classes do. */
const MATCH_TURNS = 10;

export function warmUp(scenario: Scenario, turns: number): void {
  const seats = allSeatIds(scenario);
  for (let first = 0; first < turns; first += MATCH_TURNS) {
    const made = createMatch(scenario, seats.map((seat) => ({ seat, controller: "bot" as const })), 1 + first / MATCH_TURNS);
    if (!made.ok) throw new Error(`warm-up: ${made.error.message}`);
    let state = made.value;
    let view = sharedViewFor(state, "public");
    for (let turn = first; turn < Math.min(turns, first + MATCH_TURNS); turn++) {
      const played = playBotTurn(state, seats);
      state = played.state;
      for (const [seq, body] of played.events.entries()) encodeLine(ANY_HASH, seq, body);
      const next = sharedViewFor(state, "public");
      encoded("public", { version: turn, base: turn - 1, delta: viewDelta(view, next), report: null });
      encoded("public", { version: turn, view: next, report: null });
      view = next;
    }
  }
}
