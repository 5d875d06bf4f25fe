/**
 * Benchmark `coalesce`: 25 concurrent launch-server jobs into one CLB and one RCv3 pool, through the whole
 * job path — producer client → RabbitMQ → supervisor (Nova calls, delayed ACTIVE checks) → load-balancer
 * service → simulator — with builds of 5 s and a CLB immutable for 1 s after each change. Runs with the
 * load-balancer service coalescing, then without (every step alone, as otter's job-per-server code did).
 * Targets: wall ≤ 1.5 × (build + one CLB change + one RCv3 call); ≤ 3 mutating requests to the CLB.
 *
 * The simulator runs as a child process (its CPU is not under test); the broker topology lives in a
 * private vhost (replies to the supervisor's work queue need Kelp's own queue names).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import { CloudSimClient, DEFAULT_IMAGES } from '../../services/cloud-sim/src/index.js';
import { loadLbConfig } from '../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../services/load-balancer/src/service.js';
import { loadSupervisorConfig } from '../../services/supervisor/src/config.js';
import { startSupervisorService } from '../../services/supervisor/src/service.js';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { KelpClient } from '../../shared/client/kelp-client.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import type { ServiceContext } from '../../shared/runtime/service-context.js';
import { createBenchVhost, startSimChild } from '../bench-stack-parts.js';
import { createSimRequestFunction } from '../sim-request-function.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';

const JOBS = 25;
const BUILD_MS = 5_000;
const IMMUTABLE_MS = 1_000;
const TENANT = '700001';

interface Run {
  readonly wallMs: number;
  readonly mutatingRequests: number;
  readonly succeeded: number;
  readonly rcv3CallMs: number;
  readonly medianJobMs: number;
}

async function runOnce(coalesce: boolean): Promise<Run> {
  const logger = createLogger({ service: 'bench-coalesce', level: 'error', format: 'json', stream: new PassThrough() });
  const { url, child } = await startSimChild({
    SIM_BUILD_TIME_MS: String(BUILD_MS),
    SIM_CLB_IMMUTABLE_MS: String(IMMUTABLE_MS),
  });
  const vhost = await createBenchVhost('coalesce');
  const sim = new CloudSimClient(url);
  await sim.seedTenant({ tenantId: TENANT });
  const registry = new Registry();
  const requestFn = await createSimRequestFunction(url, 'ORD', logger, registry);
  const bus = new AmqpBus({ url: vhost.url, logger, connectionName: 'bench-coalesce-services', startRetries: 1 });
  const clientBus = new AmqpBus({ url: vhost.url, logger, connectionName: 'bench-coalesce-client', startRetries: 1 });
  await bus.start();
  await clientBus.start();
  const ctx: ServiceContext = {
    logger,
    bus,
    registry,
    health: { addCheck: () => undefined },
    clock: () => new Date(),
    newId: randomUUID,
  };
  const lb = await startLoadBalancerService(
    { ...ctx, requestFn },
    loadLbConfig({ LB_COALESCE: String(coalesce), LB_MAX_ATTEMPTS: '100' }),
  );
  const supervisor = await startSupervisorService(
    ctx,
    loadSupervisorConfig({
      SUPERVISOR_POLL_INTERVAL_MS: '500',
      SUPERVISOR_LB_RETRIES: '100',
      SUPERVISOR_LB_RETRY_DELAY_MS: '1000',
    }),
    { request: requestFn },
  );
  try {
    const lbId = String((await sim.seedLoadBalancer({ tenantId: TENANT, region: 'ORD' }))['id']);
    const poolId = String((await sim.seedPool({ tenantId: TENANT, region: 'ORD' }))['id']);
    const rcv3Started = performance.now();
    await requestFn(TENANT, { service: 'rackconnect', method: 'GET', path: ['load_balancer_pools'], okStatus: [200] });
    const rcv3CallMs = performance.now() - rcv3Started;
    const client = new KelpClient({ bus: clientBus });
    const started = performance.now();
    const jobMs: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        const outcome = await client.submitAndWait(
          {
            type: 'launch-server',
            job: {
              tenantId: TENANT,
              groupId: 'bench-group',
              launchConfig: {
                server: { name: `bench-${i}`, flavorRef: 'general1-1', imageRef: DEFAULT_IMAGES[0]?.id ?? 'image' },
                loadBalancers: [
                  { type: 'CloudLoadBalancer', loadBalancerId: lbId, port: 80 },
                  { type: 'RackConnectV3', loadBalancerId: poolId },
                ],
              },
            },
          },
          { timeoutMs: 300_000 },
        );
        jobMs.push(performance.now() - started);
        return outcome;
      }),
    );
    const wallMs = performance.now() - started;
    const sorted = [...jobMs].sort((a, b) => a - b);
    return {
      wallMs,
      mutatingRequests: (await sim.counters()).clbMutatingRequests[lbId] ?? 0,
      succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
      rcv3CallMs,
      medianJobMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    };
  } finally {
    await supervisor.stop(5_000).catch(() => undefined);
    await lb.stop(5_000).catch(() => undefined);
    await clientBus.close(5_000).catch(() => undefined);
    await bus.close(5_000).catch(() => undefined);
    await vhost.remove().catch(() => undefined);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

export const coalesceCase: BenchCase = {
  name: 'coalesce',
  description: `${JOBS} concurrent launch-server jobs into one CLB + one RCv3 pool (build ${BUILD_MS} ms, CLB immutable ${IMMUTABLE_MS} ms): coalescing on vs off`,
  async run(): Promise<readonly BenchResult[]> {
    const on = await runOnce(true);
    const off = await runOnce(false);
    const boundMs = BUILD_MS + IMMUTABLE_MS + on.rcv3CallMs;
    const allDone = on.succeeded === JOBS && off.succeeded === JOBS;
    return [
      benchResult({
        case: 'coalesce',
        metric: 'wall-time',
        value: Math.round(on.wallMs),
        unit: 'ms',
        baseline: Math.round(off.wallMs),
        target: `<= 1.5 x (build + CLB change + RCv3 call) = ${Math.round(1.5 * boundMs)} ms, all ${JOBS} succeeded`,
        pass: on.wallMs <= 1.5 * boundMs && allDone,
      }),
      benchResult({
        case: 'coalesce',
        metric: 'mutating-clb-requests',
        value: on.mutatingRequests,
        unit: 'requests',
        baseline: off.mutatingRequests,
        target: '<= 3',
        pass: on.mutatingRequests <= 3 && allDone,
      }),
      benchResult({
        case: 'coalesce',
        metric: 'median-job-time',
        value: Math.round(on.medianJobMs),
        unit: 'ms',
        baseline: Math.round(off.medianJobMs),
        target: 'informational (submit to outcome)',
        pass: allDone,
      }),
    ];
  },
};
