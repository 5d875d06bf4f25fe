import { appendFileSync } from 'node:fs';
import { connect, type Channel, type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import { ConvergeEventPayloadSchema } from '../../../shared/messages/converge-messages.js';
import { JobEventPayloadSchema } from '../../../shared/messages/event-messages.js';

/**
 * Records every job event of a run from a durable quorum queue bound to the run's events exchange with
 * `job.#`, so events published while the harness is disconnected (a broker outage) wait for it. Every raw
 * event body is appended to a file for the secrets scan. Reconnects through amqplib's recovery.
 */
export interface RecordedEvent {
  readonly routingKey: string;
  readonly jobId: string;
  readonly event: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The payload matched a job-event schema (event-messages.ts, or converge-messages.ts for converge jobs). */
  readonly valid: boolean;
}

export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private model: RecoveringChannelModel | null = null;
  private channel: Channel | null = null;
  unparsable = 0;
  /** Connections made after the first (recovery `connect` events). */
  reconnects = 0;

  constructor(
    private readonly url: string,
    readonly queue: string,
    private readonly exchange: string,
    private readonly logFile: string,
  ) {}

  async start(): Promise<void> {
    const model = await connect(this.url, {
      noDelay: true,
      timeout: 10_000,
      clientProperties: { connection_name: `chaos-events-${this.queue}` },
      recovery: {
        initialDelay: 200,
        maxDelay: 2_000,
        maxRetries: 200,
        setup: (connected: ChannelModel) => this.setup(connected),
      },
    });
    model.on('error', () => undefined);
    model.on('connect', () => {
      this.reconnects += 1;
    });
    this.model = model;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    await channel.assertQueue(this.queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(this.queue, this.exchange, 'job.#');
    await channel.prefetch(500);
    await channel.consume(this.queue, (message) => {
      if (message === null) return;
      const text = message.content.toString('utf8');
      appendFileSync(this.logFile, `${message.fields.routingKey} ${text}\n`);
      this.record(message.fields.routingKey, text);
      channel.ack(message);
    });
    this.channel = channel;
  }

  private record(routingKey: string, text: string): void {
    try {
      const envelope = JSON.parse(text) as { jobId?: unknown; payload?: unknown };
      const payload = (envelope.payload ?? {}) as Record<string, unknown>;
      const event = typeof payload['event'] === 'string' ? payload['event'] : (routingKey.split('.').at(-1) ?? '?');
      const jobId = typeof envelope.jobId === 'string' ? envelope.jobId : '?';
      this.events.push({ routingKey, jobId, event, payload, valid: isJobEvent(payload) });
    } catch {
      this.unparsable += 1;
    }
    for (const wake of [...this.waiters]) wake();
  }

  /** Events of one job, in arrival order. */
  eventsOf(jobId: string): RecordedEvent[] {
    return this.events.filter((event) => event.jobId === jobId);
  }

  /**
   * Resolves when `done()` holds (checked on every event and every `pollMs`), or after `timeoutMs`
   * with false.
   */
  async until(done: () => boolean, timeoutMs: number, pollMs = 1_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, Math.min(left, pollMs));
        function finish(): void {
          clearTimeout(timer);
          waiters.delete(finish);
          resolve();
        }
        const waiters = this.waiters;
        waiters.add(finish);
      });
    }
    return true;
  }

  async close(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.model?.close().catch(() => undefined);
  }
}

function isJobEvent(payload: unknown): boolean {
  return JobEventPayloadSchema.safeParse(payload).success || ConvergeEventPayloadSchema.safeParse(payload).success;
}
