import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import type { Batch } from '../../../services/load-balancer/src/core/batch.js';
import type { FactEvent } from '../../../services/load-balancer/src/core/lane-facts.js';
import { planBatch } from '../../../services/load-balancer/src/core/plan-batch.js';
import type { WorkItem } from '../../../services/load-balancer/src/core/work-item.js';
import { CLB, LB, LIMITS, addStep, changeStep, item, removeStep, response, transport } from './fixtures.js';
import { dispositions, resultFor, runFlight } from './run-flight.js';

function batchOf(...items: WorkItem[]): Batch {
  const { batch } = planBatch(items, undefined, LIMITS, 0);
  if (batch === null) throw new Error('no batch');
  return batch;
}

const threeAdds = (): Batch =>
  batchOf(item('a', addStep('10.0.0.1')), item('b', addStep('10.0.0.2', '10.0.0.3')), item('c', addStep('10.0.0.4')));

const cases: {
  title: string;
  batch: () => Batch;
  outcomes: RequestOutcome[];
  requests: string[];
  settled: Record<string, string>;
  requeue?: string[];
  facts?: FactEvent[];
}[] = [
  {
    title: 'a merged add that succeeds answers each step applied (retry, done)',
    batch: threeAdds,
    outcomes: [CLB.added({ id: 1, address: '10.0.0.1' })],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'retry/done', b: 'retry/done', c: 'retry/done' },
    facts: [{ kind: 'mutated' }, { kind: 'nodes-added', count: 4 }],
  },
  {
    title: 'a merged add refused as immutable (PENDING_UPDATE) defers every step',
    batch: threeAdds,
    outcomes: [CLB.immutable()],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'deferred 1000', b: 'deferred 1000', c: 'deferred 1000' },
    facts: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)', immutable: true }],
  },
  {
    title: "a merged add refused with the simulator's PENDING-UPDATE spelling defers too",
    batch: threeAdds,
    outcomes: [CLB.immutable('PENDING-UPDATE')],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'deferred 1000', b: 'deferred 1000', c: 'deferred 1000' },
    facts: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable (PENDING-UPDATE)', immutable: true }],
  },
  {
    title: 'a step retried maxAttempts times is answered instead of deferred',
    batch: () =>
      batchOf(item('a', addStep('10.0.0.1'), { attempt: 3 }), item('b', addStep('10.0.0.2'), { attempt: 2 })),
    outcomes: [CLB.immutable()],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'retry', b: 'deferred 1000' },
    facts: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)', immutable: true }],
  },
  {
    title: 'a CLB immutable in ERROR is an answer, not a deferral',
    batch: threeAdds,
    outcomes: [CLB.immutable('ERROR')],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'retry', b: 'retry', c: 'retry' },
  },
  {
    title: 'a rate limit defers by its Retry-After',
    batch: threeAdds,
    outcomes: [CLB.overLimit('3')],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'deferred 3000', b: 'deferred 3000', c: 'deferred 3000' },
    facts: [{ kind: 'refused', delayMs: 3000, reason: 'rate limited', immutable: false }],
  },
  {
    title: 'a missing CLB fails every add',
    batch: threeAdds,
    outcomes: [CLB.notFound()],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'failure', b: 'failure', c: 'failure' },
  },
  {
    title: 'a CLB being deleted fails every add',
    batch: threeAdds,
    outcomes: [CLB.immutable('PENDING_DELETE')],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'failure', b: 'failure', c: 'failure' },
  },
  {
    title: 'a transport error retries every add',
    batch: threeAdds,
    outcomes: [transport],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'retry', b: 'retry', c: 'retry' },
  },
  {
    title: 'a merged add refused as duplicate reads the nodes, answers the duplicates and resends the rest',
    batch: threeAdds,
    outcomes: [CLB.duplicate(), CLB.nodes({ id: 9, address: '10.0.0.3' }), CLB.added()],
    requests: [`POST loadbalancers/${LB}/nodes`, `GET loadbalancers/${LB}/nodes`, `POST loadbalancers/${LB}/nodes`],
    settled: { b: 'retry', a: 'retry/done', c: 'retry/done' },
    facts: [{ kind: 'node-count', count: 1 }, { kind: 'mutated' }, { kind: 'nodes-added', count: 2 }],
  },
  {
    title: 'a one-node step whose node is there counts as done after the duplicate probe',
    batch: threeAdds,
    outcomes: [CLB.duplicate(), CLB.nodes({ id: 9, address: '10.0.0.1' }), CLB.added()],
    requests: [`POST loadbalancers/${LB}/nodes`, `GET loadbalancers/${LB}/nodes`, `POST loadbalancers/${LB}/nodes`],
    settled: { a: 'retry/done', b: 'retry/done', c: 'retry/done' },
    facts: [{ kind: 'node-count', count: 1 }, { kind: 'mutated' }, { kind: 'nodes-added', count: 3 }],
  },
  {
    title: 'a duplicate again after the probe sends the steps one by one',
    batch: threeAdds,
    outcomes: [CLB.duplicate(), CLB.nodes(), CLB.duplicate()],
    requests: [`POST loadbalancers/${LB}/nodes`, `GET loadbalancers/${LB}/nodes`, `POST loadbalancers/${LB}/nodes`],
    settled: {},
    requeue: ['a alone', 'b alone', 'c alone'],
    facts: [{ kind: 'node-count', count: 0 }],
  },
  {
    title: 'a failed duplicate probe sends the steps one by one',
    batch: threeAdds,
    outcomes: [CLB.duplicate(), transport],
    requests: [`POST loadbalancers/${LB}/nodes`, `GET loadbalancers/${LB}/nodes`],
    settled: {},
    requeue: ['a alone', 'b alone', 'c alone'],
  },
  {
    title: 'a merged add over the node limit sends the steps one by one and learns the limit',
    batch: threeAdds,
    outcomes: [CLB.nodeLimit(20)],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: {},
    requeue: ['a alone', 'b alone', 'c alone'],
    facts: [{ kind: 'node-limit', limit: 20 }],
  },
  {
    title: 'a lone add over the node limit fails',
    batch: () => batchOf(item('a', addStep('10.0.0.1'))),
    outcomes: [CLB.nodeLimit(25)],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: { a: 'failure' },
    facts: [{ kind: 'node-limit', limit: 25 }],
  },
  {
    title: 'a merged add answered with an unknown 400 sends the steps one by one',
    batch: threeAdds,
    outcomes: [response(400, { message: 'Invalid node' })],
    requests: [`POST loadbalancers/${LB}/nodes`],
    settled: {},
    requeue: ['a alone', 'b alone', 'c alone'],
  },
  {
    title: 'a merged removal removes every id and answers success',
    batch: () => batchOf(item('a', removeStep('1', '2')), item('b', removeStep('3'))),
    outcomes: [response(202)],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2&id=3`],
    settled: { a: 'success/done', b: 'success/done' },
    facts: [{ kind: 'mutated' }, { kind: 'nodes-removed', ids: ['1', '2', '3'], applied: true }],
  },
  {
    title: 'a removal of more than 10 ids goes back to the lane with the rest',
    batch: () => batchOf(item('a', removeStep('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'))),
    outcomes: [response(202)],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2&id=3&id=4&id=5&id=6&id=7&id=8&id=9&id=10`],
    settled: {},
    requeue: ['a'],
    facts: [
      { kind: 'mutated' },
      { kind: 'nodes-removed', ids: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], applied: true },
    ],
  },
  {
    title: 'ids CLB says are not on the LB are dropped and the rest resent',
    batch: () => batchOf(item('a', removeStep('1', '2')), item('b', removeStep('3'))),
    outcomes: [CLB.notOnLb('1', '3'), response(202)],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2&id=3`, `DELETE loadbalancers/${LB}/nodes?id=2`],
    settled: { b: 'success/done', a: 'success/done' },
    facts: [
      { kind: 'nodes-removed', ids: ['1', '3'], applied: false },
      { kind: 'mutated' },
      { kind: 'nodes-removed', ids: ['2'], applied: true },
    ],
  },
  {
    title: 'a removal whose ids are all gone is answered without resending',
    batch: () => batchOf(item('a', removeStep('1', '2'))),
    outcomes: [CLB.notOnLb('1', '2')],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2`],
    settled: { a: 'success/done' },
    facts: [{ kind: 'nodes-removed', ids: ['1', '2'], applied: false }],
  },
  {
    title: 'a removal from a CLB that is not ACTIVE is deferred',
    batch: () => batchOf(item('a', removeStep('1')), item('b', removeStep('2'))),
    outcomes: [CLB.notActive()],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2`],
    settled: { a: 'deferred 1000', b: 'deferred 1000' },
    facts: [{ kind: 'refused', delayMs: 1000, reason: 'CLB not ACTIVE', immutable: true }],
  },
  {
    title: 'a removal from a deleted CLB counts as done, ids not sent yet included',
    batch: () => batchOf(item('a', removeStep('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'))),
    outcomes: [CLB.notFound()],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2&id=3&id=4&id=5&id=6&id=7&id=8&id=9&id=10`],
    settled: { a: 'success/done' },
  },
  {
    title: 'a removal from a CLB marked deleted counts as done',
    batch: () => batchOf(item('a', removeStep('1'))),
    outcomes: [CLB.deleted()],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1`],
    settled: { a: 'success/done' },
  },
  {
    title: 'a removal answered 500 retries',
    batch: () => batchOf(item('a', removeStep('1')), item('b', removeStep('2'))),
    outcomes: [response(500, 'boom')],
    requests: [`DELETE loadbalancers/${LB}/nodes?id=1&id=2`],
    settled: { a: 'retry', b: 'retry' },
  },
  {
    title: 'a node change is applied (retry, done)',
    batch: () => batchOf(item('a', changeStep('7'))),
    outcomes: [response(202)],
    requests: [`PUT loadbalancers/${LB}/nodes/7`],
    settled: { a: 'retry/done' },
    facts: [{ kind: 'mutated' }],
  },
  {
    title: 'a node change on an immutable CLB is deferred',
    batch: () => batchOf(item('a', changeStep('7'))),
    outcomes: [CLB.immutable()],
    requests: [`PUT loadbalancers/${LB}/nodes/7`],
    settled: { a: 'deferred 1000' },
    facts: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)', immutable: true }],
  },
  {
    title: 'a change of a missing node fails',
    batch: () => batchOf(item('a', changeStep('7'))),
    outcomes: [response(404, { message: 'Node not found', code: 404 })],
    requests: [`PUT loadbalancers/${LB}/nodes/7`],
    settled: { a: 'failure' },
  },
];

for (const c of cases) {
  test(`CLB flight: ${c.title}`, (t) => {
    const run = runFlight(c.batch(), c.outcomes);
    t.deepEqual(
      {
        requests: run.requests,
        settled: dispositions(run.done),
        requeue: run.done.requeue.map((i) => (i.isolated === true ? `${i.id} alone` : i.id)),
        facts: run.done.facts,
      },
      { requests: c.requests, settled: c.settled, requeue: c.requeue ?? [], facts: c.facts ?? [] },
    );
  });
}

test('CLB flight: each merged add member gets only its own created nodes', (t) => {
  const run = runFlight(threeAdds(), [
    CLB.added(
      { id: 1, address: '10.0.0.1' },
      { id: 2, address: '10.0.0.2' },
      { id: 3, address: '10.0.0.3' },
      { id: 4, address: '10.0.0.4' },
    ),
  ]);
  t.deepEqual(resultFor(run.done, 'b')?.output, {
    nodes: [
      { id: '2', address: '10.0.0.2', port: 80 },
      { id: '3', address: '10.0.0.3', port: 80 },
    ],
  });
  t.deepEqual(resultFor(run.done, 'a')?.output, { nodes: [{ id: '1', address: '10.0.0.1', port: 80 }] });
});

test('CLB flight: a missing CLB fails each add with the user-facing text', (t) => {
  const run = runFlight(threeAdds(), [CLB.notFound()]);
  t.deepEqual(
    resultFor(run.done, 'a')?.reasons.map((r) => [r.text, r.userFacing]),
    [[`Cloud Load Balancer does not exist: ${LB}`, true]],
  );
});

test('CLB flight: the merged add carries every member node in arrival order', (t) => {
  const run = runFlight(threeAdds(), [CLB.added()]);
  t.deepEqual(run.bodies[0], {
    nodes: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((address) => ({ address, port: 80 })),
  });
});

test('CLB flight: a removal going back to the lane keeps only the ids still to remove', (t) => {
  const run = runFlight(batchOf(item('a', removeStep('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'))), [
    response(202),
  ]);
  const step = run.done.requeue[0]?.step;
  t.deepEqual(step?.type === 'RemoveNodesFromCLB' ? step.nodeIds : null, ['11', '12']);
});
