import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';

/**
 * What a handler decided about one delivered message. The bus carries the decision out:
 * - `ack`: done;
 * - `retry`: publish a copy (attempt + 1) through the delay tier of at least `delayMs`, then ack;
 * - `dead-letter`: publish to the queue's DLQ with `reason` in headers, then ack;
 * - `requeue`: not processed (e.g. shutting down), put back as it was.
 */
export type HandlerOutcome =
  | { readonly action: 'ack' }
  | { readonly action: 'retry'; readonly delayMs: number; readonly reason: string }
  | { readonly action: 'dead-letter'; readonly reason: string }
  | { readonly action: 'requeue' };

export const ACK: HandlerOutcome = { action: 'ack' };

/** What a handler receives besides the envelope. */
export interface DeliveryContext {
  readonly queue: WorkQueue;
  /** True when the broker delivered this message before (a consumer died without acking). */
  readonly redelivered: boolean;
  /** Broker-side delivery count (quorum queues), 0 on first delivery. */
  readonly deliveryCount: number;
  /**
   * Answers the sender of a request (the message's replyTo) with a confirmed publish. Resolves false when
   * the message had no replyTo. Replies are not retried: a sender that went away loses the reply.
   */
  reply(envelope: Envelope): Promise<boolean>;
}

export type MessageHandler = (envelope: Envelope, ctx: DeliveryContext) => Promise<HandlerOutcome>;

export interface ConsumeOptions {
  readonly prefetch: number;
}

export interface ConsumerHandle {
  /** Stops new deliveries, waits for in-flight handlers up to `deadlineMs`, requeues what is unfinished. */
  stop(deadlineMs: number): Promise<void>;
}

export interface PublishOptions {
  /** Work queue (or RPC reply queue) that should receive replies. */
  readonly replyTo?: string;
  /** Deliver no earlier than this many ms from now (through the delay tiers). */
  readonly delayMs?: number;
}

export type EventHandler = (envelope: Envelope, routingKey: string) => void;

export interface Subscription {
  close(): Promise<void>;
}

export interface RpcCallOptions {
  readonly timeoutMs: number;
}

/**
 * The message bus. Two implementations pass one contract suite: RabbitMQ (`amqp-bus.ts`) and in-process
 * (`memory-bus.ts`, for the all-in-one runtime).
 */
export interface Bus {
  /** Connects and declares the topology; resolves when ready. */
  start(): Promise<void>;
  /** Persistent, confirmed, mandatory publish to a work queue. Resolves only once the broker confirmed. */
  publish(queue: WorkQueue, envelope: Envelope, options?: PublishOptions): Promise<void>;
  /** Confirmed publish of a job event on the events topic exchange. */
  publishEvent(routingKey: string, envelope: Envelope): Promise<void>;
  /** Consumes a work queue with manual acks; every envelope is validated before the handler runs. */
  consume(queue: WorkQueue, handler: MessageHandler, options: ConsumeOptions): Promise<ConsumerHandle>;
  /** Sends a request to a queue and waits for the reply (on this process's reply queue); rejects with AppError kind 'timeout'. */
  call(queue: WorkQueue, envelope: Envelope, options: RpcCallOptions): Promise<Envelope>;
  /** Follows events matching a topic pattern (e.g. `job.<id>.#`) on a transient queue. */
  subscribe(pattern: string, handler: EventHandler): Promise<Subscription>;
  /** True while connected with topology declared and consumers running. */
  isReady(): boolean;
  /** Stops every consumer (draining in-flight work within `deadlineMs`) and closes connections. */
  close(deadlineMs?: number): Promise<void>;
}
