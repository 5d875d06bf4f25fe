import { randomBytes } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { connect } from 'amqplib';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { deleteTopology } from '../../../shared/amqp/delete-topology.js';
import { createTopology } from '../../../shared/amqp/topology.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { cleanEnv, startRuntime, type RuntimeChild } from './runtime-child.js';

const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const IMAGE = '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60';
const CONVERGE_GROUP = 'it-converge';

interface Ctx {
  readonly namespace: string;
  readonly runtime: RuntimeChild;
  readonly bus: AmqpBus;
}

const test = anyTest as TestFn<Ctx>;

interface DemoTenantLine {
  readonly tenantId: string;
  readonly clbId: string;
  readonly clbPort: number;
  readonly poolId: string;
}

test.before(async (t) => {
  const namespace = `kelp-it-${randomBytes(4).toString('hex')}`;
  const runtime = startRuntime(
    cleanEnv({
      AMQP_URL,
      KELP_NAMESPACE: namespace,
      SIM_PORT: '0',
      HEALTH_PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      SIM_BUILD_TIME_MS: '300',
      SIM_CLB_IMMUTABLE_MS: '100',
      SUPERVISOR_POLL_INTERVAL_MS: '100',
      SUPERVISOR_LB_RETRY_DELAY_MS: '500',
    }),
  );
  const bus = new AmqpBus({ url: AMQP_URL, logger: createSilentLogger(), prefix: namespace, connectionName: 'it-aio' });
  t.context = { namespace, runtime, bus };
  await runtime.waitFor('service-started');
  await bus.start();
});

test.after.always(async (t) => {
  const { runtime, bus, namespace } = t.context;
  await runtime.stop('SIGKILL');
  await bus.close(1_000);
  const connection = await connect(AMQP_URL);
  try {
    await deleteTopology(connection, createTopology({ prefix: namespace }));
    const channel = await connection.createChannel();
    const started = runtime.lines.find((line) => line.message === 'all-in-one-started');
    const tenant = started?.['demoTenant'] as DemoTenantLine | undefined;
    if (tenant !== undefined) await channel.deleteQueue(`${namespace}.group.${tenant.tenantId}.${CONVERGE_GROUP}`);
    await channel.close();
  } finally {
    await connection.close();
  }
});

test.serial('the runtime announces RabbitMQ in its first log line, without the broker credentials', (t) => {
  const first = t.context.runtime.lines[0];
  t.is(first?.message, `all-in-one: running on RabbitMQ at AMQP_URL (namespace ${t.context.namespace})`);
  t.false(JSON.stringify(t.context.runtime.lines).includes('guest:guest'));
});

test.serial('the runtime is ready on its health port', async (t) => {
  const started = await t.context.runtime.waitFor('service-started');
  t.is(started['bus'], 'rabbitmq');
  const response = await fetch(`http://127.0.0.1:${String(started['healthPort'])}/readyz`);
  const body = (await response.json()) as { checks: Record<string, boolean> };
  t.is(response.status, 200);
  t.deepEqual(Object.keys(body.checks).sort(), [
    'auth-rpc-consumer',
    'broker',
    'converge',
    'load-balancer',
    'supervisor',
  ]);
});

test.serial('a launch-server job submitted through shared/client completes into the CLB and the pool', async (t) => {
  const started = await t.context.runtime.waitFor('all-in-one-started');
  const tenant = started['demoTenant'] as DemoTenantLine;
  const client = new KelpClient({ bus: t.context.bus });
  const outcome = await client.submitAndWait(
    {
      type: 'launch-server',
      job: {
        tenantId: tenant.tenantId,
        groupId: 'it-group',
        launchConfig: {
          server: { name: 'it', flavorRef: 'general1-1', imageRef: IMAGE },
          loadBalancers: [
            { type: 'CloudLoadBalancer', loadBalancerId: Number(tenant.clbId), port: tenant.clbPort },
            { type: 'RackConnectV3', loadBalancerId: tenant.poolId },
          ],
        },
      },
    },
    { timeoutMs: 60_000 },
  );
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  const lbs = (outcome.result?.['loadBalancers'] ?? []) as { type: string; loadBalancerId: string }[];
  t.deepEqual(lbs.map((lb) => [lb.type, String(lb.loadBalancerId)]).sort(), [
    ['CloudLoadBalancer', tenant.clbId],
    ['RackConnectV3', tenant.poolId],
  ]);
});

test.serial(
  'a converge-group job submitted through shared/client completes on RabbitMQ with the broker-held group lock',
  async (t) => {
    const started = await t.context.runtime.waitFor('all-in-one-started');
    const tenant = started['demoTenant'] as DemoTenantLine;
    const client = new KelpClient({ bus: t.context.bus });
    const outcome = await client.submitAndWait(
      {
        type: 'converge-group',
        job: {
          tenantId: tenant.tenantId,
          groupId: CONVERGE_GROUP,
          desired: {
            capacity: 2,
            launchConfig: {
              server: { name: 'itc', flavorRef: 'general1-1', imageRef: IMAGE },
              loadBalancers: [
                { type: 'CloudLoadBalancer', loadBalancerId: Number(tenant.clbId), port: tenant.clbPort },
                { type: 'RackConnectV3', loadBalancerId: tenant.poolId },
              ],
            },
          },
        },
      },
      { timeoutMs: 60_000 },
    );
    t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
    t.is(outcome.result?.['groupStatus'], 'ACTIVE');
    t.is((outcome.result?.['servers'] as unknown[] | undefined)?.length, 2);
  },
);

test.serial('SIGTERM stops the runtime gracefully with exit code 0', async (t) => {
  t.is(await t.context.runtime.stop('SIGTERM'), 0);
  t.truthy(t.context.runtime.lines.find((line) => line.message === 'bye'));
});
