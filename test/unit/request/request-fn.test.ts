import { PassThrough } from 'node:stream';
import test from 'ava';
import { Registry } from 'prom-client';
import { AppError } from '../../../shared/errors/app-error.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import { ApiError } from '../../../shared/request/api-error.js';
import { createKyTransport } from '../../../shared/request/ky-transport.js';
import { createRequestFunction, type RequestFunctionDeps } from '../../../shared/request/request-fn.js';
import {
  createRequestHistogram,
  REQUEST_DURATION_METRIC,
  statusClass,
} from '../../../shared/request/request-metrics.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';
import { createCaptureLogger } from './capture-logger.js';
import { createFakeFetch, networkError, type FakeAnswer } from './fake-fetch.js';
import { ENDPOINTS, createCountingTokenSource } from './fixtures.js';

const createServer: ServiceRequest = {
  service: 'cloudServersOpenStack',
  method: 'POST',
  path: ['servers'],
  json: { server: { name: 'as1', flavorRef: '2', adminPass: 'hunter2' } },
  okStatus: [202],
  reauthStatus: [401],
};

function build(answers: readonly FakeAnswer[], extra: Partial<RequestFunctionDeps> = {}) {
  const fake = createFakeFetch(answers);
  const registry = new Registry();
  const logger = createCaptureLogger();
  const tokens = createCountingTokenSource();
  const request = createRequestFunction({
    tokens,
    endpoints: ENDPOINTS,
    transport: createKyTransport({
      timeoutMs: 5_000,
      retryLimit: 0,
      retryDelayMs: 1,
      backoffLimitMs: 1,
      maxRetryAfterMs: 1,
      fetch: fake.fetch,
    }),
    logger,
    histogram: createRequestHistogram(registry),
    newId: () => 'generated-id',
    ...extra,
  });
  return { fake, registry, logger, tokens, request };
}

async function histogramCount(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(REQUEST_DURATION_METRIC)?.get();
  const sample = metric?.values.find(
    (v) =>
      (v as { metricName?: string }).metricName === `${REQUEST_DURATION_METRIC}_count` &&
      Object.entries(labels).every(([k, x]) => v.labels[k] === x),
  );
  return sample?.value ?? 0;
}

test('request resolves with status, headers and parsed body only', async (t) => {
  const { request } = build([
    { status: 202, body: '{"server":{"id":"s1"}}', headers: { 'x-compute-request-id': 'r1' } },
  ]);
  const response = await request('t1', createServer, { correlationId: 'job-7' });
  t.deepEqual(Object.keys(response).sort(), ['body', 'headers', 'status']);
  t.deepEqual(
    [response.status, response.body, response.headers['x-compute-request-id']],
    [202, { server: { id: 's1' } }, 'r1'],
  );
});

test('request sends the correlation id as X-Request-Id, or a fresh id without one', async (t) => {
  const { fake, request } = build([{ status: 202 }]);
  await request('t1', createServer, { correlationId: 'job-7' });
  await request('t1', createServer);
  t.deepEqual(
    fake.requests.map((r) => r.headers['x-request-id']),
    ['job-7', 'generated-id'],
  );
});

test('request writes one log line and one histogram sample per call', async (t) => {
  const { request, logger, registry } = build([{ status: 202 }]);
  await request('t1', createServer, { correlationId: 'job-7' });
  t.is(logger.lines.length, 1);
  const line = logger.lines[0];
  t.like(line, { level: 'debug', message: 'cloud-request' });
  t.like(line?.meta, {
    tenantId: 't1',
    service: 'cloudServersOpenStack',
    method: 'POST',
    status: 202,
    correlationId: 'job-7',
    reauthed: false,
  });
  t.is(await histogramCount(registry, { service: 'cloudServersOpenStack', method: 'POST', status_class: '2xx' }), 1);
});

test('request logs a reauthenticated call once, marked reauthed', async (t) => {
  const { request, logger } = build([{ status: 401 }, { status: 202 }]);
  await request('t1', createServer);
  t.is(logger.lines.length, 1);
  t.like(logger.lines[0]?.meta, { status: 202, reauthed: true });
});

test('request rejects with ApiError for an unexpected status and logs it at info', async (t) => {
  const { request, logger, registry } = build([{ status: 400, body: '{"badRequest":{"message":"no"}}' }]);
  const error = await t.throwsAsync(request('t1', createServer));
  t.true(ApiError.isApiError(error));
  t.like(logger.lines[0], { level: 'info', meta: { status: 400 } });
  t.is(await histogramCount(registry, { status_class: '4xx' }), 1);
});

test('request rejects with a transport AppError when nothing answers and logs it at warn', async (t) => {
  const { request, logger, registry } = build([{ error: networkError() }]);
  const error = await t.throwsAsync(request('t1', createServer));
  t.true(AppError.isKind(error, 'transport'));
  t.like(logger.lines[0], { level: 'warn', meta: { status: undefined } });
  t.is(await histogramCount(registry, { status_class: 'error' }), 1);
});

test('request functions sharing a registry share one histogram', (t) => {
  const registry = new Registry();
  t.is(createRequestHistogram(registry), createRequestHistogram(registry));
});

const classes: readonly [number | undefined, string][] = [
  [200, '2xx'],
  [301, '3xx'],
  [404, '4xx'],
  [503, '5xx'],
  [undefined, 'error'],
  [0, 'error'],
];
for (const [status, expected] of classes) {
  test(`statusClass of ${String(status)} is ${expected}`, (t) => t.is(statusClass(status), expected));
}

test('request logs at debug contain no token, password or body values', async (t) => {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = createLogger({ service: 'test', level: 'debug', format: 'json', stream });
  const { request } = build([{ status: 401 }, { status: 202, body: '{"server":{"adminPass":"s3cr3t-pass"}}' }], {
    logger,
  });
  await request('t1', createServer);
  await new Promise((resolve) => setImmediate(resolve));
  const text = chunks.join('');
  t.true(text.includes('cloud-request'));
  for (const secret of ['tok-1', 'tok-2', 'hunter2', 's3cr3t-pass']) t.false(text.includes(secret), secret);
});
