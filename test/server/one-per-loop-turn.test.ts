/** Deferred heavy work runs one job per turn of the event loop, urgent jobs first. */
import { expect, test } from "vitest";
import { inATurnOfItsOwn } from "../../server/one-per-loop-turn.ts";
import { countLoopTurns } from "../support/loop-turns.ts";

test("jobs run one per turn of the event loop, urgent ones before background ones, each kind in the order of calls", async () => {
  const loop = countLoopTurns();
  const ran: Array<[string, number]> = [];
  const job = (name: string, urgency?: "urgent" | "background") => (urgency ? inATurnOfItsOwn(urgency) : inATurnOfItsOwn()).then(() => ran.push([name, loop.turn]));
  await Promise.all([job("line 1"), job("resolve 1", "urgent"), job("line 2", "background"), job("resolve 2", "urgent")]);
  loop.stop();
  expect(ran.map(([name]) => name)).toEqual(["resolve 1", "resolve 2", "line 1", "line 2"]);
  const turns = ran.map(([, t]) => t);
  expect(new Set(turns).size).toBe(4);
  expect(turns[0]).toBeGreaterThan(0);
});
