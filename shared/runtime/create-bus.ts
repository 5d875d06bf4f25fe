import type { Registry } from 'prom-client';
import { AmqpBus } from '../amqp/amqp-bus.js';
import type { Bus } from '../amqp/bus.js';
import type { BaseConfig } from '../config/base-config.js';
import { ConfigError } from '../errors/config-error.js';
import type { Logger } from '../logging/logger.js';
import { createBusMetrics } from './bus-metrics.js';

/**
 * The bus of a standalone service: RabbitMQ at AMQP_URL. A standalone service on an in-process bus would
 * talk to nobody, so AMQP_URL is required here (the all-in-one runtime is the one that may go without).
 */
export function createRabbitBus(base: BaseConfig, logger: Logger, registry: Registry, connectionName: string): Bus {
  if (base.amqpUrl === undefined) {
    throw new ConfigError([
      'AMQP_URL: required for a standalone service (e.g. amqp://guest:guest@127.0.0.1:5672); the all-in-one runtime (npm start) runs without it',
    ]);
  }
  return new AmqpBus({
    url: base.amqpUrl,
    logger,
    prefix: base.namespace,
    deliveryLimit: base.deliveryLimit,
    maxMessageBytes: base.maxMessageBytes,
    connectionName,
    declareTopology: base.declareTopology,
    observer: createBusMetrics(registry),
  });
}
