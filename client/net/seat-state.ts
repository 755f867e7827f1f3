/**
 * What a seat sees, rebuilt as an engine state so the shared engine can compute its legal orders,
 * their costs and odds exactly as offline: the scenario's starting state, overlaid with the public
 * view and the seat's own private entity. Figures hidden from the seat keep their starting values;
 * the server's engine checks every order again.
 */
import { loadScenario } from "../../shared/scenario/load.ts";
import { allSeatIds, createMatch, type MatchState } from "../../shared/state.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { MatchView } from "../../shared/view.ts";
import type { SeatView } from "./protocol.ts";
import { snapshot, type SoloSnapshot } from "../solo/solo-match.ts";

export function readScenario(raw: unknown): Scenario | null {
  const read = loadScenario(raw);
  return read.ok ? read.value : null;
}

/** Each entity as the seat sees it: its own in full, the others' public fields over their starting state. */
function overlay<T extends { id: string }>(base: ReadonlyArray<T>, seen: ReadonlyArray<{ id: string }>, own: unknown, seat: string): T[] {
  return base.map((entity) => {
    if (entity.id === seat && own) return own as T;
    const visible = seen.find((v) => v.id === entity.id) as Record<string, unknown> | undefined;
    if (!visible) return entity;
    const merged = { ...entity, ...visible } as T & { plants?: unknown; links?: unknown };
    // Public plants lack ramp-up, retrofit and JV figures: they read as none.
    if (Array.isArray(visible.plants) && "links" in entity) merged.plants = (visible.plants as object[]).map((p) => ({ rampingM: 0, greenM: 0, jv: false, arrivedTurn: 0, ...p }));
    // Public links carry only their lead firm and governance: the rest keeps its starting values.
    const baseLinks = (entity as { links?: Array<{ leadFirm: string }> }).links;
    if (Array.isArray(visible.links) && baseLinks) {
      merged.links = (visible.links as Array<{ leadFirm: string }>).map((l) => ({ ...baseLinks.find((b) => b.leadFirm === l.leadFirm), ...l }));
    }
    return merged;
  });
}

export function seatState(scenario: Scenario, view: MatchView, mine: SeatView): MatchState | null {
  const created = createMatch(scenario, allSeatIds(scenario).map((s) => ({ seat: s, controller: "bot" as const })), 0);
  if (!created.ok) return null;
  const base = created.value;
  return {
    ...base,
    turn: view.turn,
    year: view.year,
    seats: view.seats,
    china: view.china,
    worldE: view.worldE,
    board: view.board,
    edges: view.edges,
    parks: view.parks,
    scores: view.scores,
    clusters: overlay(base.clusters, view.clusters, mine.entity, mine.seat),
    hosts: overlay(base.hosts, view.hosts, mine.entity, mine.seat),
    leadFirms: overlay(base.leadFirms, view.leadFirms, mine.entity, mine.seat),
    offers: mine.offers,
    contracts: mine.contracts,
    sectorShifts: view.sectorShifts,
    events: view.events,
    priceIndex: view.priceIndex,
    rounds: view.rounds,
    worldFlow: view.worldFlow,
    emissionsCap: view.emissionsCap,
    winwin: view.winwin,
    corridorScores: view.corridorScores,
  };
}

/** The seat's panel data, as the offline match computes it. */
export function seatSnapshot(scenario: Scenario, view: MatchView, mine: SeatView): SoloSnapshot | null {
  const state = seatState(scenario, view, mine);
  return state ? snapshot(state, mine.seat) : null;
}
