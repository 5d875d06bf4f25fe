import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { createTopology, type Topology } from '../../../shared/amqp/topology.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { QUEUES } from '../../../shared/messages/routing.js';

export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A private copy of the auth RPC topology (unique prefix), and buses on it. */
export function uniquePrefix(): string {
  return `it-auth-${randomUUID().slice(0, 8)}`;
}

export function createTestBus(prefix: string, logger: Logger, name: string): AmqpBus {
  return new AmqpBus({
    url: AMQP_URL,
    logger,
    prefix,
    queues: [QUEUES.authRpc],
    connectionName: name,
    startRetries: 1,
  });
}

export function topologyOf(prefix: string): Topology {
  return createTopology({ prefix, queues: [QUEUES.authRpc] });
}

/** Deletes every queue and exchange of the prefix's topology. */
export async function deleteTopology(prefix: string): Promise<void> {
  const topology = topologyOf(prefix);
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    for (const queue of topology.queueDeclarations) await ch.deleteQueue(queue.name);
    for (const exchange of topology.exchangeDeclarations) await ch.deleteExchange(exchange.name);
    await ch.close();
  } finally {
    await conn.close();
  }
}

/** Waits for the next message on a queue (consuming it), or rejects after `timeoutMs`. */
export async function nextMessage(
  queue: string,
  timeoutMs: number,
): Promise<{ body: string; headers: Record<string, unknown> }> {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message on ${queue} within ${timeoutMs} ms`)), timeoutMs);
      void ch.consume(
        queue,
        (message) => {
          if (message === null) return;
          clearTimeout(timer);
          resolve({ body: message.content.toString(), headers: message.properties.headers ?? {} });
        },
        { noAck: true },
      );
    });
  } finally {
    await conn.close();
  }
}
