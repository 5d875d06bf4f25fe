/**
 * Benchmark: the auth service over RabbitMQ with the simulator as Identity (impersonation).
 * - 1,000 concurrent get-token RPCs for one cold tenant: Identity authentications (target exactly 1);
 * - warm token lookup (the request function's local cache): median latency;
 * - cold token lookup (local cache empty, one RPC to the auth service, whose cache is warm): median latency.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { connect } from 'amqplib';
import { Registry } from 'prom-client';
import { createAuthService } from '../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../services/auth/src/config.js';
import { startCloudSim } from '../../services/cloud-sim/src/index.js';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { createTopology } from '../../shared/amqp/topology.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import { AUTH_MESSAGE_TYPES } from '../../shared/messages/auth-messages.js';
import { buildEnvelope } from '../../shared/messages/envelope.js';
import { QUEUES } from '../../shared/messages/routing.js';
import { loadRequestConfig } from '../../shared/request/request-config.js';
import { RpcTokenSource } from '../../shared/request/rpc-token-source.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';

const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const COLD_TENANT = '400001';
const WARM_TENANT = '400002';
const WARM_LOOKUPS = 100_000;
const COLD_LOOKUPS = 300;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function deleteTopology(prefix: string): Promise<void> {
  const topology = createTopology({ prefix, queues: [QUEUES.authRpc] });
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    for (const queue of topology.queueDeclarations) await ch.deleteQueue(queue.name);
    for (const exchange of topology.exchangeDeclarations) await ch.deleteExchange(exchange.name);
    await ch.close();
  } finally {
    await conn.close();
  }
}

async function measure(): Promise<{ identityCalls: number; warmUs: number; coldMs: number }> {
  const logger = createLogger({ service: 'bench-auth', level: 'error', format: 'json', stream: new PassThrough() });
  const prefix = `bench-auth-${randomUUID().slice(0, 8)}`;
  const sim = await startCloudSim({ tenants: [COLD_TENANT, WARM_TENANT], clock: 'real' });
  const busOptions = { url: AMQP_URL, logger, prefix, queues: [QUEUES.authRpc], startRetries: 1 };
  const serverBus = new AmqpBus({ ...busOptions, connectionName: 'bench-auth-server' });
  const clientBus = new AmqpBus({ ...busOptions, connectionName: 'bench-auth-client' });
  const env = {
    IDENTITY_URL: sim.identityUrl,
    IDENTITY_ADMIN_USERNAME: sim.admin.username,
    IDENTITY_ADMIN_PASSWORD: sim.admin.password,
  };
  try {
    await serverBus.start();
    await clientBus.start();
    const auth = await createAuthService({
      config: loadAuthConfig(env),
      bus: serverBus,
      logger,
      registry: new Registry(),
    });
    await auth.start();
    try {
      const request = () =>
        buildEnvelope(
          {
            type: AUTH_MESSAGE_TYPES.getToken,
            tenantId: COLD_TENANT,
            jobId: 'bench',
            payload: { tenantId: COLD_TENANT },
          },
          randomUUID(),
          new Date(),
        );
      await Promise.all(
        Array.from({ length: 1000 }, () => clientBus.call(QUEUES.authRpc, request(), { timeoutMs: 30_000 })),
      );
      const identityCalls = sim.counters().impersonations[COLD_TENANT] ?? 0;

      const config = loadRequestConfig(env).tokenSource;
      const source = () =>
        new RpcTokenSource({
          bus: clientBus,
          timeoutMs: config.rpcTimeoutMs,
          cache: config.cache,
          now: Date.now,
          newId: randomUUID,
        });
      const warm = source();
      await warm.getToken(WARM_TENANT);
      const started = performance.now();
      for (let i = 0; i < WARM_LOOKUPS; i += 1) await warm.getToken(WARM_TENANT);
      const warmUs = ((performance.now() - started) * 1000) / WARM_LOOKUPS;

      const cold: number[] = [];
      for (let i = 0; i < COLD_LOOKUPS; i += 1) {
        const fresh = source();
        const t0 = performance.now();
        await fresh.getToken(WARM_TENANT);
        cold.push(performance.now() - t0);
      }
      return { identityCalls, warmUs, coldMs: median(cold) };
    } finally {
      await auth.stop(2000);
    }
  } finally {
    await clientBus.close(2000);
    await serverBus.close(2000);
    await sim.close();
    await deleteTopology(prefix).catch(() => undefined);
  }
}

export const authBench: BenchCase = {
  name: 'auth',
  description: 'auth service over RabbitMQ: Identity calls for 1,000 cold token requests, warm and cold lookup latency',
  async run(): Promise<readonly BenchResult[]> {
    const { identityCalls, warmUs, coldMs } = await measure();
    return [
      benchResult({
        case: 'auth',
        metric: 'identity-auths-for-1000-cold-requests',
        value: identityCalls,
        unit: 'calls',
        target: 'exactly 1',
        pass: identityCalls === 1,
      }),
      benchResult({
        case: 'auth',
        metric: 'token-lookup-warm',
        value: Number(warmUs.toFixed(3)),
        unit: 'µs (mean, local cache)',
        target: '<= 10 µs',
        pass: warmUs <= 10,
      }),
      benchResult({
        case: 'auth',
        metric: 'token-lookup-cold-rpc',
        value: Number(coldMs.toFixed(3)),
        unit: 'ms (median, one RPC)',
        target: '<= 5 ms',
        pass: coldMs <= 5,
      }),
    ];
  },
};
