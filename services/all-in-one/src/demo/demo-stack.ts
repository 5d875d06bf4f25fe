import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import type { Bus } from '../../../../shared/amqp/bus.js';
import type { Env } from '../../../../shared/config/parse-env.js';
import { createLogger } from '../../../../shared/logging/create-logger.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import type { ServiceContext } from '../../../../shared/runtime/service-context.js';
import { loadAllInOneConfig, type AllInOneConfig } from '../config.js';
import { startStack, type Stack } from '../stack.js';
import { createStackBus } from '../stack-bus.js';

/** The all-in-one stack as the demo runs it: no health server, logs on their own stream. */
export interface DemoStack {
  readonly config: AllInOneConfig;
  readonly stack: Stack;
  readonly bus: Bus;
  readonly ctx: ServiceContext;
  close(): Promise<void>;
}

/** Starts the stack from `env` (already the demo's; see `demoEnv`); throws ConfigError on a bad environment. */
export async function startDemoStack(env: Env, logStream: Writable & { isTTY?: boolean }): Promise<DemoStack> {
  const config = loadAllInOneConfig(env);
  const { base } = config;
  const logger: Logger = createLogger({
    service: 'all-in-one',
    level: base.logLevel,
    format: base.logFormat,
    stream: logStream,
    isTty: logStream.isTTY === true,
  });
  const registry = new Registry();
  const bus = createStackBus(base, logger, registry, 'all-in-one-demo');
  const ctx: ServiceContext = {
    logger,
    bus,
    registry,
    health: { addCheck: () => undefined },
    clock: () => new Date(),
    newId: randomUUID,
  };
  await bus.start();
  let stack: Stack;
  try {
    stack = await startStack(ctx, config, base, env);
  } catch (error) {
    await bus.close(base.shutdownDeadlineMs);
    throw error;
  }
  return {
    config,
    stack,
    bus,
    ctx,
    close: async () => {
      await stack.stop(base.shutdownDeadlineMs);
      await bus.close(base.shutdownDeadlineMs);
    },
  };
}
