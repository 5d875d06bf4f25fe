import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import type { Env } from '../../../shared/config/parse-env.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import type { CliConnection } from './cli-io.js';

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/**
 * The CLI's broker connection: AMQP_URL (default local guest), topology prefix KELP_NAMESPACE (default `kelp`),
 * AMQP_DECLARE_TOPOLOGY=false for a user that may not declare.
 */
export async function connectBus(env: Env): Promise<CliConnection> {
  const namespace = env['KELP_NAMESPACE'];
  const bus = new AmqpBus({
    url: env['AMQP_URL'] ?? DEFAULT_AMQP_URL,
    logger: createSilentLogger(),
    connectionName: 'kelp-cli',
    startRetries: 1,
    // A producer user with least-privilege permissions cannot declare; the broker's definitions did.
    declareTopology: env['AMQP_DECLARE_TOPOLOGY'] !== 'false',
    ...(namespace === undefined || namespace === '' ? {} : { prefix: namespace }),
  });
  await bus.start();
  return { client: new KelpClient({ bus }), close: () => bus.close(2_000) };
}
