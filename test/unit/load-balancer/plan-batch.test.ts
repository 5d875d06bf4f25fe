import test from 'ava';
import type { Batch } from '../../../services/load-balancer/src/core/batch.js';
import { emptyFacts, type LaneFacts } from '../../../services/load-balancer/src/core/lane-facts.js';
import { addCapacity, planBatch, settleKnownRemoved } from '../../../services/load-balancer/src/core/plan-batch.js';
import type { WorkItem } from '../../../services/load-balancer/src/core/work-item.js';
import { LIMITS, addStep, changeStep, item, rcv3Add, rcv3Remove, removeStep } from './fixtures.js';

/** A batch as `kind: member-id[ids]` strings, and the rest as ids: compact to compare in tables. */
function describe(batch: Batch | null): string[] {
  if (batch === null) return [];
  return batch.members.map((m) => {
    const step = m.step;
    const detail =
      step.type === 'RemoveNodesFromCLB'
        ? `[${step.nodeIds.join(',')}]`
        : step.type === 'AddNodesToCLB'
          ? `(${step.nodes.length})`
          : '';
    return `${batch.kind}:${m.item.id}${detail}`;
  });
}

const many = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const cases: {
  title: string;
  pending: WorkItem[];
  facts?: LaneFacts;
  batch: string[];
  rest: string[];
  full: boolean;
}[] = [
  {
    title: 'merges adds of one CLB in arrival order',
    pending: [
      item('a', addStep('10.0.0.1')),
      item('b', addStep('10.0.0.2', '10.0.0.3')),
      item('c', addStep('10.0.0.4')),
    ],
    batch: ['clb-add:a(1)', 'clb-add:b(2)', 'clb-add:c(1)'],
    rest: [],
    full: false,
  },
  {
    title: 'stops an add at 25 nodes and reports the batch full',
    pending: [
      item('a', addStep(...many('10.0.1.', 20))),
      item('b', addStep(...many('10.0.2.', 6))),
      item('c', addStep(...many('10.0.3.', 5))),
    ],
    batch: ['clb-add:a(20)', 'clb-add:c(5)'],
    rest: ['b'],
    full: true,
  },
  {
    title: 'keeps a second node with the same address:port for the next add',
    pending: [item('a', addStep('10.0.0.1')), item('b', addStep('10.0.0.1')), item('c', addStep('10.0.0.2'))],
    batch: ['clb-add:a(1)', 'clb-add:c(1)'],
    rest: ['b'],
    full: false,
  },
  {
    title: 'sends an add larger than the capacity alone',
    pending: [item('a', addStep(...many('10.0.1.', 30))), item('b', addStep('10.0.0.1'))],
    batch: ['clb-add:a(30)'],
    rest: ['b'],
    full: true,
  },
  {
    title: 'sizes an add by a fresh node count',
    pending: [item('a', addStep('10.0.0.1', '10.0.0.2')), item('b', addStep('10.0.0.3', '10.0.0.4'))],
    facts: { ...emptyFacts(0), nodeCount: 22, nodeCountAt: 0 },
    batch: ['clb-add:a(2)'],
    rest: ['b'],
    full: true,
  },
  {
    title: 'sends an isolated step alone',
    pending: [item('a', addStep('10.0.0.1'), { isolated: true }), item('b', addStep('10.0.0.2'))],
    batch: ['clb-add:a(1)'],
    rest: ['b'],
    full: false,
  },
  {
    title: 'does not merge an isolated step into another',
    pending: [
      item('a', addStep('10.0.0.1')),
      item('b', addStep('10.0.0.2'), { isolated: true }),
      item('c', addStep('10.0.0.3')),
    ],
    batch: ['clb-add:a(1)', 'clb-add:c(1)'],
    rest: ['b'],
    full: false,
  },
  {
    title: 'sends a node change alone, whatever waits behind it',
    pending: [item('a', changeStep('7')), item('b', changeStep('8')), item('c', addStep('10.0.0.1'))],
    batch: ['clb-change:a'],
    rest: ['b', 'c'],
    full: false,
  },
  {
    title: 'lets the oldest step decide the kind of the batch',
    pending: [item('a', removeStep('1')), item('b', addStep('10.0.0.1')), item('c', removeStep('2'))],
    batch: ['clb-remove:a[1]', 'clb-remove:c[2]'],
    rest: ['b'],
    full: false,
  },
  {
    title: 'splits a removal of 23 ids: 10 now, the rest later',
    pending: [item('a', removeStep(...many('', 23)))],
    batch: ['clb-remove:a[1,2,3,4,5,6,7,8,9,10]'],
    rest: [],
    full: true,
  },
  {
    title: 'fills a bulk delete with ids of several removals',
    pending: [
      item('a', removeStep('1', '2', '3', '4', '5', '6')),
      item('b', removeStep('7', '8', '9', '10', '11', '12')),
    ],
    batch: ['clb-remove:a[1,2,3,4,5,6]', 'clb-remove:b[7,8,9,10]'],
    rest: [],
    full: true,
  },
  {
    title: 'counts an id two removals share once',
    pending: [item('a', removeStep('1', '2')), item('b', removeStep('2', '3'))],
    batch: ['clb-remove:a[1,2]', 'clb-remove:b[2,3]'],
    rest: [],
    full: false,
  },
  {
    title: 'merges RCv3 steps of one direction',
    pending: [item('a', rcv3Add(['p1', 's1'])), item('b', rcv3Remove(['p1', 's2'])), item('c', rcv3Add(['P1', 's3']))],
    batch: ['rcv3-add:a', 'rcv3-add:c'],
    rest: ['b'],
    full: false,
  },
];

for (const c of cases) {
  test(`planBatch ${c.title}`, (t) => {
    const plan = planBatch(c.pending, c.facts, LIMITS, 1000);
    t.deepEqual(
      { batch: describe(plan.batch), rest: plan.rest.map((i) => i.id), full: plan.full },
      { batch: c.batch, rest: c.rest, full: c.full },
    );
  });
}

test('planBatch keeps the ids a removal still has to remove after this request', (t) => {
  const plan = planBatch([item('a', removeStep(...many('', 12)))], undefined, LIMITS, 0);
  const member = plan.batch?.kind === 'clb-remove' ? plan.batch.members[0] : undefined;
  t.deepEqual(member?.rest, ['11', '12']);
});

test('planBatch stops an RCv3 bulk call at the pair limit', (t) => {
  const limits = { ...LIMITS, maxPairsPerBulk: 2 };
  const plan = planBatch(
    [item('a', rcv3Add(['p', 's1'])), item('b', rcv3Add(['p', 's2'])), item('c', rcv3Add(['p', 's3']))],
    undefined,
    limits,
    0,
  );
  t.deepEqual(
    { batch: describe(plan.batch), rest: plan.rest.map((i) => i.id), full: plan.full },
    {
      batch: ['rcv3-add:a', 'rcv3-add:b'],
      rest: ['c'],
      full: true,
    },
  );
});

test('planBatch returns nothing for an empty lane', (t) => {
  t.deepEqual(planBatch([], undefined, LIMITS, 0), { batch: null, rest: [], full: false });
});

const capacityCases: { title: string; facts: LaneFacts | undefined; now: number; expected: number }[] = [
  { title: 'is 25 when nothing is known', facts: undefined, now: 0, expected: 25 },
  {
    title: 'is what a fresh count leaves',
    facts: { ...emptyFacts(0), nodeCount: 20, nodeCountAt: 0 },
    now: 1000,
    expected: 5,
  },
  {
    title: 'ignores a stale count',
    facts: { ...emptyFacts(0), nodeCount: 20, nodeCountAt: 0 },
    now: 60_000,
    expected: 25,
  },
  {
    title: 'uses the limit CLB reported',
    facts: { ...emptyFacts(0), nodeLimit: 10, nodeCount: 4, nodeCountAt: 0 },
    now: 0,
    expected: 6,
  },
  { title: 'is zero for a full CLB', facts: { ...emptyFacts(0), nodeCount: 30, nodeCountAt: 0 }, now: 0, expected: 0 },
];

for (const c of capacityCases) {
  test(`addCapacity ${c.title}`, (t) => {
    t.is(addCapacity(c.facts, LIMITS, c.now), c.expected);
  });
}

test('settleKnownRemoved answers a removal whose ids are all known gone and trims the others', (t) => {
  const facts: LaneFacts = {
    ...emptyFacts(0),
    removed: new Map([
      ['1', 0],
      ['2', 0],
    ]),
  };
  const out = settleKnownRemoved(
    [item('a', removeStep('1', '2')), item('b', removeStep('2', '3')), item('c', addStep('x'))],
    facts,
  );
  t.deepEqual(
    out.settled.map((s) => [s.item.id, s.disposition]),
    [['a', { kind: 'reply', result: { status: 'success', reasons: [], done: true } }]],
  );
  t.deepEqual(
    out.pending.map((i) => (i.step.type === 'RemoveNodesFromCLB' ? `${i.id}[${i.step.nodeIds.join(',')}]` : i.id)),
    ['b[3]', 'c'],
  );
});
