import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { ApiError } from '../../../shared/request/api-error.js';
import { createEndpointResolver } from '../../../shared/request/endpoint-resolver.js';
import type { CallContext, TenantCall } from '../../../shared/request/http-types.js';
import { createKyTransport } from '../../../shared/request/ky-transport.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';
import { withEndpoint } from '../../../shared/request/with-endpoint.js';
import { withReauth } from '../../../shared/request/with-reauth.js';
import { withStatusCheck } from '../../../shared/request/with-status-check.js';
import { withTokenHeaders } from '../../../shared/request/with-token-headers.js';
import { createFakeFetch, type FakeAnswer } from './fake-fetch.js';
import { ENDPOINTS, createCountingTokenSource, grant } from './fixtures.js';

const listServers: ServiceRequest = {
  service: 'cloudServersOpenStack',
  method: 'GET',
  path: ['servers', 'detail'],
  query: { limit: 100 },
  okStatus: [200],
};

const ctx = (): CallContext => ({ correlationId: 'corr-1', trace: { reauthed: false } });

function stack(answers: readonly FakeAnswer[]) {
  const fake = createFakeFetch(answers);
  const tokens = createCountingTokenSource();
  const transport = createKyTransport({
    timeoutMs: 5_000,
    retryLimit: 0,
    retryDelayMs: 1,
    backoffLimitMs: 1,
    maxRetryAfterMs: 1,
    fetch: fake.fetch,
  });
  const call: TenantCall = withStatusCheck(
    withReauth(tokens, withEndpoint(createEndpointResolver(ENDPOINTS), withTokenHeaders('Kelp/0.1', transport))),
  );
  return { fake, tokens, call };
}

test('token headers wrapper sends token, JSON headers, user agent and the correlation id with a body', async (t) => {
  const fake = createFakeFetch([{ status: 200 }]);
  const transport = createKyTransport({
    timeoutMs: 1000,
    retryLimit: 0,
    retryDelayMs: 1,
    backoffLimitMs: 1,
    maxRetryAfterMs: 1,
    fetch: fake.fetch,
  });
  await withTokenHeaders('Kelp/0.1', transport)(
    grant('tok-a'),
    'http://x.test/a',
    { ...listServers, method: 'POST', json: { a: 1 }, headers: { 'X-Extra': 'y' } },
    ctx(),
  );
  const headers = fake.requests[0]?.headers ?? {};
  t.deepEqual(
    [
      headers['x-auth-token'],
      headers['accept'],
      headers['content-type'],
      headers['user-agent'],
      headers['x-request-id'],
      headers['x-extra'],
    ],
    ['tok-a', 'application/json', 'application/json', 'Kelp/0.1', 'corr-1', 'y'],
  );
});

test('token headers wrapper sends no content type without a body', async (t) => {
  const { fake, call } = stack([{ status: 200 }]);
  await call('t1', listServers, ctx());
  t.false('content-type' in (fake.requests[0]?.headers ?? {}));
  t.is(fake.requests[0]?.headers['accept'], 'application/json');
});

test('endpoint wrapper calls the catalog URL of the service and region with path and query', async (t) => {
  const { fake, call } = stack([{ status: 200, body: '{"servers":[]}' }]);
  const response = await call('t1', listServers, ctx());
  t.is(fake.requests[0]?.url, 'http://sim.test/nova/ORD/v2/t1/servers/detail?limit=100');
  t.deepEqual(response.body, { servers: [] });
});

test('endpoint wrapper fails with an endpoint error before any HTTP call when the catalog lacks the service', async (t) => {
  const { fake, call } = stack([{ status: 200 }]);
  const error = await t.throwsAsync(call('t1', { ...listServers, service: 'rackconnect' }, ctx()));
  t.true(AppError.isKind(error, 'endpoint'));
  t.is(fake.requests.length, 0);
});

test('reauth wrapper invalidates the refused token and retries once with a fresh one', async (t) => {
  const { fake, tokens, call } = stack([{ status: 401 }, { status: 200, body: '{"ok":1}' }]);
  const c = ctx();
  const response = await call('t1', listServers, c);
  t.is(response.status, 200);
  t.deepEqual(
    fake.requests.map((r) => r.headers['x-auth-token']),
    ['tok-1', 'tok-2'],
  );
  t.deepEqual(tokens.calls, ['get t1', 'invalidate t1 tok-1', 'get t1']);
  t.true(c.trace.reauthed);
});

test('reauth wrapper retries only once: a second 401 is the final answer', async (t) => {
  const { fake, call } = stack([{ status: 401 }, { status: 401 }, { status: 200 }]);
  const error = await t.throwsAsync(call('t1', listServers, ctx()));
  t.true(ApiError.isApiError(error));
  t.is((error as ApiError).status, 401);
  t.is(fake.requests.length, 2);
});

test('reauth wrapper honours a request-specific reauthStatus', async (t) => {
  const { fake, tokens, call } = stack([{ status: 403 }, { status: 200 }]);
  const error = await t.throwsAsync(call('t1', { ...listServers, reauthStatus: [401] }, ctx()));
  t.is((error as ApiError).status, 403);
  t.is(fake.requests.length, 1);
  t.deepEqual(tokens.calls, ['get t1']);
});

test('reauth wrapper does not reauth on a status the request expects', async (t) => {
  const { fake, call } = stack([{ status: 403 }]);
  const response = await call('t1', { ...listServers, okStatus: [200, 403] }, ctx());
  t.is(response.status, 403);
  t.is(fake.requests.length, 1);
});

test('status check wrapper turns an unexpected status into an ApiError with the response data', async (t) => {
  const { call } = stack([
    { status: 413, body: '{"overLimit":{"message":"slow down"}}', headers: { 'retry-after': '5' } },
  ]);
  const error = await t.throwsAsync<ApiError>(call('t1', listServers, ctx()));
  t.deepEqual(
    [error.status, error.method, error.url, error.body, error.headers['retry-after']],
    [
      413,
      'GET',
      'http://sim.test/nova/ORD/v2/t1/servers/detail?limit=100',
      { overLimit: { message: 'slow down' } },
      '5',
    ],
  );
  t.is(error.message, 'Request failed with status 413: GET http://sim.test/nova/ORD/v2/t1/servers/detail?limit=100');
  t.false(error.message.includes('tok-1'));
});

test('status check wrapper passes any status listed in okStatus', async (t) => {
  const { call } = stack([{ status: 404 }]);
  t.is((await call('t1', { ...listServers, okStatus: [200, 404] }, ctx())).status, 404);
});
