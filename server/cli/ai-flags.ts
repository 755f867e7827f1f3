/** The command-line flags that seat AI players: --difficulty for all of them, --ai for single seats. */
import { ARCHETYPES_OF, defaultArchetypes, DIFFICULTIES, isArchetypeOf, type AiSeat, type Difficulty } from "../../shared/ai/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { seatRole } from "../../shared/state.ts";
import { UsageError } from "./args.ts";

export const AI_FLAGS_HELP = `  --difficulty D  easy, normal or hard for every AI seat (default normal)
  --ai LIST       per-seat choices, comma-separated SEAT=ARCHETYPE[:DIFFICULTY]; ARCHETYPE is one of
                  upgrader, volume, transferrer (clusters), developmental, rentier, cautious (hosts),
                  gatekeeper, partner (lead firms), or 'default' to keep the seat's default archetype;
                  e.g. --ai tangshan_steel=upgrader:hard,PAK=rentier
                  Seats not named get the default mix (docs/ai.md), rotated by the seed.`;

export function difficultyFlag(value: string | undefined): Difficulty {
  if (value === undefined) return "normal";
  if (!(DIFFICULTIES as ReadonlyArray<string>).includes(value)) throw new UsageError(`--difficulty must be one of ${DIFFICULTIES.join(", ")}, got '${value}'`);
  return value as Difficulty;
}

/** The AI seats: the default mix for `seats`, with --ai choices laid over it (a seat named there is added if missing). */
export function aiSeats(scenario: Scenario, seed: number, seats: ReadonlyArray<string>, difficulty: Difficulty, spec: string | undefined): AiSeat[] {
  const all = defaultArchetypes(scenario, seed, difficulty);
  const chosen = new Map(all.filter((a) => seats.includes(a.seat)).map((a) => [a.seat, a]));
  for (const entry of (spec ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const match = /^([^=]+)=([^:]+)(?::(.+))?$/.exec(entry);
    if (!match) throw new UsageError(`--ai expects SEAT=ARCHETYPE[:DIFFICULTY], got '${entry}'`);
    const [, seat = "", archetype = "", level] = match;
    const role = seatRole(scenario, seat);
    if (role === null) throw new UsageError(`--ai: no seat '${seat}' in scenario '${scenario.id}'`);
    if (archetype !== "default" && !isArchetypeOf(role, archetype)) throw new UsageError(`--ai: '${archetype}' is not a ${role} archetype; use one of ${ARCHETYPES_OF[role].join(", ")} or default`);
    const base = all.find((a) => a.seat === seat) as AiSeat;
    const d = level === undefined ? (chosen.get(seat)?.difficulty ?? difficulty) : difficultyFlag(level);
    chosen.set(seat, { seat, archetype: archetype === "default" ? base.archetype : archetype, difficulty: d });
  }
  // Scenario order, so the log and the turn order do not depend on how the flags were written.
  return all.filter((a) => chosen.has(a.seat)).map((a) => chosen.get(a.seat) as AiSeat);
}
