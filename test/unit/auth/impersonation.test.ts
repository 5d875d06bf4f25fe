import test from 'ava';
import { IdentityClient } from '../../../services/auth/src/performers/identity-client.js';
import { ImpersonationAuthenticator } from '../../../services/auth/src/performers/impersonation-authenticator.js';
import { AppError } from '../../../shared/errors/app-error.js';
import type { HttpRequest } from '../../../shared/request/http-types.js';
import { createCaptureLogger } from '../request/capture-logger.js';
import { ENDPOINTS_BODY, IDENTITY, accessBody, createFakeIdentity, type IdentityAnswer } from './fake-identity.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

/** A well-behaved Identity; `override` may answer some requests differently. */
function identity(
  override: (request: HttpRequest, step: string) => IdentityAnswer | Error | undefined = () => undefined,
) {
  let adminTokens = 0;
  return createFakeIdentity((request) => {
    const step = stepOf(request);
    const special = override(request, step);
    if (special !== undefined) return special;
    switch (step) {
      case 'admin-auth':
        return { status: 200, body: accessBody(`admin-${++adminTokens}`) };
      case 'mosso':
        return { status: 301, body: { user: { id: `user-of-${request.url.split('/').pop() ?? ''}` } } };
      case 'impersonate':
        return { status: 200, body: accessBody('imp-token', '2030-01-01T03:00:00.000Z') };
      default:
        return { status: 200, body: ENDPOINTS_BODY };
    }
  });
}

function stepOf(request: HttpRequest): string {
  if (request.url.endsWith('/tokens')) return 'admin-auth';
  if (request.url.includes('/mosso/')) return 'mosso';
  if (request.url.includes('impersonation-tokens')) return 'impersonate';
  return 'endpoints';
}

function authenticator(
  fake: ReturnType<typeof identity>,
  admin = { username: 'admin', password: 'pw', apiKey: undefined },
) {
  const client = new IdentityClient({
    transport: fake.transport,
    identityUrl: IDENTITY,
    adminUrl: IDENTITY,
    logger: createCaptureLogger(),
  });
  return new ImpersonationAuthenticator({
    client,
    admin,
    expireInSeconds: 10800,
    now: () => NOW,
    adminMarginMs: 60_000,
  });
}

test('impersonation runs mosso lookup, impersonation and endpoints, and returns token, catalog and expiry', async (t) => {
  const fake = identity();
  const grant = await authenticator(fake).authenticate('t1');
  t.deepEqual(fake.requests.map(stepOf), ['mosso', 'admin-auth', 'impersonate', 'endpoints']);
  t.is(grant.token, 'imp-token');
  t.is(grant.expiresAt, Date.parse('2030-01-01T03:00:00.000Z'));
  t.deepEqual(
    grant.catalog.map((e) => e.name),
    ['cloudServersOpenStack', 'cloudLoadBalancers'],
  );
  t.like(fake.requests[2]?.json, {
    'RAX-AUTH:impersonation': { user: { username: 'user-of-t1' }, 'expire-in-seconds': 10800 },
  });
  t.is(fake.requests[2]?.headers['x-auth-token'], 'admin-1');
  t.is(fake.requests[3]?.url, `${IDENTITY}/tokens/imp-token/endpoints`);
});

test('impersonation reuses the admin token for later tenants', async (t) => {
  const fake = identity();
  const auth = authenticator(fake);
  await auth.authenticate('t1');
  await auth.authenticate('t2');
  t.is(fake.requests.filter((r) => stepOf(r) === 'admin-auth').length, 1);
});

test('impersonation renews the admin token on a 401 and retries the call once', async (t) => {
  let refusals = 0;
  const fake = identity((request, step) =>
    step === 'impersonate' && request.headers['x-auth-token'] === 'admin-1' ? (refusals++, { status: 401 }) : undefined,
  );
  const grant = await authenticator(fake).authenticate('t1');
  t.is(grant.token, 'imp-token');
  t.is(refusals, 1);
  t.deepEqual(fake.requests.map(stepOf), [
    'mosso',
    'admin-auth',
    'impersonate',
    'admin-auth',
    'impersonate',
    'endpoints',
  ]);
});

test('impersonation gives up after a second 401 with a rejected error naming the tenant', async (t) => {
  const fake = identity((_request, step) => (step === 'endpoints' ? { status: 401 } : undefined));
  const error = await t.throwsAsync(authenticator(fake).authenticate('t9'));
  t.true(AppError.isKind(error, 'auth'));
  t.like((error as AppError).details, { reason: 'rejected', tenantId: 't9' });
  t.regex(error?.message ?? '', /tenant t9/);
  t.is(fake.requests.filter((r) => stepOf(r) === 'endpoints').length, 2);
});

test('impersonation reports a tenant Identity does not know as unknown-tenant', async (t) => {
  const fake = identity((_request, step) => (step === 'mosso' ? { status: 404 } : undefined));
  const error = await t.throwsAsync(authenticator(fake).authenticate('nobody'));
  t.like((error as AppError).details, { reason: 'unknown-tenant', tenantId: 'nobody' });
  t.false((error as AppError).retryable);
});

test('impersonation reports rejected admin credentials naming the tenant being authenticated', async (t) => {
  const fake = identity((_request, step) => (step === 'admin-auth' ? { status: 401 } : undefined));
  const error = await t.throwsAsync(authenticator(fake).authenticate('t1'));
  t.like((error as AppError).details, { reason: 'rejected', tenantId: 't1', operation: 'admin-authenticate' });
  t.regex(error?.message ?? '', /admin account.*tenant t1/);
  t.false(error?.message.includes('pw') ?? true);
});

test('concurrent tenants waiting for a failing admin token each get an error naming themselves', async (t) => {
  const fake = identity((_request, step) => (step === 'admin-auth' ? { status: 401 } : undefined));
  const auth = authenticator(fake);
  const [a, b] = await Promise.allSettled([auth.authenticate('t1'), auth.authenticate('t2')]);
  t.regex(a.status === 'rejected' ? String((a.reason as Error).message) : '', /tenant t1/);
  t.regex(b.status === 'rejected' ? String((b.reason as Error).message) : '', /tenant t2/);
  t.is(fake.requests.filter((r) => stepOf(r) === 'admin-auth').length, 1);
});

test('impersonation marks Identity outages retryable', async (t) => {
  const fake = identity((_request, step) => (step === 'impersonate' ? { status: 503 } : undefined));
  const error = await t.throwsAsync(authenticator(fake).authenticate('t1'));
  t.true(AppError.isKind(error, 'unavailable'));
  t.true((error as AppError).retryable);
});

test('impersonation with an API-key admin looks the user up with the admin token', async (t) => {
  const fake = identity();
  await authenticator(fake, { username: 'admin', password: undefined, apiKey: 'key' } as never).authenticate('t1');
  t.deepEqual(fake.requests.map(stepOf), ['admin-auth', 'mosso', 'impersonate', 'endpoints']);
  t.is(fake.requests[1]?.headers['x-auth-token'], 'admin-1');
  t.like(fake.requests[0]?.json, { auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'admin', apiKey: 'key' } } });
});

test('identity failures never put a token into the error message', async (t) => {
  const fake = identity((_request, step) => (step === 'endpoints' ? { status: 500 } : undefined));
  const error = await t.throwsAsync(authenticator(fake).authenticate('t1'));
  for (const secret of ['imp-token', 'admin-1', 'pw']) t.false(error?.message.includes(secret), secret);
});
