import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { classify } from '../../../shared/steps/run-step.js';
import type { AddNodesToCLB, ChangeCLBNode, RemoveNodesFromCLB } from '../../../shared/steps/step.js';
import { clbBody, response, summary, transportError } from './outcomes.js';

const add: AddNodesToCLB = { type: 'AddNodesToCLB', lbId: '123', nodes: [{ address: '10.0.0.1', port: 80 }] };
const addTwo: AddNodesToCLB = { ...add, nodes: [...add.nodes, { address: '10.0.0.2', port: 80 }] };
const change: ChangeCLBNode = {
  type: 'ChangeCLBNode',
  lbId: '123',
  nodeId: '7',
  condition: 'DRAINING',
  weight: 1,
  nodeType: 'PRIMARY',
};
const remove: RemoveNodesFromCLB = { type: 'RemoveNodesFromCLB', lbId: '123', nodeIds: ['1', '2'] };

type Expect = readonly [status: string, done: boolean, errors: readonly (string | null)[], user?: string];

const DELETED = 'Cloud Load Balancer is currently being deleted: 123';
const MISSING = 'Cloud Load Balancer does not exist: 123';

const retry = (error: string): Expect => ['retry', false, [error]];
const fail = (error: string, user?: string): Expect =>
  user === undefined ? ['failure', false, [error]] : ['failure', false, [error], user];
/** Removal done; the reason (an operator note) says the LB is gone. */
const removed: Expect = ['success', true, [null]];
const regather: Expect = ['retry', true, [null]];

/** Every CLB answer in the references, and how each step classifies it: [add one node, change, remove]. */
const CASES: readonly [string, RequestOutcome, Expect, Expect, Expect][] = [
  ['202 success', response(202, { nodes: [] }), regather, regather, ['success', true, []]],
  [
    '413 OverLimit Retry... (Repose)',
    response(413, { overLimit: { message: 'OverLimit Retry...', code: 413 } }),
    retry('CLBRateLimitError'),
    retry('CLBRateLimitError'),
    retry('CLBRateLimitError'),
  ],
  [
    '413 overLimit with another text',
    response(413, { overLimit: { message: 'Slow down', code: 413 } }),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    "422 status of 'PENDING_DELETE' and immutable",
    response(422, clbBody(422, "Load Balancer '123' has a status of 'PENDING_DELETE' and is considered immutable.")),
    fail('CLBDeletedError', DELETED),
    fail('CLBDeletedError', DELETED),
    removed,
  ],
  [
    "422 status of 'PENDING-DELETE' (simulator spelling)",
    response(422, clbBody(422, "LoadBalancer '123' has a status of 'PENDING-DELETE' and is considered immutable.")),
    fail('CLBDeletedError', DELETED),
    fail('CLBDeletedError', DELETED),
    removed,
  ],
  [
    '422 the load balancer is deleted and immutable',
    response(422, clbBody(422, 'The load balancer is deleted and considered immutable.')),
    fail('CLBDeletedError', DELETED),
    fail('CLBDeletedError', DELETED),
    removed,
  ],
  [
    '410 marked as deleted',
    response(410, clbBody(410, 'The loadbalancer is marked as deleted.')),
    fail('CLBDeletedError', DELETED),
    fail('CLBDeletedError', DELETED),
    removed,
  ],
  [
    '410 marked as deleted (two words)',
    response(410, clbBody(410, 'The load balancer is marked as deleted.')),
    fail('CLBDeletedError', DELETED),
    fail('CLBDeletedError', DELETED),
    removed,
  ],
  [
    "422 status of 'PENDING_UPDATE' and immutable",
    response(422, clbBody(422, "Load Balancer '123' has a status of 'PENDING_UPDATE' and is considered immutable.")),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
  ],
  [
    "422 status of 'PENDING-UPDATE' (simulator spelling)",
    response(422, clbBody(422, "Load Balancer '123' has a status of 'PENDING-UPDATE' and is considered immutable.")),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
  ],
  [
    "422 status of 'BUILD' in lower case",
    response(422, clbBody(422, "load balancer '123' HAS A STATUS OF 'build' and is considered immutable.")),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
    retry('CLBImmutableError'),
  ],
  [
    '422 LoadBalancer is not ACTIVE',
    response(422, clbBody(422, 'LoadBalancer is not ACTIVE')),
    retry('CLBNotActiveError'),
    retry('CLBNotActiveError'),
    retry('CLBNotActiveError'),
  ],
  [
    '404 Load balancer not found',
    response(404, clbBody(404, 'Load balancer not found')),
    fail('NoSuchCLBError', MISSING),
    fail('NoSuchCLBError', MISSING),
    removed,
  ],
  [
    '400 Load balancer not found (wrong status)',
    response(400, clbBody(400, 'Load balancer not found')),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '409 immutable text (wrong status)',
    response(409, clbBody(409, "Load Balancer '123' has a status of 'PENDING_UPDATE' and is considered immutable.")),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '422 duplicate nodes (otter)',
    response(422, clbBody(422, 'Duplicate nodes detected. One or more nodes already configured on load balancer.')),
    regather,
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '413 duplicate nodes (simulator)',
    response(413, clbBody(413, 'Duplicate nodes detected. One or more nodes already configured on load balancer.')),
    regather,
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '413 node limit',
    response(413, clbBody(413, 'Nodes must not exceed 25 per load balancer.')),
    fail('CLBNodeLimitError', 'Cannot create more than 25 nodes in Cloud Load Balancer 123'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '404 node with id not found (real CLB)',
    response(404, clbBody(404, 'Node with id #7 not found for loadbalancer #123')),
    fail('APIError'),
    fail('NoSuchCLBNodeError', 'Node 7 of Cloud Load Balancer 123 does not exist'),
    fail('APIError'),
  ],
  [
    '404 Node not found (simulator)',
    response(404, clbBody(404, 'Node not found')),
    fail('APIError'),
    fail('NoSuchCLBNodeError', 'Node 7 of Cloud Load Balancer 123 does not exist'),
    fail('APIError'),
  ],
  [
    "400 Must supply one or more id's",
    response(400, clbBody(400, "Must supply one or more id's to process this request.")),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '400 schema error with an array message',
    response(400, { message: ['JSON does not match the expected schema'] }),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  [
    '400 invalid JSON',
    response(400, clbBody(400, 'Invalid JSON request body')),
    fail('APIError'),
    fail('APIError'),
    fail('APIError'),
  ],
  ['401 after reauth', response(401, null), fail('APIError'), fail('APIError'), fail('APIError')],
  [
    '500 with a JSON body',
    response(500, clbBody(500, 'Internal error')),
    retry('APIError'),
    retry('APIError'),
    retry('APIError'),
  ],
  [
    '503 with an HTML body',
    response(503, '<html>Service Unavailable</html>'),
    retry('APIError'),
    retry('APIError'),
    retry('APIError'),
  ],
  ['200 (not a success status here)', response(200, null), retry('APIError'), retry('APIError'), retry('APIError')],
  [
    'a transport error',
    transportError('ECONNRESET'),
    retry('TransportError'),
    retry('TransportError'),
    retry('TransportError'),
  ],
];

const expected = ([status, done, errors, user]: Expect) => ({
  status,
  done,
  user: user === undefined ? [] : [user],
  errors,
});

for (const [name, outcome, onAdd, onChange, onRemove] of CASES) {
  test(`AddNodesToCLB classifies ${name}`, (t) => {
    t.deepEqual(summary(classify(add, outcome)), expected(onAdd));
  });
  test(`ChangeCLBNode classifies ${name}`, (t) => {
    t.deepEqual(summary(classify(change, outcome)), expected(onChange));
  });
  test(`RemoveNodesFromCLB classifies ${name}`, (t) => {
    t.deepEqual(summary(classify(remove, outcome)), expected(onRemove));
  });
}

test('AddNodesToCLB with several nodes retries, not done, on duplicate nodes', (t) => {
  const outcome = response(
    413,
    clbBody(413, 'Duplicate nodes detected. One or more nodes already configured on loadbalancer.'),
  );
  t.deepEqual(summary(classify(addTwo, outcome)), {
    status: 'retry',
    done: false,
    user: [],
    errors: ['CLBDuplicateNodesError'],
  });
});

test('AddNodesToCLB reports the created nodes', (t) => {
  const body = { nodes: [{ id: 55, address: '10.0.0.1', port: 80, condition: 'ENABLED', status: 'ONLINE' }] };
  t.deepEqual(classify(add, response(202, body)).output, { nodes: [{ id: '55', address: '10.0.0.1', port: 80 }] });
});

test('an immutable CLB answer carries Retry-After as the retry hint, and none without the header', (t) => {
  const body = clbBody(422, "Load Balancer '123' has a status of 'PENDING_UPDATE' and is considered immutable.");
  t.is(classify(add, response(422, body, { 'retry-after': '2' })).retryAfterMs, 2000);
  t.is(classify(add, response(422, body)).retryAfterMs, undefined);
  t.is(classify(add, response(422, body, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' })).retryAfterMs, undefined);
});

test('a failure never carries a retry hint', (t) => {
  const result = classify(add, response(404, clbBody(404, 'Load balancer not found'), { 'Retry-After': '5' }));
  t.is(result.status, 'failure');
  t.is(result.retryAfterMs, undefined);
});
