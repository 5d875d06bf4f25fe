import { randomUUID } from 'node:crypto';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Bus } from '../amqp/bus.js';
import { loadBaseConfig, type BaseConfig } from '../config/base-config.js';
import { collectConfig, type Env } from '../config/parse-env.js';
import { createServiceContainer } from '../di/service-container.js';
import { TOKENS } from '../di/tokens.js';
import { ConfigError } from '../errors/config-error.js';
import { HealthServer } from '../health/health-server.js';
import { createLogger } from '../logging/create-logger.js';
import type { Logger } from '../logging/logger.js';
import { installGracefulShutdown } from './graceful-shutdown.js';
import type { RunningService, ServiceContext } from './service-context.js';

/** A service as a standalone process sees it: its own config and how to start it on a context. */
export interface ServiceDefinition<C> {
  readonly name: string;
  loadConfig(env: Env): C;
  start(ctx: ServiceContext, config: C, base: BaseConfig): Promise<RunningService>;
}

export type BusFactory = (base: BaseConfig, logger: Logger, registry: Registry, connectionName: string) => Bus;

/**
 * The composition every standalone service shares: validate config (one error listing every problem),
 * logger, metrics registry, health server, bus, the service itself, and graceful shutdown on
 * SIGTERM/SIGINT (not ready → stop consuming and drain → close the bus → close the health server → exit 0).
 */
export async function runService<C>(definition: ServiceDefinition<C>, env: Env, createBus: BusFactory): Promise<void> {
  let base: BaseConfig;
  let config: C;
  try {
    base = collectConfig(
      () => loadBaseConfig(env),
      () => definition.loadConfig(env),
    );
    config = definition.loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ service: definition.name, level: base.logLevel, format: base.logFormat });
  const registry = new Registry();
  registry.setDefaultLabels({ service: definition.name });
  collectDefaultMetrics({ register: registry });
  const health = new HealthServer({ port: base.healthPort, host: base.healthHost, registry });
  const healthPort = await health.listen();

  const bus = createBus(base, logger, registry, definition.name);
  health.addCheck('broker', () => bus.isReady());
  const container = createServiceContainer({
    base,
    logger,
    bus,
    registry,
    health,
    clock: () => new Date(),
    newId: randomUUID,
  });
  const ctx = container.get<ServiceContext>(TOKENS.ServiceContext);

  const shutdown = installGracefulShutdown({
    logger,
    deadlineMs: base.shutdownDeadlineMs + 5_000,
    stages: [
      { name: 'not-ready', run: () => Promise.resolve(health.markShuttingDown()) },
      { name: 'service', run: () => running?.stop(base.shutdownDeadlineMs) ?? Promise.resolve() },
      { name: 'bus', run: () => bus.close(base.shutdownDeadlineMs) },
      { name: 'health', run: () => health.close() },
    ],
  });

  let running: RunningService | undefined;
  try {
    await bus.start();
    running = await definition.start(ctx, config, base);
  } catch (error) {
    logger.error('service-start-failed', { error });
    await shutdown('start-failed', 1);
    return;
  }
  logger.info('service-started', { healthPort, bus: base.amqpUrl === undefined ? 'in-process' : 'rabbitmq' });
}
