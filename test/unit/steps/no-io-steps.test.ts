import test from 'ava';
import { STEP_HANDLERS } from '../../../shared/steps/handlers.js';
import { classify, toRequests } from '../../../shared/steps/run-step.js';
import { STEP_TYPES } from '../../../shared/steps/step.js';
import { infoReason, userReason } from '../../../shared/steps/step-result.js';
import { noSuchEndpointResult } from '../../../shared/steps/fault-reason.js';

const CASES = [
  [
    'ConvergeLater retries with its reasons, once each',
    { type: 'ConvergeLater', reasons: [infoReason('waiting'), infoReason('waiting')], limited: false },
    { status: 'retry', reasons: [infoReason('waiting')], done: true },
  ],
  [
    'ConvergeLater limited gives limited-retry',
    { type: 'ConvergeLater', reasons: [infoReason('node OFFLINE')], limited: true },
    { status: 'limited-retry', reasons: [infoReason('node OFFLINE')], done: true },
  ],
  [
    'FailConvergence fails with its reasons',
    {
      type: 'FailConvergence',
      reasons: [userReason('Could not find health monitor configuration of Cloud Load Balancer 1')],
    },
    {
      status: 'failure',
      reasons: [userReason('Could not find health monitor configuration of Cloud Load Balancer 1')],
      done: false,
    },
  ],
] as const;

for (const [name, step, expected] of CASES) {
  test(name, (t) => {
    t.deepEqual(toRequests(step), []);
    t.deepEqual(classify(step, []), expected);
  });
}

test('every step type has a handler', (t) => {
  t.deepEqual(Object.keys(STEP_HANDLERS).sort(), [...STEP_TYPES].sort());
});

test('a missing endpoint is a user-visible failure naming the service', (t) => {
  t.deepEqual(noSuchEndpointResult('cloudLoadBalancers'), {
    status: 'failure',
    done: false,
    reasons: [
      {
        text: 'Could not locate service cloudLoadBalancers in the service catalog. Please check if your account is still active.',
        userFacing: true,
        error: 'NoSuchEndpoint',
        detail: { serviceName: 'cloudLoadBalancers' },
      },
    ],
  });
});
