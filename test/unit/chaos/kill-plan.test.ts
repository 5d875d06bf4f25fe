import test from 'ava';
import { planKills } from '../../../test/chaos/core/kill-plan.js';
import { createPrng } from '../../../test/chaos/core/prng.js';

const TARGETS = ['supervisor', 'load-balancer', 'auth'] as const;

test('planKills kills every target the requested number of times, in time order', (t) => {
  const plan = planKills(createPrng('k'), TARGETS, { minMs: 500, maxMs: 8_000, gapMs: 0 }, 2);
  t.deepEqual(
    TARGETS.map((target) => plan.filter((kill) => kill.target === target).length),
    [2, 2, 2],
  );
  t.deepEqual(
    plan.map((kill) => kill.atMs),
    [...plan.map((kill) => kill.atMs)].sort((a, b) => a - b),
  );
  t.true(plan.every((kill) => kill.atMs >= 500 && kill.atMs < 8_000));
});

test('planKills spaces kills at least gapMs apart, possibly past the window', (t) => {
  const plan = planKills(createPrng('gap'), TARGETS, { minMs: 0, maxMs: 10, gapMs: 1_000 });
  const gaps = plan.slice(1).map((kill, index) => kill.atMs - plan[index]!.atMs);
  t.deepEqual(
    gaps.map((gap) => gap >= 1_000),
    [true, true],
  );
});

test('planKills is deterministic in the seed', (t) => {
  const window = { minMs: 0, maxMs: 5_000, gapMs: 100 };
  t.deepEqual(planKills(createPrng('a'), TARGETS, window), planKills(createPrng('a'), TARGETS, window));
});
