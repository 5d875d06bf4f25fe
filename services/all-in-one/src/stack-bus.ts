import type { Registry } from 'prom-client';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import type { BaseConfig } from '../../../shared/config/base-config.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { createRabbitBus } from '../../../shared/runtime/create-bus.js';
import { createBusMetrics } from '../../../shared/runtime/bus-metrics.js';

/** The line the runtime logs first: which bus it runs on (the broker URL is never logged). */
export function busAnnouncement(base: Pick<BaseConfig, 'amqpUrl' | 'namespace'>): string {
  return base.amqpUrl === undefined
    ? 'all-in-one: AMQP_URL is not set, running on the in-process bus'
    : `all-in-one: running on RabbitMQ at AMQP_URL (namespace ${base.namespace})`;
}

/**
 * The bus every service of the all-in-one runtime shares: RabbitMQ when AMQP_URL is set, otherwise the
 * in-process bus (nothing survives the process; no other process can reach it). Logs `busAnnouncement`.
 */
export function createStackBus(base: BaseConfig, logger: Logger, registry: Registry, connectionName: string): Bus {
  logger.info(busAnnouncement(base));
  if (base.amqpUrl !== undefined) return createRabbitBus(base, logger, registry, connectionName);
  return new MemoryBus({
    logger,
    deliveryLimit: base.deliveryLimit,
    maxMessageBytes: base.maxMessageBytes,
    observer: createBusMetrics(registry),
  });
}
