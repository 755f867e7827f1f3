/**
 * Seeded randomness. The generator state is one uint32 kept inside the match state, so a match
 * replays exactly from its seed; each round restarts the stream from hash(seed, round) (GAME-RULES 5.13).
 */

/** FNV-1a over the parts' text, then a final avalanche: a stable 32-bit mix of seed and labels. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: ReadonlyArray<T>): T;
  shuffle<T>(items: ReadonlyArray<T>): T[];
  readonly state: number;
}

/**
 * mulberry32: small, fast, and the same in every JavaScript engine. A class rather than an object
 * literal of closures: a getter closure in an object literal kept what it closed over alive until
 * V8's next full collection (see the resolution context in resolve.ts).
 */
class Mulberry32 implements Rng {
  #a: number;
  constructor(seedState: number) {
    this.#a = seedState >>> 0;
  }
  next(): number {
    this.#a = (this.#a + 0x6d2b79f5) >>> 0;
    let t = this.#a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(items.length)] as T;
  }
  shuffle<T>(items: ReadonlyArray<T>): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  get state(): number {
    return this.#a;
  }
}

export function createRng(seedState: number): Rng {
  return new Mulberry32(seedState);
}
