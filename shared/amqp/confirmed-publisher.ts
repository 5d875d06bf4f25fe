import type { ChannelModel, ConfirmChannel, Message, Options } from 'amqplib';
import { ConstantBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import type { Logger } from '../logging/logger.js';
import { ConfirmDeadlines } from './confirm-deadlines.js';
import { ReturnedMessages } from './returned-messages.js';
import { isPublishFailure, publishError } from './publish-errors.js';

export interface ConfirmedPublisherOptions {
  readonly confirmTimeoutMs: number;
  /** Publishes awaiting their confirm at once; further publishes queue. */
  readonly maxInFlight: number;
  readonly logger: Logger;
  /** Runs on every new channel before it is used (the RPC client starts its reply consumer here). */
  readonly onChannel?: (channel: ConfirmChannel, model: ChannelModel) => Promise<void>;
  /** Called when the current channel is gone (the RPC client fails its pending calls). */
  readonly onChannelLost?: () => void;
}

interface ChannelWaiter {
  readonly resolve: (channel: ConfirmChannel) => void;
  readonly reject: (error: Error) => void;
}

const REOPEN_DELAY_MS = 250;

/**
 * A confirm channel that survives reconnects: `attach(model)` (from the recovery `setup`) opens a fresh
 * channel, so the reference is re-read after every connect. `publish` is persistent/mandatory as the
 * properties say, resolves on the broker's confirm, rejects on a nack, a return (unroutable) or a
 * confirm timeout, and is retried once when the channel closed under it (after the reconnect).
 */
export class ConfirmedPublisher {
  private channel: ConfirmChannel | null = null;
  private model: ChannelModel | null = null;
  private closed = false;
  private readonly waiters = new Set<ChannelWaiter>();
  private readonly returned = new ReturnedMessages();
  private drain: Promise<void> | null = null;
  /** Publishes not yet settled (including those queued for a slot), for `waitIdle`. */
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  /** Publishes holding one of the `maxInFlight` slots, and those queued for one. */
  private inFlight = 0;
  private slotWaiters: Array<() => void> = [];
  private readonly retryOnce: RetryPolicy;
  private readonly deadlines: ConfirmDeadlines;

  constructor(private readonly options: ConfirmedPublisherOptions) {
    this.retryOnce = retry(
      handleWhen((error) => isPublishFailure(error, 'channel-closed')),
      { maxAttempts: 1, backoff: new ConstantBackoff(0) },
    );
    this.deadlines = new ConfirmDeadlines(options.confirmTimeoutMs);
  }

  get ready(): boolean {
    return this.channel !== null;
  }

  /** The current channel, or null while disconnected. */
  get current(): ConfirmChannel | null {
    return this.channel;
  }

  /** Resolves once a channel is open (at once when one is); rejects as a publish would when none comes. */
  async channelReady(): Promise<void> {
    if (this.channel === null) await this.waitForChannel('broker');
  }

  async attach(model: ChannelModel): Promise<void> {
    this.model = model;
    await this.openChannel(model);
  }

  /** The connection is gone; publishes wait for the next `attach`. */
  detach(): void {
    this.model = null;
    this.loseChannel();
  }

  async publish(exchange: string, routingKey: string, content: Buffer, properties: Options.Publish): Promise<void> {
    if (this.closed) throw publishError('closed', describe(exchange, routingKey));
    this.pending += 1;
    try {
      if (this.inFlight < this.options.maxInFlight) this.inFlight += 1;
      else await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
      try {
        await this.retryOnce.execute(() => this.publishOnce(exchange, routingKey, content, properties));
      } finally {
        this.releaseSlot();
      }
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Hands the slot to the next queued publish, or frees it. */
  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next === undefined) this.inFlight -= 1;
    else next();
  }

  /** Resolves when no publish is waiting for its confirm (or after `deadlineMs`). */
  async waitIdle(deadlineMs: number): Promise<void> {
    if (this.pending === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs))),
    ]);
    clearTimeout(timer);
  }

  /** Refuses new publishes and closes the channel (after `waitIdle`, so nothing is cut off). */
  async close(): Promise<void> {
    this.closed = true;
    this.model = null;
    const channel = this.channel;
    this.loseChannel();
    this.waiters.forEach((waiter) => waiter.reject(publishError('closed', 'broker')));
    this.waiters.clear();
    if (channel !== null) await channel.close().catch(() => undefined);
  }

  private async openChannel(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    channel.on('error', (error: Error) =>
      this.options.logger.warn('publisher-channel-error', { error: error.message }),
    );
    channel.on('return', (message: Message) => this.returned.note(message));
    channel.on('close', () => this.onChannelClosed(channel, model));
    if (this.options.onChannel !== undefined) await this.options.onChannel(channel, model);
    if (this.closed || this.model !== model) {
      await channel.close().catch(() => undefined);
      return;
    }
    this.channel = channel;
    this.waiters.forEach((waiter) => waiter.resolve(channel));
    this.waiters.clear();
  }

  private onChannelClosed(channel: ConfirmChannel, model: ChannelModel): void {
    if (this.channel !== channel) return;
    this.loseChannel();
    // The channel died on a live connection (e.g. a 404 on a deleted exchange): open another one.
    // After a connection loss `detach` has cleared the model and the recovery `setup` reattaches.
    setTimeout(() => {
      if (this.closed || this.model !== model || this.channel !== null) return;
      this.openChannel(model).catch((error: unknown) =>
        this.options.logger.warn('publisher-channel-reopen-failed', { error: String(error) }),
      );
    }, REOPEN_DELAY_MS).unref();
  }

  private loseChannel(): void {
    if (this.channel === null) return;
    this.channel = null;
    this.returned.clear();
    this.options.onChannelLost?.();
  }

  private waitForChannel(target: string): Promise<ConfirmChannel> {
    if (this.closed) return Promise.reject(publishError('closed', target));
    return new Promise<ConfirmChannel>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(publishError('no-connection', target));
      }, this.options.confirmTimeoutMs);
      const waiter: ChannelWaiter = {
        resolve: (channel) => (clearTimeout(timer), resolve(channel)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      this.waiters.add(waiter);
    });
  }

  private async publishOnce(
    exchange: string,
    routingKey: string,
    content: Buffer,
    properties: Options.Publish,
  ): Promise<void> {
    // Hot path: no awaits, strings or timers beyond what a publish needs (thousands per second).
    const channel = this.channel ?? (await this.waitForChannel(describe(exchange, routingKey)));
    if (this.drain !== null) await this.drain;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const deadline = this.deadlines.add(() => {
        settled = true;
        reject(publishError('confirm-timeout', describe(exchange, routingKey)));
      });
      const onConfirm = (error: unknown): void => {
        if (settled) return;
        settled = true;
        this.deadlines.remove(deadline);
        if (error !== null && error !== undefined) {
          const nacked = error instanceof Error && error.message === 'message nacked';
          reject(publishError(nacked ? 'nacked' : 'channel-closed', describe(exchange, routingKey), error));
        } else if (!this.returned.empty && this.returned.take(exchange, routingKey, properties.messageId)) {
          reject(publishError('unroutable', describe(exchange, routingKey)));
        } else {
          resolve();
        }
      };
      try {
        if (!channel.publish(exchange, routingKey, content, properties, onConfirm)) this.awaitDrain(channel);
      } catch (error) {
        if (!isChannelClosedError(error)) {
          // Invalid arguments (e.g. a routing key over 255 bytes) fail this publish only; the channel is fine.
          settled = true;
          this.deadlines.remove(deadline);
          reject(publishError('invalid', describe(exchange, routingKey), error));
          return;
        }
        // amqplib throws synchronously on a channel that is already closed.
        if (this.channel === channel) this.loseChannel();
        onConfirm(error ?? new Error('channel closed'));
      }
    });
  }

  private awaitDrain(channel: ConfirmChannel): void {
    if (this.drain !== null) return;
    this.drain = new Promise<void>((resolve) => {
      const done = (): void => {
        channel.removeListener('drain', done);
        channel.removeListener('close', done);
        this.drain = null;
        resolve();
      };
      channel.once('drain', done);
      channel.once('close', done);
    });
  }
}

function describe(exchange: string, routingKey: string): string {
  return exchange === '' ? routingKey : `${exchange}/${routingKey}`;
}

/** amqplib's synchronous failure for a channel that is closed or closing (`IllegalOperationError`). */
function isChannelClosedError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'IllegalOperationError' || /closed|closing/i.test(error.message));
}
