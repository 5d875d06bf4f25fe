import http from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { createKyTransport, type KyTransportOptions } from '../../../shared/request/ky-transport.js';
import { createFakeFetch, networkError, type FakeAnswer } from './fake-fetch.js';

const BASE: KyTransportOptions = {
  timeoutMs: 5_000,
  retryLimit: 2,
  retryDelayMs: 1,
  backoffLimitMs: 10,
  maxRetryAfterMs: 1_000,
  random: () => 0.5,
};

function transportWith(answers: readonly FakeAnswer[], options: Partial<KyTransportOptions> = {}) {
  const fake = createFakeFetch(answers);
  return { fake, transport: createKyTransport({ ...BASE, ...options, fetch: fake.fetch }) };
}

const get = { method: 'GET', url: 'http://api.test/v2/t1/servers', headers: { 'x-auth-token': 'tok' } } as const;
const post = { ...get, method: 'POST', json: { server: { name: 'a' } } } as const;

test('transport sends method, headers and JSON body, and parses a JSON answer', async (t) => {
  const { fake, transport } = transportWith([{ status: 202, body: '{"server":{"id":"s1"}}' }]);
  const response = await transport(post);
  t.deepEqual([response.status, response.body, response.url], [202, { server: { id: 's1' } }, get.url]);
  t.is(fake.requests[0]?.method, 'POST');
  t.is(fake.requests[0]?.headers['x-auth-token'], 'tok');
  t.deepEqual(JSON.parse(fake.requests[0]?.body ?? ''), { server: { name: 'a' } });
});

test('transport resolves error statuses with their bodies instead of throwing', async (t) => {
  const { transport } = transportWith([{ status: 404, body: '{"itemNotFound":{"code":404}}' }]);
  const response = await transport(get);
  t.deepEqual([response.status, response.body], [404, { itemNotFound: { code: 404 } }]);
});

test('transport returns empty bodies as null and non-JSON text as text', async (t) => {
  const { transport } = transportWith([{ status: 204 }, { status: 403, body: '403 Forbidden\nAccess was denied' }]);
  t.is((await transport(get)).body, null);
  t.is((await transport(get)).body, '403 Forbidden\nAccess was denied');
});

for (const status of [502, 503, 504]) {
  test(`transport retries an idempotent GET on ${status} and returns the later answer`, async (t) => {
    const { fake, transport } = transportWith([{ status }, { status: 200, body: '{"ok":true}' }]);
    const response = await transport(get);
    t.deepEqual([response.status, fake.requests.length], [200, 2]);
  });
}

test('transport gives up after the retry limit and returns the last 503', async (t) => {
  const { fake, transport } = transportWith([{ status: 503, body: '{"e":1}' }]);
  const response = await transport(get);
  t.deepEqual([response.status, response.body, fake.requests.length], [503, { e: 1 }, 3]);
});

test('transport never retries a POST on 503', async (t) => {
  const { fake, transport } = transportWith([{ status: 503 }, { status: 202 }]);
  t.is((await transport(post)).status, 503);
  t.is(fake.requests.length, 1);
});

test('transport does not retry 500 or 429', async (t) => {
  const { fake, transport } = transportWith([{ status: 500 }, { status: 429 }, { status: 200 }]);
  t.is((await transport(get)).status, 500);
  t.is((await transport(get)).status, 429);
  t.is(fake.requests.length, 2);
});

test('transport retries a GET after a network error', async (t) => {
  const { fake, transport } = transportWith([{ error: networkError() }, { status: 200 }]);
  t.is((await transport(get)).status, 200);
  t.is(fake.requests.length, 2);
});

test('transport turns a network error on POST into a retryable transport AppError naming the cause', async (t) => {
  const { fake, transport } = transportWith([{ error: networkError('ECONNRESET') }]);
  const error = await t.throwsAsync(transport(post));
  t.true(AppError.isKind(error, 'transport'));
  t.true((error as AppError).retryable);
  t.regex(error?.message ?? '', /ECONNRESET.*POST http:\/\/api\.test/);
  t.is(fake.requests.length, 1);
});

test('transport honours Retry-After instead of its own (here very long) backoff', async (t) => {
  const { fake, transport } = transportWith([{ status: 503, headers: { 'retry-after': '0' } }, { status: 200 }], {
    retryDelayMs: 600_000,
    backoffLimitMs: 600_000,
  });
  t.is((await transport(get)).status, 200);
  t.is(fake.requests.length, 2);
});

test('transport reports a timeout as a retryable timeout AppError', async (t) => {
  const hang: typeof globalThis.fetch = (_input, init) =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  const transport = createKyTransport({ ...BASE, timeoutMs: 20, fetch: hang });
  const error = await t.throwsAsync(transport(get));
  t.true(AppError.isKind(error, 'timeout'));
  t.true((error as AppError).retryable);
});

test('transport hands 3xx back as it is when redirects are manual', async (t) => {
  const server = http.createServer((_req, res) => {
    res.writeHead(301, { 'content-type': 'application/json' });
    res.end('{"user":{"id":"u1"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.1/mosso/1`;
  const transport = createKyTransport(BASE);
  const response = await transport({ method: 'GET', url, headers: {}, redirect: 'manual' });
  t.deepEqual([response.status, response.body], [301, { user: { id: 'u1' } }]);
});

test('transport keeps connections alive across requests', async (t) => {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end('{}'));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  const transport = createKyTransport(BASE);
  for (let i = 0; i < 20; i += 1) await transport({ method: 'GET', url, headers: {} });
  t.true(connections <= 2, `${connections} connections for 20 sequential requests`);
});
