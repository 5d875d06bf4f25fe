/**
 * Benchmark: the request function's overhead with a warm token. Bare ky and the full request function
 * (RPC token source answering from its local cache, catalog lookup, headers, reauth and status check,
 * one log line and one histogram sample per call) drive `GET /servers/{id}` against the same local
 * node:http server at the same concurrency, in short paired slices. Bare ky sends only the token and
 * Accept; the request function also sends User-Agent and X-Request-Id. The logger is winston at info (the
 * production default), so the per-request debug line is skipped as it would be in production. Target: request function >= 0.90 of
 * bare ky's requests/s.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import ky from 'ky';
import { Registry } from 'prom-client';
import type { Bus } from '../../shared/amqp/bus.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import { AUTH_MESSAGE_TYPES } from '../../shared/messages/auth-messages.js';
import { buildChildEnvelope } from '../../shared/messages/envelope.js';
import { createKyTransport } from '../../shared/request/ky-transport.js';
import { loadRequestConfig } from '../../shared/request/request-config.js';
import { createRequestFunction } from '../../shared/request/request-fn.js';
import { createRequestHistogram } from '../../shared/request/request-metrics.js';
import { RpcTokenSource } from '../../shared/request/rpc-token-source.js';
import type { ServiceRequest } from '../../shared/request/service-request.js';
import type { BenchCase, BenchResult } from '../bench-case.js';

const CONCURRENCY = 32;
const SLICE_MS = 250;
const PAIRS = 24;
const TARGET = 0.9;
const TENANT = 'bench-tenant';
const TOKEN = 'bench-token-value';

async function startServer(): Promise<{ server: http.Server; base: string }> {
  const body = JSON.stringify({ server: { id: 's1', status: 'ACTIVE', addresses: { private: [] } } });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/nova/ORD/v2/${TENANT}` };
}

/** Runs `CONCURRENCY` loops of `call` for `ms`; returns completed calls per second. */
async function rate(call: () => Promise<unknown>, ms: number): Promise<number> {
  const started = performance.now();
  const deadline = started + ms;
  let done = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await call();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return done / ((performance.now() - started) / 1000);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(): Promise<{ bare: number; fn: number; ratio: number }> {
  const { server, base } = await startServer();
  try {
    const catalog = [
      { name: 'cloudServersOpenStack', type: 'compute', endpoints: [{ region: 'ORD', publicURL: base }] },
    ];
    const bus: Pick<Bus, 'call'> = {
      call: (_queue, envelope) =>
        Promise.resolve(
          buildChildEnvelope(
            envelope,
            {
              type: AUTH_MESSAGE_TYPES.token,
              payload: { tenantId: TENANT, token: TOKEN, catalog, expiresAt: Date.now() + 3_600_000 },
            },
            'reply',
            new Date(),
          ),
        ),
    };
    const config = loadRequestConfig({});
    const tokens = new RpcTokenSource({
      bus,
      timeoutMs: 1000,
      cache: config.tokenSource.cache,
      now: Date.now,
      newId: () => 'id',
    });
    const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const request = createRequestFunction({
      tokens,
      endpoints: config.endpoints,
      transport: createKyTransport(config.http),
      logger: createLogger({ service: 'bench', level: 'info', format: 'json', stream: sink }),
      histogram: createRequestHistogram(new Registry()),
    });
    const getServer: ServiceRequest = {
      service: 'cloudServersOpenStack',
      method: 'GET',
      path: ['servers', 's1'],
      okStatus: [200],
    };
    const url = `${base}/servers/s1`;
    const bareKy = () => ky.get(url, { headers: { 'x-auth-token': TOKEN, accept: 'application/json' } }).json();
    const viaFn = () => request(TENANT, getServer, { correlationId: 'bench' });
    await tokens.getToken(TENANT);
    await rate(bareKy, 500);
    await rate(viaFn, 500);
    // Short paired slices, the order flipping each pair; the ratio is the median of the pairs' ratios,
    // so load from other processes on a shared machine (which drifts over seconds) hits both sides alike.
    const bare: number[] = [];
    const fn: number[] = [];
    const ratios: number[] = [];
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const first = pair % 2 === 0 ? bareKy : viaFn;
      const second = pair % 2 === 0 ? viaFn : bareKy;
      const a = await rate(first, SLICE_MS);
      const b = await rate(second, SLICE_MS);
      const [bareRate, fnRate] = pair % 2 === 0 ? [a, b] : [b, a];
      bare.push(bareRate);
      fn.push(fnRate);
      ratios.push(bareRate === 0 ? 0 : fnRate / bareRate);
    }
    return { bare: median(bare), fn: median(fn), ratio: median(ratios) };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export const requestBench: BenchCase = {
  name: 'request',
  description: `request function vs bare ky, GET against a local server, warm token, ${CONCURRENCY} in flight`,
  async run(): Promise<readonly BenchResult[]> {
    const { bare, fn, ratio } = await measure();
    // value and baseline are the medians of each side; ratio is the median of the paired ratios.
    return [
      {
        case: 'request',
        metric: 'request-function-rate',
        value: Math.round(fn),
        unit: 'req/s',
        baseline: Math.round(bare),
        ratio: Number(ratio.toFixed(3)),
        target: `ratio >= ${TARGET} of bare ky (median of ${PAIRS} paired slices)`,
        pass: ratio >= TARGET,
      },
    ];
  },
};
