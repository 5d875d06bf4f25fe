import type { Prng } from './prng.js';

/** One disruption at a moment of the load: SIGKILL a service, or take the broker away. */
export interface PlannedKill<T extends string> {
  readonly target: T;
  /** Milliseconds after the load started. */
  readonly atMs: number;
}

/**
 * Each target at least `perTarget` times at random moments in [minMs, maxMs), in time order, no two
 * closer than `gapMs` (a killed service needs time to come back before the next one dies). Pure.
 */
export function planKills<T extends string>(
  prng: Prng,
  targets: readonly T[],
  window: { readonly minMs: number; readonly maxMs: number; readonly gapMs: number },
  perTarget = 1,
): PlannedKill<T>[] {
  const kills: PlannedKill<T>[] = [];
  for (const target of targets) {
    for (let n = 0; n < perTarget; n += 1) {
      kills.push({ target, atMs: window.minMs + Math.floor(prng.next() * Math.max(1, window.maxMs - window.minMs)) });
    }
  }
  kills.sort((a, b) => a.atMs - b.atMs);
  const spaced: PlannedKill<T>[] = [];
  for (const kill of kills) {
    const previous = spaced.at(-1);
    spaced.push(
      previous === undefined || kill.atMs - previous.atMs >= window.gapMs
        ? kill
        : { ...kill, atMs: previous.atMs + window.gapMs },
    );
  }
  return spaced;
}
