import test from 'ava';
import type { ObservedClbNode, ObservedServer } from '../../../shared/convergence/observed-state.js';
import { plan } from '../../../shared/convergence/plan.js';
import { DRAINING_SINCE_KEY, DRAINING_VALUE, SERVER_STATE_KEY } from '../../../shared/convergence/server-metadata.js';
import { infoReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import {
  CTX,
  LC_LBS,
  NOW,
  SEC,
  clb,
  createStep,
  del,
  desired,
  drainNode,
  node,
  observed,
  pool,
  rcv3Remove,
  removeClb,
  server,
  setMeta,
} from './fixtures.js';

const drainWait: Step = {
  type: 'ConvergeLater',
  reasons: [infoReason('waiting for servers to finish draining')],
  limited: false,
};
const iso = (ms: number) => new Date(ms).toISOString();
const marked = (sinceMs?: number) => ({
  [SERVER_STATE_KEY]: DRAINING_VALUE,
  ...(sinceMs === undefined ? {} : { [DRAINING_SINCE_KEY]: iso(sinceMs) }),
});

/** s1 is kept (newer); s2 (older, 10.0.0.2) is the scale-down victim or already marked DRAINING. */
function world(
  s2: ObservedServer,
  s2Nodes: { n21?: Partial<ObservedClbNode>; n22?: Partial<ObservedClbNode> } | null,
  s2InPool = true,
) {
  const s1 = server('s1', { lc: LC_LBS, ageSec: 1000 });
  const lb101 = [node('11', '10.0.0.1', 80)];
  const lb202 = [node('12', '10.0.0.1', 8080)];
  if (s2Nodes !== null) {
    if (s2Nodes.n21 !== undefined) lb101.push(node('21', '10.0.0.2', 80, s2Nodes.n21));
    if (s2Nodes.n22 !== undefined) lb202.push(node('22', '10.0.0.2', 8080, s2Nodes.n22));
  }
  return observed([s1, s2], [clb('101', lb101), clb('202', lb202)], [pool('pool-a', s2InPool ? ['s1', 's2'] : ['s1'])]);
}

const victim = (metadata: Record<string, string> = {}, state: 'ACTIVE' | 'BUILD' = 'ACTIVE') =>
  server('s2', { lc: LC_LBS, ageSec: 2000, metadata, state });

interface Case {
  readonly name: string;
  readonly timeoutSec: number;
  readonly world: ReturnType<typeof world>;
  readonly expected: readonly Step[];
}

const cases: Case[] = [
  {
    name: 'removes a victim from every load balancer and deletes it at once without a draining timeout',
    timeoutSec: 0,
    world: world(victim(), { n21: {}, n22: {} }),
    expected: [del('s2'), removeClb('101', '21'), removeClb('202', '22'), rcv3Remove(['pool-a', 's2'])],
  },
  {
    name: 'puts ENABLED nodes into DRAINING, removes RCv3 pairs and marks the server DRAINING with its drain start',
    timeoutSec: 30,
    world: world(victim(), { n21: {}, n22: {} }),
    expected: [
      setMeta('s2', DRAINING_SINCE_KEY, iso(NOW)),
      setMeta('s2', SERVER_STATE_KEY, DRAINING_VALUE),
      drainNode('101', '21'),
      drainNode('202', '22'),
      rcv3Remove(['pool-a', 's2']),
    ],
  },
  {
    name: 'keeps the weight and type of a node it drains',
    timeoutSec: 30,
    world: world(victim(), { n21: { weight: 5, type: 'SECONDARY' } }, false),
    expected: [
      setMeta('s2', DRAINING_SINCE_KEY, iso(NOW)),
      setMeta('s2', SERVER_STATE_KEY, DRAINING_VALUE),
      drainNode('101', '21', 5, 'SECONDARY'),
    ],
  },
  {
    name: 'waits while DRAINING nodes have drained for less than the timeout',
    timeoutSec: 30,
    world: world(
      victim(marked(NOW - 10 * SEC)),
      { n21: { condition: 'DRAINING' }, n22: { condition: 'DRAINING' } },
      false,
    ),
    expected: [drainWait],
  },
  {
    name: 'removes DRAINING nodes and deletes the server once the timeout has passed since the drain start',
    timeoutSec: 30,
    world: world(
      victim(marked(NOW - 30 * SEC)),
      { n21: { condition: 'DRAINING' }, n22: { condition: 'DRAINING' } },
      false,
    ),
    expected: [del('s2'), removeClb('101', '21'), removeClb('202', '22')],
  },
  {
    name: "prefers a node's own drain time from its feed over the server's drain start",
    timeoutSec: 30,
    world: world(
      victim(marked(NOW - 100 * SEC)),
      {
        n21: { condition: 'DRAINING', drainedAtMs: NOW - 10 * SEC },
        n22: { condition: 'DRAINING', drainedAtMs: NOW - 40 * SEC },
      },
      false,
    ),
    expected: [removeClb('202', '22'), drainWait],
  },
  {
    name: 'starts the drain clock now for a DRAINING server with no known drain start',
    timeoutSec: 30,
    world: world(victim(marked()), { n21: { condition: 'DRAINING' } }, false),
    expected: [setMeta('s2', DRAINING_SINCE_KEY, iso(NOW)), drainWait],
  },
  {
    name: 'removes DISABLED nodes at once while draining ENABLED ones',
    timeoutSec: 30,
    world: world(victim(), { n21: { condition: 'DISABLED' }, n22: {} }),
    expected: [
      setMeta('s2', DRAINING_SINCE_KEY, iso(NOW)),
      setMeta('s2', SERVER_STATE_KEY, DRAINING_VALUE),
      removeClb('101', '21'),
      drainNode('202', '22'),
      rcv3Remove(['pool-a', 's2']),
    ],
  },
  {
    name: 'drains again a node someone re-enabled on a server already DRAINING',
    timeoutSec: 30,
    world: world(victim(marked(NOW - 100 * SEC)), { n21: {} }, false),
    expected: [drainNode('101', '21')],
  },
  {
    name: 'deletes a victim with no load-balancer membership at once even with a draining timeout',
    timeoutSec: 30,
    world: world(victim(), null, false),
    expected: [del('s2')],
  },
  {
    name: 'removes only RCv3 pairs and deletes the server when RCv3 is its only membership',
    timeoutSec: 30,
    world: world(victim(), null, true),
    expected: [del('s2'), rcv3Remove(['pool-a', 's2'])],
  },
  {
    name: 'skips draining for a BUILD victim',
    timeoutSec: 30,
    world: world(victim({}, 'BUILD'), { n21: {} }),
    expected: [del('s2'), removeClb('101', '21'), rcv3Remove(['pool-a', 's2'])],
  },
];

for (const c of cases) {
  test(`plan ${c.name}`, (t) => {
    t.deepEqual(plan(desired(1, LC_LBS, { drainingTimeoutSec: c.timeoutSec }), c.world, NOW, CTX), c.expected);
  });
}

test('plan drains a DRAINING-marked server even when the group is below capacity', (t) => {
  const w = world(victim(marked(NOW - 10 * SEC)), { n21: { condition: 'DRAINING' } }, false);
  t.deepEqual(plan(desired(2, LC_LBS, { drainingTimeoutSec: 30 }), w, NOW, CTX), [createStep(0, LC_LBS), drainWait]);
});
