import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging/logger.js';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { BusObserver } from './bus-observer.js';
import type { ConsumerHandle, MessageHandler } from './bus.js';
import { deliveryCountOf } from './message-properties.js';
import { AmqpDelivery } from './amqp-delivery.js';
import { processDelivery } from './process-delivery.js';

/** The publishes a consumer needs to settle deliveries; the bus implements them on its publisher. */
export interface ConsumerPublishing {
  retry(queue: WorkQueue, copy: Envelope, delayMs: number, original: ConsumeMessage): Promise<void>;
  deadLetter(queue: WorkQueue, original: ConsumeMessage, reason: string): Promise<void>;
  reply(original: ConsumeMessage, envelope: Envelope): Promise<boolean>;
}

export interface AmqpConsumerOptions {
  readonly queue: WorkQueue;
  readonly physicalQueue: string;
  readonly prefetch: number;
  readonly handler: MessageHandler;
  readonly maxMessageBytes: number;
  readonly logger: Logger;
  readonly observer: BusObserver;
  readonly publishing: ConsumerPublishing;
  /** Called once when the consumer is stopped for good (the bus forgets it). */
  readonly onStopped: () => void;
}

const RESTART_DELAY_MS = 1_000;

/**
 * One work-queue consumer on its own channel (per-consumer prefetch, manual ack). `start(model)` runs
 * on every (re)connect; acks always go to the channel the message came from, and a delivery is settled
 * at most once (a late handler after a shutdown deadline cannot ack a requeued message).
 */
export class AmqpConsumer implements ConsumerHandle {
  private channel: Channel | null = null;
  private consumerTag: string | null = null;
  private model: ChannelModel | null = null;
  private starting: Promise<void> | null = null;
  private stopped = false;
  private readonly inFlight = new Set<AmqpDelivery>();

  constructor(private readonly options: AmqpConsumerOptions) {}

  get running(): boolean {
    return this.consumerTag !== null;
  }

  start(model: ChannelModel): Promise<void> {
    if (this.stopped || (this.model === model && (this.running || this.starting !== null))) {
      return this.starting ?? Promise.resolve();
    }
    this.model = model;
    const starting = this.open(model).finally(() => {
      if (this.starting === starting) this.starting = null;
    });
    this.starting = starting;
    return starting;
  }

  /** The connection is gone: its unacked deliveries return to the queue on the broker side. */
  detach(): void {
    this.model = null;
    this.channel = null;
    this.consumerTag = null;
  }

  async stop(deadlineMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.options.onStopped();
    const { channel, consumerTag } = this;
    this.consumerTag = null;
    if (channel !== null && consumerTag !== null) await channel.cancel(consumerTag).catch(() => undefined);
    await waitAll(
      [...this.inFlight].map((delivery) => delivery.done),
      deadlineMs,
    );
    for (const delivery of this.inFlight) delivery.requeue();
    this.channel = null;
    if (channel !== null) await channel.close().catch(() => undefined);
  }

  private async open(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) =>
      this.options.logger.warn('consumer-channel-error', { queue: this.options.queue, error: error.message }),
    );
    channel.on('close', () => this.onChannelClosed(channel, model));
    await channel.prefetch(this.options.prefetch, false);
    const reply = await channel.consume(this.options.physicalQueue, (message) => this.onMessage(channel, message), {
      noAck: false,
    });
    if (this.stopped || this.model !== model) {
      await channel.close().catch(() => undefined);
      return;
    }
    this.channel = channel;
    this.consumerTag = reply.consumerTag;
  }

  private onMessage(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      // Server-side cancel (queue deleted, leader moved): consume again on a fresh channel.
      this.options.logger.warn('consumer-cancelled-by-broker', { queue: this.options.queue });
      channel.close().catch(() => undefined);
      return;
    }
    const delivery = new AmqpDelivery(channel, message, this.options.queue, this.options.publishing);
    const input = {
      queue: this.options.queue,
      body: message.content,
      redelivered: message.fields.redelivered,
      deliveryCount: deliveryCountOf(message.properties.headers),
    };
    delivery.done = processDelivery(input, delivery, this.options)
      .catch((error: unknown) => {
        this.options.logger.error('consumer-failed', { queue: this.options.queue, error: String(error) });
        delivery.fail();
      })
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  private onChannelClosed(channel: Channel, model: ChannelModel): void {
    if (this.channel === channel) {
      this.channel = null;
      this.consumerTag = null;
    }
    for (const delivery of this.inFlight) {
      if (delivery.channel === channel) delivery.settled = true; // the broker has requeued them
    }
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped || this.model !== model || this.running || this.starting !== null) return;
      this.start(model).catch((error: unknown) =>
        this.options.logger.warn('consumer-restart-failed', { queue: this.options.queue, error: String(error) }),
      );
    }, RESTART_DELAY_MS).unref();
  }
}

async function waitAll(promises: readonly Promise<unknown>[], deadlineMs: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadlineMs)))),
  ]);
  clearTimeout(timer);
}
