/**
 * The stack the load-balancer benchmarks run: the cloud simulator as a child process (real clock; its
 * CPU is not the system under test), the auth service in-process, the load-balancer service on RabbitMQ
 * under a unique topology prefix, and a requester bus.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { connect } from 'amqplib';
import { Registry } from 'prom-client';
import { createAuthService } from '../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../services/auth/src/config.js';
import { CloudSimClient, DEFAULT_ADMIN, DEFAULT_FLAVORS, DEFAULT_IMAGES } from '../../services/cloud-sim/src/index.js';
import { loadLbConfig } from '../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../services/load-balancer/src/service.js';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { ensureAppError } from '../../shared/errors/app-error.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import { buildEnvelope } from '../../shared/messages/envelope.js';
import { LbStepResultPayloadSchema } from '../../shared/messages/lb-messages.js';
import { QUEUES } from '../../shared/messages/routing.js';
import { createInProcessTokenSource } from '../../shared/request/in-process-token-source.js';
import { createKyTransport } from '../../shared/request/ky-transport.js';
import { loadRequestConfig } from '../../shared/request/request-config.js';
import { createRequestFunction } from '../../shared/request/request-fn.js';
import { createRequestHistogram } from '../../shared/request/request-metrics.js';
import type { LbStep } from '../../shared/steps/step.js';
import type { StepResult } from '../../shared/steps/step-result.js';
import { BENCH_AMQP_URL, startSimChild } from '../bench-stack-parts.js';

export const AMQP_URL = BENCH_AMQP_URL;
export const REGION = 'ORD';

export interface LbBenchStack {
  readonly tenantId: string;
  /** Seeds a CLB for the tenant; resolves with its id. */
  seedClb(): Promise<string>;
  /** Seeds an RCv3 pool for the tenant; resolves with its id. */
  seedPool(): Promise<string>;
  /** Creates servers through Nova (ACTIVE at once); resolves with their ids. */
  createServers(count: number): Promise<string[]>;
  /** Mutating requests the simulator saw for a CLB. */
  mutatingRequests(lbId: string): Promise<number>;
  /** Sends a step through RabbitMQ and waits for its one reply. */
  step(step: LbStep): Promise<StepResult>;
  close(): Promise<void>;
}

/** The standalone simulator with zero build time unless the case says otherwise. */
function startSimProcess(env: Record<string, string>): ReturnType<typeof startSimChild> {
  return startSimChild({ SIM_BUILD_TIME_MS: '0', ...env });
}

export async function startLbBenchStack(options: {
  readonly simEnv: Record<string, string>;
  readonly lbEnv: Record<string, string>;
}): Promise<LbBenchStack> {
  const tenantId = '500001';
  const logger = createLogger({ service: 'bench-lb', level: 'error', format: 'json', stream: new PassThrough() });
  const { url, child } = await startSimProcess(options.simEnv);
  const sim = new CloudSimClient(url);
  await sim.seedTenant({ tenantId });
  const env = {
    IDENTITY_URL: `${url}/identity/v2.0`,
    IDENTITY_ADMIN_USERNAME: DEFAULT_ADMIN.username,
    IDENTITY_ADMIN_PASSWORD: DEFAULT_ADMIN.password,
    CLOUD_REGION: REGION,
  };
  const registry = new Registry();
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: { consume: () => Promise.reject(new Error('in-process')), isReady: () => false },
    logger,
    registry,
  });
  const requestConfig = loadRequestConfig(env);
  const requestFn = createRequestFunction({
    tokens: createInProcessTokenSource(auth.authenticator),
    endpoints: requestConfig.endpoints,
    transport: createKyTransport(requestConfig.http),
    logger,
    histogram: createRequestHistogram(registry),
  });
  const prefix = `bench-lb-${randomBytes(5).toString('hex')}`;
  const busOptions = { url: AMQP_URL, logger, prefix, queues: [QUEUES.lbSteps], startRetries: 1 };
  const bus = new AmqpBus({ ...busOptions, connectionName: `${prefix}-service` });
  const client = new AmqpBus({ ...busOptions, connectionName: `${prefix}-client` });
  await bus.start();
  await client.start();
  const service = await startLoadBalancerService(
    {
      logger,
      bus,
      registry,
      health: { addCheck: () => undefined },
      clock: () => new Date(),
      newId: randomUUID,
      requestFn,
    },
    loadLbConfig(options.lbEnv),
  );
  return {
    tenantId,
    seedClb: async () => String((await sim.seedLoadBalancer({ tenantId, region: REGION }))['id']),
    seedPool: async () => String((await sim.seedPool({ tenantId, region: REGION }))['id']),
    createServers: async (count) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const created = await requestFn(tenantId, {
          service: 'cloudServersOpenStack',
          method: 'POST',
          path: ['servers'],
          json: { server: { name: `bench-${i}`, imageRef: DEFAULT_IMAGES[0]?.id, flavorRef: DEFAULT_FLAVORS[0] } },
          okStatus: [202],
        });
        ids.push((created.body as { server: { id: string } }).server.id);
      }
      return ids;
    },
    mutatingRequests: async (lbId) => (await sim.counters()).clbMutatingRequests[lbId] ?? 0,
    step: async (step) => {
      const envelope = buildEnvelope(
        { type: 'lb.step', tenantId, jobId: randomUUID(), payload: { step } },
        randomUUID(),
        new Date(),
      );
      const reply = await client.call(QUEUES.lbSteps, envelope, { timeoutMs: 120_000 });
      return LbStepResultPayloadSchema.parse(reply.payload).result;
    },
    close: () =>
      allStages([
        () => service.stop(5000),
        () => client.close(5000),
        () => bus.close(5000),
        () => deleteTopology(bus),
        async () => {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        },
      ]),
  };
}

/** Runs every stage even when one fails; rethrows the first failure. */
async function allStages(stages: readonly (() => Promise<unknown>)[]): Promise<void> {
  let failure: unknown;
  for (const stage of stages) {
    try {
      await stage();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw ensureAppError(failure);
}

/** Removes every queue and exchange of the bus's topology from the broker. */
async function deleteTopology(bus: AmqpBus): Promise<void> {
  const connection = await connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    for (const queue of bus.topology.queueDeclarations) await channel.deleteQueue(queue.name);
    for (const exchange of bus.topology.exchangeDeclarations) await channel.deleteExchange(exchange.name);
    await channel.close();
  } finally {
    await connection.close();
  }
}
