/**
 * Test-only entry: a supervisor process joining a test stack (the SIGKILL test runs it as a child).
 * Reads AMQP_URL, the simulator's Identity settings and SUPERVISOR_* from the environment, prints
 * `supervisor-ready` once consuming, and runs until killed.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import { loadSupervisorConfig } from '../../../services/supervisor/src/config.js';
import { startSupervisorService } from '../../../services/supervisor/src/service.js';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import { createRequestStack } from './cloud-stack.js';

const env = process.env;
const logger = createLogger({
  service: 'it-supervisor-child',
  level: 'error',
  format: 'json',
  stream: new PassThrough(),
});
const registry = new Registry();
const request = await createRequestStack(env, logger, registry);
const bus = new AmqpBus({ url: env['AMQP_URL'] ?? '', logger, connectionName: 'it-supervisor-child', startRetries: 1 });
await bus.start();
await startSupervisorService(
  { logger, bus, registry, health: { addCheck: () => undefined }, clock: () => new Date(), newId: randomUUID },
  loadSupervisorConfig(env),
  { request },
);
process.stdout.write('supervisor-ready\n');
