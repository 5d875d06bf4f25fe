import type { ChannelModel } from 'amqplib';
import type { Topology } from './topology.js';

/**
 * Deletes every queue and exchange of a topology (tests and benchmarks that declared a private, prefixed
 * copy). Messages in those queues are lost; never point this at the production prefix.
 */
export async function deleteTopology(model: ChannelModel, topology: Topology): Promise<void> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    for (const queue of topology.queueDeclarations) await channel.deleteQueue(queue.name);
    for (const exchange of topology.exchangeDeclarations) await channel.deleteExchange(exchange.name);
  } finally {
    await channel.close().catch(() => undefined);
  }
}
