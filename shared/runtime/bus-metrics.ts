import { Counter, Gauge, type Registry } from 'prom-client';
import type { BusObserver } from '../amqp/bus-observer.js';

/** Prometheus metrics for the bus, fed through its observer hooks (labels are queue names and outcomes only). */
export function createBusMetrics(registry: Registry): BusObserver {
  const published = new Counter({
    name: 'kelp_bus_published_total',
    help: 'Messages published and confirmed, by target',
    labelNames: ['target'],
    registers: [registry],
  });
  const consumed = new Counter({
    name: 'kelp_bus_consumed_total',
    help: 'Deliveries handled, by queue and result',
    labelNames: ['queue', 'result'],
    registers: [registry],
  });
  const deadLettered = new Counter({
    name: 'kelp_bus_dead_lettered_total',
    help: 'Messages dead-lettered by Kelp, by queue and kind',
    labelNames: ['queue', 'kind'],
    registers: [registry],
  });
  const retried = new Counter({
    name: 'kelp_bus_retried_total',
    help: 'Messages sent through a delay tier for a later retry, by queue',
    labelNames: ['queue'],
    registers: [registry],
  });
  const connected = new Gauge({
    name: 'kelp_bus_connected',
    help: '1 while connected to the broker',
    registers: [registry],
  });
  return {
    published: (target) => published.inc({ target }),
    consumed: (queue, result) => consumed.inc({ queue, result }),
    deadLettered: (queue, kind) => deadLettered.inc({ queue, kind }),
    retried: (queue) => retried.inc({ queue }),
    connectionChanged: (isConnected) => connected.set(isConnected ? 1 : 0),
  };
}
