import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Registry } from 'prom-client';
import { loadAllInOneConfig } from '../../../services/all-in-one/src/config.js';
import { startStack } from '../../../services/all-in-one/src/stack.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import type { Env } from '../../../shared/config/parse-env.js';
import type { ServiceContext } from '../../../shared/runtime/service-context.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

async function context(): Promise<{ ctx: ServiceContext; checks: string[]; logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const bus = new MemoryBus({ logger });
  await bus.start();
  const checks: string[] = [];
  const ctx: ServiceContext = {
    logger,
    bus,
    registry: new Registry(),
    health: { addCheck: (name) => void checks.push(name) },
    clock: () => new Date(),
    newId: randomUUID,
  };
  return { ctx, checks, logger };
}

test('startStack runs every service and the seeded simulator on one context; stop closes the simulator', async (t) => {
  const env: Env = { SIM_PORT: '0', IDENTITY_URL: 'https://identity.example.com/v2.0' };
  const config = loadAllInOneConfig(env);
  const { ctx, checks, logger } = await context();
  const stack = await startStack(ctx, config, config.base, env);
  t.teardown(() => ctx.bus.close(100));
  t.deepEqual(checks.sort(), ['auth-rpc-consumer', 'converge', 'load-balancer', 'supervisor']);
  const sim = stack.sim;
  if (sim === undefined) return t.fail('no simulator');
  t.like(stack.demoTenant, { tenantId: '123456', region: 'ORD', clbPort: 80 });
  const inventory = sim.inventory({ tenantId: '123456' });
  t.deepEqual(
    [inventory.loadBalancers.map((lb) => String(lb['id'])), inventory.pools.map((p) => p['id'])],
    [[stack.demoTenant?.clbId], [stack.demoTenant?.poolId]],
  );
  const warning = logger.entries.find((e) => e.message === 'simulator-ignores-variables');
  t.deepEqual(warning?.meta, { variables: ['IDENTITY_URL'] });
  await stack.stop(1_000);
  await t.throwsAsync(fetch(`${sim.url}/healthz`));
});

test('startStack with KELP_SIMULATOR=off starts the services against the cloud the environment names', async (t) => {
  const env: Env = {
    KELP_SIMULATOR: 'off',
    IDENTITY_URL: 'http://127.0.0.1:9/identity/v2.0',
    IDENTITY_ADMIN_USERNAME: 'admin',
    IDENTITY_ADMIN_PASSWORD: 'password',
  };
  const config = loadAllInOneConfig(env);
  const { ctx, checks } = await context();
  const stack = await startStack(ctx, config, config.base, env);
  t.teardown(() => ctx.bus.close(100));
  t.is(stack.sim, undefined);
  t.is(stack.demoTenant, undefined);
  t.is(checks.length, 4);
  await stack.stop(1_000);
});
