import test from 'ava';
import { loadAllInOneConfig, placeholderCloud } from '../../../services/all-in-one/src/config.js';
import { ConfigError } from '../../../shared/errors/config-error.js';

test('loadAllInOneConfig runs the embedded simulator by default, on the in-process bus', (t) => {
  const config = loadAllInOneConfig({});
  t.is(config.base.amqpUrl, undefined);
  t.is(config.demoTenantId, '123456');
  t.like(config.simulator, { port: 8900, host: '127.0.0.1', clock: 'real', seed: 'kelp' });
});

test('loadAllInOneConfig passes the SIM_* variables to the embedded simulator', (t) => {
  const config = loadAllInOneConfig({ SIM_PORT: '0', SIM_BUILD_TIME_MS: '3000', SIM_REGIONS: 'DFW,ORD' });
  t.like(config.simulator, { port: 0, buildTimeMs: 3000, regions: ['DFW', 'ORD'] });
});

test('loadAllInOneConfig with KELP_SIMULATOR=off needs a real Identity admin', (t) => {
  const error = t.throws(() => loadAllInOneConfig({ KELP_SIMULATOR: 'off' }), { instanceOf: ConfigError });
  t.deepEqual(error?.problems, [
    'IDENTITY_ADMIN_USERNAME: required for AUTH_STRATEGY=impersonation',
    'IDENTITY_ADMIN_PASSWORD or IDENTITY_ADMIN_API_KEY: one is required for AUTH_STRATEGY=impersonation',
  ]);
});

test('loadAllInOneConfig with KELP_SIMULATOR=off uses the cloud the environment names', (t) => {
  const config = loadAllInOneConfig({
    KELP_SIMULATOR: 'off',
    IDENTITY_URL: 'https://identity.example.com/v2.0',
    IDENTITY_ADMIN_USERNAME: 'admin',
    IDENTITY_ADMIN_API_KEY: 'key',
  });
  t.is(config.simulator, undefined);
});

test('loadAllInOneConfig lists every problem once, from every service', (t) => {
  const error = t.throws(
    () =>
      loadAllInOneConfig({
        KELP_SIMULATOR: 'maybe',
        KELP_DEMO_TENANT: 'a b',
        AMQP_URL: 'not a url',
        LB_PREFETCH: '0',
        SUPERVISOR_JOB_PREFETCH: 'x',
        CONVERGE_PREFETCH: '-1',
      }),
    { instanceOf: ConfigError },
  );
  const problems = error?.problems ?? [];
  t.is(new Set(problems).size, problems.length);
  const named = [
    'KELP_SIMULATOR',
    'KELP_DEMO_TENANT',
    'AMQP_URL',
    'LB_PREFETCH',
    'SUPERVISOR_JOB_PREFETCH',
    'CONVERGE_PREFETCH',
  ];
  t.deepEqual(
    named.filter((name) => problems.some((p) => p.startsWith(`${name}:`))),
    named,
  );
  t.is(problems.filter((p) => p.startsWith('AMQP_URL:')).length, 1);
});

test('loadAllInOneConfig reports a bad simulator variable with the others', (t) => {
  const error = t.throws(() => loadAllInOneConfig({ SIM_BUILD_TIME_MS: 'soon', LB_PREFETCH: '0' }), {
    instanceOf: ConfigError,
  });
  t.is(error?.problems.length, 2);
  t.regex(error?.problems[0] ?? '', /SIM_BUILD_TIME_MS must be an integer/);
  t.regex(error?.problems[1] ?? '', /^LB_PREFETCH:/);
});

test('placeholderCloud describes the simulator from its options', (t) => {
  t.deepEqual(placeholderCloud({ port: 0, regions: ['IAD'], admin: { username: 'root' } }), {
    identityUrl: 'http://127.0.0.1:0/identity/v2.0',
    admin: { username: 'root', password: 'admin-password' },
    region: 'IAD',
  });
  t.is(placeholderCloud({ host: '::1', port: 9000 }).identityUrl, 'http://[::1]:9000/identity/v2.0');
});
