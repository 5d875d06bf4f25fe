import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging/logger.js';
import { decodeEnvelope } from '../messages/decode.js';
import type { EventHandler, Subscription } from './bus.js';

export interface AmqpSubscriptionOptions {
  readonly exchange: string;
  readonly pattern: string;
  readonly handler: EventHandler;
  readonly maxMessageBytes: number;
  readonly logger: Logger;
  readonly onClosed: () => void;
}

const RESTART_DELAY_MS = 1_000;

/**
 * Follows events on an exclusive, auto-delete, server-named queue bound on the events exchange (no-ack:
 * events are progress information). Re-created on every connect; events sent during an outage are lost.
 */
export class AmqpSubscription implements Subscription {
  private channel: Channel | null = null;
  private model: ChannelModel | null = null;
  private closed = false;

  constructor(private readonly options: AmqpSubscriptionOptions) {}

  get running(): boolean {
    return this.channel !== null;
  }

  async start(model: ChannelModel): Promise<void> {
    if (this.closed || this.model === model) return;
    this.model = model;
    let channel: Channel;
    try {
      channel = await model.createChannel();
      channel.on('error', (error: Error) =>
        this.options.logger.warn('subscription-channel-error', { error: error.message }),
      );
      channel.on('close', () => this.onChannelClosed(channel, model));
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(queue, this.options.exchange, this.options.pattern);
      await channel.consume(queue, (message) => this.onMessage(message), { noAck: true });
    } catch (error) {
      if (this.model === model) this.model = null;
      throw error;
    }
    if (this.closed || this.model !== model) {
      await channel.close().catch(() => undefined);
      return;
    }
    this.channel = channel;
  }

  detach(): void {
    this.model = null;
    this.channel = null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.onClosed();
    const channel = this.channel;
    this.detach();
    if (channel !== null) await channel.close().catch(() => undefined);
  }

  private onChannelClosed(channel: Channel, model: ChannelModel): void {
    if (this.channel !== channel) return;
    this.channel = null;
    // Closed on a live connection: subscribe again. After a connection loss the recovery setup does it.
    setTimeout(() => {
      if (this.closed || this.model !== model || this.channel !== null) return;
      this.model = null;
      this.start(model).catch((error: unknown) =>
        this.options.logger.warn('subscription-restart-failed', { error: String(error) }),
      );
    }, RESTART_DELAY_MS).unref();
  }

  private onMessage(message: ConsumeMessage | null): void {
    if (message === null || this.closed) return;
    const decoded = decodeEnvelope(message.content, this.options.maxMessageBytes);
    if (!decoded.ok) {
      this.options.logger.warn('event-invalid', { routingKey: message.fields.routingKey, reason: decoded.reason });
      return;
    }
    try {
      this.options.handler(decoded.envelope, message.fields.routingKey);
    } catch (error) {
      this.options.logger.error('event-handler-failed', {
        routingKey: message.fields.routingKey,
        error: String(error),
      });
    }
  }
}
