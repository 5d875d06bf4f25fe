import test from 'ava';
import {
  deadLetterHeaders,
  deadLetterReasonOf,
  delayHeaders,
  deliveryCountOf,
  forwardedHeaders,
  publishPropertiesOf,
  retryCopyOf,
} from '../../../shared/amqp/message-properties.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';

const envelope = buildEnvelope(
  { type: 'create-server', tenantId: 't1', jobId: 'job-1', payload: {} },
  'm-1',
  new Date('2026-01-02T03:04:05.678Z'),
);

test('publishPropertiesOf makes persistent, mandatory JSON with ids from the envelope', (t) => {
  t.deepEqual(publishPropertiesOf(envelope), {
    persistent: true,
    mandatory: true,
    contentType: 'application/json',
    messageId: 'm-1',
    correlationId: 'job-1',
    type: 'create-server',
    timestamp: 1767323045,
  });
});

test('publishPropertiesOf applies overrides for RPC and replies', (t) => {
  t.deepEqual(
    publishPropertiesOf(envelope, {
      mandatory: false,
      correlationId: 'call-7',
      replyTo: 'amq.rabbitmq.reply-to',
      headers: { a: 1 },
    }),
    {
      persistent: true,
      mandatory: false,
      contentType: 'application/json',
      messageId: 'm-1',
      correlationId: 'call-7',
      type: 'create-server',
      timestamp: 1767323045,
      replyTo: 'amq.rabbitmq.reply-to',
      headers: { a: 1 },
    },
  );
});

test('retryCopyOf keeps the envelope and counts one more attempt', (t) => {
  t.deepEqual(retryCopyOf({ ...envelope, attempt: 2 }), { ...envelope, attempt: 3 });
});

const brokerHeaders = {
  'x-death': [{ reason: 'expired', queue: 'kelp.delay.1s' }],
  'x-first-death-reason': 'expired',
  'x-first-death-queue': 'kelp.delay.1s',
  'x-last-death-reason': 'expired',
  'x-delivery-count': 2,
  'x-custom': 'kept',
};

test('forwardedHeaders drops the broker-owned headers and keeps the rest', (t) => {
  t.deepEqual([forwardedHeaders(brokerHeaders), forwardedHeaders(undefined)], [{ 'x-custom': 'kept' }, {}]);
});

test('deadLetterHeaders records reason and queue, truncating a long reason', (t) => {
  t.deepEqual(deadLetterHeaders(brokerHeaders, 'bad payload', 'kelp.lb.steps'), {
    'x-custom': 'kept',
    'x-kelp-dead-letter-reason': 'bad payload',
    'x-kelp-dead-letter-queue': 'kelp.lb.steps',
  });
  const long = deadLetterHeaders(undefined, 'r'.repeat(5_000), 'q')['x-kelp-dead-letter-reason'] as string;
  t.is(long.length, 1000);
});

test('delayHeaders selects the tier and records the attempt', (t) => {
  t.deepEqual(delayHeaders(brokerHeaders, '500ms', 3), {
    'x-custom': 'kept',
    'x-kelp-delay-tier': '500ms',
    'x-kelp-attempt': 3,
  });
});

const reasons: ReadonlyArray<readonly [string, Record<string, unknown> | undefined, string]> = [
  [
    'Kelp reason wins',
    { 'x-kelp-dead-letter-reason': 'schema: id', 'x-death': [{ reason: 'rejected' }] },
    'schema: id',
  ],
  ['Kelp reason as bytes', { 'x-kelp-dead-letter-reason': Buffer.from('oversize') }, 'oversize'],
  ['broker delivery limit', { 'x-death': [{ reason: 'delivery_limit' }, { reason: 'expired' }] }, 'delivery_limit'],
  ['malformed x-death', { 'x-death': ['nonsense'] }, 'unknown'],
  ['no headers', undefined, 'unknown'],
];
for (const [name, headers, expected] of reasons) {
  test(`deadLetterReasonOf: ${name}`, (t) => {
    t.is(deadLetterReasonOf(headers), expected);
  });
}

test('deliveryCountOf reads x-delivery-count and treats anything else as 0', (t) => {
  t.deepEqual(
    [{ 'x-delivery-count': 3 }, { 'x-delivery-count': '3' }, {}, undefined].map((headers) => deliveryCountOf(headers)),
    [3, 0, 0, 0],
  );
});
