/**
 * What one seat, the instructor or the public may see (5.2, 5.4). Sealed orders are never in the
 * state; private figures of other seats and the random-number state never leave it.
 */
import type { ClusterState, HostState, LeadFirmState, MatchState, Plant } from "./state.ts";
import type { SeatId } from "./types.ts";

export type Viewer = SeatId | "instructor" | "public";

export type PublicPlant = Pick<Plant, "node" | "host" | "blocks" | "sector">;
export type PublicCluster = Pick<ClusterState, "id" | "sector" | "homeNode" | "R" | "emissions"> & {
  plants: PublicPlant[];
  links: Array<{ leadFirm: string; governance: string }>;
};
export type PublicHost = Omit<HostState, "money" | "PC" | "apUsed" | "taxCum">;
export type PublicLeadFirm = Pick<LeadFirmState, "id" | "sectors" | "purchasesLast" | "plants">;

export interface MatchView {
  viewer: Viewer;
  engineVersion: string;
  scenarioId: string;
  turn: number;
  year: number;
  seats: MatchState["seats"];
  china: MatchState["china"];
  worldE: number;
  board: MatchState["board"];
  edges: MatchState["edges"];
  parks: MatchState["parks"];
  scores: MatchState["scores"];
  clusters: Array<PublicCluster | ClusterState>;
  hosts: Array<PublicHost | HostState>;
  leadFirms: Array<PublicLeadFirm | LeadFirmState>;
  offers: MatchState["offers"];
  contracts: MatchState["contracts"];
  sectorShifts: MatchState["sectorShifts"];
  events: MatchState["events"];
  priceIndex: MatchState["priceIndex"];
  rounds: number;
  worldFlow: number;
  emissionsCap: number | null;
  winwin: MatchState["winwin"];
  corridorScores: MatchState["corridorScores"];
  /** Forced and disabled event cards: the instructor's view only. */
  eventControls?: MatchState["eventControls"];
}

const freezeAll = <T extends object>(items: T[]): ReadonlyArray<T> => Object.freeze(items.map((item) => Object.freeze(item)));

/*
 * The public side of an entity is made once per entity object and frozen (what it made itself,
 * never the state's own parts): the engine never edits an entity (a resolution drafts new ones),
 * so every seat's view of a state shares it, and a reader that tried to edit it fails loudly
 * instead of changing what other seats see.
 */
const publicClusters = new WeakMap<ClusterState, PublicCluster>();
const publicHosts = new WeakMap<HostState, PublicHost>();
const publicLeads = new WeakMap<LeadFirmState, PublicLeadFirm>();

function publicCluster(c: ClusterState): PublicCluster {
  let side = publicClusters.get(c);
  if (!side) {
    side = Object.freeze({
      id: c.id,
      sector: c.sector,
      homeNode: c.homeNode,
      R: c.R,
      emissions: c.emissions,
      plants: freezeAll(c.plants.map((p) => ({ node: p.node, host: p.host, blocks: Object.freeze({ ...p.blocks }), ...(p.sector === undefined ? {} : { sector: p.sector }) }))) as PublicPlant[],
      links: freezeAll(c.links.map((l) => ({ leadFirm: l.leadFirm, governance: l.governance }))) as PublicCluster["links"],
    });
    publicClusters.set(c, side);
  }
  return side;
}

function publicHost(h: HostState): PublicHost {
  let side = publicHosts.get(h);
  if (!side) {
    const { money: _money, PC: _pc, apUsed: _ap, taxCum: _tax, ...rest } = h;
    side = Object.freeze(rest);
    publicHosts.set(h, side);
  }
  return side;
}

function publicLead(l: LeadFirmState): PublicLeadFirm {
  let side = publicLeads.get(l);
  if (!side) {
    side = Object.freeze({ id: l.id, sectors: Object.freeze([...l.sectors]) as string[], purchasesLast: Object.freeze({ ...l.purchasesLast }), plants: freezeAll(l.plants.map((pl) => ({ ...pl }))) as LeadFirmState["plants"] });
    publicLeads.set(l, side);
  }
  return side;
}

/**
 * A deep copy of plain data (objects, arrays, numbers, strings, booleans, null): what
 * structuredClone gives for a match state, in a fraction of its time. Key order is kept.
 */
function copyPlain<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copyPlain((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * The view of `viewerSeat`, sharing every part it may see with the state instead of copying it:
 * other seats' private figures and the random-number state are left out exactly as in viewFor,
 * but the arrays and objects in it are the state's own. For readers that never edit what they are
 * given (the AI players; a test runs them on deep-frozen states): the engine never edits a state
 * either, so sharing is safe and saves the copy, which was most of an AI decision's time.
 */
export function sharedViewFor(state: MatchState, viewer: Viewer): MatchView {
  const sees = (seat: SeatId): boolean => viewer === "instructor" || viewer === seat;
  return {
    viewer,
    engineVersion: state.engineVersion,
    scenarioId: state.scenario.id,
    turn: state.turn,
    year: state.year,
    seats: state.seats,
    china: state.china,
    worldE: state.worldE,
    board: state.board,
    edges: state.edges,
    parks: state.parks,
    scores: state.scores,
    clusters: state.clusters.map((c) => (sees(c.id) ? c : publicCluster(c))),
    hosts: state.hosts.map((h) => (sees(h.id) ? h : publicHost(h))),
    leadFirms: state.leadFirms.map((l) => (sees(l.id) ? l : publicLead(l))),
    offers: state.offers.filter((o) => sees(o.from) || sees(o.to)),
    contracts: state.contracts.filter((c) => c.parties.some(sees)),
    sectorShifts: state.sectorShifts,
    events: state.events,
    priceIndex: state.priceIndex,
    rounds: state.rounds,
    worldFlow: state.worldFlow,
    emissionsCap: state.emissionsCap,
    winwin: state.winwin,
    corridorScores: state.corridorScores,
    ...(viewer === "instructor" ? { eventControls: state.eventControls } : {}),
  };
}

/** What `viewer` may see, as a copy of its own: editing it never touches the state. */
export const viewFor = (state: MatchState, viewer: Viewer): MatchView => copyPlain(sharedViewFor(state, viewer));
