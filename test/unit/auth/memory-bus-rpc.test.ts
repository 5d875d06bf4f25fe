import test from 'ava';
import { Registry } from 'prom-client';
import { createAuthService } from '../../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { RpcTokenSource } from '../../../shared/request/rpc-token-source.js';
import { createCaptureLogger } from '../request/capture-logger.js';
import { ENDPOINTS_BODY, accessBody, createFakeIdentity } from './fake-identity.js';

async function setup() {
  const identity = createFakeIdentity((request) => {
    if (request.url.endsWith('/tokens')) return { status: 200, body: accessBody('admin-tok') };
    if (request.url.includes('/mosso/')) {
      return request.url.endsWith('/missing') ? { status: 404 } : { status: 301, body: { user: { id: 'u' } } };
    }
    if (request.url.includes('impersonation-tokens')) return { status: 200, body: accessBody('imp-tok') };
    return { status: 200, body: ENDPOINTS_BODY };
  });
  const logger = createCaptureLogger();
  const bus = new MemoryBus({ logger });
  await bus.start();
  const config = loadAuthConfig({ IDENTITY_ADMIN_USERNAME: 'admin', IDENTITY_ADMIN_PASSWORD: 'pw' });
  const auth = await createAuthService({
    config,
    bus,
    logger,
    registry: new Registry(),
    transport: identity.transport,
  });
  await auth.start();
  let id = 0;
  const tokens = new RpcTokenSource({
    bus,
    timeoutMs: 2000,
    cache: { marginMs: 0, ttlMs: 60_000, maxEntries: 10 },
    now: Date.now,
    newId: () => `m-${++id}`,
  });
  return { bus, auth, tokens, identity };
}

test('the auth service answers token RPCs on the in-process bus', async (t) => {
  const { bus, auth, tokens, identity } = await setup();
  t.teardown(async () => {
    await auth.stop(100);
    await bus.close(100);
  });
  t.true(auth.isReady());
  const grants = await Promise.all(Array.from({ length: 50 }, () => tokens.getToken('t1')));
  t.is(new Set(grants.map((g) => g.token)).size, 1);
  t.is(grants[0]?.token, 'imp-tok');
  t.is(identity.requests.filter((r) => r.url.includes('impersonation-tokens')).length, 1);
  const error = await t.throwsAsync(tokens.getToken('missing'));
  t.true(AppError.isKind(error, 'auth'));
  t.regex(error?.message ?? '', /missing/);
});

test('a malformed RPC on the in-process bus gets an error reply and is dead-lettered', async (t) => {
  const { bus, auth } = await setup();
  t.teardown(async () => {
    await auth.stop(100);
    await bus.close(100);
  });
  const deadLettered = new Promise<string>((resolve) => bus.broker.onDeadLetter((letter) => resolve(letter.reason)));
  const reply = await bus.call(
    QUEUES.authRpc,
    buildEnvelope({ type: 'nonsense', tenantId: 't1', jobId: 'j', payload: {} }, 'bad-1', new Date()),
    { timeoutMs: 2000 },
  );
  t.like(reply, { type: 'auth-error', payload: { reason: 'malformed-request' } });
  t.regex(await deadLettered, /unknown auth request type/);
  t.is(bus.broker.deadLetters(QUEUES.authRpc).length, 1);
});
