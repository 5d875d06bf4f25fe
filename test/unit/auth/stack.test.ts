import test from 'ava';
import { Registry } from 'prom-client';
import { createAuthMetrics } from '../../../services/auth/src/auth-metrics.js';
import type { Authenticator } from '../../../services/auth/src/authenticator.js';
import { createAuthenticatorStack } from '../../../services/auth/src/authenticator-stack.js';
import { authFailure } from '../../../services/auth/src/core/auth-failure.js';
import type { TokenGrant } from '../../../shared/request/token-source.js';

const HOUR = 3_600_000;

function scripted(outcomes: readonly ('ok' | 'down' | 'rejected')[] = ['ok']) {
  let calls = 0;
  const real: Authenticator & { calls: () => number } = {
    calls: () => calls,
    async authenticate(tenantId): Promise<TokenGrant> {
      const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (outcome === 'down')
        throw authFailure({ reason: 'identity-unavailable', tenantId }, 'Identity is unavailable', true);
      if (outcome === 'rejected')
        throw authFailure({ reason: 'rejected', tenantId }, `rejected for tenant ${tenantId}`, false);
      return { token: `tok-${calls}`, catalog: [], expiresAt: clock.now + HOUR };
    },
    invalidate: () => Promise.resolve(),
  };
  return real;
}

const clock = { now: 1_000_000 };

function stack(real: Authenticator) {
  const registry = new Registry();
  const auth = createAuthenticatorStack(real, {
    cache: { marginMs: 300_000, ttlMs: 1_800_000, maxEntries: 100 },
    retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 2 },
    metrics: createAuthMetrics(registry),
    now: () => clock.now,
  });
  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = await registry.getSingleMetric(name)?.get();
    return metric?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
  };
  return { auth, value };
}

test('stack answers 1,000 concurrent cold requests for one tenant with one authentication', async (t) => {
  const real = scripted();
  const { auth, value } = stack(real);
  const grants = await Promise.all(Array.from({ length: 1000 }, () => auth.authenticate('t1')));
  t.is(real.calls(), 1);
  t.is(new Set(grants.map((g) => g.token)).size, 1);
  t.is(await value('kelp_auth_authentications_total', { outcome: 'success' }), 1);
  t.is(await value('kelp_auth_cache_misses_total'), 1000);
});

test('stack serves a warm tenant from the cache and counts the hit', async (t) => {
  const real = scripted();
  const { auth, value } = stack(real);
  await auth.authenticate('t1');
  await auth.authenticate('t1');
  t.is(real.calls(), 1);
  t.is(await value('kelp_auth_cache_hits_total'), 1);
});

test('stack re-authenticates once the cached token reaches expiry minus margin', async (t) => {
  const real = scripted();
  const { auth } = stack(real);
  const first = await auth.authenticate('t1');
  clock.now += HOUR - 300_000;
  const second = await auth.authenticate('t1');
  t.not(second.token, first.token);
  t.is(real.calls(), 2);
});

test('stack invalidation drops the cached token only if it is the one reported', async (t) => {
  const real = scripted();
  const { auth } = stack(real);
  const first = await auth.authenticate('t1');
  await auth.invalidate('t1', 'some-older-token');
  t.is((await auth.authenticate('t1')).token, first.token);
  await auth.invalidate('t1', first.token);
  t.not((await auth.authenticate('t1')).token, first.token);
  t.is(real.calls(), 2);
});

test('stack retries an Identity outage a bounded number of times, then fails with the reason counted', async (t) => {
  const real = scripted(['down']);
  const { auth, value } = stack(real);
  const error = await t.throwsAsync(auth.authenticate('t1'));
  t.regex(error?.message ?? '', /unavailable/);
  t.is(real.calls(), 3);
  t.is(await value('kelp_auth_failures_total', { reason: 'identity-unavailable' }), 1);
  t.is(await value('kelp_auth_authentications_total', { outcome: 'failure' }), 3);
});

test('stack recovers when Identity comes back within the retries', async (t) => {
  const real = scripted(['down', 'ok']);
  const { auth } = stack(real);
  t.is((await auth.authenticate('t1')).token, 'tok-2');
});

test('stack does not retry rejected credentials and does not cache the failure', async (t) => {
  const real = scripted(['rejected', 'ok']);
  const { auth, value } = stack(real);
  await t.throwsAsync(auth.authenticate('t1'), { message: /tenant t1/ });
  t.is(real.calls(), 1);
  t.is(await value('kelp_auth_failures_total', { reason: 'rejected' }), 1);
  t.is((await auth.authenticate('t1')).token, 'tok-2');
});
