import fc from "fast-check";
import { describe, expect, test } from "vitest";
import "./support/fast-check.ts";
import { randomOrders } from "../shared/ai/random-bot.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { allSeatIds, createMatch } from "../shared/state.ts";
import { applyViewDelta, sameJson, viewDelta } from "../shared/view-delta.ts";
import { viewFor, type MatchView } from "../shared/view.ts";
import { PublicViewKeeper } from "../client/net/protocol.ts";
import { readScenarioFile } from "../server/scenario-file.ts";

const json = fc.jsonValue({ maxDepth: 3 });
const view = fc.dictionary(fc.constantFrom("a", "b", "c", "board", "edges", "__proto__"), fc.oneof(json, fc.array(json, { maxLength: 6 })));

describe("view deltas", () => {
  test("applying the delta of two views to the first gives the second", () => {
    fc.assert(
      fc.property(view, view, (before, after) => {
        const delta = viewDelta(before, after);
        // Through JSON, as on the wire.
        const sent = JSON.parse(JSON.stringify(delta)) as typeof delta;
        expect(sameJson(applyViewDelta(before, sent), after)).toBe(true);
        expect(sameJson(before, after)).toBe(Object.keys(delta.fields).length + Object.keys(delta.items).length + delta.removed.length === 0);
      }),
    );
  });

  test("a turn of the default scenario: only the rows and edges that moved are sent", () => {
    const scenario = readScenarioFile();
    if (!scenario.ok) throw new Error(scenario.error);
    const seats = allSeatIds(scenario.value);
    const made = createMatch(scenario.value, seats.map((seat) => ({ seat, controller: "bot" as const })), 4);
    if (!made.ok) throw new Error(made.error.message);
    let state = made.value;
    let before = viewFor(state, "public");
    for (let turn = 0; turn < 3; turn++) {
      const orders = Object.fromEntries(seats.map((seat) => [seat, randomOrders(state, seat)]));
      state = resolveTurn(state, orders).state;
      const after = viewFor(state, "public");
      const delta = viewDelta(before, after);
      expect(applyViewDelta(before, delta)).toEqual(after);
      // Before the first turn the market board is empty; from then on most of its rows stay as they were.
      if (turn > 0) expect(delta.items.board?.length ?? 0).toBeLessThan(after.board.length / 2);
      expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(after).length);
      before = after;
    }
  });

  test("a delta made from another view is refused, not applied", () => {
    expect(() => applyViewDelta({ board: 3 }, { fields: {}, items: { board: [[0, 1]] }, removed: [] })).toThrow(TypeError);
    expect(() => applyViewDelta({ board: [1] }, { fields: {}, items: { board: [[5, 1]] }, removed: [] })).toThrow(/no item 5/);
  });
});

describe("the client's public view", () => {
  const view = { turn: 1, board: [{ price: 1 }, { price: 2 }] } as unknown as MatchView;
  const next = { turn: 2, board: [{ price: 1 }, { price: 3 }] } as unknown as MatchView;

  test("a whole view, then the changes that follow it", () => {
    const keeper = new PublicViewKeeper();
    expect(keeper.accept({ version: 4, view })).toEqual(view);
    expect(keeper.accept({ version: 5, base: 4, delta: viewDelta(view, next) })).toEqual(next);
  });

  test("a change that does not start from the view held gives null (the client asks for resync), and the view held stays", () => {
    const keeper = new PublicViewKeeper();
    expect(keeper.accept({ version: 5, base: 4, delta: viewDelta(view, next) })).toBeNull();
    keeper.accept({ version: 4, view });
    expect(keeper.accept({ version: 6, base: 5, delta: viewDelta(view, next) })).toBeNull();
    expect(keeper.accept({ version: 5, base: 4, delta: { fields: {}, items: { turn: [[0, 1]] }, removed: [] } })).toBeNull();
    expect(keeper.accept({ version: 7, view: next })).toEqual(next);
  });
});
