/**
 * Benchmark: the cloud simulator's sustained GET-server rate on loopback. Starts the simulator in-process
 * (real clock), creates one server, warms up, then drives `GET /servers/{id}` from 64 concurrent
 * keep-alive connections for a few seconds. Target: >= 5,000 requests/s, so the simulator is never the
 * bottleneck of the other benchmarks.
 */
import { Agent, request, type RequestOptions } from 'node:http';
import type { BenchCase, BenchResult } from '../bench-case.js';
import { benchResult } from '../bench-case.js';
import { DEFAULT_IMAGES, startCloudSim } from '../../services/cloud-sim/src/index.js';

const CONCURRENCY = 64;
const WARMUP_MS = 1000;
const MEASURE_MS = 4000;
const TARGET = 5000;

function get(options: RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs `CONCURRENCY` request loops until `ms` have passed; returns the number of 200s. */
async function drive(options: RequestOptions, ms: number): Promise<{ ok: number; failed: number }> {
  const deadline = Date.now() + ms;
  let ok = 0;
  let failed = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const status = await get(options);
      if (status === 200) ok += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return { ok, failed };
}

async function measure(): Promise<number> {
  const sim = await startCloudSim({ clock: 'real', buildTimeMs: 0, seed: 'bench' });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const tenant = sim.seedTenant({ tenantId: 'bench-tenant' });
    const auth = await fetch(`${sim.identityUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { passwordCredentials: { username: tenant.username, password: tenant.password } } }),
    });
    const token = ((await auth.json()) as { access: { token: { id: string } } }).access.token.id;
    const novaUrl = sim.serviceUrl('nova', tenant.tenantId);
    const created = await fetch(`${novaUrl}/servers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': token },
      body: JSON.stringify({
        server: { name: 'bench', imageRef: DEFAULT_IMAGES[0]?.id, flavorRef: 'general1-1', metadata: { a: 'b' } },
      }),
    });
    const serverId = ((await created.json()) as { server: { id: string } }).server.id;
    const url = new URL(`${novaUrl}/servers/${serverId}`);
    const options: RequestOptions = {
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'GET',
      headers: { 'x-auth-token': token, accept: 'application/json' },
    };
    await drive(options, WARMUP_MS);
    const started = process.hrtime.bigint();
    const { ok, failed } = await drive(options, MEASURE_MS);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (failed > 0) throw new Error(`${failed} GET-server requests did not answer 200`);
    return Math.round(ok / seconds);
  } finally {
    agent.destroy();
    await sim.close();
  }
}

export const simBenchCase: BenchCase = {
  name: 'sim',
  description: 'cloud simulator: sustained GET /servers/{id} rate on loopback (64 keep-alive connections)',
  async run(): Promise<readonly BenchResult[]> {
    const rate = await measure();
    return [
      benchResult({
        case: 'sim',
        metric: 'get-server-rate',
        value: rate,
        unit: 'req/s',
        target: `>= ${TARGET}`,
        pass: rate >= TARGET,
      }),
    ];
  },
};

export default simBenchCase;
