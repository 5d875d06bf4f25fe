import type { Logger } from '../logging/logger.js';
import type { WorkQueue } from '../messages/routing.js';
import type { BusObserver } from './bus-observer.js';
import type { ConsumerHandle, MessageHandler } from './bus.js';
import type { MemoryBroker, StoredMessage } from './memory-broker.js';
import { deadLetterHeaders, encodeEnvelope } from './message-properties.js';
import { processDelivery, type DeliverySettler } from './process-delivery.js';

export interface MemoryConsumerOptions {
  readonly broker: MemoryBroker;
  readonly queue: WorkQueue;
  readonly prefetch: number;
  readonly handler: MessageHandler;
  readonly maxMessageBytes: number;
  readonly logger: Logger;
  readonly observer: BusObserver;
  readonly onStopped: () => void;
}

interface InFlight {
  settled: boolean;
  done: Promise<unknown>;
  readonly message: StoredMessage;
}

/** A work-queue consumer on the in-process broker, with the same settle-once rules as the AMQP one. */
export class MemoryConsumer implements ConsumerHandle {
  private readonly inFlight = new Set<InFlight>();
  private readonly detach: () => void;
  private stopped = false;

  constructor(private readonly options: MemoryConsumerOptions) {
    this.detach = options.broker.addConsumer(options.queue, {
      hasCapacity: () => !this.stopped && this.inFlight.size < options.prefetch,
      deliver: (message) => this.onMessage(message),
    });
  }

  async stop(deadlineMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.detach();
    this.options.onStopped();
    await this.waitInFlight(deadlineMs);
    this.returnUnsettled();
  }

  /** As if the connection dropped: every unsettled delivery goes back to the queue, redelivered. */
  dropDeliveries(): void {
    this.returnUnsettled();
  }

  /** As if the process died: stop at once, returning what was unsettled. */
  abort(): void {
    this.stopped = true;
    this.detach();
    this.options.onStopped();
    this.returnUnsettled();
  }

  private onMessage(message: StoredMessage): void {
    const { broker, queue } = this.options;
    const entry: InFlight = { settled: false, done: Promise.resolve(), message };
    const settle = (action: () => void): void => {
      if (entry.settled) return;
      entry.settled = true;
      action();
      broker.pump(queue);
    };
    const settler: DeliverySettler = {
      ack: () => settle(() => undefined),
      fail: () => settle(() => broker.returnToQueue(queue, message)),
      requeue: () => settle(() => broker.returnToQueue(queue, message)),
      retry: (copy, delayMs) => {
        if (!entry.settled) {
          const retried = { ...message, body: encodeEnvelope(copy), deliveryCount: 0, redelivered: false };
          broker.enqueueAfter(queue, retried, delayMs);
        }
        return Promise.resolve();
      },
      deadLetter: (reason) => {
        if (!entry.settled)
          broker.deadLetter(queue, message.body, deadLetterHeaders(message.headers, reason, queue), reason);
        return Promise.resolve();
      },
      reply: (envelope) =>
        Promise.resolve(
          message.replyTo !== undefined &&
            broker.sendReply(message.replyTo, encodeEnvelope(envelope), message.correlationId),
        ),
    };
    const input = { queue, body: message.body, redelivered: message.redelivered, deliveryCount: message.deliveryCount };
    entry.done = processDelivery(input, settler, this.options).finally(() => this.inFlight.delete(entry));
    this.inFlight.add(entry);
  }

  private returnUnsettled(): void {
    for (const entry of this.inFlight) {
      if (entry.settled) continue;
      entry.settled = true;
      this.options.broker.returnToQueue(this.options.queue, entry.message);
    }
  }

  private async waitInFlight(deadlineMs: number): Promise<void> {
    const pending = [...this.inFlight].map((entry) => entry.done);
    if (pending.length === 0 || deadlineMs <= 0) return;
    const { scheduler } = this.options.broker;
    let timer: unknown;
    await Promise.race([
      Promise.allSettled(pending),
      new Promise<void>((resolve) => (timer = scheduler.setTimeout(resolve, deadlineMs))),
    ]);
    scheduler.clearTimeout(timer);
  }
}
