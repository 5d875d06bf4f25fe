import { createHash } from 'node:crypto';
import { connect, type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { AppError, ensureAppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { EXCHANGES } from '../messages/routing.js';
import { redactUrl, withHeartbeat } from './amqp-bus-options.js';
import { isResourceLocked } from './broker-errors.js';
import { groupQueueName, type GroupKey, type GroupLease, type GroupLock } from './group-lock.js';
import { prefixedName } from './topology.js';

export interface AmqpGroupLockOptions {
  /** The broker (AMQP_URL); the lock uses its own connection to it. */
  readonly url: string;
  /** The topology prefix (`kelp`), so tests with their own prefix or vhost never collide. */
  readonly prefix: string;
  readonly logger: Logger;
  readonly connectionName?: string;
  /** A group record unused this long is deleted by the broker (`x-expires`); default 24 h. */
  readonly recordTtlMs?: number;
  /** AMQP heartbeat (default 10 s): bounds how long a dead holder's locks outlive it. */
  readonly heartbeatSeconds?: number;
}

interface Session {
  readonly model: ChannelModel;
  /** Record reads and writes, lock releases. */
  readonly stable: ConfirmChannel;
  /** Exclusive declares only: a 405 closes it, so nothing else may share it. */
  probe: Promise<Channel> | null;
  /** Serialises declares on `probe`. */
  probeTail: Promise<unknown>;
  readonly leases: Set<AbortController>;
  readonly recordQueues: Set<string>;
  /** Asserting the record exchange on this connection (once; reset when it failed). */
  recordExchange: Promise<void> | null;
  closed: boolean;
}

const MAX_REMEMBERED_RECORD_QUEUES = 10_000;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

/**
 * The group lock on RabbitMQ, as Note [Group lock] in `group-lock.ts` describes: an exclusive queue per
 * held group on a dedicated connection (connected lazily, again after a drop), plus a one-message record
 * queue per group.
 */
export class AmqpGroupLock implements GroupLock {
  private readonly options: AmqpGroupLockOptions;
  private readonly logger: Logger;
  private readonly held = new Set<string>();
  private session: Promise<Session> | null = null;
  private active: Session | null = null;
  private closed = false;

  constructor(options: AmqpGroupLockOptions) {
    this.options = options;
    this.logger = options.logger.child({ component: 'group-lock' });
  }

  async tryAcquire(key: GroupKey): Promise<GroupLease | undefined> {
    if (this.closed) throw AppError.nonRetryable('unavailable', 'the group lock is closed');
    const name = groupQueueName(this.options.prefix, 'lock', key, hash);
    if (this.held.has(name)) return undefined;
    this.held.add(name);
    try {
      const session = await this.connect();
      if (!(await this.declareExclusive(session, name))) {
        this.held.delete(name);
        return undefined;
      }
      return this.lease(session, key, name);
    } catch (error) {
      this.held.delete(name);
      throw AppError.retryable('unavailable', `group lock: ${ensureAppError(error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    if (session === null) return;
    const open = await session.catch(() => null);
    if (open === null || open.closed) return;
    this.loseAll(open, 'the group lock was closed');
    await open.model.close().catch(() => undefined);
  }

  private connect(): Promise<Session> {
    this.session ??= this.openSession().catch((error: unknown) => {
      this.session = null;
      throw error;
    });
    return this.session;
  }

  private async openSession(): Promise<Session> {
    // The broker releases a dead holder's locks when it notices the connection is gone: keep that quick.
    const model = await connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 10), {
      noDelay: true,
      clientProperties: { connection_name: this.options.connectionName ?? 'kelp-group-lock' },
    });
    model.on('error', (error: Error) => this.logger.warn('group-lock-connection-error', { error: error.message }));
    const stable = await model.createConfirmChannel();
    const session: Session = {
      model,
      stable,
      probe: null,
      probeTail: Promise.resolve(),
      leases: new Set(),
      recordQueues: new Set(),
      recordExchange: null,
      closed: false,
    };
    stable.on('error', (error: Error) => this.logger.warn('group-lock-channel-error', { error: error.message }));
    // A record or release failure closed the channel: start over on a new connection rather than limp on.
    stable.on('close', () => {
      if (!session.closed) void model.close().catch(() => undefined);
    });
    model.on('close', () => {
      session.closed = true;
      if (this.active === session) {
        this.active = null;
        this.session = null;
      }
      this.loseAll(session, 'the group lock connection closed');
    });
    this.active = session;
    this.logger.info('group-lock-connected', { url: redactUrl(this.options.url) });
    return session;
  }

  private loseAll(session: Session, why: string): void {
    for (const controller of session.leases) controller.abort(new Error(why));
    if (session.leases.size > 0) this.logger.warn('group-locks-lost', { count: session.leases.size, why });
    session.leases.clear();
  }

  /** True when this connection now holds the exclusive queue; false when another connection does. */
  private declareExclusive(session: Session, name: string): Promise<boolean> {
    const attempt = session.probeTail.then(async () => {
      if (session.probe === null) {
        const created = session.model.createChannel().then((channel) => {
          channel.on('error', () => undefined); // 405 is an expected answer here
          channel.on('close', () => {
            if (session.probe === created) session.probe = null;
          });
          return channel;
        });
        session.probe = created;
      }
      const channel = await session.probe;
      try {
        await channel.assertQueue(name, { exclusive: true, durable: false, autoDelete: false });
        return true;
      } catch (error) {
        session.probe = null;
        if (isResourceLocked(error)) return false;
        throw error;
      }
    });
    session.probeTail = attempt.catch(() => undefined);
    return attempt;
  }

  private lease(session: Session, key: GroupKey, lockName: string): GroupLease {
    const controller = new AbortController();
    if (session.closed) controller.abort(new Error('the group lock connection closed'));
    else session.leases.add(controller);
    const recordName = groupQueueName(this.options.prefix, 'group', key, hash);
    let released = false;
    const assertHeld = (): void => {
      if (released || controller.signal.aborted) throw AppError.nonRetryable('conflict', 'group lock not held');
    };
    return {
      key,
      signal: controller.signal,
      readRecord: async () => {
        assertHeld();
        await this.ensureRecordQueue(session, recordName);
        const message = await session.stable.get(recordName, { noAck: false });
        if (message === false) return undefined;
        session.stable.nack(message, false, true);
        try {
          return JSON.parse(message.content.toString('utf8')) as unknown;
        } catch {
          this.logger.warn('group-record-unreadable', { queue: recordName });
          return undefined;
        }
      },
      writeRecord: async (record) => {
        assertHeld();
        await this.ensureRecordQueue(session, recordName);
        const body = Buffer.from(JSON.stringify(record));
        await new Promise<void>((resolve, reject) => {
          session.stable.publish(
            this.recordExchange,
            recordName,
            body,
            { persistent: true, contentType: 'application/json' },
            (err) =>
              err === null || err === undefined ? resolve() : reject(new Error('the broker refused the group record')),
          );
        });
      },
      release: async () => {
        if (released) return;
        released = true;
        this.held.delete(lockName);
        const lost = controller.signal.aborted;
        session.leases.delete(controller);
        if (lost || session.closed) return;
        await session.stable.deleteQueue(lockName).catch((error: unknown) => {
          this.logger.warn('group-lock-release-failed', { queue: lockName, error: ensureAppError(error).message });
        });
      },
    };
  }

  private get recordExchange(): string {
    return prefixedName(this.options.prefix, EXCHANGES.groupRecords);
  }

  /**
   * Records are published through `<prefix>.group-records`, where each record queue is bound by its own
   * name, never through the default exchange (see Note [Topology]). The exchange is part of the topology;
   * asserting it here (same arguments) also covers a lock used without the bus's topology.
   */
  private async ensureRecordQueue(session: Session, name: string): Promise<void> {
    if (session.recordQueues.has(name)) return;
    session.recordExchange ??= session.stable
      .assertExchange(this.recordExchange, 'direct', { durable: true, autoDelete: false })
      .then(() => undefined)
      .catch((error: unknown) => {
        session.recordExchange = null;
        throw error;
      });
    await session.recordExchange;
    await session.stable.assertQueue(name, {
      durable: true,
      arguments: {
        'x-queue-type': 'classic',
        'x-max-length': 1,
        'x-overflow': 'drop-head',
        'x-expires': this.options.recordTtlMs ?? 86_400_000,
      },
    });
    await session.stable.bindQueue(name, this.recordExchange, name);
    if (session.recordQueues.size >= MAX_REMEMBERED_RECORD_QUEUES) session.recordQueues.clear();
    session.recordQueues.add(name);
  }
}
