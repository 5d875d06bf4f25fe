import { AppError } from '../errors/app-error.js';
import { EXCHANGES, HEADERS, WORK_QUEUES, type WorkQueue } from '../messages/routing.js';
import { DEFAULT_DELAY_TIERS_MS, delayTierName, normaliseDelayTiers } from './delay-tiers.js';

/**
 * Note [Topology]: every name below is derived from a prefix (default `kelp`, which yields exactly the
 * names in `routing.ts`), so tests can declare a private copy of the whole topology side by side.
 *
 * - each work queue: a durable quorum queue with an explicit delivery limit (3.10 has no default,
 *   4.x defaults to 20), at-least-once dead-lettering into `<p>.dlx` (which requires
 *   `x-overflow: reject-publish`), plus a direct exchange of the same name bound with the queue name;
 * - `<queue>.dlq`: a durable quorum queue bound on `<p>.dlx` with the work queue's name. No
 *   `x-dead-letter-routing-key` is set anywhere, so a dead-lettered message keeps its routing key
 *   (the work queue name) and lands in that queue's DLQ;
 * - delay tiers `<p>.delay.<tier>`: quorum hold queues with `x-message-ttl`, bound on the headers
 *   exchange `<p>.delay` by `x-kelp-delay-tier`, dead-lettering on expiry into `<p>.redeliver`,
 *   where each work queue is bound by its own name: a retry is published to `<p>.delay` with the work
 *   queue's name as routing key and comes back to that queue after the tier's TTL. The bindings use
 *   `x-match: all-with-x` because plain `all` ignores `x-` headers and would match every tier
 *   (verified on 3.10.8: `all` copied a retry into each tier, `all-with-x` routes to exactly one);
 * - `<p>.events`: the topic exchange for job events;
 * - `<p>.replies` and `<p>.group-records`: direct exchanges where a process binds its own RPC reply queue
 *   (`<p>.reply.<id>`, exclusive) and the supervisor its group-record queues (`<p>.group.*`), each by its
 *   own name. Nothing is published to the default exchange, so no broker user needs `write` on
 *   `amq.default` — which would let it route into every queue by name (Note [Broker permissions]).
 */
export const DEFAULT_PREFIX = 'kelp';
export const DEFAULT_DELIVERY_LIMIT = 5;

export interface TopologyOptions {
  /** Replaces the leading `kelp` of every name. Letters, digits, `.`, `_`, `-`; not `amq.*`. */
  readonly prefix?: string;
  /** Deliveries after the first before a quorum queue dead-letters a message (`x-delivery-limit`). */
  readonly deliveryLimit?: number;
  readonly delayTiersMs?: readonly number[];
  /** The work queues to declare (default: all of `WORK_QUEUES`). */
  readonly queues?: readonly WorkQueue[];
}

export type ArgumentValue = string | number;

export interface ExchangeDeclaration {
  readonly name: string;
  readonly type: 'direct' | 'topic' | 'headers';
  readonly options: { readonly durable: true; readonly autoDelete: false };
}

export interface QueueDeclaration {
  readonly name: string;
  readonly options: { readonly durable: true; readonly arguments: Readonly<Record<string, ArgumentValue>> };
}

export interface BindingDeclaration {
  readonly queue: string;
  readonly exchange: string;
  readonly pattern: string;
  readonly args: Readonly<Record<string, ArgumentValue>>;
}

export interface WorkQueueNames {
  readonly logical: WorkQueue;
  /** The physical queue, and also the name of its direct exchange and its routing key. */
  readonly queue: string;
  readonly deadLetterQueue: string;
}

export interface DelayTier {
  readonly ms: number;
  /** Header value selecting the tier, e.g. `500ms`. */
  readonly name: string;
  readonly queue: string;
}

export interface Topology {
  readonly prefix: string;
  readonly deliveryLimit: number;
  readonly exchanges: {
    readonly events: string;
    readonly delay: string;
    readonly redeliver: string;
    readonly deadLetter: string;
    readonly replies: string;
    readonly groupRecords: string;
  };
  /** Prefix of the RPC reply queues (`<p>.reply`); a process's reply queue is `<p>.reply.<random id>`. */
  readonly replyQueuePrefix: string;
  readonly workQueues: readonly WorkQueueNames[];
  readonly delayTiers: readonly DelayTier[];
  /** Everything to declare, in order: exchanges, then queues, then bindings. */
  readonly exchangeDeclarations: readonly ExchangeDeclaration[];
  readonly queueDeclarations: readonly QueueDeclaration[];
  readonly bindings: readonly BindingDeclaration[];
}

const PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `kelp.lb.steps` under prefix `t1` is `t1.lb.steps`; the default prefix maps every name to itself. */
export function prefixedName(prefix: string, logical: string): string {
  const rest = logical.startsWith(`${DEFAULT_PREFIX}.`) ? logical.slice(DEFAULT_PREFIX.length + 1) : logical;
  return `${prefix}.${rest}`;
}

/** Builds the whole topology as data. Throws AppError kind `config` on invalid options. */
export function createTopology(options: TopologyOptions = {}): Topology {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(prefix) || prefix.startsWith('amq.')) {
    throw new AppError('config', `invalid topology prefix: ${JSON.stringify(prefix)}`);
  }
  const deliveryLimit = options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
  if (!Number.isInteger(deliveryLimit) || deliveryLimit < 1) {
    throw new AppError('config', `delivery limit must be a positive integer: ${deliveryLimit}`);
  }
  const tiersMs = normaliseDelayTiers(options.delayTiersMs ?? DEFAULT_DELAY_TIERS_MS);
  const exchanges = {
    events: prefixedName(prefix, EXCHANGES.events),
    delay: prefixedName(prefix, EXCHANGES.delay),
    redeliver: prefixedName(prefix, EXCHANGES.redeliver),
    deadLetter: prefixedName(prefix, EXCHANGES.deadLetter),
    replies: prefixedName(prefix, EXCHANGES.replies),
    groupRecords: prefixedName(prefix, EXCHANGES.groupRecords),
  };
  const workQueues = [...new Set(options.queues ?? WORK_QUEUES)].map((logical): WorkQueueNames => ({
    logical,
    queue: prefixedName(prefix, logical),
    deadLetterQueue: `${prefixedName(prefix, logical)}.dlq`,
  }));
  const delayTiers = tiersMs.map((ms): DelayTier => ({
    ms,
    name: delayTierName(ms),
    queue: `${exchanges.delay}.${delayTierName(ms)}`,
  }));
  const deadLetterArgs = {
    'x-dead-letter-exchange': exchanges.deadLetter,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
  return {
    prefix,
    deliveryLimit,
    exchanges,
    replyQueuePrefix: `${prefix}.reply`,
    workQueues,
    delayTiers,
    exchangeDeclarations: [
      exchange(exchanges.events, 'topic'),
      exchange(exchanges.delay, 'headers'),
      exchange(exchanges.redeliver, 'direct'),
      exchange(exchanges.deadLetter, 'direct'),
      exchange(exchanges.replies, 'direct'),
      exchange(exchanges.groupRecords, 'direct'),
      ...workQueues.map((names) => exchange(names.queue, 'direct')),
    ],
    queueDeclarations: [
      ...workQueues.flatMap((names) => [
        quorumQueue(names.queue, { 'x-delivery-limit': deliveryLimit, ...deadLetterArgs }),
        quorumQueue(names.deadLetterQueue, {}),
      ]),
      ...delayTiers.map((tier) =>
        quorumQueue(tier.queue, {
          'x-message-ttl': tier.ms,
          'x-dead-letter-exchange': exchanges.redeliver,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        }),
      ),
    ],
    bindings: [
      ...workQueues.flatMap((names) => [
        binding(names.queue, names.queue, names.queue),
        binding(names.queue, exchanges.redeliver, names.queue),
        binding(names.deadLetterQueue, exchanges.deadLetter, names.queue),
      ]),
      ...delayTiers.map((tier) =>
        binding(tier.queue, exchanges.delay, '', { 'x-match': 'all-with-x', [HEADERS.delayTier]: tier.name }),
      ),
    ],
  };
}

/** The physical names of a logical work queue; throws AppError `internal` when it was not declared. */
export function workQueueNames(topology: Topology, logical: WorkQueue): WorkQueueNames {
  const names = topology.workQueues.find((candidate) => candidate.logical === logical);
  if (names === undefined) {
    throw new AppError('internal', `work queue ${logical} is not part of this bus's topology`);
  }
  return names;
}

/** The tier whose hold time is `ms`, if the topology has one. */
export function delayTierOf(topology: Topology, ms: number): DelayTier | undefined {
  return topology.delayTiers.find((tier) => tier.ms === ms);
}

function exchange(name: string, type: ExchangeDeclaration['type']): ExchangeDeclaration {
  return { name, type, options: { durable: true, autoDelete: false } };
}

function quorumQueue(name: string, args: Readonly<Record<string, ArgumentValue>>): QueueDeclaration {
  return { name, options: { durable: true, arguments: { 'x-queue-type': 'quorum', ...args } } };
}

function binding(
  queue: string,
  exchangeName: string,
  pattern: string,
  args: Readonly<Record<string, ArgumentValue>> = {},
): BindingDeclaration {
  return { queue, exchange: exchangeName, pattern, args };
}
