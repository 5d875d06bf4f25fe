import test from 'ava';
import {
  INITIAL_LOOP_STATE,
  type LoopLimits,
  type LoopState,
  type NextDecision,
  decideNext,
} from '../../../shared/convergence/decide-next.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { type StepResult, errorReason, infoReason, stepResult, userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import { createStep, removeClb, setMeta } from './fixtures.js';

const LIMITS: LoopLimits = {
  maxCycles: 5,
  limitedRetryCycles: 2,
  initialDelayMs: 100,
  maxDelayMs: 1000,
  backoffMultiplier: 2,
};
const state = (cycle: number, limitedRetries = 0, idleCycles = 0): LoopState => ({ cycle, limitedRetries, idleCycles });

const waitText = 'Waiting for server s1 to transition to ACTIVE from REBOOT';
const buildingReasons = [infoReason('waiting for servers to finish building')];
const wait: Step = { type: 'ConvergeLater', reasons: buildingReasons, limited: false };
const limitedWait: Step = { type: 'ConvergeLater', reasons: [userReason(waitText)], limited: true };
const failStep: Step = { type: 'FailConvergence', reasons: [userReason('Cloud Load Balancer does not exist: 5')] };

const created = stepResult('retry', [infoReason('waiting for server to become active')], { done: true });
const notCreated = stepResult('retry', [errorReason('APIError', 'HTTP 503')]);
const throttled = stepResult('retry', [errorReason('NovaRateLimitError', 'over limit')], { retryAfterMs: 5000 });
const waited = stepResult('retry', buildingReasons, { done: true });
const limitedWaited = stepResult('limited-retry', [userReason(waitText)], { done: true });
const failed = stepResult('failure', [userReason('Cloud Load Balancer does not exist: 5')]);
const success = stepResult('success');

interface Case {
  readonly name: string;
  readonly plan: readonly Step[];
  readonly results: readonly StepResult[];
  readonly state: LoopState;
  readonly expected: NextDecision;
}

const cases: Case[] = [
  {
    name: 'finishes ACTIVE on an empty plan',
    plan: [],
    results: [],
    state: state(3, 1, 2),
    expected: { action: 'done', groupStatus: 'ACTIVE', state: state(3, 1, 2) },
  },
  {
    name: 'finishes ERROR with rendered reasons when a step fails',
    plan: [createStep(0), failStep],
    results: [created, failed],
    state: INITIAL_LOOP_STATE,
    expected: {
      action: 'done',
      groupStatus: 'ERROR',
      reasons: ['Cloud Load Balancer does not exist: 5'],
      detail: failed.reasons,
      state: state(1),
    },
  },
  {
    name: 'checks again soon after steps that all succeeded',
    plan: [setMeta('s1', 'k', 'v')],
    results: [success],
    state: state(0, 0, 3),
    expected: { action: 'continue', delayMs: 100, worst: 'success', detail: [], state: state(1) },
  },
  {
    name: 'continues after the initial delay when a step applied and asks to re-gather',
    plan: [createStep(0), wait],
    results: [created, waited],
    state: state(2, 0, 4),
    expected: {
      action: 'continue',
      delayMs: 100,
      worst: 'retry',
      detail: [...created.reasons, ...waited.reasons],
      state: state(3),
    },
  },
  {
    name: 'backs off over cycles that only wait',
    plan: [wait],
    results: [waited],
    state: state(2, 0, 2),
    expected: { action: 'continue', delayMs: 800, worst: 'retry', detail: waited.reasons, state: state(3, 0, 3) },
  },
  {
    name: 'caps the backoff at the maximum delay',
    plan: [wait],
    results: [waited],
    state: state(2, 0, 9),
    expected: { action: 'continue', delayMs: 1000, worst: 'retry', detail: waited.reasons, state: state(3, 0, 10) },
  },
  {
    name: 'backs off when every step hit a transient error',
    plan: [createStep(0), removeClb('1', '2')],
    results: [notCreated, notCreated],
    state: state(1),
    expected: { action: 'continue', delayMs: 200, worst: 'retry', detail: notCreated.reasons, state: state(2, 0, 1) },
  },
  {
    name: 'honours a Retry-After hint longer than the backoff',
    plan: [createStep(0)],
    results: [throttled],
    state: state(1),
    expected: { action: 'continue', delayMs: 5000, worst: 'retry', detail: throttled.reasons, state: state(2, 0, 1) },
  },
  {
    name: 'continues through limited retries up to the limit',
    plan: [limitedWait],
    results: [limitedWaited],
    state: state(1, 1),
    expected: {
      action: 'continue',
      delayMs: 200,
      worst: 'limited-retry',
      detail: limitedWaited.reasons,
      state: state(2, 2, 1),
    },
  },
  {
    name: 'finishes ERROR with "Timed out" reasons once limited retries exceed the limit',
    plan: [limitedWait],
    results: [limitedWaited],
    state: state(3, 2),
    expected: {
      action: 'done',
      groupStatus: 'ERROR',
      reasons: [`Timed out: ${waitText}`],
      detail: limitedWaited.reasons,
      state: state(4, 3, 1),
    },
  },
  {
    name: 'resets the limited-retry count when a cycle is worse than limited-retry',
    plan: [limitedWait, createStep(0)],
    results: [limitedWaited, created],
    state: state(3, 2),
    expected: { action: 'continue', delayMs: 100, worst: 'retry', detail: created.reasons, state: state(4) },
  },
  {
    name: 'finishes ERROR when the cycle limit runs out',
    plan: [limitedWait, wait],
    results: [limitedWaited, waited],
    state: state(4),
    expected: {
      action: 'done',
      groupStatus: 'ERROR',
      reasons: ['Timed out: Convergence did not finish within 5 cycles'],
      detail: waited.reasons,
      state: state(5, 0, 1),
    },
  },
];

for (const c of cases) {
  test(`decideNext ${c.name}`, (t) => {
    t.deepEqual(decideNext(c.plan, c.results, c.state, LIMITS), c.expected);
  });
}

test('decideNext uses the default limits when given none', (t) => {
  t.deepEqual(decideNext([createStep(0)], [created], INITIAL_LOOP_STATE), {
    action: 'continue',
    delayMs: 500,
    worst: 'retry',
    detail: created.reasons,
    state: state(1),
  });
});

test('decideNext refuses results that do not match the plan', (t) => {
  const error = t.throws(() => decideNext([createStep(0)], [], INITIAL_LOOP_STATE));
  t.true(AppError.isKind(error, 'internal'));
});
