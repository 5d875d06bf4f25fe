import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { performStep, replay } from '../../../shared/steps/run-step.js';
import type { RemoveNodesFromCLB } from '../../../shared/steps/step.js';
import { clbBody, response, summary } from './outcomes.js';

const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const step = (nodeIds: readonly string[]): RemoveNodesFromCLB => ({ type: 'RemoveNodesFromCLB', lbId: '123', nodeIds });
const notPart = (list: string, text = 'Node ids {} are not a part of your loadbalancer'): RequestOutcome =>
  response(400, {
    validationErrors: { messages: [text.replace('{}', list)] },
    message: 'Validation Failure',
    code: 400,
    details: 'The object is not valid',
  });
const ok = response(202);
const immutable = response(
  422,
  clbBody(422, "Load Balancer '123' has a status of 'PENDING_UPDATE' and is considered immutable."),
);

interface Case {
  readonly name: string;
  readonly nodeIds: readonly string[];
  readonly outcomes: readonly RequestOutcome[];
  /** The `id` query of each request sent, in order. */
  readonly batches: readonly (readonly string[])[];
  readonly result: unknown;
  readonly remaining?: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'removes 23 nodes in three batches',
    nodeIds: ids(1, 23),
    outcomes: [ok, ok, ok],
    batches: [ids(1, 10), ids(11, 20), ids(21, 23)],
    result: { status: 'success', done: true, user: [], errors: [] },
  },
  {
    name: 'resends a batch without the ids CLB says are not on the LB',
    nodeIds: ['1', '2', '3'],
    outcomes: [notPart('2'), ok],
    batches: [
      ['1', '2', '3'],
      ['1', '3'],
    ],
    result: { status: 'success', done: true, user: [], errors: [] },
  },
  {
    name: 'matches the not-a-part text case-insensitively and with "load balancer" in two words',
    nodeIds: ['1', '2', '3'],
    outcomes: [notPart('1,3', 'NODE IDS {} are not a part of your load balancer'), ok],
    batches: [['1', '2', '3'], ['2']],
    result: { status: 'success', done: true, user: [], errors: [] },
  },
  {
    name: 'is done without another request when every id was reported gone',
    nodeIds: ['4', '5'],
    outcomes: [notPart('4,5')],
    batches: [['4', '5']],
    result: { status: 'success', done: true, user: [], errors: [] },
  },
  {
    name: 'fills the next request from later batches after dropping ids',
    nodeIds: ids(1, 12),
    outcomes: [notPart('3'), ok, ok],
    batches: [ids(1, 10), ['1', '2', ...ids(4, 11)], ['12']],
    result: { status: 'success', done: true, user: [], errors: [] },
  },
  {
    name: 'fails on a not-a-part answer naming none of the sent ids (no resend loop)',
    nodeIds: ['1', '2'],
    outcomes: [notPart('9')],
    batches: [['1', '2']],
    result: { status: 'failure', done: false, user: [], errors: ['APIError'] },
  },
  {
    name: 'does not treat the not-a-part text at status 422 as partial',
    nodeIds: ['1', '2'],
    outcomes: [response(422, { validationErrors: { messages: ['Node ids 1 are not a part of your loadbalancer'] } })],
    batches: [['1', '2']],
    result: { status: 'failure', done: false, user: [], errors: ['APIError'] },
  },
  {
    name: 'retries with the unremoved ids when the LB turns immutable after the first batch',
    nodeIds: ids(1, 23),
    outcomes: [ok, immutable],
    batches: [ids(1, 10), ids(11, 20)],
    result: { status: 'retry', done: false, user: [], errors: ['CLBImmutableError'] },
    remaining: ids(11, 23),
  },
  {
    name: 'counts the rest as removed when the LB is deleted between batches',
    nodeIds: ids(1, 15),
    outcomes: [ok, response(410, clbBody(410, 'The loadbalancer is marked as deleted.'))],
    batches: [ids(1, 10), ids(11, 15)],
    result: { status: 'success', done: true, user: [], errors: [null] },
  },
  {
    name: 'fails on the batch-limit validation error',
    nodeIds: ['1'],
    outcomes: [
      notPart(
        '',
        'Request to delete 11 nodes exceeds the account limit BATCH_DELETE_LIMIT of 10 please attempt to delete fewer then 10 nodes',
      ),
    ],
    batches: [['1']],
    result: { status: 'failure', done: false, user: [], errors: ['APIError'] },
  },
];

for (const c of CASES) {
  test(`RemoveNodesFromCLB ${c.name}`, (t) => {
    const run = replay(step(c.nodeIds), c.outcomes);
    t.deepEqual(
      run.requests.map((r) => r.query?.['id']),
      c.batches,
    );
    t.deepEqual(summary(run.result), c.result);
    if (c.remaining !== undefined) t.deepEqual(run.remaining.nodeIds, c.remaining);
  });
}

test('performStep drives the removal through a supplied request function', async (t) => {
  const seen: unknown[] = [];
  const run = await performStep(step(ids(1, 23)), async (request) => {
    seen.push(request.query?.['id']);
    return Promise.resolve(seen.length === 1 ? notPart('10') : ok);
  });
  t.deepEqual(seen, [ids(1, 10), [...ids(1, 9), '11'], ids(12, 21), ['22', '23']]);
  t.is(run.result.status, 'success');
});

test('performStep stops a step that keeps asking for requests', async (t) => {
  await t.throwsAsync(
    performStep(step(ids(1, 30)), async () => Promise.resolve(ok), { maxRequests: 2 }),
    { message: /more than 2 requests/ },
  );
});
