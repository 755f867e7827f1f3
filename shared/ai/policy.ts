/** What every AI policy works with: its belief, its seat and archetype, its own seeded stream, and reasons. */
import type { Negotiation, Order } from "../actions.ts";
import { formatNumber } from "../i18n.ts";
import type { Rng } from "../rng.ts";
import type { MatchState } from "../state.ts";
import type { Localized, SeatId } from "../types.ts";
import { validateAction } from "../validate.ts";
import { EPSILON, type AiSeat } from "./archetypes.ts";

export interface Choice<A> {
  action: A;
  /** One line, English and Chinese, with the numbers behind it. */
  reason: Localized;
}

export interface PolicyContext {
  belief: MatchState;
  seat: SeatId;
  ai: AiSeat;
  rng: Rng;
}

export interface RolePolicy {
  proposals(ctx: PolicyContext): Array<Choice<Negotiation>>;
  answers(ctx: PolicyContext): Array<Choice<Negotiation>>;
  orders(ctx: PolicyContext): Array<Choice<Order>>;
}

/** A number as reasons print it: two decimals at most. */
export const n = formatNumber;

export const reason = (en: string, zh: string): Localized => ({ en, zh });

/**
 * Collects orders in priority order: each is checked with validateAction against the belief and
 * the orders already chosen; an optional one is skipped with the difficulty's epsilon (5.15 noise).
 */
export class OrderList {
  readonly chosen: Array<Choice<Order>> = [];
  readonly #ctx: PolicyContext;
  constructor(ctx: PolicyContext) {
    this.#ctx = ctx;
  }
  get orders(): Order[] {
    return this.chosen.map((c) => c.action);
  }
  /** Adds the order if it is valid now; returns whether it was added. */
  add(action: Order, why: Localized, optional = true): boolean {
    const { belief, seat, ai, rng } = this.#ctx;
    if (!validateAction(belief, seat, action, this.orders).ok) return false;
    if (optional && rng.next() < EPSILON[ai.difficulty]) return false;
    this.chosen.push({ action, reason: why });
    return true;
  }
}

/** A negotiation step if it is valid on the belief. */
export function negotiation(ctx: PolicyContext, action: Negotiation, why: Localized): Array<Choice<Negotiation>> {
  return validateAction(ctx.belief, ctx.seat, action).ok ? [{ action, reason: why }] : [];
}
