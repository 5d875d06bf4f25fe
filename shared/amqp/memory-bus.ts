import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { decodeEnvelope } from '../messages/decode.js';
import { MAX_MESSAGE_BYTES, type Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import { checkPrefetch } from './amqp-bus-options.js';
import { NO_OBSERVER, type BusObserver } from './bus-observer.js';
import type {
  Bus,
  ConsumeOptions,
  ConsumerHandle,
  EventHandler,
  MessageHandler,
  PublishOptions,
  RpcCallOptions,
  Subscription,
} from './bus.js';
import { MemoryBroker, type DeadLetter, type MemoryBrokerOptions } from './memory-broker.js';
import { MemoryConsumer } from './memory-consumer.js';
import { MemoryRpcClient } from './memory-rpc-client.js';
import { encodeEnvelope } from './message-properties.js';

export interface MemoryBusOptions extends MemoryBrokerOptions {
  readonly logger: Logger;
  /** Share one broker between several buses (clients); by default the bus creates and owns its own. */
  readonly broker?: MemoryBroker;
  readonly maxMessageBytes?: number;
  readonly observer?: BusObserver;
}

type State = 'new' | 'open' | 'closing' | 'closed';

/**
 * The in-process bus for the all-in-one runtime: the `Bus` contract on a `MemoryBroker` (bodies are
 * JSON bytes and validated on consume exactly as on RabbitMQ). Nothing survives the process.
 */
export class MemoryBus implements Bus {
  readonly broker: MemoryBroker;
  private readonly ownsBroker: boolean;
  private readonly logger: Logger;
  private readonly observer: BusObserver;
  private readonly maxMessageBytes: number;
  private readonly rpc: MemoryRpcClient;
  private readonly consumers = new Set<MemoryConsumer>();
  private readonly subscriptions = new Set<() => void>();
  private state: State = 'new';

  constructor(options: MemoryBusOptions) {
    this.ownsBroker = options.broker === undefined;
    this.broker = options.broker ?? new MemoryBroker(options);
    this.logger = options.logger.child({ component: 'memory-bus' });
    this.observer = options.observer ?? NO_OBSERVER;
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.rpc = new MemoryRpcClient(this.broker, this.maxMessageBytes);
  }

  start(): Promise<void> {
    if (this.state === 'new') {
      this.state = 'open';
      this.rpc.open();
    }
    return Promise.resolve();
  }

  /** Still accepted while `close` drains consumers, so handlers finishing their work can publish. */
  publish(queue: WorkQueue, envelope: Envelope, options: PublishOptions = {}): Promise<void> {
    return attempt(() => {
      this.assertState('open', 'closing');
      const message = {
        body: this.encode(envelope),
        headers: {},
        correlationId: envelope.correlationId,
        ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
        deliveryCount: 0,
        redelivered: false,
      };
      this.broker.enqueueAfter(queue, message, options.delayMs ?? 0);
      this.observer.published?.(queue);
    });
  }

  /** Enqueues an arbitrary body, bypassing encoding and the size check (tests, replay tools). */
  publishRaw(queue: WorkQueue, body: Buffer): Promise<void> {
    return attempt(() => this.broker.enqueue(queue, { body, headers: {}, deliveryCount: 0, redelivered: false }));
  }

  publishEvent(routingKey: string, envelope: Envelope): Promise<void> {
    return attempt(() => {
      this.assertState('open', 'closing');
      this.broker.publishEvent(routingKey, this.encode(envelope));
      this.observer.published?.('events');
    });
  }

  consume(queue: WorkQueue, handler: MessageHandler, options: ConsumeOptions): Promise<ConsumerHandle> {
    return attempt(() => {
      this.assertState('open');
      const consumer: MemoryConsumer = new MemoryConsumer({
        broker: this.broker,
        queue,
        prefetch: checkPrefetch(options.prefetch),
        handler,
        maxMessageBytes: this.maxMessageBytes,
        logger: this.logger,
        observer: this.observer,
        onStopped: () => this.consumers.delete(consumer),
      });
      this.consumers.add(consumer);
      return consumer;
    });
  }

  call(queue: WorkQueue, envelope: Envelope, options: RpcCallOptions): Promise<Envelope> {
    return attempt(() => {
      this.assertState('open');
      return this.encode(envelope);
    }).then((body) => this.rpc.call(queue, envelope, body, options.timeoutMs));
  }

  subscribe(pattern: string, handler: EventHandler): Promise<Subscription> {
    return attempt(() => {
      this.assertState('open');
      const unsubscribe = this.broker.subscribe(pattern, (body, routingKey) => this.onEvent(handler, body, routingKey));
      this.subscriptions.add(unsubscribe);
      return {
        close: () => {
          unsubscribe();
          this.subscriptions.delete(unsubscribe);
          return Promise.resolve();
        },
      };
    });
  }

  isReady(): boolean {
    return this.state === 'open';
  }

  /** What landed in a queue's DLQ so far (the in-process DLQ is inspectable, not consumable). */
  deadLetters(queue: WorkQueue): readonly DeadLetter[] {
    return this.broker.deadLetters(queue);
  }

  /** Models a dropped connection: unsettled deliveries go back to their queues, marked redelivered. */
  dropConnection(): void {
    this.consumers.forEach((consumer) => consumer.dropDeliveries());
  }

  async close(deadlineMs = 10_000): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return;
    this.state = 'closing';
    await Promise.all([...this.consumers].map((consumer) => consumer.stop(deadlineMs)));
    this.shutdownRest();
  }

  /** As if the process died: consumers vanish without settling, their deliveries return to the queues. */
  abort(): Promise<void> {
    [...this.consumers].forEach((consumer) => consumer.abort());
    this.shutdownRest();
    return Promise.resolve();
  }

  private shutdownRest(): void {
    this.state = 'closed';
    this.subscriptions.forEach((unsubscribe) => unsubscribe());
    this.subscriptions.clear();
    this.rpc.close();
    if (this.ownsBroker) this.broker.close();
  }

  private onEvent(handler: EventHandler, body: Buffer, routingKey: string): void {
    const decoded = decodeEnvelope(body, this.maxMessageBytes);
    if (!decoded.ok) {
      this.logger.warn('event-invalid', { routingKey, reason: decoded.reason });
      return;
    }
    try {
      handler(decoded.envelope, routingKey);
    } catch (error) {
      this.logger.error('event-handler-failed', { routingKey, error: String(error) });
    }
  }

  private encode(envelope: Envelope): Buffer {
    const body = encodeEnvelope(envelope);
    if (body.byteLength > this.maxMessageBytes) {
      throw AppError.nonRetryable('internal', `message of ${body.byteLength} bytes exceeds the bus limit`, {
        details: { type: envelope.type, limit: this.maxMessageBytes },
      });
    }
    return body;
  }

  private assertState(...allowed: readonly State[]): void {
    if (allowed.includes(this.state)) return;
    if (this.state === 'new') throw AppError.nonRetryable('internal', 'the bus is not started');
    throw AppError.nonRetryable('unavailable', 'the bus is closed');
  }
}

/** Runs `fn` now and turns a throw into a rejection, so callers always get a promise. */
function attempt<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
