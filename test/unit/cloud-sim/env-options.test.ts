import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { parseSimEnv } from '../../../services/cloud-sim/src/env-options.js';

test('defaults: port 8900 on loopback, real clock', (t) => {
  t.deepEqual(parseSimEnv({}), { port: 8900, host: '127.0.0.1', seed: 'kelp', clock: 'real' });
});

test('every variable maps to its option', (t) => {
  t.deepEqual(
    parseSimEnv({
      SIM_PORT: '0',
      SIM_HOST: '0.0.0.0',
      SIM_SEED: 'x',
      SIM_CLOCK: 'virtual',
      SIM_BUILD_TIME_MS: '100',
      SIM_DELETE_TIME_MS: '5',
      SIM_CLB_IMMUTABLE_MS: '200',
      SIM_CLB_DELETED_RETENTION_MS: '9',
      SIM_RCV3_ADD_TIME_MS: '3',
      SIM_TOKEN_TTL_MS: '60000',
      SIM_SERVER_QUOTA: '10',
      SIM_CLB_NODE_LIMIT: '5',
      SIM_LATENCY_MS: '50',
      SIM_CLB_LATENCY_MS: '7',
      SIM_CLB_PENDING_SPELLING: 'hyphen',
      SIM_REGIONS: 'ORD, LON',
      SIM_TENANTS: 'a,b',
      SIM_ADMIN_USERNAME: 'adm',
      SIM_ADMIN_PASSWORD: 'pw',
      SIM_CATALOG_DECOYS: 'false',
    }),
    {
      port: 0,
      host: '0.0.0.0',
      seed: 'x',
      clock: 'virtual',
      buildTimeMs: 100,
      deleteTimeMs: 5,
      clbImmutableMs: 200,
      clbDeletedRetentionMs: 9,
      rcv3AddTimeMs: 3,
      tokenTtlMs: 60000,
      serverQuota: 10,
      clbNodeLimit: 5,
      latencyMs: { identity: 50, nova: 50, clb: 7, rcv3: 50 },
      clbPendingSpelling: 'hyphen',
      regions: ['ORD', 'LON'],
      tenants: ['a', 'b'],
      admin: { username: 'adm', password: 'pw' },
      catalogDecoys: false,
    },
  );
});

test('one error lists every bad variable', (t) => {
  const error = t.throws(() => parseSimEnv({ SIM_PORT: 'x', SIM_CLOCK: 'fast', SIM_BUILD_TIME_MS: '-1' }));
  t.true(AppError.isKind(error, 'config'));
  t.is(
    error?.message,
    'invalid simulator configuration: SIM_PORT must be an integer from 0 to 65535 (got "x"); SIM_CLOCK must be "real" or "virtual"; SIM_BUILD_TIME_MS must be an integer from 0 to 9007199254740991 (got "-1")',
  );
});
