/**
 * A small seeded pseudo-random generator (mulberry32 over a 32-bit hash of the seed string). The same
 * seed yields the same sequence on every machine, so a chaos run can be replayed from its seed.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive); 0 when maxExclusive <= 0. */
  int(maxExclusive: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` lower-case hex characters. */
  hex(length: number): string;
}

/** FNV-1a over the UTF-16 code units of `text`: a 32-bit unsigned seed. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function createPrng(seed: string): Prng {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => (maxExclusive <= 0 ? 0 : Math.floor(next() * maxExclusive));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)] as T;
    },
    hex(length: number): string {
      let out = '';
      while (out.length < length) out += int(16).toString(16);
      return out;
    },
  };
}
