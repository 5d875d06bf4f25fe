import test from 'ava';
import { Registry } from 'prom-client';
import { createAuthMetrics } from '../../../services/auth/src/auth-metrics.js';
import type { Authenticator } from '../../../services/auth/src/authenticator.js';
import { authFailure } from '../../../services/auth/src/core/auth-failure.js';
import { createAuthRpcHandler } from '../../../services/auth/src/handlers/on-auth-rpc.js';
import type { DeliveryContext } from '../../../shared/amqp/bus.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { createCaptureLogger } from '../request/capture-logger.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const CATALOG = [
  { name: 'cloudServersOpenStack', type: 'compute', endpoints: [{ region: 'ORD', publicURL: 'http://n' }] },
];

const authenticator: Authenticator & { invalidated: string[] } = {
  invalidated: [],
  authenticate(tenantId) {
    if (tenantId === 'unknown') {
      return Promise.reject(
        authFailure({ reason: 'unknown-tenant', tenantId }, `Identity does not know tenant ${tenantId}`, false),
      );
    }
    if (tenantId === 'slow') return new Promise(() => undefined);
    return Promise.resolve({ token: `tok-${tenantId}`, catalog: CATALOG, expiresAt: NOW + 1000 });
  },
  invalidate(tenantId, token) {
    this.invalidated.push(`${tenantId} ${token}`);
    return Promise.resolve();
  },
};

function setup() {
  const registry = new Registry();
  const logger = createCaptureLogger();
  let id = 0;
  const handler = createAuthRpcHandler({
    authenticator,
    logger,
    metrics: createAuthMetrics(registry),
    newId: () => `reply-${++id}`,
    now: () => NOW,
    replyDeadlineMs: 50,
  });
  const replies: Envelope[] = [];
  const ctx = (hasReplyTo = true): DeliveryContext => ({
    queue: QUEUES.authRpc,
    redelivered: false,
    deliveryCount: 0,
    reply: (envelope) => {
      if (hasReplyTo) replies.push(envelope);
      return Promise.resolve(hasReplyTo);
    },
  });
  return { handler, replies, ctx, logger, registry };
}

const request = (type: string, tenantId: string, payload: unknown) =>
  buildEnvelope({ type, tenantId, jobId: 'job-1', payload }, 'req-1', new Date(NOW));

test('get-token is answered with token, catalog and expiry, correlated to the request', async (t) => {
  const { handler, replies, ctx } = setup();
  t.deepEqual(await handler(request('get-token', 't1', { tenantId: 't1' }), ctx()), { action: 'ack' });
  t.like(replies[0], { type: 'token', causationId: 'req-1', correlationId: 'job-1', tenantId: 't1' });
  t.deepEqual(replies[0]?.payload, { tenantId: 't1', token: 'tok-t1', catalog: CATALOG, expiresAt: NOW + 1000 });
});

test('invalidate-token invalidates at the authenticator and confirms', async (t) => {
  const { handler, replies, ctx } = setup();
  await handler(request('invalidate-token', 't1', { tenantId: 't1', token: 'tok-old' }), ctx());
  t.true(authenticator.invalidated.includes('t1 tok-old'));
  t.like(replies[0], { type: 'token-invalidated', payload: { tenantId: 't1' } });
});

test('an unknown tenant gets an error reply naming it, and the request is acked', async (t) => {
  const { handler, replies, ctx } = setup();
  t.deepEqual(await handler(request('get-token', 'unknown', { tenantId: 'unknown' }), ctx()), { action: 'ack' });
  t.like(replies[0], {
    type: 'auth-error',
    payload: { tenantId: 'unknown', reason: 'unknown-tenant', retryable: false },
  });
  t.regex((replies[0]?.payload as { message: string }).message, /tenant unknown/);
});

test('an authentication still running at the reply deadline gets a retryable error reply', async (t) => {
  const { handler, replies, ctx } = setup();
  await handler(request('get-token', 'slow', { tenantId: 'slow' }), ctx());
  t.like(replies[0], {
    type: 'auth-error',
    payload: { tenantId: 'slow', reason: 'identity-unavailable', retryable: true },
  });
});

const malformed: readonly [string, Envelope][] = [
  ['an unknown type', request('get-cookie', 't1', { tenantId: 't1' })],
  ['a payload missing the tenant', request('get-token', 't1', {})],
  ['a payload for another tenant', request('get-token', 't1', { tenantId: 't2' })],
  ['an invalidate without a token', request('invalidate-token', 't1', { tenantId: 't1' })],
];
for (const [name, envelope] of malformed) {
  test(`a request with ${name} gets an error reply and is dead-lettered with the reason`, async (t) => {
    const { handler, replies, ctx } = setup();
    const outcome = await handler(envelope, ctx());
    t.is(outcome.action, 'dead-letter');
    t.true(outcome.action === 'dead-letter' && outcome.reason.length > 0);
    t.like(replies[0], { type: 'auth-error', payload: { reason: 'malformed-request', retryable: false } });
  });
}

test('a malformed request without replyTo is still dead-lettered', async (t) => {
  const { handler, replies, ctx } = setup();
  const outcome = await handler(request('nope', 't1', {}), ctx(false));
  t.is(outcome.action, 'dead-letter');
  t.is(replies.length, 0);
});

test('a reply that cannot be sent is logged, not thrown', async (t) => {
  const { handler, logger } = setup();
  const ctx: DeliveryContext = {
    queue: QUEUES.authRpc,
    redelivered: false,
    deliveryCount: 0,
    reply: () => Promise.reject(new Error('channel closed')),
  };
  t.deepEqual(await handler(request('get-token', 't1', { tenantId: 't1' }), ctx), { action: 'ack' });
  t.true(logger.lines.some((l) => l.message === 'auth-rpc-reply-failed'));
});

test('handler logs never contain the token it hands out or is asked to invalidate', async (t) => {
  const { handler, ctx, logger } = setup();
  await handler(request('get-token', 't1', { tenantId: 't1' }), ctx());
  await handler(request('invalidate-token', 't1', { tenantId: 't1', token: 'tok-zzz' }), ctx());
  await handler(request('invalidate-token', 't1', { tenantId: 't1', token: 'tok-yyy', extra: 1 }), ctx());
  const text = JSON.stringify(logger.lines);
  for (const secret of ['tok-t1', 'tok-zzz', 'tok-yyy']) t.false(text.includes(secret), secret);
});
