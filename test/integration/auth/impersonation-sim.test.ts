import anyTest, { type TestFn } from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { ApiError } from '../../../shared/request/api-error.js';
import { captureLogs, LIST_SERVERS, startSimStack, type SimStack } from './sim-harness.js';

const test = anyTest as TestFn<SimStack>;

test.beforeEach(async (t) => {
  t.context = await startSimStack({ tenants: ['100001', '100002'] });
});
test.afterEach.always(async (t) => {
  await t.context.sim.close();
});

test('impersonation flow authenticates a tenant and a Nova call through the request function succeeds', async (t) => {
  const { sim, request } = t.context;
  const response = await request('100001', LIST_SERVERS, { correlationId: 'it-1' });
  t.is(response.status, 200);
  t.deepEqual((response.body as { servers: unknown[] }).servers, []);
  const counters = sim.counters();
  t.deepEqual(
    [counters.mossoLookups['100001'], counters.impersonations['100001'], counters.endpointLookups['100001']],
    [1, 1, 1],
  );
});

test('a Nova call whose token the simulator expired gets 401, is retried once with a fresh token and succeeds', async (t) => {
  const { sim, request } = t.context;
  await request('100001', LIST_SERVERS);
  t.true(sim.expireTokens('100001') > 0);
  const response = await request('100001', LIST_SERVERS);
  t.is(response.status, 200);
  const counters = sim.counters();
  t.is(counters.unauthorized, 1);
  t.is(counters.impersonations['100001'], 2);
});

test('1,000 concurrent token requests for one cold tenant cause exactly one impersonation', async (t) => {
  const { sim, tokens } = t.context;
  const grants = await Promise.all(Array.from({ length: 1000 }, () => tokens.getToken('100002')));
  t.is(new Set(grants.map((g) => g.token)).size, 1);
  const counters = sim.counters();
  t.is(counters.impersonations['100002'], 1);
  t.is(counters.mossoLookups['100002'], 1);
});

test('an unknown tenant fails at once with a non-retryable error naming it', async (t) => {
  const { sim, tokens } = t.context;
  const error = await t.throwsAsync(tokens.getToken('999999'));
  t.true(AppError.isKind(error, 'auth'));
  t.false((error as AppError).retryable);
  t.regex(error?.message ?? '', /999999/);
  t.is(sim.counters().mossoLookups['999999'], 1);
});

test('Identity down: bounded retries, then a retryable unavailable error', async (t) => {
  const { sim, tokens } = t.context;
  sim.addFault({ service: 'identity', status: 503 });
  const error = await t.throwsAsync(tokens.getToken('100001'));
  t.true(AppError.isKind(error, 'unavailable'));
  t.true((error as AppError).retryable);
  t.is(sim.counters().faultsInjected, 4);
});

test('a missing catalog endpoint is a non-retryable error naming service and region', async (t) => {
  const stack = await startSimStack({ tenants: ['100003'], env: { CLOUD_REGION: 'SYD' } });
  t.teardown(() => stack.sim.close());
  const error = await t.throwsAsync(stack.request('100003', LIST_SERVERS));
  t.true(AppError.isKind(error, 'endpoint'));
  t.regex(error?.message ?? '', /cloudServersOpenStack.*SYD/);
});

test('an unexpected status from Nova is an ApiError without the token', async (t) => {
  const { sim, request, tokens } = t.context;
  const error = await t.throwsAsync(request('100001', { ...LIST_SERVERS, path: ['servers', 'no-such-server'] }));
  t.true(ApiError.isApiError(error));
  t.is((error as ApiError).status, 404);
  const { token } = await tokens.getToken('100001');
  t.false(JSON.stringify({ m: error?.message, h: (error as ApiError).headers }).includes(token));
  t.truthy(sim);
});

test('after a run at debug level no token, password or API key value appears in the logs', async (t) => {
  const logs = captureLogs();
  const stack = await startSimStack({ tenants: ['100004'], logger: logs.logger });
  t.teardown(() => stack.sim.close());
  await stack.request('100004', LIST_SERVERS);
  const first = await stack.tokens.getToken('100004');
  stack.sim.expireTokens('100004');
  await stack.request('100004', LIST_SERVERS);
  const second = await stack.tokens.getToken('100004');
  await t.throwsAsync(stack.request('100004', { ...LIST_SERVERS, path: ['servers', 'nope'] }));
  await t.throwsAsync(stack.tokens.getToken('unknown-tenant'));
  await new Promise((resolve) => setImmediate(resolve));
  const text = logs.text();
  t.true(text.includes('cloud-request') && text.includes('identity-call'));
  const secrets = [
    first.token,
    second.token,
    stack.sim.admin.password,
    stack.sim.admin.apiKey,
    'password-100004',
    'apikey-100004',
  ];
  for (const secret of secrets) t.false(text.includes(secret), `log contains a secret (${secret.slice(0, 3)}…)`);
});
