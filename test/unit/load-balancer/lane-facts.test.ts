import test from 'ava';
import {
  applyFactEvents,
  emptyFacts,
  isBlocked,
  isSettling,
  settlePeriod,
  type FactEvent,
  type FactsPolicy,
  type LaneFacts,
} from '../../../services/load-balancer/src/core/lane-facts.js';

const POLICY: FactsPolicy = { rememberRemovedMs: 10_000, maxRemembered: 3, settleMs: 1000, maxSettleMs: 4000 };

interface Summary {
  blockedUntil: number | null;
  refusedSince: number | null;
  nodeCount: number | null;
  nodeLimit: number | null;
  removed: string[];
  waitedMs: number | null;
}

function summary(facts: LaneFacts, waitedMs: number | null): Summary {
  return {
    blockedUntil: facts.blockedUntil,
    refusedSince: facts.refusedSince,
    nodeCount: facts.nodeCount,
    nodeLimit: facts.nodeLimit,
    removed: [...facts.removed.keys()],
    waitedMs,
  };
}

const base = (over: Partial<LaneFacts> = {}): LaneFacts => ({ ...emptyFacts(0), ...over });

const cases: { title: string; before?: LaneFacts; events: FactEvent[]; now: number; expected: Summary }[] = [
  {
    title: 'a refusal blocks the lane for its delay and starts the wait',
    events: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable' }],
    now: 100,
    expected: { blockedUntil: 1100, refusedSince: 100, nodeCount: null, nodeLimit: null, removed: [], waitedMs: null },
  },
  {
    title: 'a second refusal extends the block but keeps when the wait began',
    before: base({ blockedUntil: 1100, refusedSince: 100 }),
    events: [{ kind: 'refused', delayMs: 1000, reason: 'CLB immutable' }],
    now: 1200,
    expected: { blockedUntil: 2200, refusedSince: 100, nodeCount: null, nodeLimit: null, removed: [], waitedMs: null },
  },
  {
    title: 'a mutation after refusals clears the block and reports the wait',
    before: base({ blockedUntil: 1100, refusedSince: 100 }),
    events: [{ kind: 'mutated' }],
    now: 2300,
    expected: { blockedUntil: null, refusedSince: null, nodeCount: null, nodeLimit: null, removed: [], waitedMs: 2200 },
  },
  {
    title: 'a mutation without refusals reports no wait',
    events: [{ kind: 'mutated' }],
    now: 5,
    expected: { blockedUntil: null, refusedSince: null, nodeCount: null, nodeLimit: null, removed: [], waitedMs: null },
  },
  {
    title: 'adds and our removals move a known count; removals CLB denied do not',
    before: base({ nodeCount: 10, nodeCountAt: 0 }),
    events: [
      { kind: 'nodes-added', count: 3 },
      { kind: 'nodes-removed', ids: ['1', '2'], applied: true },
      { kind: 'nodes-removed', ids: ['3'], applied: false },
    ],
    now: 10,
    expected: {
      blockedUntil: null,
      refusedSince: null,
      nodeCount: 11,
      nodeLimit: null,
      removed: ['1', '2', '3'],
      waitedMs: null,
    },
  },
  {
    title: 'adds leave an unknown count unknown',
    events: [{ kind: 'nodes-added', count: 3 }],
    now: 10,
    expected: { blockedUntil: null, refusedSince: null, nodeCount: null, nodeLimit: null, removed: [], waitedMs: null },
  },
  {
    title: 'a read sets the count and CLB sets the limit',
    events: [
      { kind: 'node-count', count: 7 },
      { kind: 'node-limit', limit: 20 },
    ],
    now: 10,
    expected: { blockedUntil: null, refusedSince: null, nodeCount: 7, nodeLimit: 20, removed: [], waitedMs: null },
  },
  {
    title: 'removed ids are forgotten after their time and beyond the cap, oldest first',
    before: base({
      removed: new Map([
        ['old', 0],
        ['a', 9_000],
        ['b', 9_500],
      ]),
    }),
    events: [{ kind: 'nodes-removed', ids: ['c', 'd'], applied: true }],
    now: 12_000,
    expected: {
      blockedUntil: null,
      refusedSince: null,
      nodeCount: null,
      nodeLimit: null,
      removed: ['b', 'c', 'd'],
      waitedMs: null,
    },
  },
  {
    title: 'an id learnt again counts as new when the oldest are dropped',
    before: base({
      removed: new Map([
        ['a', 1000],
        ['b', 2000],
        ['c', 3000],
      ]),
    }),
    events: [{ kind: 'nodes-removed', ids: ['a', 'd'], applied: false }],
    now: 4000,
    expected: {
      blockedUntil: null,
      refusedSince: null,
      nodeCount: null,
      nodeLimit: null,
      removed: ['c', 'a', 'd'],
      waitedMs: null,
    },
  },
];

for (const c of cases) {
  test(`applyFactEvents: ${c.title}`, (t) => {
    const applied = applyFactEvents(c.before, c.events, c.now, POLICY);
    t.deepEqual(summary(applied.facts, applied.waitedMs), c.expected);
  });
}

test('isBlocked is true only before blockedUntil', (t) => {
  const facts = base({ blockedUntil: 100 });
  t.deepEqual(
    [isBlocked(facts, 99), isBlocked(facts, 100), isBlocked(undefined, 0), isBlocked(base(), 0)],
    [true, false, false, false],
  );
});

test('applyFactEvents remembers the last refusal after the lane accepts again', (t) => {
  const refused = applyFactEvents(undefined, [{ kind: 'refused', delayMs: 1000, reason: 'x' }], 100, POLICY).facts;
  const accepted = applyFactEvents(refused, [{ kind: 'mutated' }], 1200, POLICY).facts;
  t.deepEqual([refused.lastRefusedAt, accepted.lastRefusedAt, accepted.blockedUntil], [100, 100, null]);
});

const IMMUTABLE: FactEvent = {
  kind: 'refused',
  delayMs: 1000,
  reason: 'CLB immutable (PENDING_UPDATE)',
  immutable: true,
};

const settleCases: {
  title: string;
  before?: LaneFacts;
  events: FactEvent[];
  now: number;
  policy?: Partial<FactsPolicy>;
  expected: { settlingUntil: number | null; lastChangedAt: number | null; learntSettleMs: number | null };
}[] = [
  {
    title: 'an applied change makes the CLB settle for the expected period',
    events: [{ kind: 'mutated' }],
    now: 100,
    expected: { settlingUntil: 1100, lastChangedAt: 100, learntSettleMs: null },
  },
  {
    title: 'a CLB expected not to settle at all is usable at once after a change',
    events: [{ kind: 'mutated' }],
    now: 100,
    policy: { settleMs: 0 },
    expected: { settlingUntil: null, lastChangedAt: 100, learntSettleMs: null },
  },
  {
    title: 'a CLB still immutable after the expected period teaches a longer one',
    before: base({ lastChangedAt: 100, settlingUntil: 1100 }),
    events: [IMMUTABLE],
    now: 1300,
    expected: { settlingUntil: 1100, lastChangedAt: 100, learntSettleMs: 1800 },
  },
  {
    title: 'the next change settles for the learnt period',
    before: base({ lastChangedAt: 100, learntSettleMs: 1800 }),
    events: [{ kind: 'mutated' }],
    now: 5000,
    expected: { settlingUntil: 6800, lastChangedAt: 5000, learntSettleMs: 1800 },
  },
  {
    title: 'the learnt period never exceeds the maximum',
    before: base({ lastChangedAt: 100, learntSettleMs: 3000 }),
    events: [IMMUTABLE],
    now: 3900,
    expected: { settlingUntil: null, lastChangedAt: 100, learntSettleMs: 4000 },
  },
  {
    title: 'a refusal long after our last change (someone else changed the CLB) teaches nothing',
    before: base({ lastChangedAt: 100 }),
    events: [IMMUTABLE],
    now: 60_000,
    expected: { settlingUntil: null, lastChangedAt: 100, learntSettleMs: null },
  },
  {
    title: 'a rate limit teaches nothing about settling',
    before: base({ lastChangedAt: 100 }),
    events: [{ kind: 'refused', delayMs: 5000, reason: 'rate limited', immutable: false }],
    now: 1500,
    expected: { settlingUntil: null, lastChangedAt: 100, learntSettleMs: null },
  },
  {
    title: 'nothing is learnt when the lane is not expected to settle',
    before: base({ lastChangedAt: 100 }),
    events: [IMMUTABLE],
    now: 1500,
    policy: { settleMs: 0 },
    expected: { settlingUntil: null, lastChangedAt: 100, learntSettleMs: null },
  },
];

for (const c of settleCases) {
  test(`applyFactEvents settling: ${c.title}`, (t) => {
    const { facts } = applyFactEvents(c.before, c.events, c.now, { ...POLICY, ...c.policy });
    t.deepEqual(
      { settlingUntil: facts.settlingUntil, lastChangedAt: facts.lastChangedAt, learntSettleMs: facts.learntSettleMs },
      c.expected,
    );
  });
}

test('isSettling is true only before settlingUntil', (t) => {
  const facts = base({ settlingUntil: 100 });
  t.deepEqual(
    [isSettling(facts, 99), isSettling(facts, 100), isSettling(undefined, 0), isSettling(base(), 0)],
    [true, false, false, false],
  );
});

test('settlePeriod is the policy period unless a longer one was learnt', (t) => {
  t.deepEqual([settlePeriod(undefined, POLICY), settlePeriod(base({ learntSettleMs: 2500 }), POLICY)], [1000, 2500]);
});
