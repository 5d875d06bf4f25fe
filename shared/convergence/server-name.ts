/**
 * Names of new servers: `<prefix>-as<8 hex>` or `as<8 hex>` (otter `set_server_name`, behaviour 1). Otter
 * draws the 8 hex digits at random; Kelp derives them from a seed the caller chooses (e.g. the job id and
 * cycle number), so planning stays pure and a redelivered cycle proposes the same names.
 */

/** Gives the suffix of the `index`-th server created by one plan; must be deterministic. */
export type ServerSuffixes = (index: number) => string;

/** 32-bit FNV-1a over the UTF-16 code units, then murmur3's finaliser so near-equal inputs spread out. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `as` + 8 lowercase hex digits derived from `seed` and the index. */
export function seededServerSuffixes(seed: string): ServerSuffixes {
  return (index) => `as${hash32(`${seed}:${index}`).toString(16).padStart(8, '0')}`;
}

/** The final server name for a configured name prefix (if any) and a suffix. */
export function serverName(prefix: string | undefined, suffix: string): string {
  return prefix === undefined || prefix === '' ? suffix : `${prefix}-${suffix}`;
}
