import { randomBytes } from 'node:crypto';
import type { ChannelModel, RecoveringChannelModel } from 'amqplib';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import {
  checkPrefetch,
  resolveAmqpBusSettings,
  type AmqpBusOptions,
  type AmqpBusSettings,
} from './amqp-bus-options.js';
import { AmqpConsumer, type ConsumerPublishing } from './amqp-consumer.js';
import { createConsumerPublishing, routeFor } from './amqp-settle-publishing.js';
import { AmqpSubscription } from './amqp-subscription.js';
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
import { coalesceWrites, type CorkableStream } from './coalesce-writes.js';
import { ConfirmedPublisher } from './confirmed-publisher.js';
import { declareTopology } from './declare-topology.js';
import { openRecoveringConnection } from './recovering-connection.js';
import { delayHeaders, encodeEnvelope, publishPropertiesOf } from './message-properties.js';
import { RpcClient } from './rpc-client.js';
import { workQueueNames, type Topology } from './topology.js';

type Role = 'pub' | 'sub';

/**
 * The RabbitMQ bus. Two connections (publishing + RPC, consuming + subscriptions) so flow control on
 * publishes cannot stall acks; both use amqplib's `recovery` with `noDelay` and a heartbeat, and their
 * `setup` re-declares the topology and re-opens every channel and consumer on each connect.
 */
export class AmqpBus implements Bus {
  readonly topology: Topology;
  private readonly settings: AmqpBusSettings;
  private readonly logger: Logger;
  private readonly observer: BusObserver;
  private readonly publisher: ConfirmedPublisher;
  private readonly rpc: RpcClient;
  private readonly publishing: ConsumerPublishing;
  private readonly consumers = new Set<AmqpConsumer>();
  private readonly subscriptions = new Set<AmqpSubscription>();
  private readonly connections = new Map<Role, RecoveringChannelModel>();
  private readonly connected = new Set<Role>();
  private readonly models = new Map<Role, ChannelModel>();
  private subModel: ChannelModel | null = null;
  private reportedConnected = false;
  private started = false;
  private closing: Promise<void> | null = null;

  constructor(options: AmqpBusOptions) {
    this.settings = resolveAmqpBusSettings(options);
    this.topology = this.settings.topology;
    this.logger = options.logger.child({ component: 'amqp-bus' });
    this.observer = options.observer ?? NO_OBSERVER;
    const { confirmTimeoutMs, maxInFlightPublishes: maxInFlight, maxMessageBytes } = this.settings;
    this.publisher = new ConfirmedPublisher({ confirmTimeoutMs, maxInFlight, logger: this.logger });
    const idPrefix = `${this.settings.connectionName}.${randomBytes(6).toString('hex')}`;
    this.rpc = new RpcClient({
      confirmTimeoutMs,
      maxInFlight,
      maxMessageBytes,
      logger: this.logger,
      idPrefix,
      replyExchange: this.topology.exchanges.replies,
      replyQueuePrefix: this.topology.replyQueuePrefix,
    });
    this.publishing = createConsumerPublishing(this.publisher, this.topology);
  }

  /** Names the two connections carry (`rabbitmqctl list_connections client_properties`). */
  get connectionNames(): readonly string[] {
    return (['pub', 'sub'] as const).map((role) => `${this.settings.connectionName}/${role}`);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      await this.connectAll();
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  private async connectAll(): Promise<void> {
    const declare = this.settings.declareTopology;
    await this.connect('pub', async (model) => {
      if (declare) await declareTopology(model, this.topology);
      await this.publisher.attach(model);
      await this.rpc.attach(model);
    });
    await this.connect('sub', async (model) => {
      if (declare) await declareTopology(model, this.topology);
      this.subModel = model;
      await Promise.all([...this.consumers].map((consumer) => consumer.start(model)));
      await Promise.all([...this.subscriptions].map((subscription) => subscription.start(model)));
    });
  }

  /** Still accepted while `close` drains consumers, so handlers finishing their work can publish. */
  async publish(queue: WorkQueue, envelope: Envelope, options: PublishOptions = {}): Promise<void> {
    this.assertStarted();
    const route = routeFor(this.topology, queue, options.delayMs ?? 0);
    const headers = route.tierName === null ? undefined : delayHeaders(undefined, route.tierName, envelope.attempt);
    const properties = publishPropertiesOf(envelope, { replyTo: this.physicalReplyTo(options.replyTo), headers });
    await this.publisher.publish(route.exchange, route.routingKey, this.encode(envelope), properties);
    this.observer.published?.(queue);
  }

  /** A reply address naming a logical work queue (`kelp.supervisor.work`) means that queue under this bus's prefix. */
  private physicalReplyTo(replyTo: string | undefined): string | undefined {
    const names = this.topology.workQueues.find((q) => q.logical === replyTo);
    return names?.queue ?? replyTo;
  }

  async publishEvent(routingKey: string, envelope: Envelope): Promise<void> {
    this.assertStarted();
    // Not mandatory: an event nobody follows right now is not an error.
    const properties = publishPropertiesOf(envelope, { mandatory: false });
    await this.publisher.publish(this.topology.exchanges.events, routingKey, this.encode(envelope), properties);
    this.observer.published?.('events');
  }

  async consume(queue: WorkQueue, handler: MessageHandler, options: ConsumeOptions): Promise<ConsumerHandle> {
    this.assertOpen();
    const consumer: AmqpConsumer = new AmqpConsumer({
      queue,
      physicalQueue: workQueueNames(this.topology, queue).queue,
      prefetch: checkPrefetch(options.prefetch),
      handler,
      maxMessageBytes: this.settings.maxMessageBytes,
      logger: this.logger,
      observer: this.observer,
      publishing: this.publishing,
      onStopped: () => this.consumers.delete(consumer),
    });
    this.consumers.add(consumer);
    if (this.subModel !== null) {
      await consumer.start(this.subModel).catch(async (error: unknown) => {
        await consumer.stop(0);
        throw error;
      });
    }
    return consumer;
  }

  async call(queue: WorkQueue, envelope: Envelope, options: RpcCallOptions): Promise<Envelope> {
    this.assertOpen();
    const names = workQueueNames(this.topology, queue);
    return await this.rpc.call(names.queue, names.queue, envelope, options.timeoutMs);
  }

  async subscribe(pattern: string, handler: EventHandler): Promise<Subscription> {
    this.assertOpen();
    const subscription: AmqpSubscription = new AmqpSubscription({
      exchange: this.topology.exchanges.events,
      pattern,
      handler,
      maxMessageBytes: this.settings.maxMessageBytes,
      logger: this.logger,
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    if (this.subModel !== null) await subscription.start(this.subModel);
    return subscription;
  }

  isReady(): boolean {
    return (
      this.started &&
      this.closing === null &&
      this.connected.size === 2 &&
      this.publisher.ready &&
      this.rpc.ready &&
      [...this.consumers].every((consumer) => consumer.running) &&
      [...this.subscriptions].every((subscription) => subscription.running)
    );
  }

  close(deadlineMs = 10_000): Promise<void> {
    this.closing ??= this.shutdown(deadlineMs);
    return this.closing;
  }

  /** Drops both connections at once without draining or nacking, as if the process died (for tests). */
  async abort(): Promise<void> {
    this.closing ??= Promise.resolve();
    await Promise.all([...this.connections.values()].map((connection) => connection.close().catch(() => undefined)));
    await this.publisher.close();
    await this.rpc.close(0);
  }

  /**
   * Destroys both sockets as a network failure would (for tests): the broker requeues unacked messages,
   * unconfirmed publishes fail with `channel closed` and are retried once the recovery reconnected.
   */
  simulateConnectionLoss(): void {
    for (const model of this.models.values()) {
      const socket = (model.connection as unknown as { readonly stream: { destroy(error: Error): void } }).stream;
      socket.destroy(new Error('simulated connection loss'));
    }
  }

  private async shutdown(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    const remaining = (): number => Math.max(0, deadline - Date.now());
    await Promise.all([...this.consumers].map((consumer) => consumer.stop(remaining())));
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.publisher.waitIdle(remaining());
    await this.rpc.close(remaining());
    await this.publisher.close();
    await Promise.all([...this.connections.values()].map((connection) => connection.close().catch(() => undefined)));
    this.logger.info('bus-closed');
  }

  private encode(envelope: Envelope): Buffer {
    const body = encodeEnvelope(envelope);
    if (body.byteLength > this.settings.maxMessageBytes) {
      throw AppError.nonRetryable('internal', `message of ${body.byteLength} bytes exceeds the bus limit`, {
        details: { type: envelope.type, limit: this.settings.maxMessageBytes },
      });
    }
    return body;
  }

  private assertStarted(): void {
    if (!this.started) throw AppError.nonRetryable('internal', 'the bus is not started');
  }

  private assertOpen(): void {
    this.assertStarted();
    if (this.closing !== null) throw AppError.nonRetryable('unavailable', 'the bus is closed');
  }

  private async connect(role: Role, setup: (model: ChannelModel) => Promise<void>): Promise<void> {
    const log = this.logger.child({ connection: role });
    const { connection, connected } = await openRecoveringConnection({
      url: this.settings.url,
      safeUrl: this.settings.safeUrl,
      name: `${this.settings.connectionName}/${role}`,
      reconnectInitialDelayMs: this.settings.reconnectInitialDelayMs,
      reconnectMaxDelayMs: this.settings.reconnectMaxDelayMs,
      startRetries: this.settings.startRetries,
      logger: log,
      setup: async (model) => {
        this.models.set(role, model);
        // One syscall per event-loop turn instead of one per frame (see coalesce-writes.ts).
        coalesceWrites((model.connection as unknown as { readonly stream: CorkableStream }).stream);
        await setup(model);
      },
      onConnected: () => this.onConnected(role, log),
      onDisconnected: (event, error) => this.onDisconnected(role, log, event, error),
    });
    this.connections.set(role, connection);
    await connected;
  }

  private onConnected(role: Role, log: Logger): void {
    this.connected.add(role);
    this.reportConnection();
    log.info('connected');
  }

  private onDisconnected(role: Role, log: Logger, event: string, error: Error): void {
    this.connected.delete(role);
    if (role === 'pub') {
      this.publisher.detach();
      this.rpc.detach();
    } else {
      this.subModel = null;
      this.consumers.forEach((consumer) => consumer.detach());
      this.subscriptions.forEach((subscription) => subscription.detach());
    }
    this.reportConnection();
    if (this.closing === null) log.warn(event, { error: error.message });
  }

  /** Tells the observer when "both connections up" changes. */
  private reportConnection(): void {
    const connected = this.connected.size === 2;
    if (connected === this.reportedConnected) return;
    this.reportedConnected = connected;
    this.observer.connectionChanged?.(connected);
  }
}
