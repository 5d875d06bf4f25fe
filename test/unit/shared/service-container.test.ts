import test from 'ava';
import { Registry } from 'prom-client';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { loadBaseConfig } from '../../../shared/config/base-config.js';
import { createServiceContainer } from '../../../shared/di/service-container.js';
import { TOKENS } from '../../../shared/di/tokens.js';
import { HealthServer } from '../../../shared/health/health-server.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import type { ServiceContext } from '../../../shared/runtime/service-context.js';

test('the service container resolves one context whose parts are the bound singletons', (t) => {
  const logger = createSilentLogger();
  const registry = new Registry();
  const bus = new MemoryBus({ logger });
  const health = new HealthServer({ port: 0, host: '127.0.0.1', registry });
  const clock = () => new Date(0);
  const newId = () => 'id-1';
  const container = createServiceContainer({ base: loadBaseConfig({}), logger, bus, registry, health, clock, newId });
  const ctx = container.get<ServiceContext>(TOKENS.ServiceContext);
  t.is(ctx.bus, bus);
  t.is(ctx.registry, registry);
  t.is(ctx.logger, logger);
  t.is(ctx.clock().getTime(), 0);
  t.is(ctx.newId(), 'id-1');
  t.is(container.get<ServiceContext>(TOKENS.ServiceContext), ctx, 'singleton scope');
});
