import test from 'ava';
import type { Bus } from '../../../shared/amqp/bus.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { AUTH_MESSAGE_TYPES } from '../../../shared/messages/auth-messages.js';
import { buildChildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { createInProcessTokenSource } from '../../../shared/request/in-process-token-source.js';
import { RpcTokenSource } from '../../../shared/request/rpc-token-source.js';
import { CATALOG } from './fixtures.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const HOUR = 3_600_000;

type Answer = (request: Envelope) => { type: string; payload: unknown };

function fakeBus(answer: Answer) {
  const calls: Envelope[] = [];
  const bus: Pick<Bus, 'call'> = {
    async call(queue, envelope, options) {
      if (queue !== QUEUES.authRpc || options.timeoutMs !== 1234) throw new Error('wrong queue or timeout');
      calls.push(envelope);
      await new Promise((resolve) => setImmediate(resolve));
      const reply = answer(envelope);
      return buildChildEnvelope(envelope, reply, `reply-${calls.length}`, new Date(NOW));
    },
  };
  return { bus, calls };
}

let tokenCounter = 0;
const tokenAnswer: Answer = (request) => ({
  type: AUTH_MESSAGE_TYPES.token,
  payload: { tenantId: request.tenantId, token: `tok-${++tokenCounter}`, catalog: CATALOG, expiresAt: NOW + HOUR },
});

function source(answer: Answer) {
  const fake = fakeBus(answer);
  let id = 0;
  const tokens = new RpcTokenSource({
    bus: fake.bus,
    timeoutMs: 1234,
    cache: { marginMs: 60_000, ttlMs: 600_000, maxEntries: 100 },
    now: () => NOW,
    newId: () => `id-${++id}`,
  });
  return { ...fake, tokens };
}

test('rpc token source asks the auth service with a get-token request and returns the grant', async (t) => {
  const { tokens, calls } = source(tokenAnswer);
  const grant = await tokens.getToken('t1');
  t.deepEqual(grant.catalog, CATALOG);
  t.is(grant.expiresAt, NOW + HOUR);
  t.like(calls[0], { type: 'get-token', tenantId: 't1', payload: { tenantId: 't1' } });
});

test('rpc token source answers a warm tenant from its local cache without an RPC', async (t) => {
  const { tokens, calls } = source(tokenAnswer);
  const first = await tokens.getToken('t1');
  const second = await tokens.getToken('t1');
  t.is(second, first);
  t.is(calls.length, 1);
});

test('rpc token source makes one RPC for 1,000 concurrent cold requests of one tenant', async (t) => {
  const { tokens, calls } = source(tokenAnswer);
  const grants = await Promise.all(Array.from({ length: 1000 }, () => tokens.getToken('cold')));
  t.is(new Set(grants.map((g) => g.token)).size, 1);
  t.is(calls.length, 1);
});

test('rpc token source invalidates locally and at the auth service, then fetches a fresh token', async (t) => {
  const { tokens, calls } = source((request) =>
    request.type === AUTH_MESSAGE_TYPES.invalidateToken
      ? { type: AUTH_MESSAGE_TYPES.tokenInvalidated, payload: { tenantId: request.tenantId } }
      : tokenAnswer(request),
  );
  const first = await tokens.getToken('t1');
  await tokens.invalidate('t1', first.token);
  const second = await tokens.getToken('t1');
  t.not(second.token, first.token);
  t.deepEqual(
    calls.map((c) => c.type),
    ['get-token', 'invalidate-token', 'get-token'],
  );
  t.deepEqual(calls[1]?.payload, { tenantId: 't1', token: first.token });
});

test('rpc token source turns an auth-error reply into a non-retryable auth error naming the tenant', async (t) => {
  const { tokens } = source((request) => ({
    type: AUTH_MESSAGE_TYPES.error,
    payload: {
      tenantId: request.tenantId,
      reason: 'unknown-tenant',
      message: `no credentials for tenant ${request.tenantId}`,
      retryable: false,
    },
  }));
  const error = await t.throwsAsync(tokens.getToken('t404'));
  t.true(AppError.isKind(error, 'auth'));
  t.false((error as AppError).retryable);
  t.regex(error?.message ?? '', /t404/);
});

test('rpc token source reports Identity being down as retryable unavailable', async (t) => {
  const { tokens } = source((request) => ({
    type: AUTH_MESSAGE_TYPES.error,
    payload: {
      tenantId: request.tenantId,
      reason: 'identity-unavailable',
      message: 'Identity is unavailable',
      retryable: true,
    },
  }));
  const error = await t.throwsAsync(tokens.getToken('t1'));
  t.true(AppError.isKind(error, 'unavailable'));
  t.true((error as AppError).retryable);
});

test('rpc token source rejects a reply it cannot read', async (t) => {
  const { tokens } = source(() => ({ type: AUTH_MESSAGE_TYPES.token, payload: { nope: true } }));
  t.true(AppError.isKind(await t.throwsAsync(tokens.getToken('t1')), 'internal'));
});

test('in-process token source hands calls to the authenticator', async (t) => {
  const calls: string[] = [];
  const tokens = createInProcessTokenSource({
    authenticate: (tenantId) => {
      calls.push(`auth ${tenantId}`);
      return Promise.resolve({ token: 'x', catalog: CATALOG, expiresAt: NOW });
    },
    invalidate: (tenantId, token) => {
      calls.push(`invalidate ${tenantId} ${token}`);
      return Promise.resolve();
    },
  });
  t.is((await tokens.getToken('t1')).token, 'x');
  await tokens.invalidate('t1', 'x');
  t.deepEqual(calls, ['auth t1', 'invalidate t1 x']);
});
