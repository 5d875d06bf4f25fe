import test from 'ava';
import { DEFAULT_DELAY_TIERS_MS, delayTierName, pickDelayTier } from '../../../shared/amqp/delay-tiers.js';

const picks: ReadonlyArray<readonly [number, number | null]> = [
  [0, null],
  [-10, null],
  [Number.NaN, null],
  [1, 100],
  [100, 100],
  [101, 500],
  [999, 1_000],
  [1_000, 1_000],
  [1_001, 2_000],
  [14_999, 15_000],
  [60_001, 300_000],
  [300_000, 300_000],
  [3_600_000, 300_000],
];

test('pickDelayTier picks the smallest tier at least the delay, capped at the largest', (t) => {
  t.deepEqual(
    picks.map(([delay]) => [delay, pickDelayTier(delay)]),
    picks.map(([delay, tier]) => [delay, tier]),
  );
});

test('pickDelayTier never picks a tier shorter than the delay below the cap', (t) => {
  const largest = DEFAULT_DELAY_TIERS_MS.at(-1) ?? 0;
  for (let delay = 1; delay <= largest; delay += 97) {
    const tier = pickDelayTier(delay);
    t.true(tier !== null && tier >= delay, `delay ${delay} got ${tier}`);
  }
});

test('delayTierName prints minutes, seconds or milliseconds', (t) => {
  t.deepEqual([100, 1_500, 2_000, 60_000, 90_000, 300_000].map(delayTierName), [
    '100ms',
    '1500ms',
    '2s',
    '1m',
    '90s',
    '5m',
  ]);
});
