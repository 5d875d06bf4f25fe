import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { connect } from 'amqplib';
import { Registry } from 'prom-client';
import { createAuthService } from '../../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { startCloudSim, type CloudSim, type CloudSimOptions } from '../../../services/cloud-sim/src/index.js';
import { loadLbConfig, type LbConfig } from '../../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../../services/load-balancer/src/service.js';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import {
  LbReadResultPayloadSchema,
  LbStepResultPayloadSchema,
  type LbRead,
} from '../../../shared/messages/lb-messages.js';
import { HEADERS, QUEUES } from '../../../shared/messages/routing.js';
import { createInProcessTokenSource } from '../../../shared/request/in-process-token-source.js';
import { createKyTransport } from '../../../shared/request/ky-transport.js';
import { loadRequestConfig } from '../../../shared/request/request-config.js';
import { createRequestFunction, type RequestFunction } from '../../../shared/request/request-fn.js';
import { createRequestHistogram } from '../../../shared/request/request-metrics.js';
import type { RunningService } from '../../../shared/runtime/service-context.js';
import type { LbStep } from '../../../shared/steps/step.js';
import type { StepResult } from '../../../shared/steps/step-result.js';

export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
export const REGION = 'ORD';

/**
 * RabbitMQ + the cloud simulator (real clock) + the auth service in-process + the load-balancer service
 * on its own uniquely prefixed topology, and a second bus for the requester. `close` removes the
 * topology from the broker.
 */
export interface LbStack {
  readonly sim: CloudSim;
  readonly request: RequestFunction;
  readonly client: AmqpBus;
  readonly registry: Registry;
  readonly tenantId: string;
  /** Sends a step and waits for its one reply. */
  step(step: LbStep, timeoutMs?: number): Promise<StepResult>;
  /** Sends any payload as an `lb.step` request and waits for the reply envelope. */
  raw(type: string, payload: unknown): Promise<Envelope>;
  /** The reasons (header) of the messages in the LB queue's DLQ, taken off the queue. */
  drainDeadLetters(): Promise<string[]>;
  read(read: LbRead): Promise<ReturnType<typeof LbReadResultPayloadSchema.parse>>;
  close(): Promise<void>;
}

const quiet = (): Logger =>
  createLogger({ service: 'it-lb', level: 'error', format: 'json', stream: new PassThrough() });

export async function startLbStack(
  options: {
    sim?: CloudSimOptions;
    lbEnv?: Record<string, string>;
    lbConfig?: Partial<LbConfig>;
    logger?: Logger;
  } = {},
): Promise<LbStack> {
  const tenantId = String(300000 + Math.floor(Math.random() * 600000));
  const logger = options.logger ?? quiet();
  const sim = await startCloudSim({ clock: 'real', tenants: [tenantId], buildTimeMs: 0, ...options.sim });
  const env: Record<string, string> = {
    IDENTITY_URL: sim.identityUrl,
    IDENTITY_ADMIN_USERNAME: sim.admin.username,
    IDENTITY_ADMIN_PASSWORD: sim.admin.password,
    CLOUD_REGION: REGION,
  };
  const registry = new Registry();
  const noBus: Pick<Bus, 'consume' | 'isReady'> = {
    consume: () => Promise.reject(new Error('the auth service is used in-process here')),
    isReady: () => false,
  };
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: noBus,
    logger,
    registry,
    newId: randomUUID,
  });
  const requestConfig = loadRequestConfig(env);
  const request = createRequestFunction({
    tokens: createInProcessTokenSource(auth.authenticator),
    endpoints: requestConfig.endpoints,
    transport: createKyTransport(requestConfig.http),
    logger,
    histogram: createRequestHistogram(registry),
  });
  const prefix = `it-lb-${randomBytes(5).toString('hex')}`;
  const busOptions = { url: AMQP_URL, logger, prefix, queues: [QUEUES.lbSteps] };
  const bus = new AmqpBus({ ...busOptions, connectionName: `${prefix}-service` });
  const client = new AmqpBus({ ...busOptions, connectionName: `${prefix}-client` });
  await bus.start();
  await client.start();
  const config: LbConfig = { ...loadLbConfig(options.lbEnv ?? {}), ...options.lbConfig };
  const service: RunningService = await startLoadBalancerService(
    {
      logger,
      bus,
      registry,
      health: { addCheck: () => undefined },
      clock: () => new Date(),
      newId: randomUUID,
      requestFn: request,
    },
    config,
  );

  const call = (type: string, payload: unknown, timeoutMs: number): Promise<Envelope> => {
    const jobId = randomUUID();
    return client.call(QUEUES.lbSteps, buildEnvelope({ type, tenantId, jobId, payload }, randomUUID(), new Date()), {
      timeoutMs,
    });
  };

  return {
    sim,
    request,
    client,
    registry,
    tenantId,
    step: async (step, timeoutMs = 30_000) =>
      LbStepResultPayloadSchema.parse((await call('lb.step', { step }, timeoutMs)).payload).result,
    read: async (read) => LbReadResultPayloadSchema.parse((await call('lb.read', { read }, 10_000)).payload),
    raw: (type, payload) => call(type, payload, 10_000),
    drainDeadLetters: async () => {
      const connection = await connect(AMQP_URL);
      try {
        const channel = await connection.createChannel();
        const reasons: string[] = [];
        const dlq = bus.topology.workQueues.find((q) => q.logical === QUEUES.lbSteps)?.deadLetterQueue ?? '';
        for (;;) {
          const message = await channel.get(dlq, { noAck: true });
          if (message === false) break;
          reasons.push(String(message.properties.headers?.[HEADERS.deadLetterReason] ?? ''));
        }
        await channel.close();
        return reasons;
      } finally {
        await connection.close();
      }
    },
    close: () =>
      inOrder([
        () => service.stop(5000),
        () => client.close(5000),
        () => bus.close(5000),
        () => deleteTopology(bus),
        () => sim.close(),
      ]),
  };
}

/** Runs every stage even when one fails (cleanup must not stop half way); rethrows the first failure. */
export async function inOrder(stages: readonly (() => Promise<unknown>)[]): Promise<void> {
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

/** Removes every queue and exchange of a bus's topology (integration runs leave nothing behind). */
export async function deleteTopology(bus: AmqpBus): Promise<void> {
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

/** A CLB seeded for the stack's tenant: its id and its nodes' ids. */
export function seedClb(
  stack: Pick<LbStack, 'sim' | 'tenantId'>,
  nodes: readonly { address: string; port: number }[] = [],
): { lbId: string; nodeIds: string[] } {
  const lb = stack.sim.seedLoadBalancer({ tenantId: stack.tenantId, region: REGION, nodes: [...nodes] });
  const record = (lb['loadBalancer'] ?? lb) as { id: number; nodes?: { id: number }[] };
  return { lbId: String(record.id), nodeIds: (record.nodes ?? []).map((n) => String(n.id)) };
}

/** Mutating requests the simulator saw for one CLB. */
export function mutatingRequests(sim: CloudSim, lbId: string): number {
  return sim.counters().clbMutatingRequests[lbId] ?? 0;
}
