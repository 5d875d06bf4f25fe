import type { Channel, ConsumeMessage } from 'amqplib';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { ConsumerPublishing } from './amqp-consumer.js';
import type { DeliverySettler } from './process-delivery.js';

/**
 * One delivery from a consumer channel and the only way to settle it: at most once, always on the
 * channel it came from (acking on a newer channel would close it with "unknown delivery tag"). Once
 * settled (or once its channel closed, which returns it to the queue broker-side) every further settle,
 * retry or dead-letter is a no-op, so a handler finishing after a shutdown deadline cannot duplicate it.
 */
export class AmqpDelivery implements DeliverySettler {
  settled = false;
  done: Promise<unknown> = Promise.resolve();

  constructor(
    readonly channel: Channel,
    private readonly message: ConsumeMessage,
    private readonly queue: WorkQueue,
    private readonly publishing: ConsumerPublishing,
  ) {}

  ack(): void {
    if (this.claim()) this.quietly(() => this.channel.ack(this.message));
  }

  fail(): void {
    if (this.claim()) this.quietly(() => this.channel.reject(this.message, true));
  }

  requeue(): void {
    if (this.claim()) this.quietly(() => this.channel.nack(this.message, false, true));
  }

  retry(copy: Envelope, delayMs: number): Promise<void> {
    return this.settled ? Promise.resolve() : this.publishing.retry(this.queue, copy, delayMs, this.message);
  }

  deadLetter(reason: string): Promise<void> {
    return this.settled ? Promise.resolve() : this.publishing.deadLetter(this.queue, this.message, reason);
  }

  reply(envelope: Envelope): Promise<boolean> {
    return this.publishing.reply(this.message, envelope);
  }

  private claim(): boolean {
    if (this.settled) return false;
    this.settled = true;
    return true;
  }

  private quietly(action: () => void): void {
    try {
      action();
    } catch {
      // The channel closed under us: the broker has already returned the message to the queue.
    }
  }
}
