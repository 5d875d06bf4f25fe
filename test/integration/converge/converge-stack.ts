import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import { startAuthService } from '../../../services/auth/src/auth-definition.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { startCloudSim, type CloudSim, type CloudSimOptions } from '../../../services/cloud-sim/src/index.js';
import { loadLbConfig } from '../../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../../services/load-balancer/src/service.js';
import { loadConvergeConfig } from '../../../services/supervisor/src/converge/converge-config.js';
import {
  startConvergeService,
  type RunningConverge,
} from '../../../services/supervisor/src/converge/converge-service.js';
import type { ConvergeObserver } from '../../../services/supervisor/src/converge/on-converge-cycle.js';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { AmqpGroupLock } from '../../../shared/amqp/amqp-group-lock.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import type { GroupLock } from '../../../shared/amqp/group-lock.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import type { Logger } from '../../../shared/logging/logger.js';
import {
  CONVERGE_MESSAGE_TYPES,
  ConvergeEventPayloadSchema,
  type ConvergeEventPayload,
  type ConvergeGroupJobInput,
} from '../../../shared/messages/converge-messages.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import {
  JobEventPayloadSchema,
  jobEventPattern,
  type JobEventPayload,
} from '../../../shared/messages/event-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import { createRequestStack, simEnv } from '../supervisor/cloud-stack.js';
import { createTestVhost, type TestVhost } from '../supervisor/rabbit-vhost.js';

export const IMAGE = '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60';

/** Fast loop timings for tests (delays round up to the bus's delay tiers: 100 ms, 500 ms, …). */
export const FAST_CONVERGE_ENV: Readonly<Record<string, string>> = {
  CONVERGE_INITIAL_DELAY_MS: '100',
  CONVERGE_MAX_DELAY_MS: '500',
  CONVERGE_LOCK_RETRY_MS: '100',
  CONVERGE_LB_READ_TIMEOUT_MS: '10000',
  CONVERGE_LB_STEP_TIMEOUT_MS: '20000',
};

export type AnyEvent = JobEventPayload | ConvergeEventPayload;

export interface ConvergeOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly reasons: readonly string[];
  readonly result: Readonly<Record<string, unknown>> | undefined;
  readonly events: readonly AnyEvent[];
}

export interface SupervisorOptions {
  /** The group lock of this supervisor (default: its own AmqpGroupLock on the stack's vhost). */
  readonly lock?: GroupLock;
  readonly observer?: ConvergeObserver;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ConvergeStack {
  readonly sim: CloudSim;
  readonly tenantId: string;
  readonly vhost: TestVhost;
  /** A producer's client on its own connection. */
  readonly client: KelpClient;
  /** What a process needs to reach this stack's broker and cloud (AMQP_URL, IDENTITY_*, CLOUD_REGION, …). */
  readonly env: Readonly<Record<string, string>>;
  seedClb(): string;
  seedPool(): string;
  job(groupId: string, desired: Partial<ConvergeGroupJobInput['desired']>): ConvergeGroupJobInput;
  /** Submits a converge-group job (following its events first) and waits for its end. */
  converge(job: ConvergeGroupJobInput, timeoutMs?: number): Promise<ConvergeOutcome>;
  /** Submits without waiting; `outcome` resolves at the job's end. */
  submit(job: ConvergeGroupJobInput, timeoutMs?: number): Promise<{ jobId: string; outcome: Promise<ConvergeOutcome> }>;
  /** Starts another supervisor (its own broker connections and group lock) consuming converge cycles. */
  addSupervisor(options?: SupervisorOptions): Promise<RunningConverge>;
  close(): Promise<void>;
}

const quiet = (): Logger =>
  createLogger({ service: 'it-converge', level: 'error', format: 'json', stream: new PassThrough() });

/**
 * RabbitMQ (a private vhost) + the cloud simulator (real clock, short builds) + auth in-process + the
 * load-balancer service + converge supervisors (`addSupervisor`), each with its own bus and group lock,
 * as separate processes would have. Submitted jobs are accepted by the first supervisor's `acceptJob`.
 */
export async function startConvergeStack(
  label: string,
  sim: CloudSimOptions = {},
  options: { readonly authRpc?: boolean } = {},
): Promise<ConvergeStack> {
  const tenantId = String(500000 + Math.floor(Math.random() * 400000));
  const logger = quiet();
  const cloud = await startCloudSim({
    clock: 'real',
    tenants: [tenantId],
    buildTimeMs: 300,
    deleteTimeMs: 200,
    clbImmutableMs: 100,
    ...sim,
  });
  const vhost = await createTestVhost(label);
  const env: Record<string, string> = { ...simEnv(cloud), ...FAST_CONVERGE_ENV, AMQP_URL: vhost.url };
  const registry = new Registry();
  const request: RequestFunction = await createRequestStack(env, logger, registry);
  const buses: AmqpBus[] = [];
  const newBus = async (name: string): Promise<AmqpBus> => {
    const bus = new AmqpBus({ url: vhost.url, logger, connectionName: `it-converge-${name}`, startRetries: 1 });
    await bus.start();
    buses.push(bus);
    return bus;
  };
  const services: RunningService[] = [];
  const context = (bus: AmqpBus): ServiceContext => ({
    logger,
    bus,
    registry: new Registry(),
    health: { addCheck: () => undefined },
    clock: () => new Date(),
    newId: randomUUID,
  });
  const lbBus = await newBus('lb');
  services.push(await startLoadBalancerService({ ...context(lbBus), requestFn: request }, loadLbConfig({})));
  if (options.authRpc === true) services.push(await startAuthService(context(lbBus), loadAuthConfig(env)));
  const client = await newBus('client');
  const supervisors: RunningConverge[] = [];
  const addSupervisor = async (options: SupervisorOptions = {}): Promise<RunningConverge> => {
    const bus = await newBus(`supervisor-${supervisors.length}`);
    const lock =
      options.lock ??
      new AmqpGroupLock({
        url: vhost.url,
        prefix: bus.topology.prefix,
        logger,
        connectionName: `it-lock-${supervisors.length}`,
      });
    const running = await startConvergeService(context(bus), loadConvergeConfig({ ...env, ...options.env }), {
      request,
      lock,
      ...(options.observer === undefined ? {} : { observer: options.observer }),
    });
    supervisors.push(running);
    services.push(running);
    if (supervisors.length === 1) {
      services.push(
        await bus.consume(QUEUES.supervisorJobs, (envelope, ctx) => running.acceptJob(envelope, ctx), { prefetch: 10 }),
      );
    }
    return running;
  };

  const submit: ConvergeStack['submit'] = async (job, timeoutMs = 30_000) => {
    const jobId = randomUUID();
    const events: AnyEvent[] = [];
    let settle: (outcome: ConvergeOutcome) => void = () => undefined;
    const outcome = new Promise<ConvergeOutcome>((resolve, reject) => {
      settle = resolve;
      setTimeout(() => reject(new Error(`job ${jobId} did not end within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    const subscription = await client.subscribe(jobEventPattern(jobId), (envelope) => {
      const standard = JobEventPayloadSchema.safeParse(envelope.payload);
      const event = standard.success ? standard.data : ConvergeEventPayloadSchema.safeParse(envelope.payload).data;
      if (event === undefined) return;
      events.push(event);
      if (event.event === 'succeeded' || event.event === 'failed') {
        void subscription.close();
        settle({
          status: event.event,
          reasons: event.event === 'failed' ? event.reasons : [],
          result: event.result,
          events,
        });
      }
    });
    const envelope = buildEnvelope(
      { type: CONVERGE_MESSAGE_TYPES.job, tenantId: job.tenantId, jobId, payload: job },
      randomUUID(),
      new Date(),
    );
    await client.publish(QUEUES.supervisorJobs, envelope);
    return { jobId, outcome };
  };

  return {
    sim: cloud,
    tenantId,
    vhost,
    client: new KelpClient({ bus: client }),
    env,
    seedClb: () => String((cloud.seedLoadBalancer({ tenantId, region: 'ORD' }) as { id: number }).id),
    seedPool: () => String((cloud.seedPool({ tenantId, region: 'ORD' }) as { id: string }).id),
    job: (groupId, desired) => ({
      tenantId,
      groupId,
      desired: {
        capacity: 1,
        launchConfig: { server: { name: 'web', flavorRef: 'general1-1', imageRef: IMAGE }, loadBalancers: [] },
        ...desired,
      },
    }),
    converge: async (job, timeoutMs) => (await submit(job, timeoutMs)).outcome,
    submit,
    addSupervisor,
    close: async () => {
      for (const service of services.reverse()) await service.stop(5_000);
      for (const bus of buses) await bus.close(5_000);
      await vhost.remove();
      await cloud.close();
    },
  };
}

/** Servers of a group the simulator still has: not gone and not being deleted. */
export function groupServers(
  stack: Pick<ConvergeStack, 'sim' | 'tenantId'>,
  groupId: string,
): readonly { id: string; status: string; address: string | undefined; metadata: Readonly<Record<string, string>> }[] {
  return stack.sim
    .inventory({ tenantId: stack.tenantId })
    .servers.filter((s) => !s.gone && s.taskState !== 'deleting' && s.metadata['rax:autoscale:group:id'] === groupId)
    .map((s) => ({ id: s.id, status: s.status, address: s.addresses['private']?.[0]?.addr, metadata: s.metadata }));
}

/** The `address` of every node of a CLB, sorted. */
export function clbAddresses(stack: Pick<ConvergeStack, 'sim' | 'tenantId'>, lbId: string): string[] {
  const lb = stack.sim.inventory({ tenantId: stack.tenantId }).loadBalancers.find((l) => String(l['id']) === lbId);
  return ((lb?.['nodes'] as { address: string }[] | undefined) ?? []).map((n) => n.address).sort();
}

/** The node ids and addresses of a CLB. */
export function clbNodes(
  stack: Pick<ConvergeStack, 'sim' | 'tenantId'>,
  lbId: string,
): { id: number; address: string }[] {
  const lb = stack.sim.inventory({ tenantId: stack.tenantId }).loadBalancers.find((l) => String(l['id']) === lbId);
  return (lb?.['nodes'] as { id: number; address: string }[] | undefined) ?? [];
}

/** The server ids in an RCv3 pool, sorted. */
export function poolMembers(stack: Pick<ConvergeStack, 'sim' | 'tenantId'>, poolId: string): string[] {
  const pool = stack.sim.inventory({ tenantId: stack.tenantId }).pools.find((p) => p['id'] === poolId);
  return ((pool?.['nodes'] as { cloud_server: { id: string } }[] | undefined) ?? [])
    .map((n) => n.cloud_server.id)
    .sort();
}
