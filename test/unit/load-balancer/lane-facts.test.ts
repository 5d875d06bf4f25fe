import test from 'ava';
import {
  applyFactEvents,
  emptyFacts,
  isBlocked,
  type FactEvent,
  type FactsPolicy,
  type LaneFacts,
} from '../../../services/load-balancer/src/core/lane-facts.js';

const POLICY: FactsPolicy = { rememberRemovedMs: 10_000, maxRemembered: 3 };

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
