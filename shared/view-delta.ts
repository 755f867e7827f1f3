/**
 * What changed between two public views, so the server can send each turn's changes rather than
 * the whole view: from one turn to the next most market rows, corridor edges and parks stay as
 * they were. Views are JSON values; a delta names the top-level fields that changed, and for an
 * array that kept its length, only the items that changed.
 */

export interface ViewDelta {
  /** Top-level fields with a new value, given whole (arrays of another length included). */
  readonly fields: Record<string, unknown>;
  /** Arrays that kept their length: the changed items as [index, new item]. */
  readonly items: Record<string, Array<[number, unknown]>>;
  /** Top-level fields that are gone. */
  readonly removed: string[];
}

/** Deep equality of JSON values (plain objects, arrays, strings, numbers, booleans, null). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
  return true;
}

export function viewDelta(before: object, after: object): ViewDelta {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const items: Record<string, Array<[number, unknown]>> = {};
  for (const key of Object.keys(now)) {
    const old = was[key];
    const value = now[key];
    if (Array.isArray(old) && Array.isArray(value) && old.length === value.length) {
      const changed: Array<[number, unknown]> = [];
      for (let i = 0; i < value.length; i++) if (!sameJson(old[i], value[i])) changed.push([i, value[i]]);
      if (changed.length > 0) defineField(items, key, changed);
    } else if (!Object.hasOwn(was, key) || !sameJson(old, value)) defineField(fields, key, value);
  }
  const removed = Object.keys(was).filter((key) => !Object.hasOwn(now, key));
  return { fields, items, removed };
}

/**
 * The view `delta` leads to from `before` (a new object; unchanged fields and items are shared).
 * Throws a TypeError when the delta does not fit `before` (it was made from another view).
 */
export function applyViewDelta<V extends object>(before: V, delta: ViewDelta): V {
  const gone = new Set(delta.removed);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) if (!gone.has(key)) defineField(out, key, value);
  for (const [key, value] of Object.entries(delta.fields)) defineField(out, key, value);
  for (const [key, changed] of Object.entries(delta.items)) {
    const old = out[key];
    if (!Array.isArray(old)) throw new TypeError(`applyViewDelta: '${key}' is not a list in the view the delta is applied to`);
    const list = [...(old as unknown[])];
    for (const [i, item] of changed) {
      if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new TypeError(`applyViewDelta: '${key}' has no item ${String(i)}`);
      list[i] = item;
    }
    out[key] = list;
  }
  return out as V;
}

/** Sets a field as data even when its name is `__proto__`. */
const defineField = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};
