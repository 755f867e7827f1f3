/** The working set of one resolution: the draft state and what earlier steps leave for later ones. */
import type { Order } from "./actions.ts";
import type { Parameters } from "./scenario/schema.ts";
import type { ReportBuilder } from "./report.ts";
import type { RouteCache } from "./routes.ts";
import type { Rng } from "./rng.ts";
import type { LeadPlant, MatchState, Plant } from "./state.ts";
import type { SeatId } from "./types.ts";

export interface ResolveContext {
  state: MatchState;
  p: Parameters;
  report: ReportBuilder;
  rng: Rng;
  /** Each seat's orders that passed validation, in the order given. */
  orders: ReadonlyMap<SeatId, ReadonlyArray<Order>>;
  /** Cheapest routes over the corridors as they are now. */
  readonly routes: RouteCache;
  /** M blocks that produced this round, by plant (a cluster's or a lead firm's own): drives emissions. */
  producedM: Map<Plant | LeadPlant, number>;
  /** Profit earned at each plant this round: drives host tax. */
  plantProfit: Map<Plant | LeadPlant, number>;
}

export function ordersOf<T extends Order["type"]>(ctx: ResolveContext, type: T): Array<{ seat: SeatId; order: Extract<Order, { type: T }> }> {
  const out: Array<{ seat: SeatId; order: Extract<Order, { type: T }> }> = [];
  for (const seat of ctx.state.seats) {
    for (const order of ctx.orders.get(seat.id) ?? []) {
      if (order.type === type) out.push({ seat: seat.id, order: order as Extract<Order, { type: T }> });
    }
  }
  return out;
}
