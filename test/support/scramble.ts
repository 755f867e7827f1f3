/** What a viewer must not be able to tell apart: a state with every other seat's hidden figures overwritten. */
import type { MatchState } from "../../shared/state.ts";

/** Overwrites everything one viewer must not see: other seats' private figures, their offers and contracts, the RNG. */
export function scrambleHidden(state: MatchState, viewer: string, salt: number): MatchState {
  const s = structuredClone({ ...state, scenario: undefined }) as unknown as MatchState;
  s.scenario = state.scenario;
  s.rng = (state.rng ^ (salt * 2654435761)) >>> 0;
  s.seed = state.seed + salt + 1;
  for (const c of s.clusters) {
    if (c.id === viewer) continue;
    Object.assign(c, { P: salt % 10, Q: (salt * 3) % 10, F: 7, X: 4, money: 1e6 + salt, loan: 33, freed: 9, stance: "low", vaCum: -salt, unitsSold: 77, restructurings: 5, immiserFlags: 2, apUsed: 3, stanceSetTurn: 99 });
    Object.assign(c, { brand: { PAK: 0.3 }, salesMix: { OWN: 1 }, soldIn: { VNM: salt }, immiserStreak: 2, lastOutput: { units: salt, vaPerUnit: 1 } });
    c.vaLast = { U2: salt, U1: 1, M: 2, D1: 3, D2: 4 };
    for (const link of c.links) Object.assign(link, { share: 0.123, lockin: 4, trust: 9, attemptingFunc: true, subsidiary: !link.subsidiary, buyoutOffered: true, excluded: !link.excluded });
    for (const p of c.plants) Object.assign(p, { rampingM: 0, jv: !p.jv, arrivedTurn: 42 });
  }
  for (const h of s.hosts) if (h.id !== viewer) Object.assign(h, { money: salt * 7, PC: 1, apUsed: 2, taxCum: 1234 });
  for (const l of s.leadFirms) {
    if (l.id === viewer) continue;
    Object.assign(l, { strategy: l.strategy === "partner" ? "gatekeeper" : "partner", P: 1, Q: 1, F: 1, money: -5, profitCum: salt, apUsed: 1, preferHost: { steel: "PAK" }, purchasesFrom: { CHN: salt }, emissions: salt });
    for (const k of Object.keys(l.orders)) l.orders[k] = salt;
    for (const k of Object.keys(l.barrier)) l.barrier[k] = 0.3;
  }
  s.offers = [
    ...s.offers.filter((o) => o.from === viewer || o.to === viewer),
    { id: `o-hidden-${salt}`, from: "x", to: "y", terms: { kind: "payment", amount: salt + 1 }, turn: 1 },
  ];
  s.contracts = [
    ...s.contracts.filter((c) => c.parties.includes(viewer)),
    { id: `c-hidden-${salt}`, parties: ["x", "y"], terms: { kind: "payment", amount: 3 }, signedTurn: 1, untilTurn: 9, executed: false },
  ];
  return s;
}
