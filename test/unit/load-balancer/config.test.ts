import test from 'ava';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { loadLbConfig } from '../../../services/load-balancer/src/config.js';

test('loadLbConfig applies the documented defaults', (t) => {
  t.deepEqual(loadLbConfig({}), {
    prefetch: 100,
    coalesce: true,
    windowMs: 50,
    quietMs: 5,
    refusalMemoryMs: 60_000,
    limits: {
      maxNodesPerAdd: 25,
      defaultNodeLimit: 25,
      maxIdsPerRemove: 10,
      maxPairsPerBulk: 100,
      nodeCountTtlMs: 30_000,
    },
    settleHoldLimit: 50,
    immutableRetryMs: 1000,
    rateLimitRetryMs: 5000,
    maxAttempts: 30,
    maxRequestsPerBatch: 20,
    facts: { rememberRemovedMs: 600_000, maxRemembered: 1_000, settleMs: 1000, maxSettleMs: 10_000 },
    factsTtlMs: 600_000,
  });
});

test('loadLbConfig reads typed values', (t) => {
  const config = loadLbConfig({
    LB_COALESCE: 'false',
    LB_COALESCE_WINDOW_MS: '0',
    LB_PREFETCH: '250',
    LB_IMMUTABLE_RETRY_MS: '2000',
  });
  t.deepEqual([config.coalesce, config.windowMs, config.prefetch, config.immutableRetryMs], [false, 0, 250, 2000]);
});

test('loadLbConfig lists every problem in one ConfigError', (t) => {
  const error = t.throws(
    () => loadLbConfig({ LB_COALESCE: 'maybe', LB_CLB_MAX_IDS_PER_DELETE: '11', LB_PREFETCH: '0' }),
    { instanceOf: ConfigError },
  );
  t.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), [
    'LB_CLB_MAX_IDS_PER_DELETE',
    'LB_COALESCE',
    'LB_PREFETCH',
  ]);
});
