import test from 'ava';
import type { CallContext } from '../../../shared/request/http-types.js';
import { KeyedLimiter } from '../../../shared/request/keyed-limiter.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';
import { matchThrottle, type ThrottleRule } from '../../../shared/request/throttle-rules.js';
import { withThrottle } from '../../../shared/request/with-throttle.js';

const rules: readonly ThrottleRule[] = [
  { service: 'cloudServersOpenStack', method: 'POST', perTenant: false, concurrency: 1, minIntervalMs: 1000 },
  { service: 'cloudLoadBalancers', method: '*', perTenant: true, concurrency: 2, minIntervalMs: 0 },
];

const matches: readonly [string, Parameters<typeof matchThrottle>, string | undefined][] = [
  [
    'keys a global rule by service and method',
    [rules, 'cloudServersOpenStack', 'POST', 't1'],
    'cloudServersOpenStack POST',
  ],
  ['leaves unconfigured methods unthrottled', [rules, 'cloudServersOpenStack', 'GET', 't1'], undefined],
  ['keys a per-tenant rule by tenant too', [rules, 'cloudLoadBalancers', 'DELETE', 't9'], 'cloudLoadBalancers * t9'],
  ['leaves unconfigured services unthrottled', [rules, 'rackconnect', 'POST', 't1'], undefined],
];

for (const [name, args, expected] of matches) {
  test(`matchThrottle ${name}`, (t) => {
    t.is(matchThrottle(...args)?.key, expected);
  });
}

/** A clock that only moves when someone sleeps. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

test('limiter keeps at most `concurrency` tasks of a lane in flight', async (t) => {
  const limiter = new KeyedLimiter(fakeClock());
  let active = 0;
  let peak = 0;
  const task = async () => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setImmediate(resolve));
    active -= 1;
  };
  await Promise.all(Array.from({ length: 10 }, () => limiter.run('k', { concurrency: 3, minIntervalMs: 0 }, task)));
  t.is(peak, 3);
  t.is(limiter.size, 0);
});

test('limiter spaces starts of a lane by minIntervalMs', async (t) => {
  const clock = fakeClock();
  const limiter = new KeyedLimiter(clock);
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: 3 }, () =>
      limiter.run('k', { concurrency: 1, minIntervalMs: 1000 }, () => Promise.resolve(starts.push(clock.now()))),
    ),
  );
  t.deepEqual(starts, [0, 1000, 2000]);
});

test('limiter lanes are independent', async (t) => {
  const limiter = new KeyedLimiter(fakeClock());
  let release: () => void = () => undefined;
  const blocked = limiter.run('a', { concurrency: 1, minIntervalMs: 0 }, () => new Promise<void>((r) => (release = r)));
  await limiter.run('b', { concurrency: 1, minIntervalMs: 0 }, () => Promise.resolve());
  release();
  await blocked;
  t.pass();
});

test('limiter frees the slot when a task fails', async (t) => {
  const limiter = new KeyedLimiter(fakeClock());
  await t.throwsAsync(limiter.run('k', { concurrency: 1, minIntervalMs: 0 }, () => Promise.reject(new Error('boom'))));
  t.is(await limiter.run('k', { concurrency: 1, minIntervalMs: 0 }, () => Promise.resolve(7)), 7);
});

test('throttle wrapper serialises throttled calls and passes others straight through', async (t) => {
  const clock = fakeClock();
  const order: string[] = [];
  const inner = async (tenantId: string, request: ServiceRequest) => {
    order.push(`${request.method} ${tenantId} @${clock.now()}`);
    await Promise.resolve();
    return { status: 200, headers: {}, body: null, url: 'http://x' };
  };
  const call = withThrottle(rules, new KeyedLimiter(clock), inner);
  const ctx: CallContext = { correlationId: 'c', trace: { reauthed: false } };
  const post: ServiceRequest = { service: 'cloudServersOpenStack', method: 'POST', path: ['servers'], okStatus: [202] };
  await Promise.all([call('t1', post, ctx), call('t2', post, ctx), call('t1', { ...post, method: 'GET' }, ctx)]);
  t.deepEqual(order.sort(), ['GET t1 @0', 'POST t1 @0', 'POST t2 @1000']);
});
