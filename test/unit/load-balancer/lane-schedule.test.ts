import test from 'ava';
import { emptyFacts, type LaneFacts } from '../../../services/load-balancer/src/core/lane-facts.js';
import {
  decideLane,
  drainLane,
  enqueue,
  landed,
  type LaneState,
  type SchedulePolicy,
} from '../../../services/load-balancer/src/core/lane-schedule.js';
import { LIMITS, addStep, item, removeStep } from './fixtures.js';
import { describeDisposition } from './run-flight.js';

const POLICY: SchedulePolicy = {
  windowMs: 50,
  quietMs: 10,
  refusalMemoryMs: 60_000,
  limits: LIMITS,
  maxAttempts: 3,
  settleHoldLimit: 3,
};

const lane = (...items: ReturnType<typeof item>[]): LaneState =>
  items.reduce<LaneState | undefined>((state, next) => enqueue(state, next), undefined) ?? {
    pending: [],
    inFlight: false,
    readyAt: null,
  };

const blocked: LaneFacts = { ...emptyFacts(0), blockedUntil: 1500, blockedReason: 'CLB immutable (PENDING_UPDATE)' };

const settling: LaneFacts = { ...emptyFacts(0), settlingUntil: 1500, lastChangedAt: 500 };

const cases: {
  title: string;
  lane: LaneState;
  facts?: LaneFacts;
  policy?: Partial<SchedulePolicy>;
  now: number;
  batch: string[];
  pending: string[];
  settled: Record<string, string>;
  wakeAt: number | null;
  inFlight: boolean;
}[] = [
  {
    title: 'waits for a quiet gap after the first step of an idle lane',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 })),
    now: 100,
    batch: [],
    pending: ['a'],
    settled: {},
    wakeAt: 110,
    inFlight: false,
  },
  {
    title: 'keeps gathering while steps keep arriving',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 }), item('b', addStep('10.0.0.2'), { arrivedAt: 108 })),
    now: 110,
    batch: [],
    pending: ['a', 'b'],
    settled: {},
    wakeAt: 118,
    inFlight: false,
  },
  {
    title: 'sends once the lane is quiet',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 }), item('b', addStep('10.0.0.2'), { arrivedAt: 108 })),
    now: 118,
    batch: ['a', 'b'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'gathers at most the window, however busy the lane',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 }), item('b', addStep('10.0.0.2'), { arrivedAt: 145 })),
    now: 148,
    batch: [],
    pending: ['a', 'b'],
    settled: {},
    wakeAt: 150,
    inFlight: false,
  },
  {
    title: 'waits the whole window on a lane that refused lately',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 2000 })),
    facts: { ...emptyFacts(0), lastRefusedAt: 1000 },
    now: 2020,
    batch: [],
    pending: ['a'],
    settled: {},
    wakeAt: 2050,
    inFlight: false,
  },
  {
    title: 'forgets an old refusal',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 70_000 })),
    facts: { ...emptyFacts(0), lastRefusedAt: 1000 },
    now: 70_000,
    batch: [],
    pending: ['a'],
    settled: {},
    wakeAt: 70_010,
    inFlight: false,
  },
  {
    title: 'sends every waiting step when the window of the oldest closes',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 }), item('b', addStep('10.0.0.2'), { arrivedAt: 145 })),
    now: 150,
    batch: ['a', 'b'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'sends a full batch before the window closes',
    lane: lane(item('a', removeStep('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'), { arrivedAt: 100 })),
    now: 101,
    batch: ['a'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'holds steps while a batch is in flight',
    lane: { ...lane(item('b', addStep('10.0.0.2'), { arrivedAt: 100 })), inFlight: true },
    now: 1000,
    batch: [],
    pending: ['b'],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'sends what accumulated during a flight as soon as it lands',
    lane: landed({ ...lane(item('b', addStep('10.0.0.2'), { arrivedAt: 199 })), inFlight: true }, [], 200),
    now: 200,
    batch: ['b'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'defers every step of a lane known to refuse, for the time left',
    lane: lane(item('a', addStep('10.0.0.1')), item('b', removeStep('1'))),
    facts: blocked,
    now: 1000,
    batch: [],
    pending: [],
    settled: { a: 'deferred 500', b: 'deferred 500' },
    wakeAt: null,
    inFlight: false,
  },
  {
    title: 'still sends a step retried maxAttempts times to a lane known to refuse',
    lane: lane(item('a', addStep('10.0.0.1'), { attempt: 3 }), item('b', addStep('10.0.0.2'))),
    facts: blocked,
    now: 1000,
    batch: ['a'],
    pending: [],
    settled: { b: 'deferred 500' },
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'defers a step arriving at a blocked lane even while a batch is in flight',
    lane: { ...lane(item('a', addStep('10.0.0.1'))), inFlight: true },
    facts: blocked,
    now: 1000,
    batch: [],
    pending: [],
    settled: { a: 'deferred 500' },
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'answers a removal of ids known gone without a request',
    lane: lane(item('a', removeStep('1'))),
    facts: { ...emptyFacts(0), removed: new Map([['1', 0]]) },
    now: 0,
    batch: [],
    pending: [],
    settled: { a: 'success/done' },
    wakeAt: null,
    inFlight: false,
  },
  {
    title: 'defers for at least 1 ms when the refusal is about to pass',
    lane: lane(item('a', addStep('10.0.0.1'))),
    facts: blocked,
    now: 1499.7,
    batch: [],
    pending: [],
    settled: { a: 'deferred 1' },
    wakeAt: null,
    inFlight: false,
  },
  {
    title: 'sends again once the refusal has passed',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 1000 })),
    facts: blocked,
    now: 1600,
    batch: ['a'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'sends the first step of an idle lane at once when it need not wait for a quiet gap',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 100 })),
    policy: { quietMs: 0 },
    now: 100,
    batch: ['a'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'still gathers the whole window on a lane that refused lately when it need not wait for a quiet gap',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 2000 })),
    facts: { ...emptyFacts(0), lastRefusedAt: 1000 },
    policy: { quietMs: 0 },
    now: 2000,
    batch: [],
    pending: ['a'],
    settled: {},
    wakeAt: 2050,
    inFlight: false,
  },
  {
    title: 'holds the steps of a CLB settling after a change until it has settled',
    lane: lane(item('a', addStep('10.0.0.1'), { arrivedAt: 900 }), item('b', removeStep('1'), { arrivedAt: 950 })),
    facts: settling,
    policy: { quietMs: 0 },
    now: 1000,
    batch: [],
    pending: ['a', 'b'],
    settled: {},
    wakeAt: 1500,
    inFlight: false,
  },
  {
    title: 'holds what accumulated during a flight that changed the CLB',
    lane: landed({ ...lane(item('b', addStep('10.0.0.2'), { arrivedAt: 499 })), inFlight: true }, [], 500),
    facts: settling,
    now: 500,
    batch: [],
    pending: ['b'],
    settled: {},
    wakeAt: 1500,
    inFlight: false,
  },
  {
    title: 'sends everything held in one request once the CLB has settled',
    lane: landed(
      {
        ...lane(
          item('b', addStep('10.0.0.2'), { arrivedAt: 499 }),
          item('c', addStep('10.0.0.3'), { arrivedAt: 1400 }),
        ),
        inFlight: true,
      },
      [],
      500,
    ),
    facts: settling,
    now: 1500,
    batch: ['b', 'c'],
    pending: [],
    settled: {},
    wakeAt: null,
    inFlight: true,
  },
  {
    title: 'holds even a full batch while the CLB settles',
    lane: lane(item('a', removeStep('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'), { arrivedAt: 1000 })),
    facts: settling,
    now: 1000,
    batch: [],
    pending: ['a'],
    settled: {},
    wakeAt: 1500,
    inFlight: false,
  },
  {
    title: 'holds at most settleHoldLimit steps while the CLB settles and defers the younger ones until then',
    lane: lane(
      item('a', addStep('10.0.0.1')),
      item('b', addStep('10.0.0.2')),
      item('c', addStep('10.0.0.3')),
      item('d', addStep('10.0.0.4')),
      item('e', addStep('10.0.0.5')),
    ),
    facts: settling,
    now: 1000,
    batch: [],
    pending: ['a', 'b', 'c'],
    settled: { d: 'deferred 500', e: 'deferred 500' },
    wakeAt: 1500,
    inFlight: false,
  },
  {
    title: 'keeps a step out of retries beyond the hold limit',
    lane: lane(
      item('a', addStep('10.0.0.1')),
      item('b', addStep('10.0.0.2')),
      item('c', addStep('10.0.0.3')),
      item('d', addStep('10.0.0.4'), { attempt: 3 }),
      item('e', addStep('10.0.0.5')),
    ),
    facts: settling,
    now: 1000,
    batch: [],
    pending: ['a', 'b', 'c', 'd'],
    settled: { e: 'deferred 500' },
    wakeAt: 1500,
    inFlight: false,
  },
  {
    title: 'defers rather than holds when the CLB refused while settling',
    lane: lane(item('a', addStep('10.0.0.1'))),
    facts: { ...settling, blockedUntil: 1200, blockedReason: 'CLB immutable (PENDING_UPDATE)' },
    now: 1000,
    batch: [],
    pending: [],
    settled: { a: 'deferred 200' },
    wakeAt: null,
    inFlight: false,
  },
];

for (const c of cases) {
  test(`decideLane ${c.title}`, (t) => {
    const decision = decideLane(c.lane, c.facts, c.now, { ...POLICY, ...c.policy });
    t.deepEqual(
      {
        batch: decision.batch?.members.map((m) => m.item.id) ?? [],
        pending: decision.lane.pending.map((i) => i.id),
        settled: Object.fromEntries(decision.settled.map((s) => [s.item.id, describeDisposition(s.disposition)])),
        wakeAt: decision.wakeAt,
        inFlight: decision.lane.inFlight,
      },
      { batch: c.batch, pending: c.pending, settled: c.settled, wakeAt: c.wakeAt, inFlight: c.inFlight },
    );
  });
}

test('landed puts requeued steps first and makes the lane ready at once', (t) => {
  const state = landed({ ...lane(item('b', addStep('x'))), inFlight: true }, [item('a', removeStep('11'))], 500);
  t.deepEqual(
    { pending: state.pending.map((i) => i.id), inFlight: state.inFlight, readyAt: state.readyAt },
    { pending: ['a', 'b'], inFlight: false, readyAt: 500 },
  );
});

test('drainLane hands every waiting step back for requeue', (t) => {
  const drained = drainLane({ ...lane(item('a', addStep('x')), item('b', addStep('y'))), inFlight: true });
  t.deepEqual(
    {
      settled: drained.settled.map((s) => [s.item.id, s.disposition.kind]),
      pending: drained.lane.pending.length,
      inFlight: drained.lane.inFlight,
    },
    {
      settled: [
        ['a', 'requeue'],
        ['b', 'requeue'],
      ],
      pending: 0,
      inFlight: true,
    },
  );
});
