import test from 'ava';
import { type LaunchConfig, LaunchConfigSchema } from '../../../shared/convergence/desired-state.js';
import type { ObservedState } from '../../../shared/convergence/observed-state.js';
import { plan } from '../../../shared/convergence/plan.js';
import { userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import {
  CTX,
  LC_LBS,
  NOW,
  SEC,
  addClb,
  clb,
  del,
  desired,
  enableNode,
  node,
  observed,
  pool,
  rcv3Add,
  removeClb,
  server,
} from './fixtures.js';

const s1 = server('s1', { lc: LC_LBS });
/** s1 fully in place: on CLB 101:80, CLB 202:8080 and pool-a. */
const inPlace = observed(
  [s1],
  [clb('101', [node('11', '10.0.0.1', 80)]), clb('202', [node('12', '10.0.0.1', 8080)])],
  [pool('pool-a', ['s1'])],
);

function withClb101(nodes: Parameters<typeof node>[3], healthMonitor = false, servers = [s1]): ObservedState {
  return observed(
    servers,
    [clb('101', [node('11', '10.0.0.1', 80, nodes)], healthMonitor), clb('202', [node('12', '10.0.0.1', 8080)])],
    [pool('pool-a', ['s1'])],
  );
}

const limitedWait = (...texts: string[]): Step => ({
  type: 'ConvergeLater',
  reasons: texts.map((text) => userReason(text)),
  limited: true,
});
const fail = (...reasons: ReturnType<typeof userReason>[]): Step => ({ type: 'FailConvergence', reasons });

interface Case {
  readonly name: string;
  readonly observed: ObservedState;
  readonly expected: readonly Step[];
  readonly capacity?: number;
  readonly lc?: LaunchConfig;
}

const cases: Case[] = [
  { name: 'plans nothing for a server in all its load balancers', observed: inPlace, expected: [] },
  {
    name: 're-adds a missing CLB node with the ServiceNet address and configured port',
    observed: observed([s1], [clb('101'), clb('202', [node('12', '10.0.0.1', 8080)])], [pool('pool-a', ['s1'])]),
    expected: [addClb('101', ['10.0.0.1', 80])],
  },
  {
    name: 're-adds a missing RCv3 pair with the lower-cased pool id',
    observed: observed([s1], inPlace.clbs, [pool('pool-a')]),
    expected: [rcv3Add(['pool-a', 's1'])],
  },
  {
    name: 'merges the additions of several servers into one step per CLB and one RCv3 step',
    observed: observed([server('s2', { lc: LC_LBS }), s1], [clb('101'), clb('202')], [pool('pool-a')]),
    capacity: 2,
    expected: [
      addClb('101', ['10.0.0.1', 80], ['10.0.0.2', 80]),
      addClb('202', ['10.0.0.1', 8080], ['10.0.0.2', 8080]),
      rcv3Add(['pool-a', 's1'], ['pool-a', 's2']),
    ],
  },
  {
    name: 'adds a node DRAINING when its CLB has a health monitor',
    observed: observed(
      [s1],
      [clb('101', [], true), clb('202', [node('12', '10.0.0.1', 8080)])],
      [pool('pool-a', ['s1'])],
    ),
    expected: [addClb('101', ['10.0.0.1', 80, 'DRAINING'])],
  },
  {
    name: 'enables a DRAINING node once it is ONLINE behind a health monitor',
    observed: withClb101({ condition: 'DRAINING', online: true }, true),
    expected: [enableNode('101', '11')],
  },
  {
    name: 'waits with a limit for a DRAINING node behind a health monitor to come ONLINE',
    observed: withClb101({ condition: 'DRAINING', online: false, drainedAtMs: NOW - 60 * SEC }, true),
    expected: [limitedWait('Waiting for node 11 of Cloud Load Balancer 101 to come ONLINE')],
  },
  {
    name: 'fails when a node stays OFFLINE longer than the build timeout',
    observed: withClb101({ condition: 'DRAINING', online: false, drainedAtMs: NOW - 3601 * SEC }, true),
    expected: [
      fail(
        userReason(
          'Node 11 of Cloud Load Balancer 101 has remained OFFLINE for more than 3600 seconds',
          'CLBNodeOffline',
        ),
      ),
    ],
  },
  {
    name: 'enables a DRAINING node on a CLB without a health monitor',
    observed: withClb101({ condition: 'DRAINING' }),
    expected: [enableNode('101', '11')],
  },
  {
    name: 'enables a DISABLED node',
    observed: withClb101({ condition: 'DISABLED' }),
    expected: [enableNode('101', '11')],
  },
  {
    name: 'resets a node with another weight or type',
    observed: withClb101({ weight: 7, type: 'SECONDARY' }),
    expected: [enableNode('101', '11')],
  },
  {
    name: 'fails with a user-facing reason when a configured CLB does not exist',
    observed: observed([s1], [inPlace.clbs[1]!], inPlace.rcv3Pools),
    expected: [fail(userReason('Cloud Load Balancer does not exist: 101', 'NoSuchCLBError'))],
  },
  {
    name: 'fails with a user-facing reason when a configured RCv3 pool does not exist',
    observed: observed([s1], inPlace.clbs, []),
    expected: [fail(userReason('RackConnect v3 load balancer pool does not exist: pool-a', 'NoSuchLBError'))],
  },
  {
    name: 'waits with a limit for a server without a ServiceNet address instead of adding it to CLBs',
    observed: observed(
      [server('s1', { lc: LC_LBS, address: null })],
      [clb('101'), clb('202')],
      [pool('pool-a', ['s1'])],
    ),
    expected: [
      limitedWait(
        'Server s1 has no ServiceNet address to add to Cloud Load Balancer 101',
        'Server s1 has no ServiceNet address to add to Cloud Load Balancer 202',
      ),
    ],
  },
  {
    name: 'leaves extra nodes nobody recorded on an active server alone',
    observed: observed(
      [s1],
      [...inPlace.clbs, clb('303', [node('31', '10.0.0.1', 80)])],
      [...inPlace.rcv3Pools, pool('pool-b', ['s1'])],
    ),
    expected: [],
  },
  {
    name: 'does not converge load balancers of servers that are not ACTIVE',
    observed: observed(
      [server('s1', { lc: LC_LBS, state: 'BUILD', ageSec: 10 })],
      [clb('101'), clb('202')],
      [pool('pool-a')],
    ),
    expected: [
      {
        type: 'ConvergeLater',
        reasons: [{ text: 'waiting for servers to finish building', userFacing: false, detail: { servers: 1 } }],
        limited: false,
      },
    ],
  },
];

for (const c of cases) {
  test(`plan ${c.name}`, (t) => {
    t.deepEqual(plan(desired(c.capacity ?? 1, c.lc ?? LC_LBS), c.observed, NOW, CTX), c.expected);
  });
}

test('plan reports a missing CLB once however many servers need it', (t) => {
  const servers = [server('s1', { lc: LC_LBS }), server('s2', { lc: LC_LBS })];
  const steps = plan(desired(2, LC_LBS), observed(servers, [clb('202')], [pool('pool-a', ['s1', 's2'])]), NOW, CTX);
  t.deepEqual(steps, [
    addClb('202', ['10.0.0.1', 8080], ['10.0.0.2', 8080]),
    fail(userReason('Cloud Load Balancer does not exist: 101', 'NoSuchCLBError')),
  ]);
});

test('plan keeps a server on two ports of one CLB and re-adds only the missing port', (t) => {
  const lc = LaunchConfigSchema.parse({
    server: LC_LBS.server,
    loadBalancers: [
      { loadBalancerId: 101, port: 80 },
      { loadBalancerId: 101, port: 81 },
    ],
  });
  const both = observed([server('s1', { lc })], [clb('101', [node('11', '10.0.0.1', 80), node('12', '10.0.0.1', 81)])]);
  t.deepEqual(plan(desired(1, lc), both, NOW, CTX), []);
  const one = observed([server('s1', { lc })], [clb('101', [node('12', '10.0.0.1', 81)])]);
  t.deepEqual(plan(desired(1, lc), one, NOW, CTX), [addClb('101', ['10.0.0.1', 80])]);
});

test('plan matches nodes to every group server sharing a ServiceNet address', (t) => {
  const servers = [server('s1', { lc: LC_LBS }), server('s2', { lc: LC_LBS, address: '10.0.0.1', state: 'ERROR' })];
  const world = observed(servers, inPlace.clbs, [pool('pool-a', ['s1'])]);
  t.deepEqual(plan(desired(1, LC_LBS), world, NOW, CTX), [del('s2'), removeClb('101', '11'), removeClb('202', '12')]);
});
