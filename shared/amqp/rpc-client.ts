import { randomBytes } from 'node:crypto';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { AppError, ensureAppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { decodeEnvelope } from '../messages/decode.js';
import type { Envelope } from '../messages/envelope.js';
import { isResourceLocked } from './broker-errors.js';
import { ConfirmedPublisher } from './confirmed-publisher.js';
import { encodeEnvelope, publishPropertiesOf } from './message-properties.js';

export interface RpcClientOptions {
  /** The direct exchange RPC servers answer on (`<p>.replies`). */
  readonly replyExchange: string;
  /** This process's reply queue name before the random suffix (`<p>.reply`). */
  readonly replyQueuePrefix: string;
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
 * Note [RPC replies]: one exclusive, auto-deleted reply queue per process, `<p>.reply.<random id>`, bound
 * on the `<p>.replies` exchange by its own name, with a no-ack consumer on the publishing channel that
 * starts before the first request is published (a process that never calls declares none); a map of
 * pending calls by correlation id. Servers answer on `<p>.replies` with the request's
 * replyTo as routing key (`amqp-settle-publishing.ts`).
 *
 * This departs from RabbitMQ's direct reply-to on purpose: direct reply-to answers must be published to the
 * default exchange, and `write` on `amq.default` lets a broker user route a message into any queue by name,
 * so a compromised auth service could inject jobs. A reply exchange keeps every role to exchanges it owns
 * (chaos scenario 7 probes this) at the cost of one small queue per process.
 *
 * The queue name is kept across reconnects (the broker deleted the old exclusive queue with its
 * connection), so a request republished after a reconnect still names a live reply queue; if the old
 * connection still holds it (405), a fresh name is used, and a call made while disconnected names its
 * replyTo only once the new channel's reply consumer runs. A request whose channel died before it was
 * confirmed is republished after the reconnect; one that was already sent fails fast (its reply may have
 * been lost with the old queue).
 */
export class RpcClient {
  private readonly pending = new Map<string, PendingCall>();
  private readonly publisher: ConfirmedPublisher;
  private sequence = 0;
  private replyQueue: string;
  /** Set by the first call: a process that never calls (the auth service) declares no reply queue. */
  private wanted = false;
  private model: ChannelModel | null = null;
  /** The publishing channel the reply consumer runs on, and the start in progress on the current one. */
  private consuming: ConfirmChannel | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: RpcClientOptions) {
    this.replyQueue = freshReplyQueue(options.replyQueuePrefix);
    this.publisher = new ConfirmedPublisher({
      confirmTimeoutMs: options.confirmTimeoutMs,
      maxInFlight: options.maxInFlight,
      logger: options.logger,
      onChannel: async (channel, model) => {
        this.model = model;
        if (this.wanted) await this.startReplyConsumer(channel, model);
      },
      onChannelLost: () => {
        this.consuming = null;
        this.starting = null;
        this.failSentCalls();
      },
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
      const fail = (error: Error): void => {
        if (this.pending.delete(correlationId)) call.reject(error);
      };
      const send = (): void => {
        const properties = publishPropertiesOf(envelope, { correlationId, replyTo: this.replyQueue });
        this.publisher
          .publish(exchange, routingKey, encodeEnvelope(envelope), properties)
          .then(() => (call.sent = true), fail);
      };
      const ready = this.replyConsumerReady();
      if (ready === null) send();
      else
        ready.then(send, (error: unknown) =>
          fail(
            AppError.retryable('unavailable', `rpc reply queue could not be set up: ${ensureAppError(error).message}`, {
              cause: error,
            }),
          ),
        );
    });
  }

  /**
   * Null when replies can be received on the current channel; otherwise what to wait for first: the next
   * channel (whose set-up starts the reply consumer, perhaps under a new name, so the request must name
   * its replyTo only after it) or the start of the reply consumer on the current one.
   */
  private replyConsumerReady(): Promise<void> | null {
    this.wanted = true;
    const channel = this.publisher.current;
    if (channel !== null && this.consuming === channel) return null;
    if (channel === null || this.model === null) {
      return this.publisher.channelReady().then(() => this.replyConsumerReady() ?? undefined);
    }
    this.starting ??= this.startReplyConsumer(channel, this.model).finally(() => (this.starting = null));
    return this.starting;
  }

  /**
   * Declares (or re-declares after a reconnect) the reply queue on a short-lived channel of the same
   * connection — a 405 closes the channel it happens on — then consumes it on the publishing channel.
   */
  private async startReplyConsumer(channel: ConfirmChannel, model: ChannelModel): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const setup = await model.createChannel();
      setup.on('error', () => undefined); // a 405 is an expected answer here
      try {
        await setup.assertQueue(this.replyQueue, { exclusive: true, autoDelete: true, durable: false });
        await setup.bindQueue(this.replyQueue, this.options.replyExchange, this.replyQueue);
        await setup.close();
        break;
      } catch (error) {
        if (!isResourceLocked(error) || attempt >= 2) throw error;
        // The dropped connection still holds the old name until the broker notices it is gone.
        this.replyQueue = freshReplyQueue(this.options.replyQueuePrefix);
      }
    }
    await channel.consume(this.replyQueue, (message) => this.onReply(message), { noAck: true });
    this.consuming = channel;
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

  /** The reply queue requests name as their replyTo (for tests and diagnostics). */
  get replyAddress(): string {
    return this.replyQueue;
  }

  private failAll(error: AppError): void {
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

function freshReplyQueue(prefix: string): string {
  return `${prefix}.${randomBytes(8).toString('hex')}`;
}
