import test from 'ava';
import { cacheDeadline, TokenCache, type TokenCachePolicy } from '../../../shared/auth-contract/token-cache.js';
import { CATALOG } from './fixtures.js';

const policy: TokenCachePolicy = { marginMs: 300_000, ttlMs: 1_800_000, maxEntries: 2 };
const HOUR = 3_600_000;

const deadlines: readonly [string, number, number, number][] = [
  ['is expiry minus margin when that comes first', 1_000_000 + 10 * 60_000, 1_000_000, 1_000_000 + 5 * 60_000],
  ['is capped by the TTL for long-lived tokens', 1_000_000 + 24 * HOUR, 1_000_000, 1_000_000 + 1_800_000],
  ['is in the past for a token expiring within the margin', 1_000_000 + 60_000, 1_000_000, 1_000_000 - 240_000],
];
for (const [name, expiresAt, storedAt, expected] of deadlines) {
  test(`cacheDeadline ${name}`, (t) => t.is(cacheDeadline(expiresAt, storedAt, policy), expected));
}

const grant = (token: string, expiresAt: number) => ({ token, catalog: CATALOG, expiresAt });

test('token cache serves a grant until its deadline and drops it after', (t) => {
  const cache = new TokenCache(policy);
  const now = 5_000_000;
  t.true(cache.set('t1', grant('a', now + HOUR), now));
  t.is(cache.get('t1', now + 1_800_000 - 1)?.token, 'a');
  t.is(cache.get('t1', now + 1_800_000), undefined);
  t.is(cache.size, 0);
});

test('token cache refuses a grant already inside the margin', (t) => {
  const cache = new TokenCache(policy);
  t.false(cache.set('t1', grant('a', 1_000 + 60_000), 1_000));
  t.is(cache.get('t1', 1_000), undefined);
});

test('token cache invalidates only while it still holds that token', (t) => {
  const cache = new TokenCache(policy);
  cache.set('t1', grant('new', HOUR * 10), 0);
  t.false(cache.invalidate('t1', 'old'));
  t.is(cache.get('t1', 0)?.token, 'new');
  t.true(cache.invalidate('t1', 'new'));
  t.is(cache.get('t1', 0), undefined);
});

test('token cache drops the least recently stored tenant beyond maxEntries', (t) => {
  const cache = new TokenCache(policy);
  cache.set('t1', grant('a', HOUR * 10), 0);
  cache.set('t2', grant('b', HOUR * 10), 0);
  cache.set('t1', grant('c', HOUR * 10), 0);
  cache.set('t3', grant('d', HOUR * 10), 0);
  t.deepEqual([cache.get('t1', 0)?.token, cache.get('t2', 0)?.token, cache.get('t3', 0)?.token], ['c', undefined, 'd']);
});
