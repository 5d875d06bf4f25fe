/**
 * The auth service as a standalone process: `node dist/services/auth/src/main.js`. Configuration comes from
 * the environment (services/auth/README.md); the shared runtime provides logging, the health server
 * (`/healthz`, `/readyz`, `/metrics`) and graceful shutdown on SIGTERM/SIGINT.
 */
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { runService } from '../../../shared/runtime/run-service.js';
import { authServiceDefinition } from './auth-definition.js';

await runService(authServiceDefinition, process.env, (base, logger, _registry, connectionName) =>
  base.amqpUrl === undefined
    ? new MemoryBus({ logger, deliveryLimit: base.deliveryLimit })
    : new AmqpBus({
        url: base.amqpUrl,
        logger,
        prefix: base.namespace,
        deliveryLimit: base.deliveryLimit,
        maxMessageBytes: base.maxMessageBytes,
        connectionName,
      }),
);
