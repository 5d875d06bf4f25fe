import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { decodeEnvelope } from '../messages/decode.js';
import type { Envelope } from '../messages/envelope.js';
import { ConfirmedPublisher } from './confirmed-publisher.js';
import { encodeEnvelope, publishPropertiesOf } from './message-properties.js';

export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

export interface RpcClientOptions {
  readonly confirmTimeoutMs: number;
  readonly maxInFlight: number;
  readonly maxMessageBytes: number;
  readonly logger: Logger;
  /** Makes correlation ids unique across processes, e.g. the connection name plus a random suffix. */
  readonly idPrefix: string;
}

interface PendingCall {
  readonly resolve: (envelope: Envelope) => void;
  readonly reject: (error: Error) => void;
  /** The request was confirmed on the current channel, so a reply can only come back on it. */
  sent: boolean;
}

/**
 * RPC over direct reply-to: a confirm channel whose no-ack consumer on `amq.rabbitmq.reply-to` starts
 * before any request is published on that same channel, and a map of pending calls by correlation id.
 * A request whose channel died before it was confirmed is republished after the reconnect; one that was
 * already sent fails fast (its reply would have gone to the dead channel).
 */
export class RpcClient {
  private readonly pending = new Map<string, PendingCall>();
  private readonly publisher: ConfirmedPublisher;
  private sequence = 0;

  constructor(private readonly options: RpcClientOptions) {
    this.publisher = new ConfirmedPublisher({
      confirmTimeoutMs: options.confirmTimeoutMs,
      maxInFlight: options.maxInFlight,
      logger: options.logger,
      onChannel: (channel) => this.startReplyConsumer(channel),
      onChannelLost: () => this.failSentCalls(),
    });
  }

  get ready(): boolean {
    return this.publisher.ready;
  }

  attach(model: ChannelModel): Promise<void> {
    return this.publisher.attach(model);
  }

  detach(): void {
    this.publisher.detach();
  }

  async close(deadlineMs: number): Promise<void> {
    await this.publisher.waitIdle(deadlineMs);
    await this.publisher.close();
    this.failAll(AppError.nonRetryable('unavailable', 'rpc call abandoned: the bus closed'));
  }

  call(exchange: string, routingKey: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    this.sequence += 1;
    const correlationId = `${this.options.idPrefix}.${this.sequence}`;
    return new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(
          AppError.retryable('timeout', `rpc call to ${routingKey} got no reply within ${timeoutMs} ms`, {
            details: { queue: routingKey, timeoutMs, type: envelope.type },
          }),
        );
      }, timeoutMs);
      const call: PendingCall = {
        resolve: (answer) => (clearTimeout(timer), resolve(answer)),
        reject: (error) => (clearTimeout(timer), reject(error)),
        sent: false,
      };
      this.pending.set(correlationId, call);
      const properties = publishPropertiesOf(envelope, { correlationId, replyTo: DIRECT_REPLY_TO });
      this.publisher.publish(exchange, routingKey, encodeEnvelope(envelope), properties).then(
        () => (call.sent = true),
        (error: Error) => {
          if (this.pending.delete(correlationId)) call.reject(error);
        },
      );
    });
  }

  private async startReplyConsumer(channel: ConfirmChannel): Promise<void> {
    await channel.consume(DIRECT_REPLY_TO, (message) => this.onReply(message), { noAck: true });
  }

  private onReply(message: ConsumeMessage | null): void {
    if (message === null) return;
    const correlationId = String(message.properties.correlationId);
    const call = this.pending.get(correlationId);
    if (call === undefined) {
      this.options.logger.debug('rpc-reply-unmatched', { correlationId });
      return;
    }
    this.pending.delete(correlationId);
    const decoded = decodeEnvelope(message.content, this.options.maxMessageBytes);
    if (decoded.ok) call.resolve(decoded.envelope);
    else call.reject(AppError.nonRetryable('decode', `rpc reply is not a valid envelope: ${decoded.reason}`));
  }

  private failSentCalls(): void {
    for (const [correlationId, call] of this.pending) {
      if (!call.sent) continue;
      this.pending.delete(correlationId);
      call.reject(
        AppError.retryable('unavailable', 'rpc reply lost: the connection dropped after the request was sent'),
      );
    }
  }

  private failAll(error: AppError): void {
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}
