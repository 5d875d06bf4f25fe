import type { ChannelModel } from 'amqplib';
import type { Topology } from './topology.js';

/**
 * Declares the topology on a channel of its own (any 406 closes the channel it happened on) and closes
 * that channel. Idempotent; runs in the recovery `setup` on every connect.
 */
export async function declareTopology(model: ChannelModel, topology: Topology): Promise<void> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined); // the rejected declare below carries the same error
  try {
    // amqplib queues the RPCs on the channel in order, so issuing each group at once pipelines it.
    await Promise.all(
      topology.exchangeDeclarations.map((exchange) =>
        channel.assertExchange(exchange.name, exchange.type, { ...exchange.options }),
      ),
    );
    await Promise.all(
      topology.queueDeclarations.map((queue) =>
        channel.assertQueue(queue.name, { durable: true, arguments: { ...queue.options.arguments } }),
      ),
    );
    await Promise.all(
      topology.bindings.map((binding) =>
        channel.bindQueue(binding.queue, binding.exchange, binding.pattern, { ...binding.args }),
      ),
    );
  } finally {
    await channel.close().catch(() => undefined);
  }
}
