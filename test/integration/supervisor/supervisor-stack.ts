import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { connect } from 'amqplib';
import { Registry } from 'prom-client';
import { startCloudSim, type CloudSim, type CloudSimOptions } from '../../../services/cloud-sim/src/index.js';
import { loadLbConfig } from '../../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../../services/load-balancer/src/service.js';
import { loadSupervisorConfig } from '../../../services/supervisor/src/config.js';
import { startSupervisorService } from '../../../services/supervisor/src/service.js';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import type { JobSubmission } from '../../../shared/client/job-submission.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import type { Logger } from '../../../shared/logging/logger.js';
import type { Envelope } from '../../../shared/messages/envelope.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { LaunchServerJobInput } from '../../../shared/messages/job-messages.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import { createRequestStack, simEnv } from './cloud-stack.js';
import { createTestVhost, type TestVhost } from './rabbit-vhost.js';

export const IMAGE = '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60';

/** Fast job timings for tests (delays are rounded up to the bus's delay tiers: 100 ms, 500 ms, …). */
export const FAST_SUPERVISOR_ENV: Readonly<Record<string, string>> = {
  SUPERVISOR_POLL_INTERVAL_MS: '100',
  SUPERVISOR_CREATE_RETRY_DELAY_MS: '100',
  SUPERVISOR_LB_RETRY_DELAY_MS: '500',
  SUPERVISOR_LB_RETRIES: '3',
  SUPERVISOR_DELETE_RETRY_DELAY_MS: '100',
  SUPERVISOR_DELETE_RETRY_MAX_DELAY_MS: '500',
  SUPERVISOR_LB_STEP_TIMEOUT_MS: '30000',
};

export interface StackOptions {
  readonly label: string;
  readonly sim?: CloudSimOptions;
  /** Extra supervisor variables (over FAST_SUPERVISOR_ENV). */
  readonly supervisorEnv?: Readonly<Record<string, string>>;
  readonly lbEnv?: Readonly<Record<string, string>>;
  /** Start the supervisor in-process (default true); the SIGKILL test runs it as a child instead. */
  readonly supervisor?: boolean;
  readonly logger?: Logger;
}

export interface SupervisorStack {
  readonly sim: CloudSim;
  readonly tenantId: string;
  readonly vhost: TestVhost;
  readonly client: KelpClient;
  /** Variables a supervisor process needs to join this stack (broker, simulator, fast timings). */
  readonly env: Readonly<Record<string, string>>;
  readonly registry: Registry;
  seedClb(): string;
  seedPool(): string;
  launchJob(
    loadBalancers?: LaunchServerJobInput['launchConfig']['loadBalancers'],
    extra?: Partial<LaunchServerJobInput>,
  ): LaunchServerJobInput;
  /** Submits and waits, collecting every event. */
  run(
    submission: JobSubmission,
    timeoutMs?: number,
  ): Promise<{ readonly outcome: JobOutcome; readonly events: readonly JobEventPayload[] }>;
  /** Publishes an envelope to the supervisor's job queue as is (no client-side validation). */
  publishRaw(envelope: Envelope): Promise<void>;
  /** Takes one message off a queue of the stack's vhost (acked), as an envelope. */
  takeDeadLetter(queue: string): Promise<Envelope | undefined>;
  startSupervisor(): Promise<void>;
  stopSupervisor(): Promise<void>;
  close(): Promise<void>;
}

const quiet = (): Logger =>
  createLogger({ service: 'it-supervisor', level: 'error', format: 'json', stream: new PassThrough() });

/**
 * RabbitMQ (a private vhost) + the cloud simulator (real clock) + auth in-process + the load-balancer
 * service + the supervisor, each consuming from RabbitMQ as in production, and a producer's KelpClient on
 * its own connection.
 */
export async function startSupervisorStack(options: StackOptions): Promise<SupervisorStack> {
  const tenantId = String(500000 + Math.floor(Math.random() * 400000));
  const logger = options.logger ?? quiet();
  const sim = await startCloudSim({
    clock: 'real',
    tenants: [tenantId],
    buildTimeMs: 300,
    clbImmutableMs: 100,
    ...options.sim,
  });
  const vhost = await createTestVhost(options.label);
  const env: Record<string, string> = {
    ...simEnv(sim),
    ...FAST_SUPERVISOR_ENV,
    ...options.supervisorEnv,
    AMQP_URL: vhost.url,
  };
  const registry = new Registry();
  const request: RequestFunction = await createRequestStack(env, logger, registry);
  const serviceBus = new AmqpBus({ url: vhost.url, logger, connectionName: 'it-services', startRetries: 1 });
  const clientBus = new AmqpBus({ url: vhost.url, logger, connectionName: 'it-client', startRetries: 1 });
  await serviceBus.start();
  await clientBus.start();
  const ctx: ServiceContext = {
    logger,
    bus: serviceBus,
    registry,
    health: { addCheck: () => undefined },
    clock: () => new Date(),
    newId: randomUUID,
  };
  const lb = await startLoadBalancerService({ ...ctx, requestFn: request }, loadLbConfig(options.lbEnv ?? {}));
  let supervisor: RunningService | undefined;
  const client = new KelpClient({ bus: clientBus });

  const stack: SupervisorStack = {
    sim,
    tenantId,
    vhost,
    client,
    env,
    registry,
    seedClb: () => String((sim.seedLoadBalancer({ tenantId, region: 'ORD' }) as { id: number }).id),
    seedPool: () => String((sim.seedPool({ tenantId, region: 'ORD' }) as { id: string }).id),
    launchJob: (loadBalancers = [], extra = {}) => ({
      tenantId,
      groupId: 'group-1',
      launchConfig: { server: { name: 'web', flavorRef: 'general1-1', imageRef: IMAGE }, loadBalancers },
      ...extra,
    }),
    run: async (submission, timeoutMs = 30_000) => {
      const events: JobEventPayload[] = [];
      const outcome = await client.submitAndWait(submission, { timeoutMs, onEvent: (event) => events.push(event) });
      return { outcome, events };
    },
    publishRaw: (envelope) => clientBus.publish(QUEUES.supervisorJobs, envelope),
    takeDeadLetter: async (queue) => {
      const connection = await connect(vhost.url);
      try {
        const channel = await connection.createChannel();
        const message = await channel.get(queue, { noAck: true });
        return message === false ? undefined : (JSON.parse(message.content.toString()) as Envelope);
      } finally {
        await connection.close();
      }
    },
    startSupervisor: async () => {
      supervisor ??= await startSupervisorService(ctx, loadSupervisorConfig(env), { request });
    },
    stopSupervisor: async () => {
      await supervisor?.stop(5_000);
      supervisor = undefined;
    },
    close: async () => {
      await stack.stopSupervisor();
      await lb.stop(5_000);
      await clientBus.close(5_000);
      await serviceBus.close(5_000);
      await vhost.remove();
      await sim.close();
    },
  };
  if (options.supervisor !== false) await stack.startSupervisor();
  return stack;
}

/** Servers of the tenant the simulator still has: not gone and not being deleted (task_state `deleting`). */
export function liveServers(
  stack: Pick<SupervisorStack, 'sim' | 'tenantId'>,
): readonly { id: string; name: string; status: string }[] {
  return stack.sim.inventory({ tenantId: stack.tenantId }).servers.filter((s) => !s.gone && s.taskState !== 'deleting');
}

/** The nodes of a CLB as the simulator holds them. */
export function clbNodes(
  stack: Pick<SupervisorStack, 'sim' | 'tenantId'>,
  lbId: string,
): readonly { id: number; address: string; port: number }[] {
  const lb = stack.sim.inventory({ tenantId: stack.tenantId }).loadBalancers.find((l) => String(l['id']) === lbId);
  return (lb?.['nodes'] as { id: number; address: string; port: number }[] | undefined) ?? [];
}

/** The server ids in an RCv3 pool. */
export function poolMembers(stack: Pick<SupervisorStack, 'sim' | 'tenantId'>, poolId: string): readonly string[] {
  const pool = stack.sim.inventory({ tenantId: stack.tenantId }).pools.find((p) => p['id'] === poolId);
  return ((pool?.['nodes'] as { cloud_server: { id: string } }[] | undefined) ?? []).map((n) => n.cloud_server.id);
}
