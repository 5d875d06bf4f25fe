import test from 'ava';
import type { HandlerOutcome, MessageHandler } from '../../../shared/amqp/bus.js';
import type { BusObserver } from '../../../shared/amqp/bus-observer.js';
import { processDelivery, type DeliverySettler } from '../../../shared/amqp/process-delivery.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

const envelope = buildEnvelope({ type: 'step', tenantId: 't', jobId: 'j', payload: {} }, 'm-1', new Date(0));
const body = Buffer.from(JSON.stringify(envelope));

/** Records every settle call in order; publishes fail when told to. */
function recordingSettler(options: { failPublish?: boolean } = {}): { settler: DeliverySettler; calls: string[] } {
  const calls: string[] = [];
  const publish = (call: string): Promise<void> => {
    calls.push(call);
    return options.failPublish === true ? Promise.reject(new Error('channel closed')) : Promise.resolve();
  };
  return {
    calls,
    settler: {
      ack: () => void calls.push('ack'),
      fail: () => void calls.push('fail'),
      requeue: () => void calls.push('requeue'),
      retry: (copy: Envelope, delayMs: number) => publish(`retry attempt=${copy.attempt} delay=${delayMs}`),
      deadLetter: (reason: string) => publish(`dead-letter ${reason}`),
      reply: () => Promise.resolve(true),
    },
  };
}

function recordingObserver(): { observer: BusObserver; events: string[] } {
  const events: string[] = [];
  return {
    events,
    observer: {
      consumed: (queue, result) => void events.push(`consumed ${queue} ${result}`),
      retried: (queue) => void events.push(`retried ${queue}`),
      deadLettered: (queue, kind) => void events.push(`dead-lettered ${queue} ${kind}`),
    },
  };
}

async function run(handler: MessageHandler, input: Buffer = body, failPublish = false) {
  const { settler, calls } = recordingSettler({ failPublish });
  const { observer, events } = recordingObserver();
  const logger = new RecordingLogger();
  const result = await processDelivery(
    { queue: QUEUES.lbSteps, body: input, redelivered: false, deliveryCount: 0 },
    settler,
    { handler, maxMessageBytes: 10_000, logger, observer },
  );
  return { result, calls, events, logs: logger.messages() };
}

const outcomes: ReadonlyArray<readonly [string, HandlerOutcome, string[]]> = [
  ['ack acks', { action: 'ack' }, ['ack']],
  ['requeue nacks with requeue', { action: 'requeue' }, ['requeue']],
  [
    'retry publishes attempt + 1, then acks',
    { action: 'retry', delayMs: 500, reason: 'busy' },
    ['retry attempt=1 delay=500', 'ack'],
  ],
  [
    'a retry with a NaN delay retries at once',
    { action: 'retry', delayMs: Number.NaN, reason: 'x' },
    ['retry attempt=1 delay=0', 'ack'],
  ],
  [
    'dead-letter publishes with the reason, then acks',
    { action: 'dead-letter', reason: 'gone' },
    ['dead-letter gone', 'ack'],
  ],
];
for (const [name, outcome, expected] of outcomes) {
  test(`processDelivery: ${name}`, async (t) => {
    const { calls } = await run(() => Promise.resolve(outcome));
    t.deepEqual(calls, expected);
  });
}

test('processDelivery: a handler that throws fails the delivery (reject with requeue) and logs it', async (t) => {
  const { result, calls, events, logs } = await run(() => Promise.reject(new Error('boom')));
  t.deepEqual(
    { result, calls, events, logs },
    {
      result: 'failed',
      calls: ['fail'],
      events: ['consumed kelp.lb.steps failed'],
      logs: ['handler-failed'],
    },
  );
});

test('processDelivery: a failed retry publish fails the delivery instead of acking it', async (t) => {
  const { result, calls } = await run(() => Promise.resolve({ action: 'retry', delayMs: 1, reason: 'x' }), body, true);
  t.deepEqual({ result, calls }, { result: 'failed', calls: ['retry attempt=1 delay=1', 'fail'] });
});

test('processDelivery: an invalid body is dead-lettered unread and the handler never runs', async (t) => {
  let ran = false;
  const { result, calls, events } = await run(
    () => ((ran = true), Promise.resolve({ action: 'ack' })),
    Buffer.from('nope'),
  );
  t.false(ran);
  t.is(result, 'invalid');
  t.is(calls.length, 2);
  t.regex(calls[0] ?? '', /^dead-letter invalid-json: /);
  t.is(calls[1], 'ack');
  t.deepEqual(events, ['dead-lettered kelp.lb.steps invalid-json', 'consumed kelp.lb.steps invalid']);
});

test('processDelivery: an outcome outside the union fails the delivery', async (t) => {
  const { result, calls } = await run(() => Promise.resolve({ action: 'explode' } as unknown as HandlerOutcome));
  t.deepEqual({ result, calls }, { result: 'failed', calls: ['fail'] });
});

test('processDelivery: observer counts retries and handler dead-letters', async (t) => {
  const retry = await run(() => Promise.resolve({ action: 'retry', delayMs: 5, reason: 'x' }));
  const dead = await run(() => Promise.resolve({ action: 'dead-letter', reason: 'x' }));
  t.deepEqual(
    [retry.events, dead.events],
    [
      ['retried kelp.lb.steps', 'consumed kelp.lb.steps retry'],
      ['dead-lettered kelp.lb.steps handler', 'consumed kelp.lb.steps dead-letter'],
    ],
  );
});
