import { AppError } from '../errors/app-error.js';

/** Hold times of the delay tiers, in ms. A retry waits in the smallest tier that is at least its delay. */
export const DEFAULT_DELAY_TIERS_MS: readonly number[] = [
  100, 500, 1_000, 2_000, 5_000, 15_000, 30_000, 60_000, 300_000,
];

/**
 * The tier's name as used in queue names and the `x-kelp-delay-tier` header: `100ms`, `1500ms`, `2s`,
 * `5m`. Whole minutes print as minutes, whole seconds as seconds, anything else as ms.
 */
export function delayTierName(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/**
 * The tier (hold time in ms) for a delay: the smallest tier >= `delayMs`, so a retry never arrives
 * early; delays beyond the largest tier are capped at it. `null` means "no delay" (`delayMs <= 0` or
 * not a number): publish straight to the work queue. `tiersMs` must be sorted ascending and non-empty.
 */
export function pickDelayTier(delayMs: number, tiersMs: readonly number[] = DEFAULT_DELAY_TIERS_MS): number | null {
  if (!(delayMs > 0)) return null;
  for (const tier of tiersMs) {
    if (tier >= delayMs) return tier;
  }
  return tiersMs.at(-1) ?? null;
}

/** Sorted, de-duplicated tiers; throws AppError kind `config` on a tier that is not a positive integer. */
export function normaliseDelayTiers(tiersMs: readonly number[]): readonly number[] {
  for (const tier of tiersMs) {
    if (!Number.isInteger(tier) || tier <= 0)
      throw new AppError('config', `delay tier must be a positive integer ms: ${tier}`);
  }
  if (tiersMs.length === 0) throw new AppError('config', 'at least one delay tier is required');
  return [...new Set(tiersMs)].sort((a, b) => a - b);
}
