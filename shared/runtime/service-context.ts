import type { Registry } from 'prom-client';
import type { Bus } from '../amqp/bus.js';
import type { HealthServer } from '../health/health-server.js';
import type { Logger } from '../logging/logger.js';

/**
 * What a runtime hands each service it starts. A standalone service gets its own; the all-in-one runtime
 * shares one bus, registry and health server between every service in the process.
 */
export interface ServiceContext {
  readonly logger: Logger;
  readonly bus: Bus;
  readonly registry: Registry;
  readonly health: Pick<HealthServer, 'addCheck'>;
  /** The current time; injected so tests and the simulator's virtual clock can control it. */
  readonly clock: () => Date;
  /** A fresh unique id (message ids, job ids). */
  readonly newId: () => string;
}

/** A started service: stops consuming, finishes in-flight work within the deadline, releases resources. */
export interface RunningService {
  stop(deadlineMs: number): Promise<void>;
}
