import test from 'ava';
import { applyConfigPatch, DEFAULT_CONFIG, resolveConfig } from '../../../services/cloud-sim/src/config.js';

test('resolveConfig applies defaults and options', (t) => {
  t.deepEqual(resolveConfig({ buildTimeMs: 10, latencyMs: { nova: 5 }, port: 1 }), {
    ...DEFAULT_CONFIG,
    buildTimeMs: 10,
    latencyMs: { identity: 0, nova: 5, clb: 0, rcv3: 0 },
  });
});

test('applyConfigPatch ignores undefined values and merges latency', (t) => {
  const base = { ...DEFAULT_CONFIG, latencyMs: { identity: 1, nova: 2, clb: 3, rcv3: 4 } };
  t.deepEqual(applyConfigPatch(base, { clbImmutableMs: undefined, deleteTimeMs: 7, latencyMs: { clb: 30 } }), {
    ...base,
    deleteTimeMs: 7,
    latencyMs: { identity: 1, nova: 2, clb: 30, rcv3: 4 },
  });
});
