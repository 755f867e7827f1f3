/** The what-if fork: a replayed state becomes an offline solo match for the chosen seat, against AI players. */
import { describe, expect, it } from "vitest";
import { forkSolo, playRound, snapshot } from "../client/solo/solo-match.ts";
import { aiOrders, aiSeatsFrom, defaultArchetypes, type AiSeat } from "../shared/ai/index.ts";
import { resolveTurn } from "../shared/resolve.ts";
import { debriefOf } from "../shared/debrief/frames.ts";
import { hashState } from "../shared/hash.ts";
import { parseLog } from "../shared/matchlog.ts";
import { mustOk } from "./support/fixtures.ts";
import { simLog } from "./support/sim-logs.ts";

describe("forking a replay into a solo match", () => {
  const debrief = mustOk(debriefOf(mustOk(parseLog(simLog(4, 8, 3).text))));
  const at = (turn: number, phase: string) => debrief.frames.find((f) => f.turn === turn && f.phase === phase)!;

  it("gives the chosen seat to the human and every other seat to the AI, from the replayed state", () => {
    const start = at(2, "negotiate");
    const before = hashState(start.state!);
    const forked = mustOk(forkSolo(start.state!, "KAZ", true));
    expect(forked.turn).toBe(2);
    expect(forked.seats.find((s) => s.id === "KAZ")!.controller).toBe("human");
    expect(forked.seats.filter((s) => s.id !== "KAZ").every((s) => s.controller === "bot")).toBe(true);
    // The clusters' capabilities and money are those of the replay at that point.
    expect(forked.clusters.map((c) => [c.id, c.P, c.money])).toEqual(start.state!.clusters.map((c) => [c.id, c.P, c.money]));
    // The replay itself is untouched, and the what-if plays on.
    expect(hashState(start.state!)).toBe(before);
    const next = mustOk(playRound(forked, "KAZ", []));
    expect(next.state.turn).toBe(3);
    expect(snapshot(next.state, "KAZ").view.viewer).toBe("KAZ");
  });

  it("opens the turn with the AI's offers only at a turn's start, not after the offers were made", () => {
    const afterOffers = at(2, "commit");
    const forked = mustOk(forkSolo(afterOffers.state!, "tangshan_steel", false));
    expect(forked.offers).toEqual(afterOffers.state!.offers);
  });

  it("refuses an unknown seat and a match that was over", () => {
    const last = debrief.frames.at(-1)!;
    const over = { ...last.state!, rounds: last.state!.turn - 1 };
    const refused = forkSolo(over, "KAZ", true);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.zh).not.toBe(refused.error.en);
    expect(forkSolo(last.state!, "atlantis", true).ok).toBe(false);
  });

  it("plays against the AI players the match had: the header's archetypes and difficulties, not the default mix", () => {
    const start = at(2, "commit");
    const state = start.state!;
    const roles = new Map(state.seats.map((s) => [s.id, s.role]));
    const defaults = defaultArchetypes(state.scenario, state.seed, "normal", state.seats.map((s) => s.id));
    // A header whose AI differs from the default for every cluster, with entries that fit nothing.
    const other = (ai: AiSeat): AiSeat => ({ ...ai, archetype: roles.get(ai.seat) === "cluster" ? (ai.archetype === "upgrader" ? "volume" : "upgrader") : ai.archetype, difficulty: "easy" });
    const header = [...defaults.map(other), { seat: "atlantis", archetype: "upgrader", difficulty: "easy" }, { seat: "KAZ", archetype: "upgrader", difficulty: "easy" }, "nonsense"];
    const known = aiSeatsFrom(header, roles);
    expect(known).toHaveLength(defaults.length);
    expect(known.find((a) => a.seat === "KAZ")).toEqual(other(defaults.find((a) => a.seat === "KAZ")!));

    const forked = mustOk(forkSolo(state, "KAZ", false, known));
    const played = mustOk(playRound(forked, "KAZ", [], known));
    // The same turn resolved by hand with those AI players' orders gives the same state.
    const orders: Record<string, unknown[]> = { KAZ: [] };
    for (const ai of known) if (ai.seat !== "KAZ") orders[ai.seat] = aiOrders(forked, ai).map((c) => c.action);
    const byHand = resolveTurn(forked, orders).state;
    expect(played.state.clusters.map((c) => [c.id, c.money, c.P])).toEqual(byHand.clusters.map((c) => [c.id, c.money, c.P]));
    const withDefaults = mustOk(playRound(forked, "KAZ", []));
    expect(withDefaults.state.clusters.map((c) => [c.id, c.money, c.P])).not.toEqual(played.state.clusters.map((c) => [c.id, c.money, c.P]));
  });
});
