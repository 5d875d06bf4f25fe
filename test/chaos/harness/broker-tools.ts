import { connect, type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { declareTopology } from '../../../shared/amqp/declare-topology.js';
import { createTopology, type Topology } from '../../../shared/amqp/topology.js';

/**
 * Raw amqplib access for the harness: declare a run's topology, publish raw bodies (hostile input included)
 * with confirms, read queue depths and DLQ messages, and delete the run's queues and exchanges.
 */
export interface RawMessage {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly messageId: string | undefined;
  readonly type: string | undefined;
}

export class BrokerTools {
  private constructor(
    private readonly url: string,
    private readonly model: ChannelModel,
    private readonly confirm: ConfirmChannel,
    readonly topology: Topology,
  ) {}

  static async open(url: string, namespace: string): Promise<BrokerTools> {
    const model = await connect(url, {
      timeout: 10_000,
      noDelay: true,
      clientProperties: { connection_name: `chaos-harness-${namespace}` },
    });
    model.on('error', () => undefined);
    const confirm = await model.createConfirmChannel();
    confirm.on('error', () => undefined);
    return new BrokerTools(url, model, confirm, createTopology({ prefix: namespace }));
  }

  /** Declares the run's whole topology (what every service declares at start, idempotent). */
  declare(): Promise<void> {
    return declareTopology(this.model, this.topology);
  }

  /** The physical name of a logical work queue (`kelp.lb.steps` → `<ns>.lb.steps`). */
  queueOf(logical: string): string {
    const names = this.topology.workQueues.find((candidate) => candidate.logical === logical);
    if (names === undefined) throw new Error(`no work queue ${logical}`);
    return names.queue;
  }

  dlqOf(logical: string): string {
    return `${this.queueOf(logical)}.dlq`;
  }

  /**
   * Publishes a raw body to a work queue through its exchange (persistent, mandatory) and resolves on
   * the broker's confirm. `headers` may carry `x-chaos-id`.
   */
  async publishRaw(
    logicalQueue: string,
    body: Buffer,
    options: {
      readonly headers?: Record<string, unknown>;
      readonly messageId?: string;
      readonly type?: string;
      readonly replyTo?: string;
    } = {},
  ): Promise<void> {
    const queue = this.queueOf(logicalQueue);
    await new Promise<void>((resolve, reject) => {
      this.confirm.publish(
        queue,
        queue,
        body,
        {
          persistent: true,
          mandatory: true,
          contentType: 'application/json',
          ...(options.messageId === undefined ? {} : { messageId: options.messageId }),
          ...(options.type === undefined ? {} : { type: options.type }),
          ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
          headers: options.headers ?? {},
        },
        (error: unknown) =>
          error === null || error === undefined
            ? resolve()
            : reject(error instanceof Error ? error : new Error('publish not confirmed')),
      );
    });
  }

  /**
   * A request the way services call the auth service: an exclusive reply queue bound on the run's replies
   * exchange (Note [RPC replies]); resolves with the reply body's JSON, or rejects after `timeoutMs`.
   */
  async call(logicalQueue: string, body: Buffer, correlationId: string, timeoutMs: number): Promise<unknown> {
    const queue = this.queueOf(logicalQueue);
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      const replyQueue = `${this.topology.replyQueuePrefix}.harness-${correlationId}`;
      await channel.assertQueue(replyQueue, { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(replyQueue, this.topology.exchanges.replies, replyQueue);
      let timer: NodeJS.Timeout | undefined;
      const reply = new Promise<unknown>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no reply from ${logicalQueue} within ${timeoutMs} ms`)), timeoutMs);
        void channel
          .consume(
            replyQueue,
            (message) => {
              if (message === null || message.properties.correlationId !== correlationId) return;
              try {
                resolve(JSON.parse(message.content.toString('utf8')));
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            },
            { noAck: true },
          )
          .then(
            () =>
              channel.publish(queue, queue, body, {
                replyTo: replyQueue,
                correlationId,
                contentType: 'application/json',
              }),
            reject,
          );
      });
      try {
        return await reply;
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Messages ready in a queue (0 when it does not exist). */
  async depth(queue: string): Promise<number> {
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } catch {
      return 0;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /**
   * Takes up to `max` messages off a queue (basic.get, acked: the queue is emptied as it is read), calling
   * `onMessage` for each. Returns how many were read.
   */
  async drain(queue: string, max: number, onMessage: (message: RawMessage) => void): Promise<number> {
    const channel: Channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    let read = 0;
    try {
      while (read < max) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) break;
        onMessage({
          body: message.content,
          headers: message.properties.headers ?? {},
          messageId: message.properties.messageId as string | undefined,
          type: message.properties.type as string | undefined,
        });
        channel.ack(message);
        read += 1;
      }
    } finally {
      await channel.close().catch(() => undefined);
    }
    return read;
  }

  /**
   * Deletes the run's queues (work, DLQ, delay tiers, `extraQueues`) and exchanges, on a connection of its
   * own (the harness's may have been cut by an outage). Best effort: a failure skips to the next name.
   */
  async deleteTopology(extraQueues: readonly string[] = []): Promise<void> {
    const model = await connect(this.url, { timeout: 10_000 });
    model.on('error', () => undefined);
    const queues = [...this.topology.queueDeclarations.map((queue) => queue.name), ...extraQueues];
    const exchanges = this.topology.exchangeDeclarations.map((exchange) => exchange.name);
    try {
      for (const [kind, name] of [
        ...queues.map((q) => ['queue', q] as const),
        ...exchanges.map((e) => ['exchange', e] as const),
      ]) {
        const channel = await model.createChannel();
        channel.on('error', () => undefined);
        await (kind === 'queue' ? channel.deleteQueue(name) : channel.deleteExchange(name)).catch(() => undefined);
        await channel.close().catch(() => undefined);
      }
    } finally {
      await model.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.confirm.close().catch(() => undefined);
    await this.model.close().catch(() => undefined);
  }
}
