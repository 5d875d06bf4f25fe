import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { ApiError } from '../../../shared/request/api-error.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import { requestOutcome } from '../../../shared/request/request-outcome.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';

const del: ServiceRequest = {
  service: 'cloudServersOpenStack',
  method: 'DELETE',
  path: ['servers', 's1'],
  okStatus: [204],
};

const failing =
  (error: Error): RequestFunction =>
  () =>
    Promise.reject(error);

test('requestOutcome returns a successful response as data', async (t) => {
  const request: RequestFunction = () => Promise.resolve({ status: 204, headers: {}, body: null });
  t.deepEqual(await requestOutcome(request, 't1', del), { kind: 'response', status: 204, body: null, headers: {} });
});

test('requestOutcome returns an unexpected status as a response, not an exception', async (t) => {
  const error = new ApiError({
    status: 404,
    method: 'DELETE',
    url: 'http://x/servers/s1',
    body: { itemNotFound: {} },
    headers: {},
  });
  t.deepEqual(await requestOutcome(failing(error), 't1', del), {
    kind: 'response',
    status: 404,
    body: { itemNotFound: {} },
    headers: {},
  });
});

for (const kind of ['transport', 'timeout', 'unavailable'] as const) {
  test(`requestOutcome returns a retryable ${kind} error as a transport-error`, async (t) => {
    const outcome = await requestOutcome(failing(AppError.retryable(kind, `${kind} happened`)), 't1', del);
    t.deepEqual(outcome, { kind: 'transport-error', message: `${kind} happened` });
  });
}

test('requestOutcome rethrows errors retrying cannot fix (missing endpoint, rejected tenant)', async (t) => {
  for (const error of [AppError.nonRetryable('endpoint', 'no endpoint'), AppError.nonRetryable('auth', 'rejected')]) {
    t.is(await t.throwsAsync(requestOutcome(failing(error), 't1', del)), error);
  }
});
