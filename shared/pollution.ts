/** What one producing M block emits a round (GAME-RULES 5.10): e_s × stance × environmental standard × green retrofit. */
import { hostOf, sectorOf } from "./lookup.ts";
import type { ClusterState, MatchState, Plant } from "./state.ts";

/**
 * Averaged over the plant's M blocks, so retrofitted blocks count for their share. The standard is
 * the host's where the plant stands, China's at home; a new line emits at its own sector's rate.
 */
export function emissionPerBlock(state: MatchState, producer: Pick<ClusterState, "sector" | "stance">, plant: Plant): number {
  const p = state.scenario.parameters;
  const env = plant.host === null ? p.china.env : (hostOf(state, plant.host)?.policies.env ?? p.china.env);
  const greenShare = plant.blocks.M > 0 ? Math.min(plant.greenM, plant.blocks.M) / plant.blocks.M : 0;
  const green = 1 - (1 - p.pollution.greenMult) * greenShare;
  return (sectorOf(state, plant.sector ?? producer.sector)?.e ?? 0) * p.stance[producer.stance].emis * p.pollution.envMult[env] * green;
}
