/** Replay folds the engine over a log, instructor event controls and renegotiation included. */
import { describe, expect, it } from "vitest";
import { setEventControls } from "../shared/events.ts";
import { hashState } from "../shared/hash.ts";
import { makeHeader, MatchLogBuilder, parseLog, type LineBody } from "../shared/matchlog.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { replayLog } from "../shared/replay.ts";
import { greenRetrofitCost } from "../shared/sustainability.ts";
import { ENGINE_VERSION } from "../shared/version.ts";
import { viewFor } from "../shared/view.ts";
import { clusterIn, entriesWith, mustOk, newMatch, offerAndAccept, withState } from "./support/fixtures.ts";

const s0 = newMatch(9);

function logOf(bodies: LineBody[]): string {
  const log = new MatchLogBuilder();
  log.append(makeHeader({ engineVersion: ENGINE_VERSION, scenario: s0.scenario, seed: 9, seats: [], settings: {} }));
  for (const b of bodies) log.append(b);
  return log.toString();
}

describe("instructor event controls in a log", () => {
  it("replay applies them, so a forced card reaches the same states", () => {
    const controlled = mustOk(setEventControls(s0, { forced: ["recession"], disabled: ["pandemic"] }));
    const r1 = resolveTurn(controlled, {});
    expect(r1.state.events.some((e) => e.card === "recession" && e.startedTurn === 2)).toBe(true);
    const bodies: LineBody[] = [
      { kind: "instructor", turn: 1, action: { type: "eventControls", forced: ["recession"], disabled: ["pandemic"] } },
      { kind: "resolved", turn: 1, stateHash: hashState(r1.state), public: viewFor(r1.state, "public") },
    ];
    const replayed = replayLog(mustOk(parseLog(logOf(bodies))));
    expect(replayed.ok).toBe(true);
    const without = replayLog(mustOk(parseLog(logOf(bodies.slice(1)))));
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.error.code).toBe("state-hash");
  });

  it("refuses unknown cards on replay with the line named", () => {
    const text = logOf([{ kind: "instructor", turn: 1, action: { type: "eventControls", forced: ["alien_invasion"], disabled: [] } }]);
    const result = replayLog(mustOk(parseLog(text)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/line 2/);
  });
});

describe("event hooks in contracts and costs", () => {
  it("a host's change of government lets its contracts be broken without penalty", () => {
    const signed = offerAndAccept(s0, "tangshan_steel", "PAK", { kind: "payment", amount: 5 });
    const turbulent = withState(signed.state, (s) => void s.events.push({ card: "political_change", target: "PAK", magnitude: 0, startedTurn: 1, untilTurn: 1 }));
    const r = resolveTurn(turbulent, { tangshan_steel: [{ type: "breach", contract: signed.contract }] });
    expect(entriesWith(r.report, "CONTRACT_RENEGOTIATED")).toHaveLength(1);
    expect(entriesWith(r.report, "BREACH")).toHaveLength(0);
    expect(clusterIn(r.state, "tangshan_steel").R).toBe(clusterIn(resolveTurn(turbulent, {}).state, "tangshan_steel").R);
  });

  it("a green-finance window halves the cost of green retrofits", () => {
    const green = withState(s0, (s) => void s.events.push({ card: "green_finance", target: null, magnitude: 0, startedTurn: 1, untilTurn: 1 }));
    const c = clusterIn(s0, "tangshan_steel");
    expect(greenRetrofitCost(green, c, "tangshan", 2)).toBeCloseTo(greenRetrofitCost(s0, c, "tangshan", 2) / 2, 12);
  });
});
