/** Route graphs are kept by their routing content: the same content reuses one graph, any other content gets its own. */
import { describe, expect, it } from "vitest";
import { routesFrom } from "../shared/routes.ts";
import { createMatch, type EdgeState } from "../shared/state.ts";
import { defaultScenario } from "./support/fixtures.ts";

const scenario = defaultScenario();
const t = scenario.parameters.trade;
const edges = (() => {
  const m = createMatch(scenario, [], 1);
  if (!m.ok) throw new Error(m.error.message);
  return m.value.edges;
})();
const copy = (list: ReadonlyArray<EdgeState>): EdgeState[] => list.map((e) => ({ ...e, corridors: [...e.corridors] }));
const ORIGIN = "chongqing";
const TARGET = "duisburg";

describe("route graph cache", () => {
  it("serves a copy of an edge list with the same routes, and flows do not count as routing", () => {
    const again = copy(edges).map((e) => ({ ...e, flowLast: e.flowLast + 5 }));
    expect(routesFrom(ORIGIN, again, t)).toBe(routesFrom(ORIGIN, edges, t));
  });

  it("routes a raised corridor level afresh, and the earlier level's graph is still known", () => {
    const before = routesFrom(ORIGIN, edges, t);
    const raised = copy(edges);
    let changed = 0;
    for (const e of raised) {
      if (before.costTo(e.from) === undefined || e.closed) continue;
      e.level += 2;
      changed++;
    }
    expect(changed).toBeGreaterThan(0);
    const after = routesFrom(ORIGIN, raised, t);
    expect(after).not.toBe(before);
    expect(after.costTo(TARGET)).toBeLessThan(before.costTo(TARGET) as number);
    expect(routesFrom(ORIGIN, copy(edges), t)).toBe(before);
  });

  it("tells apart lists whose numbers agree but whose edges differ (the same hash)", () => {
    const before = routesFrom(ORIGIN, edges, t);
    // Two edges trade their ends and ids, each position keeping its kilometres, level and cost.
    const swapped = copy(edges);
    const a = swapped.findIndex((e) => e.from === ORIGIN || e.to === ORIGIN);
    const b = swapped.findIndex((e) => e.from !== ORIGIN && e.to !== ORIGIN && e.km !== swapped[a]?.km);
    const ea = swapped[a] as EdgeState;
    const eb = swapped[b] as EdgeState;
    [ea.id, ea.from, ea.to, eb.id, eb.from, eb.to] = [eb.id, eb.from, eb.to, ea.id, ea.from, ea.to];
    const after = routesFrom(ORIGIN, swapped, t);
    expect(after).not.toBe(before);
    expect(routesFrom(ORIGIN, copy(swapped), t)).toBe(after);
  });
});
