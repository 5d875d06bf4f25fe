import test from 'ava';
import { createPrng, hashSeed } from '../../../test/chaos/core/prng.js';

test('the same seed yields the same sequence and another seed another one', (t) => {
  const take = (seed: string) => {
    const prng = createPrng(seed);
    return Array.from({ length: 5 }, () => prng.next());
  };
  t.deepEqual(take('a'), take('a'));
  t.notDeepEqual(take('a'), take('b'));
});

test('next stays in [0, 1) and int in [0, max)', (t) => {
  const prng = createPrng('range');
  const floats = Array.from({ length: 10_000 }, () => prng.next());
  const ints = Array.from({ length: 10_000 }, () => prng.int(7));
  t.deepEqual(
    [Math.min(...floats) >= 0, Math.max(...floats) < 1, Math.min(...ints), Math.max(...ints), prng.int(0)],
    [true, true, 0, 6, 0],
  );
});

test('pick refuses an empty list and hex has the requested length', (t) => {
  const prng = createPrng('pick');
  t.throws(() => prng.pick([]), { instanceOf: RangeError });
  t.regex(prng.hex(32), /^[0-9a-f]{32}$/);
});

test('hashSeed is FNV-1a (32-bit)', (t) => {
  t.deepEqual([hashSeed(''), hashSeed('a')], [0x811c9dc5, 0xe40c292c]);
});
