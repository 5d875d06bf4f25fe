import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import type { LbRead } from '../../../shared/messages/lb-messages.js';
import { decodeLbMessage } from '../../../services/load-balancer/src/core/decode-lb-message.js';
import { readRequest, readResult } from '../../../services/load-balancer/src/core/read-requests.js';
import { refusalOf } from '../../../services/load-balancer/src/core/refusal.js';
import { unperformableRead, unperformableResult } from '../../../services/load-balancer/src/core/unperformable.js';
import { faultOf } from '../../../shared/steps/attempt.js';
import { ADD_NODES_ERRORS } from '../../../shared/steps/clb-errors.js';
import { CLB, POLICY, addStep, response, transport } from './fixtures.js';
import { requestLine } from './run-flight.js';

const envelope = (type: string, payload: unknown) =>
  buildEnvelope({ type, tenantId: 't1', jobId: 'j1', payload }, 'm1', new Date(0));

const decodeCases: { title: string; type: string; payload: unknown; expected: string }[] = [
  {
    title: 'accepts an LB step',
    type: 'lb.step',
    payload: { step: addStep('10.0.0.1') },
    expected: 'step AddNodesToCLB',
  },
  {
    title: 'accepts a read',
    type: 'lb.read',
    payload: { read: { kind: 'clb-nodes', lbId: '5' } },
    expected: 'read clb-nodes',
  },
  {
    title: 'refuses a Nova step on the LB queue',
    type: 'lb.step',
    payload: { step: { type: 'DeleteServer', serverId: 's' } },
    expected: 'invalid lb.step-result',
  },
  {
    title: 'refuses an unknown step type',
    type: 'lb.step',
    payload: { step: { type: 'Explode' } },
    expected: 'invalid lb.step-result',
  },
  {
    title: 'refuses invalid fields',
    type: 'lb.step',
    payload: { step: { type: 'AddNodesToCLB', lbId: 'abc', nodes: [] } },
    expected: 'invalid lb.step-result',
  },
  {
    title: 'refuses an invalid read with a read reply',
    type: 'lb.read',
    payload: { read: { kind: 'x' } },
    expected: 'invalid lb.read-result',
  },
  {
    title: 'refuses an unknown message type with a step reply',
    type: 'lb.nope',
    payload: {},
    expected: 'invalid lb.step-result',
  },
];

for (const c of decodeCases) {
  test(`decodeLbMessage ${c.title}`, (t) => {
    const decoded = decodeLbMessage(envelope(c.type, c.payload));
    const summary =
      decoded.kind === 'step'
        ? `step ${decoded.step.type}`
        : decoded.kind === 'read'
          ? `read ${decoded.read.kind}`
          : `invalid ${decoded.reply.type}`;
    t.is(summary, c.expected);
  });
}

test('decodeLbMessage gives an invalid step a failure result naming the problem', (t) => {
  const decoded = decodeLbMessage(envelope('lb.step', { step: { type: 'AddNodesToCLB', lbId: 'abc', nodes: [] } }));
  if (decoded.kind !== 'invalid' || decoded.reply.type !== 'lb.step-result') return t.fail();
  const { result } = decoded.reply.payload;
  t.is(result.status, 'failure');
  t.regex(decoded.reason, /step\.lbId: must be a decimal id/);
  t.is(result.reasons[0]?.text, decoded.reason);
});

const reads: { read: LbRead; line: string }[] = [
  { read: { kind: 'clb-nodes', lbId: '5' }, line: 'GET loadbalancers/5/nodes' },
  { read: { kind: 'clb-health-monitor', lbId: '5' }, line: 'GET loadbalancers/5/healthmonitor' },
  { read: { kind: 'rcv3-pool-nodes', poolId: 'ABC-def' }, line: 'GET load_balancer_pools/abc-def/nodes' },
];

for (const c of reads) {
  test(`readRequest ${c.read.kind} is ${c.line}`, (t) => {
    t.is(requestLine(readRequest(c.read)), c.line);
  });
}

const readCases = [
  {
    title: 'passes the body of a success',
    outcome: CLB.nodes({ id: 1, address: 'a' }),
    expected: { ok: true, body: { nodes: [{ id: 1, address: 'a', port: 80 }] } },
  },
  {
    title: 'names a missing CLB',
    outcome: CLB.notFound(),
    expected: { ok: false, error: { kind: 'NoSuchCLBError', message: 'Load balancer not found', status: 404 } },
  },
  {
    title: 'names a deleted CLB',
    outcome: CLB.deleted(),
    expected: {
      ok: false,
      error: { kind: 'CLBDeletedError', message: 'The loadbalancer is marked as deleted.', status: 410 },
    },
  },
  {
    title: 'reports a transport failure without a status',
    outcome: transport,
    expected: {
      ok: false,
      error: {
        kind: 'TransportError',
        message: 'GET cloudLoadBalancers/loadbalancers/5/nodes failed: connect ECONNREFUSED',
      },
    },
  },
];

for (const c of readCases) {
  test(`readResult ${c.title}`, (t) => {
    const read: LbRead = { kind: 'clb-nodes', lbId: '5' };
    t.deepEqual(readResult(read, readRequest(read), c.outcome), c.expected);
  });
}

const refusalCases = [
  {
    title: 'PENDING_UPDATE is a refusal',
    outcome: CLB.immutable('PENDING_UPDATE'),
    expected: { delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)', immutable: true },
  },
  {
    title: 'BUILD is a refusal',
    outcome: CLB.immutable('BUILD'),
    expected: { delayMs: 1000, reason: 'CLB immutable (BUILD)', immutable: true },
  },
  { title: 'ERROR is not', outcome: CLB.immutable('ERROR'), expected: null },
  { title: 'SUSPENDED is not', outcome: CLB.immutable('SUSPENDED'), expected: null },
  {
    title: 'not ACTIVE is a refusal',
    outcome: CLB.notActive(),
    expected: { delayMs: 1000, reason: 'CLB not ACTIVE', immutable: true },
  },
  {
    title: 'OverLimit without Retry-After waits the default',
    outcome: CLB.overLimit(),
    expected: { delayMs: 5000, reason: 'rate limited', immutable: false },
  },
  {
    title: 'OverLimit honours Retry-After',
    outcome: CLB.overLimit('7'),
    expected: { delayMs: 7000, reason: 'rate limited', immutable: false },
  },
  { title: 'a duplicate is not', outcome: CLB.duplicate(), expected: null },
  { title: 'the node limit is not', outcome: CLB.nodeLimit(), expected: null },
  {
    title: 'a bare 429 is a refusal',
    outcome: response(429, null),
    expected: { delayMs: 5000, reason: 'rate limited', immutable: false },
  },
  { title: 'a 500 is not', outcome: response(500, null), expected: null },
];

const addRequest = {
  service: 'cloudLoadBalancers',
  method: 'POST',
  path: ['loadbalancers', '5', 'nodes'],
  okStatus: [202],
} as const;

for (const c of refusalCases) {
  test(`refusalOf: ${c.title}`, (t) => {
    t.deepEqual(refusalOf(faultOf(addRequest, c.outcome, ADD_NODES_ERRORS), c.outcome, POLICY), c.expected);
  });
}

test('unperformableResult fails a step whose service has no endpoint, with the user text', (t) => {
  const error = AppError.nonRetryable('endpoint', 'no endpoint', { details: { serviceName: 'cloudLoadBalancers' } });
  const result = unperformableResult(error);
  t.deepEqual(
    [result.status, result.reasons[0]?.text, result.reasons[0]?.userFacing],
    [
      'failure',
      'Could not locate service cloudLoadBalancers in the service catalog. Please check if your account is still active.',
      true,
    ],
  );
});

test('unperformableResult retries a step whose tenant could not authenticate', (t) => {
  const result = unperformableResult(AppError.nonRetryable('auth', 'tenant t1 rejected'));
  t.deepEqual([result.status, result.reasons[0]?.error], ['retry', 'AuthenticationError']);
});

test('unperformableRead reports the error kind', (t) => {
  t.deepEqual(unperformableRead(AppError.nonRetryable('auth', 'tenant t1 rejected')), {
    ok: false,
    error: { kind: 'auth', message: 'tenant t1 rejected' },
  });
});
