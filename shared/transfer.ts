/** Capacity transfer (A1) and scrapping (A9): blocks move along the route graph (GAME-RULES 5.8). */
import { hostOf, nodeOf, parkAt, plantAt } from "./lookup.ts";
import { greatCircleKm, routeExists } from "./routes.ts";
import type { ClusterState, MatchState, Plant } from "./state.ts";
import type { Stage } from "./types.ts";
import { err, ok, type Result } from "./types.ts";

export interface Relocation {
  perBlock: number;
  km: number;
}

/**
 * relocation cost per block = relocBase * (1 + km/10000) * (1 - parkDisc [park]) * (1 - sezDisc [SEZ]),
 * with km the great-circle distance (the worked example of 5.8); an open route must exist.
 */
export function relocationCost(state: MatchState, from: string, to: string, hostId: string): Result<Relocation, "NO_ROUTE"> {
  const p = state.scenario.parameters;
  const a = nodeOf(state, from);
  const b = nodeOf(state, to);
  if (!a || !b || !routeExists(from, to, state.edges)) return err("NO_ROUTE");
  const km = greatCircleKm(a, b);
  const host = hostOf(state, hostId);
  const parkFactor = parkAt(state, to) ? 1 - p.transfer.parkDisc : 1;
  const sezFactor = host?.policies.sez ? 1 - p.transfer.sezDisc : 1;
  return ok({ perBlock: p.transfer.relocBase * (1 + km / 10000) * parkFactor * sezFactor, km });
}

export function ensurePlant(cluster: ClusterState, node: string, host: string | null, turn: number): Plant {
  const existing = plantAt(cluster, node);
  if (existing) return existing;
  const plant: Plant = { node, host, blocks: { U2: 0, U1: 0, M: 0, D1: 0, D2: 0 }, rampingM: 0, greenM: 0, jv: false, arrivedTurn: turn };
  cluster.plants.push(plant);
  return plant;
}

/** Moves blocks; the caller has validated the order and pays the costs. M blocks ramp up for a round. */
/**
 * Takes blocks out of a plant, ordinary ones first: ramping and green-retrofitted M blocks stay as
 * long as there are others to take. Returns how many green blocks went.
 */
export function removeBlocks(plant: Plant, stage: Stage, blocks: number): number {
  plant.blocks[stage] -= blocks;
  if (stage !== "M") return 0;
  plant.rampingM = Math.min(plant.rampingM, plant.blocks.M);
  const greenGone = Math.max(0, plant.greenM - plant.blocks.M);
  plant.greenM -= greenGone;
  return greenGone;
}

export function moveBlocks(cluster: ClusterState, from: Plant, to: Plant, stage: Stage, blocks: number): void {
  const green = removeBlocks(from, stage, blocks);
  to.blocks[stage] += blocks;
  if (stage === "M") {
    to.rampingM += blocks;
    to.greenM += green;
  }
  dropEmptyPlants(cluster);
}

export function dropEmptyPlants(cluster: ClusterState): void {
  cluster.plants = cluster.plants.filter((p) => p.node === cluster.homeNode || Object.values(p.blocks).some((n) => n > 0));
}

/** Abandoning M capacity (abroad or scrapped) frees resources for functional upgrading (5.6). */
export function addFreedCredit(state: MatchState, cluster: ClusterState, mBlocks: number): void {
  cluster.freed += state.scenario.parameters.upgrade.freedPerBlock * mBlocks;
}
