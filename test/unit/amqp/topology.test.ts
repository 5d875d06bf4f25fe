import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import {
  createTopology,
  delayTierOf,
  prefixedName,
  workQueueNames,
  type Topology,
} from '../../../shared/amqp/topology.js';

const small = (): Topology =>
  createTopology({ prefix: 't1', deliveryLimit: 3, delayTiersMs: [1_000, 500], queues: [QUEUES.lbSteps] });

test('createTopology declares the exchanges: events topic, delay headers, redeliver, dlx, replies, group records and one per work queue direct', (t) => {
  t.deepEqual(small().exchangeDeclarations, [
    { name: 't1.events', type: 'topic', options: { durable: true, autoDelete: false } },
    { name: 't1.delay', type: 'headers', options: { durable: true, autoDelete: false } },
    { name: 't1.redeliver', type: 'direct', options: { durable: true, autoDelete: false } },
    { name: 't1.dlx', type: 'direct', options: { durable: true, autoDelete: false } },
    { name: 't1.replies', type: 'direct', options: { durable: true, autoDelete: false } },
    { name: 't1.group-records', type: 'direct', options: { durable: true, autoDelete: false } },
    { name: 't1.lb.steps', type: 'direct', options: { durable: true, autoDelete: false } },
  ]);
});

test('createTopology declares quorum work queues with an explicit delivery limit and at-least-once dead-lettering', (t) => {
  t.deepEqual(small().queueDeclarations, [
    {
      name: 't1.lb.steps',
      options: {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-delivery-limit': 3,
          'x-dead-letter-exchange': 't1.dlx',
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      },
    },
    { name: 't1.lb.steps.dlq', options: { durable: true, arguments: { 'x-queue-type': 'quorum' } } },
    {
      name: 't1.delay.500ms',
      options: {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': 500,
          'x-dead-letter-exchange': 't1.redeliver',
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      },
    },
    {
      name: 't1.delay.1s',
      options: {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': 1_000,
          'x-dead-letter-exchange': 't1.redeliver',
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      },
    },
  ]);
});

test('createTopology never overrides the dead-letter routing key, so messages keep the work queue name', (t) => {
  const args = createTopology().queueDeclarations.flatMap((queue) => Object.keys(queue.options.arguments));
  t.false(args.includes('x-dead-letter-routing-key'));
});

test('createTopology binds each work queue to its exchange and the redeliver exchange, and its DLQ on the dlx', (t) => {
  t.deepEqual(small().bindings, [
    { queue: 't1.lb.steps', exchange: 't1.lb.steps', pattern: 't1.lb.steps', args: {} },
    { queue: 't1.lb.steps', exchange: 't1.redeliver', pattern: 't1.lb.steps', args: {} },
    { queue: 't1.lb.steps.dlq', exchange: 't1.dlx', pattern: 't1.lb.steps', args: {} },
    {
      queue: 't1.delay.500ms',
      exchange: 't1.delay',
      pattern: '',
      args: { 'x-match': 'all-with-x', 'x-kelp-delay-tier': '500ms' },
    },
    {
      queue: 't1.delay.1s',
      exchange: 't1.delay',
      pattern: '',
      args: { 'x-match': 'all-with-x', 'x-kelp-delay-tier': '1s' },
    },
  ]);
});

test('createTopology with the default prefix uses exactly the names in routing.ts', (t) => {
  const topology = createTopology();
  t.deepEqual(topology.exchanges, {
    events: 'kelp.events',
    delay: 'kelp.delay',
    redeliver: 'kelp.redeliver',
    deadLetter: 'kelp.dlx',
    replies: 'kelp.replies',
    groupRecords: 'kelp.group-records',
  });
  t.is(topology.replyQueuePrefix, 'kelp.reply');
  t.deepEqual(
    topology.workQueues.map((names) => [names.logical, names.queue, names.deadLetterQueue]),
    Object.values(QUEUES).map((queue) => [queue, queue, `${queue}.dlq`]),
  );
  t.is(topology.deliveryLimit, 5);
  t.deepEqual(
    topology.delayTiers.map((tier) => tier.queue),
    ['100ms', '500ms', '1s', '2s', '5s', '15s', '30s', '1m', '5m'].map((name) => `kelp.delay.${name}`),
  );
});

const badOptions: ReadonlyArray<readonly [string, Parameters<typeof createTopology>[0]]> = [
  ['an empty prefix', { prefix: '' }],
  ['a prefix with a space', { prefix: 'a b' }],
  ['a reserved amq. prefix', { prefix: 'amq.kelp' }],
  ['a zero delivery limit', { deliveryLimit: 0 }],
  ['a fractional delivery limit', { deliveryLimit: 1.5 }],
  ['a negative delay tier', { delayTiersMs: [-5] }],
  ['no delay tiers', { delayTiersMs: [] }],
];
for (const [name, options] of badOptions) {
  test(`createTopology refuses ${name} with a config error`, (t) => {
    const error = t.throws(() => createTopology(options));
    t.true(AppError.isKind(error, 'config'));
  });
}

test('prefixedName swaps the leading kelp and keeps other names under the prefix', (t) => {
  t.deepEqual(
    [prefixedName('kelp', 'kelp.lb.steps'), prefixedName('x-1', 'kelp.lb.steps'), prefixedName('p', 'other')],
    ['kelp.lb.steps', 'x-1.lb.steps', 'p.other'],
  );
});

test('workQueueNames refuses a queue the topology does not declare', (t) => {
  const error = t.throws(() => workQueueNames(small(), QUEUES.authRpc));
  t.true(AppError.isKind(error, 'internal'));
});

test('delayTierOf finds a tier by its hold time', (t) => {
  t.deepEqual(
    [delayTierOf(small(), 500), delayTierOf(small(), 700)],
    [{ ms: 500, name: '500ms', queue: 't1.delay.500ms' }, undefined],
  );
});
