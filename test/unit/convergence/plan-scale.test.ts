import test from 'ava';
import { plan } from '../../../shared/convergence/plan.js';
import type { ObservedServer } from '../../../shared/convergence/observed-state.js';
import { DRAINING_VALUE, SERVER_STATE_KEY } from '../../../shared/convergence/server-metadata.js';
import { infoReason, userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import { CTX, NOW, createStep, del, desired, observed, server } from './fixtures.js';

const buildWait = (servers: number): Step => ({
  type: 'ConvergeLater',
  reasons: [infoReason('waiting for servers to finish building', { servers })],
  limited: false,
});
const transitionWait = (...pairs: [id: string, state: string][]): Step => ({
  type: 'ConvergeLater',
  reasons: pairs.map(([id, state]) => userReason(`Waiting for server ${id} to transition to ACTIVE from ${state}`)),
  limited: true,
});

interface Case {
  readonly name: string;
  readonly capacity: number;
  readonly servers: readonly ObservedServer[];
  readonly expected: readonly Step[];
  readonly buildTimeoutSec?: number;
}

const cases: Case[] = [
  {
    name: 'plans nothing when the group has its capacity of ACTIVE servers',
    capacity: 2,
    servers: [server('s1'), server('s2')],
    expected: [],
  },
  { name: 'plans nothing for an empty group of capacity 0', capacity: 0, servers: [], expected: [] },
  {
    name: 'creates servers up to capacity',
    capacity: 3,
    servers: [server('s1')],
    expected: [createStep(0), createStep(1)],
  },
  {
    name: 'counts a young BUILD server toward capacity and waits for it',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'BUILD', ageSec: 10 })],
    expected: [buildWait(1)],
  },
  {
    name: 'counts a WAIT server (HARD_REBOOT) toward capacity and waits for it with a limit',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'HARD_REBOOT' })],
    expected: [transitionWait(['s2', 'HARD_REBOOT'])],
  },
  {
    name: 'counts a soft REBOOT as a WAIT server rather than replacing it',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'REBOOT' })],
    expected: [transitionWait(['s2', 'REBOOT'])],
  },
  {
    name: 'counts an AVOID_REPLACING server (RESCUE) toward capacity and leaves it alone',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'RESCUE' })],
    expected: [],
  },
  {
    name: 'deletes and replaces an ERROR server',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'ERROR' })],
    expected: [del('s2'), createStep(0)],
  },
  {
    name: 'deletes and replaces a SHUTOFF server',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'SHUTOFF' })],
    expected: [del('s2'), createStep(0)],
  },
  {
    name: 'replaces a DELETED server without deleting it again',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'DELETED' })],
    expected: [createStep(0)],
  },
  {
    name: 'ignores a server in an unknown state and does not count it',
    capacity: 2,
    servers: [server('s1'), server('s2', { state: 'UNKNOWN_TO_KELP' }), server('s3', { state: 'UNKNOWN' })],
    expected: [createStep(0)],
  },
  {
    name: 'does not count a server marked DRAINING and finishes deleting it',
    capacity: 2,
    servers: [server('s1'), server('s2', { metadata: { [SERVER_STATE_KEY]: DRAINING_VALUE } })],
    expected: [del('s2'), createStep(0)],
  },
  {
    name: 'deletes and replaces a server building for exactly the build timeout',
    capacity: 1,
    buildTimeoutSec: 3600,
    servers: [server('s1', { state: 'BUILD', ageSec: 3600 })],
    expected: [del('s1'), createStep(0)],
  },
  {
    name: 'keeps waiting for a server building just under the build timeout',
    capacity: 1,
    buildTimeoutSec: 3600,
    servers: [server('s1', { state: 'BUILD', ageSec: 3599.999 })],
    expected: [buildWait(1)],
  },
  {
    name: 'honours a custom build timeout',
    capacity: 1,
    buildTimeoutSec: 60,
    servers: [server('s1', { state: 'BUILD', ageSec: 61 })],
    expected: [del('s1'), createStep(0)],
  },
];

for (const c of cases) {
  test(`plan ${c.name}`, (t) => {
    const want = desired(
      c.capacity,
      undefined,
      c.buildTimeoutSec === undefined ? {} : { buildTimeoutSec: c.buildTimeoutSec },
    );
    t.deepEqual(plan(want, observed(c.servers), NOW, CTX), c.expected);
  });
}

// Scale-down order: building first, then WAIT, then AVOID_REPLACING, then ACTIVE; oldest first in each.
const mixed = [
  server('a1', { ageSec: 1000 }),
  server('a2', { ageSec: 500 }),
  server('r3', { state: 'RESCUE', ageSec: 10 }),
  server('w4', { state: 'REBUILD', ageSec: 10 }),
  server('b5', { state: 'BUILD', ageSec: 10 }),
  server('b6', { state: 'BUILD', ageSec: 20 }),
];

const scaleDown: { capacity: number; expected: readonly Step[] }[] = [
  { capacity: 6, expected: [buildWait(2), transitionWait(['w4', 'REBUILD'])] },
  { capacity: 5, expected: [del('b6'), buildWait(1), transitionWait(['w4', 'REBUILD'])] },
  { capacity: 4, expected: [del('b5'), del('b6'), transitionWait(['w4', 'REBUILD'])] },
  { capacity: 3, expected: [del('b5'), del('b6'), del('w4')] },
  { capacity: 2, expected: [del('b5'), del('b6'), del('r3'), del('w4')] },
  { capacity: 1, expected: [del('a1'), del('b5'), del('b6'), del('r3'), del('w4')] },
  { capacity: 0, expected: [del('a1'), del('a2'), del('b5'), del('b6'), del('r3'), del('w4')] },
];

for (const c of scaleDown) {
  test(`plan scales a mixed group down to ${c.capacity} deleting building, wait, avoid-replacing, then active servers, oldest first`, (t) => {
    t.deepEqual(plan(desired(c.capacity), observed(mixed), NOW, CTX), c.expected);
  });
}

test('plan deletes the oldest ACTIVE servers when scaling down', (t) => {
  const servers = [server('s1', { ageSec: 100 }), server('s2', { ageSec: 300 }), server('s3', { ageSec: 200 })];
  t.deepEqual(plan(desired(1), observed(servers), NOW, CTX), [del('s2'), del('s3')]);
});

test('plan breaks ties in creation time by deleting the smaller server id first', (t) => {
  const servers = [server('s9', { ageSec: 100 }), server('s4', { ageSec: 100 }), server('s7', { ageSec: 100 })];
  t.deepEqual(plan(desired(2), observed(servers), NOW, CTX), [del('s4')]);
  t.deepEqual(plan(desired(1), observed(servers), NOW, CTX), [del('s4'), del('s7')]);
});

test('plan gives scale-down the same victims whatever order the servers are listed in', (t) => {
  const reversed = [...mixed].reverse();
  t.deepEqual(plan(desired(3), observed(reversed), NOW, CTX), plan(desired(3), observed(mixed), NOW, CTX));
});

test('plan replaces ERROR servers and scales up in the same cycle', (t) => {
  const servers = [server('s1'), server('s2', { state: 'ERROR' }), server('s3', { state: 'BUILD', ageSec: 7200 })];
  t.deepEqual(plan(desired(4), observed(servers), NOW, CTX), [
    del('s2'),
    del('s3'),
    createStep(0),
    createStep(1),
    createStep(2),
  ]);
});

test('plan names new servers from the configured prefix and the context suffixes, with group metadata', (t) => {
  const [step] = plan(desired(1), observed([]), NOW, { ...CTX, serverSuffixes: () => 'as12ab34cd' });
  t.deepEqual(step, {
    type: 'CreateServer',
    serverConfig: {
      server: {
        flavorRef: 'general1-1',
        imageRef: 'img-1',
        name: 'web-as12ab34cd',
        metadata: { owner: 'ops', 'rax:auto_scaling_group_id': 'group-1', 'rax:autoscale:group:id': 'group-1' },
      },
    },
  });
});
