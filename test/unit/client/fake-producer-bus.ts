import type { Bus, EventHandler, PublishOptions, Subscription } from '../../../shared/amqp/bus.js';
import { topicMatches } from '../../../shared/amqp/topic-match.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import {
  EVENT_MESSAGE_TYPE,
  jobEventRoutingKey,
  type JobEventPayload,
} from '../../../shared/messages/event-messages.js';
import type { WorkQueue } from '../../../shared/messages/routing.js';

/**
 * What a producer needs of the bus (publish + subscribe), in memory. `log` records publishes, subscribes
 * and closes in order; `onPublish` lets a test play the supervisor.
 */
export class FakeProducerBus implements Pick<Bus, 'publish' | 'subscribe'> {
  readonly published: { queue: WorkQueue; envelope: Envelope; options: PublishOptions }[] = [];
  readonly log: string[] = [];
  onPublish: (envelope: Envelope) => void = () => undefined;
  private readonly subscriptions = new Set<{ pattern: string; handler: EventHandler }>();

  publish(queue: WorkQueue, envelope: Envelope, options: PublishOptions = {}): Promise<void> {
    this.published.push({ queue, envelope, options });
    this.log.push(`publish ${queue}`);
    queueMicrotask(() => this.onPublish(envelope));
    return Promise.resolve();
  }

  subscribe(pattern: string, handler: EventHandler): Promise<Subscription> {
    const entry = { pattern, handler };
    this.subscriptions.add(entry);
    this.log.push(`subscribe ${pattern}`);
    return Promise.resolve({
      close: () => {
        this.subscriptions.delete(entry);
        this.log.push(`close ${pattern}`);
        return Promise.resolve();
      },
    });
  }

  get open(): number {
    return this.subscriptions.size;
  }

  /** Publishes a job event as the supervisor would. */
  emit(jobId: string, payload: JobEventPayload | Record<string, unknown>): void {
    const envelope = buildEnvelope(
      { type: EVENT_MESSAGE_TYPE, tenantId: 't1', jobId, payload },
      `e-${Math.random()}`,
      new Date(0),
    );
    const key = jobEventRoutingKey(jobId, payload as JobEventPayload);
    for (const { pattern, handler } of [...this.subscriptions]) if (topicMatches(pattern, key)) handler(envelope, key);
  }
}

/** Plays a supervisor that runs every submitted job through `events` (a failed or succeeded end). */
export function scriptedSupervisor(bus: FakeProducerBus, events: (job: Envelope) => readonly JobEventPayload[]): void {
  bus.onPublish = (envelope) => {
    for (const event of events(envelope)) bus.emit(envelope.jobId, event);
  };
}
