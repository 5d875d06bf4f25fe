import test from 'ava';
import { type OptimiseOptions, optimiseSteps } from '../../../shared/convergence/optimise-steps.js';
import { infoReason, userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import { addClb, createStep, del, drainNode, enableNode, rcv3Add, rcv3Remove, removeClb, setMeta } from './fixtures.js';

const later = (limited: boolean, ...texts: string[]): Step => ({
  type: 'ConvergeLater',
  reasons: texts.map((text) => (limited ? userReason(text) : infoReason(text))),
  limited,
});
const fail = (...texts: string[]): Step => ({
  type: 'FailConvergence',
  reasons: texts.map((text) => userReason(text)),
});

const cases: { name: string; steps: readonly Step[]; options?: OptimiseOptions; expected: readonly Step[] }[] = [
  { name: 'keeps an empty plan empty', steps: [], expected: [] },
  {
    name: 'merges AddNodesToCLB per load balancer, dropping duplicate address/port pairs',
    steps: [
      addClb('9', ['10.0.0.2', 80]),
      addClb('10', ['10.0.0.1', 80]),
      addClb('9', ['10.0.0.1', 80]),
      addClb('9', ['10.0.0.2', 80]),
    ],
    expected: [addClb('9', ['10.0.0.1', 80], ['10.0.0.2', 80]), addClb('10', ['10.0.0.1', 80])],
  },
  {
    name: 'merges RemoveNodesFromCLB per load balancer with node ids in numeric order',
    steps: [removeClb('5', '10'), removeClb('5', '9'), removeClb('7', '1'), removeClb('5', '10')],
    expected: [removeClb('5', '9', '10'), removeClb('7', '1')],
  },
  {
    name: 'merges all RCv3 additions into one step and all removals into another',
    steps: [
      rcv3Add(['p2', 's1']),
      rcv3Remove(['p1', 's9']),
      rcv3Add(['p1', 's2'], ['p2', 's1']),
      rcv3Remove(['p1', 's8']),
    ],
    expected: [rcv3Remove(['p1', 's8'], ['p1', 's9']), rcv3Add(['p1', 's2'], ['p2', 's1'])],
  },
  {
    name: 'deduplicates deletions, metadata items and node changes',
    steps: [
      del('s2'),
      del('s1'),
      del('s2'),
      setMeta('s1', 'k', 'v1'),
      setMeta('s1', 'k', 'v2'),
      drainNode('1', '2'),
      drainNode('1', '2'),
    ],
    expected: [del('s1'), del('s2'), setMeta('s1', 'k', 'v1'), drainNode('1', '2')],
  },
  {
    name: 'merges waits into one ConvergeLater per kind and failures into one FailConvergence',
    steps: [later(false, 'a'), fail('x'), later(true, 'c'), later(false, 'b', 'a'), fail('y', 'x'), later(true, 'c')],
    expected: [later(false, 'a', 'b'), later(true, 'c'), fail('x', 'y')],
  },
  {
    name: 'orders a plan canonically by step type, then ids',
    steps: [
      fail('x'),
      later(false, 'w'),
      rcv3Add(['p', 's1']),
      rcv3Remove(['p', 's2']),
      addClb('1', ['10.0.0.1', 80]),
      enableNode('1', '3'),
      removeClb('1', '4'),
      setMeta('s1', 'k', 'v'),
      createStep(0),
      del('s3'),
      createStep(1),
    ],
    expected: [
      del('s3'),
      createStep(0),
      createStep(1),
      setMeta('s1', 'k', 'v'),
      removeClb('1', '4'),
      enableNode('1', '3'),
      addClb('1', ['10.0.0.1', 80]),
      rcv3Remove(['p', 's2']),
      rcv3Add(['p', 's1']),
      later(false, 'w'),
      fail('x'),
    ],
  },
  {
    name: 'keeps every CLB mutation by default',
    steps: [removeClb('1', '4'), addClb('1', ['10.0.0.1', 80]), drainNode('1', '5')],
    expected: [removeClb('1', '4'), drainNode('1', '5'), addClb('1', ['10.0.0.1', 80])],
  },
  {
    name: 'keeps only the removal on a CLB with one mutation per cycle',
    steps: [removeClb('1', '4'), addClb('1', ['10.0.0.1', 80]), drainNode('1', '5'), addClb('2', ['10.0.0.1', 80])],
    options: { oneClbMutationPerCycle: true },
    expected: [
      removeClb('1', '4'),
      addClb('2', ['10.0.0.1', 80]),
      later(false, 'one change per Cloud Load Balancer per cycle deferred 2 steps'),
    ],
  },
  {
    name: 'keeps the addition before node changes with one mutation per cycle',
    steps: [drainNode('1', '5'), addClb('1', ['10.0.0.1', 80])],
    options: { oneClbMutationPerCycle: true },
    expected: [
      addClb('1', ['10.0.0.1', 80]),
      later(false, 'one change per Cloud Load Balancer per cycle deferred 1 steps'),
    ],
  },
  {
    name: 'keeps the change of the lowest node id with one mutation per cycle',
    steps: [drainNode('1', '12'), drainNode('1', '9'), enableNode('2', '3')],
    options: { oneClbMutationPerCycle: true },
    expected: [
      drainNode('1', '9'),
      enableNode('2', '3'),
      later(false, 'one change per Cloud Load Balancer per cycle deferred 1 steps'),
    ],
  },
];

for (const c of cases) {
  test(`optimiseSteps ${c.name}`, (t) => {
    const actual = optimiseSteps(c.steps, c.options);
    // The deferral reason carries a `deferred` count detail; compare texts and counts explicitly.
    t.deepEqual(
      actual.map((s) => (s.type === 'ConvergeLater' ? { ...s, reasons: s.reasons.map((r) => r.text) } : s)),
      c.expected.map((s) => (s.type === 'ConvergeLater' ? { ...s, reasons: s.reasons.map((r) => r.text) } : s)),
    );
  });
}

test('optimiseSteps records how many steps one-mutation-per-CLB deferred', (t) => {
  const steps = optimiseSteps([removeClb('1', '4'), addClb('1', ['10.0.0.1', 80]), drainNode('1', '5')], {
    oneClbMutationPerCycle: true,
  });
  t.deepEqual(steps, [
    removeClb('1', '4'),
    {
      type: 'ConvergeLater',
      reasons: [infoReason('one change per Cloud Load Balancer per cycle deferred 2 steps', { deferred: 2 })],
      limited: false,
    },
  ]);
});
