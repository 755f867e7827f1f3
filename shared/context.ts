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

type SeatOrder = { seat: SeatId; order: Order };
type SeatOrdersOf<T extends Order["type"]> = ReadonlyArray<{ seat: SeatId; order: Extract<Order, { type: T }> }>;

/** The orders of the resolution asked about last, by type (resolutions do not interleave, so one is kept). */
let sorted: { orders: ResolveContext["orders"]; byType: Map<Order["type"], SeatOrder[]> } | null = null;

/**
 * The accepted orders of one type, seat by seat in seat order. About thirty steps ask, each for its
 * type: the orders are sorted by type once per resolution, not walked once per question.
 */
export function ordersOf<T extends Order["type"]>(ctx: ResolveContext, type: T): SeatOrdersOf<T> {
  if (sorted?.orders !== ctx.orders) {
    const byType = new Map<Order["type"], SeatOrder[]>();
    for (const seat of ctx.state.seats) {
      for (const order of ctx.orders.get(seat.id) ?? []) {
        const list = byType.get(order.type);
        if (list) list.push({ seat: seat.id, order });
        else byType.set(order.type, [{ seat: seat.id, order }]);
      }
    }
    sorted = { orders: ctx.orders, byType };
  }
  // The list under `type` holds only orders of that type.
  return (sorted.byType.get(type) ?? []) as unknown as SeatOrdersOf<T>;
}
