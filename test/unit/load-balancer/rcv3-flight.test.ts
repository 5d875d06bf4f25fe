import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import type { Batch } from '../../../services/load-balancer/src/core/batch.js';
import type { FactEvent } from '../../../services/load-balancer/src/core/lane-facts.js';
import { planBatch } from '../../../services/load-balancer/src/core/plan-batch.js';
import type { WorkItem } from '../../../services/load-balancer/src/core/work-item.js';
import { LIMITS, RCV3, item, rcv3Add, rcv3Remove, response, transport } from './fixtures.js';
import { dispositions, resultFor, runFlight } from './run-flight.js';

function batchOf(...items: WorkItem[]): Batch {
  const { batch } = planBatch(items, undefined, LIMITS, 0);
  if (batch === null) throw new Error('no batch');
  return batch;
}

const P1 = 'aaaaaaaa-0000-0000-0000-000000000001';
const P2 = 'aaaaaaaa-0000-0000-0000-000000000002';

/** The (pool, server) pairs a bulk request body carries. */
function pairsIn(body: unknown): string[] {
  return (body as { cloud_server: { id: string }; load_balancer_pool: { id: string } }[]).map(
    (entry) => `${entry.load_balancer_pool.id.slice(-1)}/${entry.cloud_server.id}`,
  );
}

const adds = (): Batch =>
  batchOf(item('a', rcv3Add([P1, 's1'], [P1, 's2'])), item('b', rcv3Add([P1, 's3'])), item('c', rcv3Add([P2, 's4'])));

const cases: {
  title: string;
  batch: () => Batch;
  outcomes: RequestOutcome[];
  sent: string[][];
  settled: Record<string, string>;
  requeue?: string[];
  facts?: FactEvent[];
}[] = [
  {
    title: 'a merged bulk add that succeeds answers each step applied',
    batch: adds,
    outcomes: [RCV3.created([P1, 's1'], [P1, 's2'], [P1, 's3'], [P2, 's4'])],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: { a: 'retry/done', b: 'retry/done', c: 'retry/done' },
  },
  {
    title: 'an already-member pair is dropped and the rest resent together',
    batch: adds,
    outcomes: [RCV3.conflict(RCV3.already('s2', P1)), RCV3.created([P1, 's1'], [P1, 's3'], [P2, 's4'])],
    sent: [
      ['1/s1', '1/s2', '1/s3', '2/s4'],
      ['1/s1', '1/s3', '2/s4'],
    ],
    settled: { a: 'retry/done', b: 'retry/done', c: 'retry/done' },
  },
  {
    title: 'a step whose pairs are all members already is done without a resend of its pairs',
    batch: adds,
    outcomes: [RCV3.conflict(RCV3.already('s3', P1)), RCV3.created([P1, 's1'], [P1, 's2'], [P2, 's4'])],
    sent: [
      ['1/s1', '1/s2', '1/s3', '2/s4'],
      ['1/s1', '1/s2', '2/s4'],
    ],
    settled: { b: 'retry/done', a: 'retry/done', c: 'retry/done' },
  },
  {
    title: 'a pool reported inactive fails only the steps with pairs in it',
    batch: adds,
    outcomes: [RCV3.conflict(RCV3.inactive(P2)), RCV3.created([P1, 's1'], [P1, 's2'], [P1, 's3'])],
    sent: [
      ['1/s1', '1/s2', '1/s3', '2/s4'],
      ['1/s1', '1/s2', '1/s3'],
    ],
    settled: { c: 'failure', a: 'retry/done', b: 'retry/done' },
  },
  {
    title: 'a missing pool (upper-case in the answer) fails the steps using it',
    batch: adds,
    outcomes: [RCV3.conflict(RCV3.missing(P1.toUpperCase())), RCV3.created([P2, 's4'])],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4'], ['2/s4']],
    settled: { a: 'failure', b: 'failure', c: 'retry/done' },
  },
  {
    title: 'an unknown 409 text retries every step',
    batch: adds,
    outcomes: [RCV3.conflict('Something odd happened')],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: { a: 'retry', b: 'retry', c: 'retry' },
  },
  {
    title: 'a 409 naming only pairs that were not sent retries every step rather than loop',
    batch: adds,
    outcomes: [RCV3.conflict(RCV3.already('s9', P1))],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: { a: 'retry', b: 'retry', c: 'retry' },
  },
  {
    title: 'a merged bulk call answered 400 sends the steps one by one',
    batch: adds,
    outcomes: [response(400, 'The input was not in the correct format.')],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: {},
    requeue: ['a alone', 'b alone', 'c alone'],
  },
  {
    title: 'a rate-limited bulk call defers every step',
    batch: adds,
    outcomes: [response(429, null, { 'retry-after': '2' })],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: { a: 'deferred 2000', b: 'deferred 2000', c: 'deferred 2000' },
    facts: [{ kind: 'refused', delayMs: 2000, reason: 'rate limited', immutable: false }],
  },
  {
    title: 'a transport error retries every step',
    batch: adds,
    outcomes: [transport],
    sent: [['1/s1', '1/s2', '1/s3', '2/s4']],
    settled: { a: 'retry', b: 'retry', c: 'retry' },
  },
  {
    title: 'a merged bulk remove that succeeds answers each step applied',
    batch: () => batchOf(item('a', rcv3Remove([P1, 's1'])), item('b', rcv3Remove([P1, 's2']))),
    outcomes: [response(204)],
    sent: [['1/s1', '1/s2']],
    settled: { a: 'retry/done', b: 'retry/done' },
  },
  {
    title: 'pairs not members any more are dropped from a remove and the rest resent',
    batch: () => batchOf(item('a', rcv3Remove([P1, 's1'])), item('b', rcv3Remove([P1, 's2'], [P2, 's3']))),
    outcomes: [RCV3.conflict(RCV3.notMember('s2', P1)), response(204)],
    sent: [
      ['1/s1', '1/s2', '2/s3'],
      ['1/s1', '2/s3'],
    ],
    settled: { a: 'retry/done', b: 'retry/done' },
  },
  {
    title: 'a pool gone counts as removed for every pair in it',
    batch: () => batchOf(item('a', rcv3Remove([P1, 's1'])), item('b', rcv3Remove([P2, 's2']))),
    outcomes: [RCV3.conflict(RCV3.missing(P1)), response(204)],
    sent: [['1/s1', '2/s2'], ['2/s2']],
    settled: { a: 'retry/done', b: 'retry/done' },
  },
  {
    title: 'an inactive pool fails only the removals in it',
    batch: () => batchOf(item('a', rcv3Remove([P1, 's1'])), item('b', rcv3Remove([P2, 's2']))),
    outcomes: [RCV3.conflict(RCV3.inactive(P1)), response(204)],
    sent: [['1/s1', '2/s2'], ['2/s2']],
    settled: { a: 'failure', b: 'retry/done' },
  },
];

for (const c of cases) {
  test(`RCv3 flight: ${c.title}`, (t) => {
    const run = runFlight(c.batch(), c.outcomes);
    t.deepEqual(
      {
        sent: run.bodies.map(pairsIn),
        settled: dispositions(run.done),
        requeue: run.done.requeue.map((i) => (i.isolated === true ? `${i.id} alone` : i.id)),
        facts: run.done.facts,
      },
      { sent: c.sent, settled: c.settled, requeue: c.requeue ?? [], facts: c.facts ?? [] },
    );
  });
}

test('RCv3 flight: each member gets only its own created nodes, pool ids lower-cased', (t) => {
  const run = runFlight(batchOf(item('a', rcv3Add([P1.toUpperCase(), 's1'])), item('b', rcv3Add([P1, 's2']))), [
    RCV3.created([P1, 's1'], [P1, 's2']),
  ]);
  t.deepEqual(resultFor(run.done, 'a')?.output, { nodes: [{ id: 'node-0', poolId: P1, serverId: 's1' }] });
  t.deepEqual(resultFor(run.done, 'b')?.output, { nodes: [{ id: 'node-1', poolId: P1, serverId: 's2' }] });
});

test('RCv3 flight: the same pair asked by two steps is sent once', (t) => {
  const run = runFlight(batchOf(item('a', rcv3Add([P1, 's1'])), item('b', rcv3Add([P1.toUpperCase(), 's1']))), [
    RCV3.created([P1, 's1']),
  ]);
  t.deepEqual(run.bodies.map(pairsIn), [['1/s1']]);
});

test('RCv3 flight: an inactive pool is a user-facing failure naming the pool', (t) => {
  const run = runFlight(adds(), [RCV3.conflict(RCV3.inactive(P2)), RCV3.created()]);
  t.deepEqual(
    resultFor(run.done, 'c')?.reasons.map((r) => [r.text, r.userFacing]),
    [[`RCv3 LB ${P2} is not active`, true]],
  );
});
