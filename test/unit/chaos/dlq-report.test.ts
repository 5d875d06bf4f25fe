import test from 'ava';
import {
  reasonKey,
  summariseDeadLetters,
  type DeadLetter,
  type SentHostile,
} from '../../../test/chaos/core/dlq-report.js';

const SENT = new Map<string, SentHostile>([
  ['a', { queue: 'q', category: 'invalid-json', variant: 'truncated' }],
  ['b', { queue: 'q', category: 'huge-array', variant: 'deep-nesting' }],
  ['c', { queue: 'q', category: 'oversize', variant: 'padded-payload' }],
  ['d', { queue: 'q', category: 'unknown-type', variant: 'fake-name' }],
]);

const letter = (chaosId: string | null, reason: string, validId: string | null = null): DeadLetter => ({
  dlq: 'q',
  chaosId,
  validId,
  reason,
  bytes: 1,
});

test('summariseDeadLetters matches DLQ copies to what was sent', (t) => {
  const report = summariseDeadLetters(
    SENT,
    [
      letter('a', 'invalid-json: Unexpected token'),
      letter('a', 'invalid-json: Unexpected token'),
      letter('b', 'delivery_limit'),
      letter('d', 'unknown'),
      letter(null, 'schema: x', 'v1'),
      letter('zzz', 'schema: x'),
    ],
    new Set(['v1']),
  );
  t.deepEqual(report, {
    byQueue: { q: { sent: 4, kelp: 2, broker: 1, missing: 1 } },
    deadLettered: 3,
    missing: [{ id: 'c', queue: 'q', category: 'oversize', variant: 'padded-payload' }],
    duplicates: 1,
    withoutReason: ['d'],
    brokerDeadLettered: { 'huge-array/deep-nesting': 1 },
    validDeadLettered: ['v1'],
    unmatched: 1,
    reasonsByCategory: {
      'invalid-json': { 'invalid-json': 1 },
      'huge-array': { delivery_limit: 1 },
      'unknown-type': { unknown: 1 },
    },
  });
});

test('reasonKey keeps the reason up to its colon, at most three words', (t) => {
  t.deepEqual(
    [
      reasonKey('invalid-json: Unexpected token'),
      reasonKey('unknown auth request type "x"'),
      reasonKey('delivery_limit'),
    ],
    ['invalid-json', 'unknown auth request', 'delivery_limit'],
  );
});
