import { AmqpGroupLock } from '../../../shared/amqp/amqp-group-lock.js';
import type { GroupLock } from '../../../shared/amqp/group-lock.js';
import { MemoryGroupLock } from '../../../shared/amqp/memory-group-lock.js';
import type { BaseConfig } from '../../../shared/config/base-config.js';
import type { Logger } from '../../../shared/logging/logger.js';

/**
 * The converge group lock matching the stack's bus: on RabbitMQ the broker-held lock (other supervisors
 * may share the broker); on the in-process bus a lock in memory (this process is the only supervisor).
 */
export function createStackGroupLock(base: BaseConfig, logger: Logger, recordTtlMs: number): GroupLock {
  if (base.amqpUrl === undefined) return new MemoryGroupLock();
  return new AmqpGroupLock({
    url: base.amqpUrl,
    prefix: base.namespace,
    logger,
    connectionName: 'all-in-one/group-lock',
    recordTtlMs,
  });
}
