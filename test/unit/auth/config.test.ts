import test from 'ava';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { ConfigError } from '../../../shared/errors/config-error.js';

const IMPERSONATION = { IDENTITY_ADMIN_USERNAME: 'admin', IDENTITY_ADMIN_PASSWORD: 'pw' };

test('loadAuthConfig defaults to impersonation with the admin account from the environment', (t) => {
  const config = loadAuthConfig(IMPERSONATION);
  t.deepEqual(config.strategy, {
    kind: 'impersonation',
    admin: { username: 'admin', password: 'pw', apiKey: undefined },
    expireInSeconds: 10800,
  });
  t.is(config.identityAdminUrl, config.identityUrl);
  t.deepEqual(config.cache, { ttlMs: 1_800_000, marginMs: 300_000, maxEntries: 100_000 });
  t.is(config.endpoints.cloudLoadBalancers.region, 'ORD');
});

test('loadAuthConfig reads the credentials strategy, URLs and region', (t) => {
  const config = loadAuthConfig({
    AUTH_STRATEGY: 'credentials',
    AUTH_CREDENTIALS_FILE: '/etc/kelp/tenants.json',
    IDENTITY_URL: 'https://identity.example/v2.0/',
    IDENTITY_ADMIN_URL: 'https://admin.example/v2.0',
    CLOUD_REGION: 'DFW',
  });
  t.deepEqual(config.strategy, { kind: 'credentials', credentialsFile: '/etc/kelp/tenants.json' });
  t.deepEqual(
    [config.identityUrl, config.identityAdminUrl],
    ['https://identity.example/v2.0', 'https://admin.example/v2.0'],
  );
  t.is(config.endpoints.cloudServersOpenStack.region, 'DFW');
});

test('loadAuthConfig lists every problem at once, never echoing secrets', (t) => {
  const error = t.throws(
    () =>
      loadAuthConfig({
        IDENTITY_ADMIN_PASSWORD: 'sekrit',
        AUTH_CACHE_TTL_MS: 'long',
        LOG_LEVEL: 'loud',
        HTTP_TIMEOUT_MS: '-1',
      }),
    { instanceOf: ConfigError },
  );
  const problems = error.problems.join('\n');
  t.regex(problems, /IDENTITY_ADMIN_USERNAME/);
  t.regex(problems, /AUTH_CACHE_TTL_MS/);
  t.regex(problems, /LOG_LEVEL/);
  t.regex(problems, /HTTP_TIMEOUT_MS/);
  t.false(problems.includes('sekrit'));
});

test('loadAuthConfig requires a credentials file for the credentials strategy', (t) => {
  t.throws(() => loadAuthConfig({ AUTH_STRATEGY: 'credentials' }), {
    instanceOf: ConfigError,
    message: /AUTH_CREDENTIALS_FILE/,
  });
});

test('loadAuthConfig refuses impersonation tokens shorter than the expiry margin', (t) => {
  t.throws(() => loadAuthConfig({ ...IMPERSONATION, AUTH_IMPERSONATION_EXPIRE_SECONDS: '120' }), {
    instanceOf: ConfigError,
    message: /AUTH_IMPERSONATION_EXPIRE_SECONDS/,
  });
});
