/**
 * Benchmark `fleet`: one converge-group job takes a group from 0 to 500 servers in one RCv3 pool, through
 * the whole path — producer client → RabbitMQ → supervisor (job accepted) → converge cycles (Nova through
 * the request function, RCv3 through the load-balancer service) → simulator — with a 5 s build and 50 ms
 * added to every API call, on the real clock. Target: wall ≤ 2 × (build + one RCv3 call), with the
 * converge settings at their defaults.
 *
 * The simulator runs as a child process (its CPU is not under test); the broker topology lives in a
 * private vhost, and the group lock is the broker-held one (`AmqpGroupLock`).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import { CloudSimClient, DEFAULT_IMAGES } from '../../services/cloud-sim/src/index.js';
import { loadLbConfig } from '../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../services/load-balancer/src/service.js';
import { loadSupervisorConfig } from '../../services/supervisor/src/config.js';
import { loadConvergeConfig } from '../../services/supervisor/src/converge/converge-config.js';
import { startConvergeService } from '../../services/supervisor/src/converge/converge-service.js';
import { startSupervisorService } from '../../services/supervisor/src/service.js';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { AmqpGroupLock } from '../../shared/amqp/amqp-group-lock.js';
import { KelpClient } from '../../shared/client/kelp-client.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import { CONVERGE_MESSAGE_TYPES } from '../../shared/messages/converge-messages.js';
import type { ServiceContext } from '../../shared/runtime/service-context.js';
import { createBenchVhost, startSimChild } from '../bench-stack-parts.js';
import { createSimRequestFunction } from '../sim-request-function.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';

const SERVERS = Number(process.env['FLEET_SERVERS'] ?? 500);
/** `FLEET_TRACE=1` prints each cycle's summary with its time to stderr. */
const TRACE = process.env['FLEET_TRACE'] === '1';
const BUILD_MS = 5_000;
const LATENCY_MS = 50;
const TENANT = '700002';

interface FleetRun {
  readonly wallMs: number;
  readonly rcv3CallMs: number;
  readonly status: string;
  readonly reasons: readonly string[];
  readonly cycles: number;
  readonly members: number;
  readonly requests: Readonly<Record<string, number>>;
}

async function runFleet(): Promise<FleetRun> {
  const logger = createLogger({ service: 'bench-fleet', level: 'error', format: 'json', stream: new PassThrough() });
  const { url, child } = await startSimChild({
    SIM_BUILD_TIME_MS: String(BUILD_MS),
    SIM_LATENCY_MS: String(LATENCY_MS),
    SIM_SERVER_QUOTA: String(SERVERS * 2),
  });
  const vhost = await createBenchVhost('fleet');
  const sim = new CloudSimClient(url);
  await sim.seedTenant({ tenantId: TENANT, pools: false });
  const registry = new Registry();
  const requestFn = await createSimRequestFunction(url, 'ORD', logger, registry);
  const bus = new AmqpBus({ url: vhost.url, logger, connectionName: 'bench-fleet-services', startRetries: 1 });
  const clientBus = new AmqpBus({ url: vhost.url, logger, connectionName: 'bench-fleet-client', startRetries: 1 });
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
  const lb = await startLoadBalancerService({ ...ctx, requestFn }, loadLbConfig({}));
  const lock = new AmqpGroupLock({ url: vhost.url, prefix: bus.topology.prefix, logger });
  const converge = await startConvergeService(ctx, loadConvergeConfig(process.env), { request: requestFn, lock });
  const supervisor = await startSupervisorService(ctx, loadSupervisorConfig({}), {
    request: requestFn,
    acceptors: { [CONVERGE_MESSAGE_TYPES.job]: converge.acceptJob },
  });
  try {
    const poolId = String((await sim.seedPool({ tenantId: TENANT, region: 'ORD' }))['id']);
    const poolNodes = {
      service: 'rackconnect',
      method: 'GET',
      path: ['load_balancer_pools', poolId, 'nodes'],
      okStatus: [200],
    } as const;
    await requestFn(TENANT, poolNodes); // warms the token
    const rcv3Started = performance.now();
    await requestFn(TENANT, poolNodes);
    const rcv3CallMs = performance.now() - rcv3Started;
    await sim.resetCounters();
    const client = new KelpClient({ bus: clientBus });
    let cycles = 0;
    const started = performance.now();
    const outcome = await client.submitAndWait(
      {
        type: 'converge-group',
        job: {
          tenantId: TENANT,
          groupId: 'fleet',
          desired: {
            capacity: SERVERS,
            launchConfig: {
              server: { name: 'fleet', flavorRef: 'general1-1', imageRef: DEFAULT_IMAGES[0]?.id ?? 'image' },
              loadBalancers: [{ type: 'RackConnectV3', loadBalancerId: poolId }],
            },
          },
        },
      },
      {
        timeoutMs: 300_000,
        onEvent: (event) => {
          if (event.event !== 'step-finished') return;
          cycles++;
          if (TRACE)
            process.stderr.write(
              `[+${((performance.now() - started) / 1000).toFixed(2)}s] ${event.step}: ${event.detail ?? ''}\n`,
            );
        },
      },
    );
    const wallMs = performance.now() - started;
    const pools = (await sim.inventory({ tenantId: TENANT })).pools;
    const members = ((pools.find((p) => p['id'] === poolId)?.['nodes'] as unknown[] | undefined) ?? []).length;
    return {
      wallMs,
      rcv3CallMs,
      status: outcome.status,
      reasons: outcome.reasons,
      cycles,
      members,
      requests: (await sim.counters()).requests,
    };
  } finally {
    await supervisor.stop(5_000).catch(() => undefined);
    await converge.stop(5_000).catch(() => undefined);
    await lb.stop(5_000).catch(() => undefined);
    await clientBus.close(5_000).catch(() => undefined);
    await bus.close(5_000).catch(() => undefined);
    await vhost.remove().catch(() => undefined);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

export const fleetCase: BenchCase = {
  name: 'fleet',
  description: `converge a group 0 → ${SERVERS} servers in one RCv3 pool (build ${BUILD_MS} ms, ${LATENCY_MS} ms per API call, real clock)`,
  async run(): Promise<readonly BenchResult[]> {
    const result = await runFleet();
    const boundMs = BUILD_MS + result.rcv3CallMs;
    const converged = result.status === 'succeeded' && result.members === SERVERS;
    const count = (key: string): number => result.requests[key] ?? 0;
    return [
      benchResult({
        case: 'fleet',
        metric: 'wall-time',
        value: Math.round(result.wallMs),
        unit: 'ms',
        baseline: Math.round(boundMs),
        target: `<= 2 x (build + one RCv3 call) = ${Math.round(2 * boundMs)} ms, ${SERVERS} servers in the pool`,
        pass: result.wallMs <= 2 * boundMs && converged,
      }),
      benchResult({
        case: 'fleet',
        metric: 'cycles',
        value: result.cycles,
        unit: `cycles (${count('nova GET /servers/detail')} listings, ${count('nova POST /servers')} creates, ${count('rcv3 POST /load_balancer_pools/nodes')} RCv3 adds)`,
        target: `informational${converged ? '' : `; job ${result.status}: ${result.reasons.join('; ')}`}`,
        pass: converged,
      }),
    ];
  },
};
