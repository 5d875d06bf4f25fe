import test from 'ava';
import { type CycleOutcome, aggregateResults } from '../../../shared/convergence/aggregate-results.js';
import { type StepResult, errorReason, infoReason, stepResult, userReason } from '../../../shared/steps/step-result.js';

const ok = stepResult('success');
const regather = stepResult('retry', [infoReason('must re-gather')], { done: true });
const transient = stepResult('retry', [errorReason('APIError', 'HTTP 503')], { retryAfterMs: 2000 });
const limited = stepResult('limited-retry', [userReason('Waiting for server s1 to transition to ACTIVE from REBOOT')]);
const noClb = stepResult('failure', [userReason('Cloud Load Balancer does not exist: 5', 'NoSuchCLBError')]);
const hidden = stepResult('failure', [errorReason('BulkErrors', 'RCv3 LB p is not active')]);

const cases: { name: string; results: readonly StepResult[]; expected: CycleOutcome }[] = [
  {
    name: 'success for no results',
    results: [],
    expected: { worst: 'success', reasons: [], userReasons: [], retryAfterMs: null },
  },
  {
    name: 'success when every step succeeded',
    results: [ok, ok],
    expected: { worst: 'success', reasons: [], userReasons: [], retryAfterMs: null },
  },
  {
    name: 'limited-retry over success',
    results: [ok, limited],
    expected: { worst: 'limited-retry', reasons: limited.reasons, userReasons: [], retryAfterMs: null },
  },
  {
    name: 'retry over limited-retry, with the reasons of the retries only',
    results: [limited, regather, transient],
    expected: {
      worst: 'retry',
      reasons: [...regather.reasons, ...transient.reasons],
      userReasons: [],
      retryAfterMs: 2000,
    },
  },
  {
    name: 'failure over everything, with rendered user reasons',
    results: [transient, noClb, regather, hidden],
    expected: {
      worst: 'failure',
      reasons: [...noClb.reasons, ...hidden.reasons],
      userReasons: ['Cloud Load Balancer does not exist: 5'],
      retryAfterMs: 2000,
    },
  },
  {
    name: '"Unknown error occurred" for a failure without user-facing reasons',
    results: [hidden],
    expected: {
      worst: 'failure',
      reasons: hidden.reasons,
      userReasons: ['Unknown error occurred'],
      retryAfterMs: null,
    },
  },
  {
    name: 'each reason once when several steps give the same one',
    results: [noClb, noClb],
    expected: {
      worst: 'failure',
      reasons: noClb.reasons,
      userReasons: ['Cloud Load Balancer does not exist: 5'],
      retryAfterMs: null,
    },
  },
];

for (const c of cases) {
  test(`aggregateResults gives ${c.name}`, (t) => {
    t.deepEqual(aggregateResults(c.results), c.expected);
  });
}
