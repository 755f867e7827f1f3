/** The three host measures the map can shade by, from the scenario's start or a match view. */
import type { Measure } from "./palette.ts";
import type { MapScenario } from "./scenario-geometry.ts";

export type HostMeasures = Record<string, Record<Measure, number>>;

export function startingMeasures(map: MapScenario): HostMeasures {
  return Object.fromEntries(map.hosts.map((h) => [h.id, { industrialisation: h.industrialisation, pollution: 0, approval: map.approvalStart }]));
}

/** From the hosts of a match view (public or own): Z, E and approval. */
export function measuresFromHosts(hosts: ReadonlyArray<{ id: string; Z: number; E: number; approval: number }>): HostMeasures {
  return Object.fromEntries(hosts.map((h) => [h.id, { industrialisation: h.Z, pollution: h.E, approval: h.approval }]));
}

export const valuesOf = (measures: HostMeasures, measure: Measure): Record<string, number> =>
  Object.fromEntries(Object.entries(measures).map(([id, m]) => [id, m[measure]]));
