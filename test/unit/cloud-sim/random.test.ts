import test from 'ava';
import { createRandom, stableHex } from '../../../services/cloud-sim/src/random.js';

test('the same seed gives the same sequence and different seeds differ', (t) => {
  const a = createRandom('seed');
  const b = createRandom('seed');
  const c = createRandom('other');
  const seqA = [a.uuid(), a.hex(10), a.uint32()];
  t.deepEqual([b.uuid(), b.hex(10), b.uint32()], seqA);
  t.notDeepEqual([c.uuid(), c.hex(10), c.uint32()], seqA);
});

test('uuids are version-4 shaped and next() stays in [0, 1)', (t) => {
  const r = createRandom('x');
  for (let i = 0; i < 200; i++) {
    t.regex(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const n = r.next();
    t.true(n >= 0 && n < 1);
  }
});

test('stableHex is a pure function of its input', (t) => {
  t.is(stableHex('abc', 6), stableHex('abc', 6));
  t.is(stableHex('abc', 6).length, 6);
  t.not(stableHex('abc', 6), stableHex('abd', 6));
});
