/**
 * Canonical JSON: the one byte-exact text of a JSON value, used wherever a value is hashed.
 *
 * - Object keys are sorted at every depth (by UTF-16 code units, the order of `Array.prototype.sort`);
 *   arrays keep their order.
 * - Strings and numbers print as `JSON.stringify` prints them (so `-0` prints as `0`, `1e21` as `1e+21`).
 * - Object fields whose value is `undefined` are left out, as `JSON.stringify` does.
 * - Anything JSON cannot carry faithfully is a programming error and throws a `TypeError` that names
 *   the path of the bad value: NaN, ±Infinity, functions, symbols, bigints, `undefined` (or a hole)
 *   in an array, objects that are not plain (Map, Set, Date, class instances), and cycles.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const childPath = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const fail = (path: string, what: string): never => {
  throw new TypeError(`canonicalJson: ${what} at ${path} cannot be written as JSON`);
};

/**
 * Walks `value`, appending its canonical text to `out` (or only checking it when `out` is null).
 * `ancestors` holds the objects on the current path, to refuse cycles.
 */
function walk(value: unknown, path: string, out: string[] | null, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
      out?.push(JSON.stringify(value));
      return;
    case "boolean":
      out?.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(value)) fail(path, String(value));
      out?.push(JSON.stringify(value));
      return;
    case "bigint":
      return fail(path, "a bigint");
    case "function":
      return fail(path, "a function");
    case "symbol":
      return fail(path, "a symbol");
    case "undefined":
      return fail(path, "undefined");
    case "object":
      break;
  }
  if (value === null) {
    out?.push("null");
    return;
  }
  if (ancestors.has(value)) fail(path, "a cycle (an object containing itself)");
  ancestors.add(value);
  if (Array.isArray(value)) {
    out?.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out?.push(",");
      const itemPath = `${path}[${i}]`;
      if (!(i in value)) fail(itemPath, "a hole (missing array item)");
      walk(value[i], itemPath, out, ancestors);
    }
    out?.push("]");
  } else {
    if (!isPlainObject(value)) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      fail(path, `a non-plain object (${typeof name === "string" && name !== "" ? name : "unknown class"})`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out?.push("{");
    let first = true;
    for (const key of keys) {
      const field = record[key];
      if (field === undefined) continue;
      if (!first) out?.push(",");
      first = false;
      out?.push(JSON.stringify(key), ":");
      walk(field, childPath(path, key), out, ancestors);
    }
    out?.push("}");
  }
  ancestors.delete(value);
}

/** Deeper than this, the fast writer hands over to the checking walk (which finds cycles). */
const MAX_FAST_DEPTH = 64;
const quoted = new Map<string, string>();

/** `JSON.stringify` of a string, remembered for the short strings (keys and ids) that recur in every state. */
function quote(text: string): string {
  if (text.length > 48) return JSON.stringify(text);
  let q = quoted.get(text);
  if (q === undefined) {
    q = JSON.stringify(text);
    if (quoted.size < 10_000) quoted.set(text, q);
  }
  return q;
}

/** Set when the fast writer meets something it cannot write; `walk` then says what and where. */
class NotFast extends Error {}

/** The canonical text of well-formed values, without the bookkeeping of `walk` (paths, the cycle set). */
function writeFast(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) throw new NotFast();
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      throw new NotFast();
  }
  if (value === null) return "null";
  if (depth > MAX_FAST_DEPTH) throw new NotFast();
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new NotFast();
      text += i > 0 ? "," + writeFast(value[i], depth + 1) : writeFast(value[i], depth + 1);
    }
    return text + "]";
  }
  if (!isPlainObject(value)) throw new NotFast();
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = "{";
  let first = true;
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    text += (first ? "" : ",") + quote(key) + ":" + writeFast(field, depth + 1);
    first = false;
  }
  return text + "}";
}

/** The canonical JSON text of `value` (see the module comment). Throws a TypeError on non-JSON data. */
export function canonicalJson(value: unknown): string {
  try {
    return writeFast(value, 0);
  } catch (e) {
    if (!(e instanceof NotFast)) throw e;
  }
  const checked: string[] = [];
  walk(value, "$", checked, new Set());
  // Only very deep but well-formed values get here: the checking walk wrote them.
  return checked.join("");
}

/** Whether `value` is well-formed JSON data, checked without the bookkeeping of `walk` (paths, the cycle set). */
function wellFormed(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > MAX_FAST_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !wellFormed(value[i], depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (field !== undefined && !wellFormed(field, depth + 1)) return false;
  }
  return true;
}

/**
 * Throws the same TypeError as `canonicalJson` when `value` holds something JSON cannot carry
 * faithfully; `path` names the value in the message.
 */
export function assertJsonValue(value: unknown, path = "$"): void {
  // Every log line is checked: the quick test passes well-formed data, and only a bad (or very
  // deep) value pays for the walk that finds what is wrong and where.
  if (!wellFormed(value, 0)) walk(value, path, null, new Set());
}
