import { AppError } from '../errors/app-error.js';
import { WORK_QUEUES, type WorkQueue } from '../messages/routing.js';
import { DEFAULT_DELAY_TIERS_MS, normaliseDelayTiers, pickDelayTier } from './delay-tiers.js';
import { SYSTEM_SCHEDULER, type Scheduler } from './scheduler.js';
import { topicMatches } from './topic-match.js';
import { DEFAULT_DELIVERY_LIMIT } from './topology.js';

/** A message held by the in-process broker. `deliveryCount` and `redelivered` change as it is returned. */
export interface StoredMessage {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly replyTo?: string;
  readonly correlationId?: string;
  deliveryCount: number;
  redelivered: boolean;
}

export interface DeadLetter {
  readonly queue: WorkQueue;
  readonly reason: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, unknown>>;
}

/** A consumer as the broker sees it: room for more unacked deliveries, and a way to hand one over. */
export interface ConsumerSlot {
  hasCapacity(): boolean;
  deliver(message: StoredMessage): void;
}

export interface MemoryBrokerOptions {
  readonly deliveryLimit?: number;
  readonly delayTiersMs?: readonly number[];
  readonly queues?: readonly WorkQueue[];
  readonly scheduler?: Scheduler;
}

interface QueueState {
  readonly ready: StoredMessage[];
  readonly consumers: ConsumerSlot[];
  next: number;
  pumping: boolean;
}

type EventListener = (body: Buffer, routingKey: string) => void;
type ReplyListener = (body: Buffer, correlationId: string | undefined) => void;

/**
 * The in-process stand-in for RabbitMQ that `MemoryBus` clients share: work queues with round-robin
 * dispatch to consumers with free prefetch, a delivery limit counted on every return, DLQs, delay
 * tiers as timers (same tier choice as the broker), topic fan-out for events and reply addresses.
 */
export class MemoryBroker {
  readonly deliveryLimit: number;
  readonly scheduler: Scheduler;
  private readonly tiersMs: readonly number[];
  private readonly queues = new Map<WorkQueue, QueueState>();
  private readonly dead = new Map<WorkQueue, DeadLetter[]>();
  private readonly deadLetterListeners = new Set<(letter: DeadLetter) => void>();
  private readonly events = new Set<{ readonly pattern: string; readonly listener: EventListener }>();
  private readonly replies = new Map<string, ReplyListener>();
  private readonly timers = new Set<unknown>();
  private replySequence = 0;

  constructor(options: MemoryBrokerOptions = {}) {
    this.deliveryLimit = options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
    this.scheduler = options.scheduler ?? SYSTEM_SCHEDULER;
    this.tiersMs = normaliseDelayTiers(options.delayTiersMs ?? DEFAULT_DELAY_TIERS_MS);
    for (const queue of options.queues ?? WORK_QUEUES) {
      this.queues.set(queue, { ready: [], consumers: [], next: 0, pumping: false });
      this.dead.set(queue, []);
    }
  }

  enqueue(queue: WorkQueue, message: StoredMessage): void {
    this.state(queue).ready.push(message);
    this.pump(queue);
  }

  /** Holds the message for its delay tier (the smallest tier >= delayMs), then enqueues it. */
  enqueueAfter(queue: WorkQueue, message: StoredMessage, delayMs: number): void {
    this.state(queue);
    const tierMs = pickDelayTier(delayMs, this.tiersMs);
    if (tierMs === null) return this.enqueue(queue, message);
    const timer = this.scheduler.setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(queue, message);
    }, tierMs);
    this.timers.add(timer);
  }

  /** A delivery came back unacked (reject, nack or consumer gone): past the limit it is dead-lettered. */
  returnToQueue(queue: WorkQueue, message: StoredMessage): void {
    message.deliveryCount += 1;
    message.redelivered = true;
    if (message.deliveryCount > this.deliveryLimit) {
      this.deadLetter(queue, message.body, message.headers, 'delivery_limit');
      return;
    }
    this.state(queue).ready.unshift(message);
    this.pump(queue);
  }

  deadLetter(queue: WorkQueue, body: Buffer, headers: Readonly<Record<string, unknown>>, reason: string): void {
    const letter: DeadLetter = { queue, reason, body, headers };
    this.dead.get(queue)?.push(letter);
    this.deadLetterListeners.forEach((listener) => listener(letter));
  }

  deadLetters(queue: WorkQueue): readonly DeadLetter[] {
    return [...(this.dead.get(queue) ?? [])];
  }

  onDeadLetter(listener: (letter: DeadLetter) => void): () => void {
    this.deadLetterListeners.add(listener);
    return () => this.deadLetterListeners.delete(listener);
  }

  addConsumer(queue: WorkQueue, slot: ConsumerSlot): () => void {
    const state = this.state(queue);
    state.consumers.push(slot);
    this.pump(queue);
    return () => {
      const index = state.consumers.indexOf(slot);
      if (index >= 0) state.consumers.splice(index, 1);
    };
  }

  /** Hands ready messages to consumers with free prefetch, round robin, on a later turn of the loop. */
  pump(queue: WorkQueue): void {
    const state = this.state(queue);
    if (state.pumping) return;
    state.pumping = true;
    setImmediate(() => {
      state.pumping = false;
      while (state.ready.length > 0) {
        const slot = this.nextSlot(state);
        const message = slot === undefined ? undefined : state.ready.shift();
        if (slot === undefined || message === undefined) return;
        slot.deliver(message);
      }
    });
  }

  publishEvent(routingKey: string, body: Buffer): void {
    for (const { pattern, listener } of this.events) {
      if (topicMatches(pattern, routingKey)) setImmediate(() => listener(body, routingKey));
    }
  }

  subscribe(pattern: string, listener: EventListener): () => void {
    const entry = { pattern, listener };
    this.events.add(entry);
    return () => this.events.delete(entry);
  }

  openReplyAddress(listener: ReplyListener): string {
    this.replySequence += 1;
    const address = `memory.reply-to.${this.replySequence}`;
    this.replies.set(address, listener);
    return address;
  }

  closeReplyAddress(address: string): void {
    this.replies.delete(address);
  }

  /** Delivers a reply; false when nobody listens at the address any more (the reply is lost). */
  sendReply(address: string, body: Buffer, correlationId: string | undefined): boolean {
    const queue = this.queues.has(address as WorkQueue) ? (address as WorkQueue) : undefined;
    if (queue !== undefined) {
      // A reply to a work queue (e.g. LB results to the supervisor's work queue) is an ordinary message there.
      const message: StoredMessage = { body, headers: {}, deliveryCount: 0, redelivered: false };
      this.enqueue(queue, correlationId === undefined ? message : { ...message, correlationId });
      return true;
    }
    const listener = this.replies.get(address);
    if (listener === undefined) return false;
    setImmediate(() => listener(body, correlationId));
    return true;
  }

  /** Cancels pending delays (messages held in a tier are dropped, as when a process stops). */
  close(): void {
    this.timers.forEach((timer) => this.scheduler.clearTimeout(timer));
    this.timers.clear();
  }

  private nextSlot(state: QueueState): ConsumerSlot | undefined {
    for (let tried = 0; tried < state.consumers.length; tried += 1) {
      state.next = (state.next + 1) % state.consumers.length;
      const slot = state.consumers[state.next];
      if (slot?.hasCapacity() === true) return slot;
    }
    return undefined;
  }

  private state(queue: WorkQueue): QueueState {
    const state = this.queues.get(queue);
    if (state === undefined) throw AppError.nonRetryable('internal', `publish to ${queue} was returned: no such queue`);
    return state;
  }
}
