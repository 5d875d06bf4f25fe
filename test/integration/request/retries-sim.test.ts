import test from 'ava';
import { DEFAULT_IMAGES } from '../../../services/cloud-sim/src/index.js';
import { ApiError } from '../../../shared/request/api-error.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';
import { LIST_SERVERS, startSimStack } from '../auth/sim-harness.js';

const createServer: ServiceRequest = {
  service: 'cloudServersOpenStack',
  method: 'POST',
  path: ['servers'],
  json: { server: { name: 'it-server', imageRef: DEFAULT_IMAGES[0]?.id, flavorRef: 'general1-1' } },
  okStatus: [202],
  reauthStatus: [401],
};

test('a GET answered 503 with Retry-After is retried by the transport and succeeds', async (t) => {
  const stack = await startSimStack({ tenants: ['500001'] });
  t.teardown(() => stack.sim.close());
  await stack.tokens.getToken('500001');
  stack.sim.addFault({ service: 'nova', method: 'GET', status: 503, retryAfterSeconds: 0, times: 1 });
  t.is((await stack.request('500001', LIST_SERVERS)).status, 200);
  t.is(stack.sim.counters().faultsInjected, 1);
});

test('a POST answered 503 is not retried: the caller gets an ApiError and the server is not created twice', async (t) => {
  const stack = await startSimStack({ tenants: ['500002'] });
  t.teardown(() => stack.sim.close());
  stack.sim.addFault({ service: 'nova', method: 'POST', status: 503, times: 1 });
  const error = await t.throwsAsync(stack.request('500002', createServer));
  t.true(ApiError.isApiError(error));
  t.is((error as ApiError).status, 503);
  t.is(stack.sim.counters().faultsInjected, 1);
  t.is(stack.sim.inventory({ tenantId: '500002' }).servers.length, 0);
  t.is((await stack.request('500002', createServer)).status, 202);
});

test('a 403 on a request that reauths only on 401 is final and keeps the token', async (t) => {
  const stack = await startSimStack({ tenants: ['500003'] });
  t.teardown(() => stack.sim.close());
  const before = await stack.tokens.getToken('500003');
  stack.sim.addFault({ service: 'nova', method: 'POST', status: 403, times: 1 });
  const error = await t.throwsAsync(stack.request('500003', createServer));
  t.is((error as ApiError).status, 403);
  t.is((await stack.tokens.getToken('500003')).token, before.token);
});
