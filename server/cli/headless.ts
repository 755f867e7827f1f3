/** A headless match played by AI players or random bots: its log and the text report the CLI prints. */
import { playAiTurn, type AiSeat } from "../../shared/ai/index.ts";
import { finalRanking, playBotTurn } from "../../shared/match-runner.ts";
import { makeHeader, MatchLogBuilder } from "../../shared/matchlog.ts";
import { smileIndex } from "../../shared/market.ts";
import { hashState } from "../../shared/hash.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { balancedSeats, blocksTotal, createMatch, type MatchState } from "../../shared/state.ts";
import { ENGINE_VERSION } from "../../shared/version.ts";

export interface HeadlessMatch {
  log: string;
  report: string;
  final: MatchState;
}

/**
 * Plays a match: with `ais`, those AI players take the seats (and seatCount is ignored); without,
 * random bots take seatCount seats spread over the roles.
 */
export function playHeadless(scenario: Scenario, seed: number, seatCount: number, turns: number, ais?: ReadonlyArray<AiSeat>): HeadlessMatch {
  const total = scenario.clusters.length + scenario.hosts.length + scenario.leadFirms.length;
  const bots = ais ? ais.map((a) => a.seat) : balancedSeats(scenario, seatCount);
  const seats = bots.map((seat) => ({ seat, controller: ais ? ("ai" as const) : ("bot" as const) }));
  const created = createMatch(scenario, seats, seed);
  if (!created.ok) throw new Error(created.error.message);

  const log = new MatchLogBuilder();
  const settings = ais ? { turns, bots: "ai", ai: ais.map((a) => ({ ...a })) } : { turns, bots: "random" };
  log.append(makeHeader({ engineVersion: ENGINE_VERSION, scenario, seed, seats, settings }));
  let state = created.value;
  const rows: string[][] = [];
  for (let t = 0; t < turns; t++) {
    const played = ais ? playAiTurn(state, ais) : playBotTurn(state, bots);
    for (const event of played.events) log.append(event);
    rows.push(roundRow(state, played.state, played.resolution.report.entries.filter((e) => e.code === "TRANSFER_DONE").length));
    state = played.state;
  }
  const ranking = finalRanking(state);
  log.append({ kind: "finished", turn: state.turn - 1, stateHash: hashState(state), ranking });

  const report = [
    `Belt and Road match: scenario ${scenario.id}, seed ${seed}, ${bots.length} ${ais ? "AI" : "bot"} seats of ${total}, ${turns} rounds\n\n`,
    table(["turn", "year", "cluster VA", "mean smile", "blocks abroad", "transfers", "host dZ", "world E", "leader"], rows),
    "\nFinal ranking (percentile within role):\n",
    table(
      ["#", "seat", "role", "by", "score", "pct"],
      ranking.map((r, i) => [String(i + 1), r.seat, r.role, aiLabel(r.seat), r.score.toFixed(1), r.percentile.toFixed(1)]),
    ),
  ].join("");
  function aiLabel(seat: string): string {
    const ai = ais?.find((a) => a.seat === seat);
    if (ai) return `${ai.archetype}/${ai.difficulty}`;
    return bots.includes(seat) ? "bot" : "-";
  }
  return { log: log.toString(), report, final: state };
}

function roundRow(before: MatchState, after: MatchState, transfers: number): string[] {
  const p = after.scenario.parameters;
  const va = after.clusters.reduce((s, c) => s + Object.values(c.vaLast).reduce((a, b) => a + b, 0), 0);
  const smile = after.clusters.reduce((s, c) => s + smileIndex(c.vaLast, p), 0) / Math.max(1, after.clusters.length);
  const abroad = after.clusters.reduce((s, c) => s + c.plants.filter((pl) => pl.host !== null).reduce((a, pl) => a + blocksTotal(pl.blocks), 0), 0);
  const dZ = after.hosts.reduce((s, h, i) => s + h.Z - (before.hosts[i]?.Z ?? h.Z), 0) / Math.max(1, after.hosts.length);
  const leader = [...after.scores].sort((a, b) => b.score - a.score)[0]?.seat ?? "-";
  return [String(before.turn), String(before.year), va.toFixed(1), smile.toFixed(3), String(abroad), String(transfers), dZ.toFixed(2), after.worldE.toFixed(1), leader];
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || /^-?[\d.]+$/.test(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  return `${[line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")}\n`;
}
