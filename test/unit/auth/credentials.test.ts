import test from 'ava';
import { parseCredentialsFile } from '../../../services/auth/src/core/credentials-file.js';
import { CredentialsAuthenticator } from '../../../services/auth/src/performers/credentials-authenticator.js';
import { IdentityClient } from '../../../services/auth/src/performers/identity-client.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { createCaptureLogger } from '../request/capture-logger.js';
import { IDENTITY, accessBody, createFakeIdentity } from './fake-identity.js';

const FILE = JSON.stringify({
  tenants: { t1: { username: 'alice', password: 'alice-pw' }, t2: { username: 'bob', apiKey: 'bob-key' } },
});

test('parseCredentialsFile reads password and API-key tenants', (t) => {
  t.deepEqual(
    [...parseCredentialsFile(FILE, '/x.json')],
    [
      ['t1', { username: 'alice', password: 'alice-pw' }],
      ['t2', { username: 'bob', apiKey: 'bob-key' }],
    ],
  );
});

test('parseCredentialsFile names the bad tenant but never a secret', (t) => {
  const error = t.throws(
    () =>
      parseCredentialsFile(
        JSON.stringify({ tenants: { t3: { username: 'c', password: 'sekrit', extra: 1 } } }),
        '/x.json',
      ),
    { instanceOf: ConfigError },
  );
  t.regex(error?.message ?? '', /tenants\.t3/);
  t.false(error?.message.includes('sekrit') ?? true);
  t.throws(() => parseCredentialsFile('{', '/x.json'), { instanceOf: ConfigError, message: /not valid JSON/ });
});

const CATALOG = [
  { name: 'cloudServersOpenStack', type: 'compute', endpoints: [{ region: 'ORD', publicURL: 'http://n' }] },
];

function authenticator(status = 200) {
  const fake = createFakeIdentity(() => ({ status, body: accessBody('tok-x', '2100-01-01T00:00:00Z', CATALOG) }));
  const client = new IdentityClient({
    transport: fake.transport,
    identityUrl: IDENTITY,
    adminUrl: IDENTITY,
    logger: createCaptureLogger(),
  });
  return {
    fake,
    auth: new CredentialsAuthenticator({
      client,
      credentials: parseCredentialsFile(FILE, '/x'),
      now: () => 0,
      defaultLifetimeMs: 1000,
    }),
  };
}

test('credentials authenticator authenticates a tenant with its own API key, scoped to it', async (t) => {
  const { fake, auth } = authenticator();
  const grant = await auth.authenticate('t2');
  t.deepEqual([grant.token, grant.catalog], ['tok-x', CATALOG]);
  t.deepEqual(fake.requests[0]?.json, {
    auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'bob', apiKey: 'bob-key' }, tenantId: 't2' },
  });
});

test('credentials authenticator fails at once for a tenant without credentials', async (t) => {
  const { fake, auth } = authenticator();
  const error = await t.throwsAsync(auth.authenticate('t404'));
  t.like((error as AppError).details, { reason: 'unknown-tenant', tenantId: 't404' });
  t.regex(error?.message ?? '', /t404/);
  t.is(fake.requests.length, 0);
});

test('credentials authenticator reports rejected credentials as non-retryable, naming the tenant', async (t) => {
  const { auth } = authenticator(401);
  const error = await t.throwsAsync(auth.authenticate('t1'));
  t.true(AppError.isKind(error, 'auth'));
  t.false((error as AppError).retryable);
  t.regex(error?.message ?? '', /rejected.*tenant t1/);
  t.false(error?.message.includes('alice-pw') ?? true);
});
