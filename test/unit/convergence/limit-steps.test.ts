import test from 'ava';
import { DEFAULT_STEP_LIMITS, type StepLimits, limitSteps } from '../../../shared/convergence/limit-steps.js';
import { infoReason, userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import { createStep, del, removeClb } from './fixtures.js';

const deferred = (text: string, counts: Record<string, number>): Step => ({
  type: 'ConvergeLater',
  reasons: [infoReason(`step limits deferred ${text} to the next cycle`, { deferred: counts })],
  limited: false,
});
const wait: Step = { type: 'ConvergeLater', reasons: [infoReason('waiting')], limited: false };
const failure: Step = { type: 'FailConvergence', reasons: [userReason('broken')] };
const creates = (n: number) => Array.from({ length: n }, (_, i) => createStep(i));

const cases: { name: string; steps: readonly Step[]; limits?: StepLimits; expected: readonly Step[] }[] = [
  {
    name: 'keeps every step under the limits',
    steps: [...creates(3), del('s1')],
    expected: [...creates(3), del('s1')],
  },
  { name: 'keeps an empty plan empty', steps: [], expected: [] },
  {
    name: 'keeps the first 10 CreateServer by default and defers the rest',
    steps: creates(12),
    expected: [...creates(10), deferred('2 CreateServer', { CreateServer: 2 })],
  },
  {
    name: 'applies configured limits per step type, keeping plan order',
    steps: [del('s1'), createStep(0), del('s2'), removeClb('1', '1'), del('s3'), createStep(1)],
    limits: { DeleteServer: 2, CreateServer: 1 },
    expected: [
      del('s1'),
      createStep(0),
      del('s2'),
      removeClb('1', '1'),
      deferred('1 DeleteServer, 1 CreateServer', { DeleteServer: 1, CreateServer: 1 }),
    ],
  },
  {
    name: 'defers every step of a type limited to 0',
    steps: [del('s1'), del('s2')],
    limits: { DeleteServer: 0 },
    expected: [deferred('2 DeleteServer', { DeleteServer: 2 })],
  },
  {
    name: 'never limits ConvergeLater or FailConvergence',
    steps: [wait, wait, failure, failure],
    limits: { ConvergeLater: 1, FailConvergence: 0 },
    expected: [wait, wait, failure, failure],
  },
  { name: 'lifts every limit when given none', steps: creates(12), limits: {}, expected: creates(12) },
];

for (const c of cases) {
  test(`limitSteps ${c.name}`, (t) => {
    t.deepEqual(limitSteps(c.steps, c.limits ?? DEFAULT_STEP_LIMITS), c.expected);
  });
}
