import test from 'ava';
import {
  checkPrefetch,
  redactUrl,
  resolveAmqpBusSettings,
  withHeartbeat,
} from '../../../shared/amqp/amqp-bus-options.js';
import { routeFor } from '../../../shared/amqp/amqp-settle-publishing.js';
import { createTopology } from '../../../shared/amqp/topology.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

test('resolveAmqpBusSettings applies the documented defaults', (t) => {
  const settings = resolveAmqpBusSettings({ url: 'amqp://u:secret@127.0.0.1:5672', logger: new RecordingLogger() });
  const { topology, ...rest } = settings;
  t.deepEqual(rest, {
    url: 'amqp://u:secret@127.0.0.1:5672?heartbeat=10',
    safeUrl: 'amqp://127.0.0.1:5672',
    maxMessageBytes: 1024 * 1024,
    connectionName: 'kelp',
    confirmTimeoutMs: 10_000,
    maxInFlightPublishes: 1000,
    reconnectInitialDelayMs: 100,
    reconnectMaxDelayMs: 5_000,
    startRetries: 5,
    declareTopology: true,
  });
  t.is(topology.prefix, 'kelp');
});

test('resolveAmqpBusSettings lists every invalid option in one config error', (t) => {
  const error = t.throws(() =>
    resolveAmqpBusSettings({
      url: 'amqp://127.0.0.1',
      logger: new RecordingLogger(),
      confirmTimeoutMs: 0,
      maxInFlightPublishes: -1,
      startRetries: 1.5,
    }),
  );
  t.true(AppError.isKind(error, 'config'));
  t.is(
    error?.message,
    'invalid bus options: confirmTimeoutMs must be a positive integer (got 0); ' +
      'maxInFlightPublishes must be a positive integer (got -1); startRetries must be a non-negative integer (got 1.5)',
  );
});

test('withHeartbeat adds a heartbeat unless the URL sets one', (t) => {
  t.deepEqual(
    [
      withHeartbeat('amqp://h:5672/vh', 15),
      withHeartbeat('amqp://h:5672/vh?heartbeat=30', 15),
      withHeartbeat('amqp://h?frameMax=8192', 5),
    ],
    ['amqp://h:5672/vh?heartbeat=15', 'amqp://h:5672/vh?heartbeat=30', 'amqp://h?frameMax=8192&heartbeat=5'],
  );
});

test('redactUrl removes credentials and query from URLs used in messages', (t) => {
  t.deepEqual(
    [redactUrl('amqp://user:p%40ss@broker:5672/vh?heartbeat=5'), redactUrl('not a url')],
    ['amqp://broker:5672/vh', '(unparseable AMQP URL)'],
  );
});

test('checkPrefetch accepts 1..65535 and refuses 0 (unbounded)', (t) => {
  t.deepEqual([1, 100, 65_535].map(checkPrefetch), [1, 100, 65_535]);
  for (const bad of [0, -1, 2.5, 65_536])
    t.true(
      AppError.isKind(
        t.throws(() => checkPrefetch(bad)),
        'config',
      ),
    );
});

test('routeFor sends a delayed message through its tier and an immediate one to the queue', (t) => {
  const topology = createTopology({ prefix: 'p', delayTiersMs: [100, 1_000], queues: [QUEUES.lbSteps] });
  t.deepEqual(
    [0, 50, 100, 101, 10_000].map((delay) => routeFor(topology, QUEUES.lbSteps, delay)),
    [
      { exchange: 'p.lb.steps', routingKey: 'p.lb.steps', tierName: null },
      { exchange: 'p.delay', routingKey: 'p.lb.steps', tierName: '100ms' },
      { exchange: 'p.delay', routingKey: 'p.lb.steps', tierName: '100ms' },
      { exchange: 'p.delay', routingKey: 'p.lb.steps', tierName: '1s' },
      { exchange: 'p.delay', routingKey: 'p.lb.steps', tierName: '1s' },
    ],
  );
});
