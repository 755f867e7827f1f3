import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertJsonValue, canonicalJson } from "../shared/canonical.ts";
import { hashJson, portableSha256Hex, sha256Hex } from "../shared/hash.ts";
import { nativeSha256Hex } from "../server/native-hash.ts";

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) {
      Object.defineProperty(out, key, {
        value: reverseKeys((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** The canonical form spelled out directly: JSON.stringify for leaves, sorted keys for objects. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}


describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 0, y: 1 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,1,{"y":1,"z":0}]},"b":1}',
    );
  });

  it("prints numbers and strings as JSON.stringify does and leaves out undefined fields", () => {
    expect(canonicalJson({ n: 0.1, big: 1e21, neg: -0, s: 'quote " and 中文', u: undefined, nul: null, t: true })).toBe(
      '{"big":1e+21,"n":0.1,"neg":0,"nul":null,"s":"quote \\" and 中文","t":true}',
    );
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson("\ud800")).toBe('"\\ud800"');
  });

  it("refuses values JSON cannot carry, naming their path", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cases: [unknown, RegExp][] = [
      [{ a: { b: NaN } }, /NaN at \$\.a\.b/],
      [{ a: [1, Infinity] }, /Infinity at \$\.a\[1\]/],
      [{ "odd key": -Infinity }, /-Infinity at \$\["odd key"\]/],
      [{ f: () => 1 }, /function at \$\.f/],
      [{ big: 10n }, /bigint at \$\.big/],
      [{ list: [1, undefined] }, /undefined at \$\.list\[1\]/],
      // eslint-disable-next-line no-sparse-arrays
      [[1, , 3], /hole .* at \$\[1\]/],
      [{ m: new Map() }, /non-plain object \(Map\) at \$\.m/],
      [{ s: Symbol("x") }, /symbol at \$\.s/],
      [cyclic, /cycle .* at \$\.self/],
      [undefined, /undefined at \$/],
    ];
    for (const [value, message] of cases) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
      expect(() => canonicalJson(value)).toThrow(message);
      expect(() => assertJsonValue(value)).toThrow(message);
    }
  });

  it("accepts a shared (non-cyclic) reference and null-prototype objects", () => {
    const shared = { x: 1 };
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = shared;
    expect(canonicalJson({ a: shared, b: shared, c: bare })).toBe('{"a":{"x":1},"b":{"x":1},"c":{"k":{"x":1}}}');
  });

  it("does not depend on key insertion order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips through JSON.parse and matches its definition (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("sha256Hex and hashJson", () => {
  it("matches the published SHA-256 test vectors, portable and native", () => {
    for (const impl of [portableSha256Hex, nativeSha256Hex]) expect(impl("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("hashes text as UTF-8, the portable digest the same as the server's native one (property)", () => {
    expect(portableSha256Hex("一带一路 value chain")).toBe(nativeSha256Hex("一带一路 value chain"));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(portableSha256Hex(text)).toBe(nativeSha256Hex(text));
      }),
      { numRuns: 300 },
    );
  });

  it("hashJson is the hash of the canonical JSON: key order does not matter, contents do", () => {
    const state = { turn: 3, seats: [{ id: "a", cash: 10 }], rng: { s: 42 } };
    expect(hashJson(state)).toBe(sha256Hex(canonicalJson(state)));
    expect(hashJson(reverseKeys(state))).toBe(hashJson(state));
    expect(hashJson({ ...state, turn: 4 })).not.toBe(hashJson(state));
    expect(hashJson(state)).toMatch(/^[0-9a-f]{64}$/);
  });
});
