import test from 'ava';
import { type LaunchConfig, LaunchConfigSchema } from '../../../shared/convergence/desired-state.js';
import type { ObservedState } from '../../../shared/convergence/observed-state.js';
import { plan } from '../../../shared/convergence/plan.js';
import { CLB_KEY_PREFIX, RCV3_KEY_PREFIX } from '../../../shared/convergence/server-metadata.js';
import type { Step } from '../../../shared/steps/step.js';
import {
  CTX,
  LC_LBS,
  NOW,
  addClb,
  clb,
  createStep,
  del,
  desired,
  node,
  observed,
  pool,
  rcv3Add,
  rcv3Remove,
  removeClb,
  server,
} from './fixtures.js';

/** Removing memberships: of broken or vanished servers, and of load balancers the config dropped. */

const s1 = server('s1', { lc: LC_LBS });
/** s1 fully in place: on CLB 101:80, CLB 202:8080 and pool-a. */
const inPlace = observed(
  [s1],
  [clb('101', [node('11', '10.0.0.1', 80)]), clb('202', [node('12', '10.0.0.1', 8080)])],
  [pool('pool-a', ['s1'])],
);

const cases: { name: string; observed: ObservedState; expected: readonly Step[] }[] = [
  {
    name: 'removes the nodes and RCv3 pairs of an ERROR server while replacing it',
    observed: observed(
      [server('s2', { lc: LC_LBS, state: 'ERROR' })],
      [clb('101', [node('21', '10.0.0.2', 80)]), clb('202', [node('22', '10.0.0.2', 8080)])],
      [pool('pool-a', ['s2'])],
    ),
    expected: [
      del('s2'),
      createStep(0, LC_LBS),
      removeClb('101', '21'),
      removeClb('202', '22'),
      rcv3Remove(['pool-a', 's2']),
    ],
  },
  {
    name: 'removes the nodes and RCv3 pairs left behind by a DELETED server',
    observed: observed(
      [s1, server('s2', { lc: LC_LBS, state: 'DELETED' })],
      [clb('101', [node('11', '10.0.0.1', 80), node('21', '10.0.0.2', 80)]), inPlace.clbs[1]!],
      [pool('pool-a', ['s1', 's2'])],
    ),
    expected: [removeClb('101', '21'), rcv3Remove(['pool-a', 's2'])],
  },
  {
    name: 'removes the nodes of a server that timed out building while replacing it',
    observed: observed(
      [server('s2', { lc: LC_LBS, state: 'BUILD', ageSec: 4000 })],
      [clb('101', [node('21', '10.0.0.2', 80)]), clb('202')],
      [pool('pool-a')],
    ),
    expected: [del('s2'), createStep(0, LC_LBS), removeClb('101', '21')],
  },
];

for (const c of cases) {
  test(`plan ${c.name}`, (t) => {
    t.deepEqual(plan(desired(1, LC_LBS), c.observed, NOW, CTX), c.expected);
  });
}

// A CLB dropped from the launch config (e.g. after it was deleted): the group converges without it.
const LC_WITHOUT_101: LaunchConfig = LaunchConfigSchema.parse({
  server: LC_LBS.server,
  loadBalancers: [
    { loadBalancerId: 202, port: 8080 },
    { loadBalancerId: 'pool-a', type: 'RackConnectV3' },
  ],
});

test('plan is empty again once the launch config no longer names a deleted CLB', (t) => {
  const world = observed([s1], [inPlace.clbs[1]!], inPlace.rcv3Pools);
  t.deepEqual(plan(desired(1, LC_WITHOUT_101), world, NOW, CTX), []);
});

test('plan removes memberships the metadata records but the launch config no longer names, before rewriting keys', (t) => {
  const world = observed(
    [server('s1', { lc: LC_LBS, metadata: { [`${RCV3_KEY_PREFIX}pool-b`]: '' } })],
    [clb('101', [node('11', '10.0.0.1', 80)]), clb('202', [node('12', '10.0.0.1', 8080)])],
    [pool('pool-a', ['s1']), pool('pool-b', ['s1'])],
  );
  const lc = LaunchConfigSchema.parse({
    server: LC_LBS.server,
    loadBalancers: [{ loadBalancerId: 'pool-a', type: 'RackConnectV3' }],
  });
  t.deepEqual(plan(desired(1, lc), world, NOW, CTX), [
    removeClb('101', '11'),
    removeClb('202', '12'),
    rcv3Remove(['pool-b', 's1']),
  ]);
});

test('plan moves a server to a new CLB port: removes the old node, adds the new one, fixes the key next cycle', (t) => {
  const lc = LaunchConfigSchema.parse({ server: LC_LBS.server, loadBalancers: [{ loadBalancerId: 101, port: 81 }] });
  const before = observed([server('s1', { lc: LC_LBS })], [clb('101', [node('11', '10.0.0.1', 80)])]);
  t.deepEqual(plan(desired(1, lc), before, NOW, CTX), [removeClb('101', '11'), addClb('101', ['10.0.0.1', 81])]);
  const after = observed([server('s1', { lc: LC_LBS })], [clb('101', [node('13', '10.0.0.1', 81)])]);
  t.deepEqual(plan(desired(1, lc), after, NOW, CTX), [
    { type: 'SetMetadataItemOnServer', serverId: 's1', key: `${CLB_KEY_PREFIX}101`, value: '[{"port": 81}]' },
  ]);
});

test('plan configures each load balancer once when the launch config lists it twice', (t) => {
  const lc = LaunchConfigSchema.parse({
    server: LC_LBS.server,
    loadBalancers: [
      { loadBalancerId: 101, port: 80 },
      { loadBalancerId: '101', port: 80 },
      { loadBalancerId: 'POOL-A', type: 'RackConnectV3' },
      { loadBalancerId: 'pool-a', type: 'RackConnectV3' },
    ],
  });
  const world = observed([server('s1', { lc })], [clb('101')], [pool('pool-a')]);
  t.deepEqual(plan(desired(1, lc), world, NOW, CTX), [addClb('101', ['10.0.0.1', 80]), rcv3Add(['pool-a', 's1'])]);
});

test('plan removes a recorded membership the config dropped while every configured key still matches', (t) => {
  const world = observed(
    [
      server('s1', {
        lc: LC_LBS,
        metadata: { [`${RCV3_KEY_PREFIX}pool-b`]: '', [`${CLB_KEY_PREFIX}303`]: '[{"port": 80}]' },
      }),
    ],
    [...inPlace.clbs, clb('303', [node('31', '10.0.0.1', 80)])],
    [pool('pool-a', ['s1']), pool('pool-b', ['s1'])],
  );
  t.deepEqual(plan(desired(1, LC_LBS), world, NOW, CTX), [removeClb('303', '31'), rcv3Remove(['pool-b', 's1'])]);
});

test('plan removes every node of a deleted server, duplicates included, and leaves a kept server’s duplicate alone', (t) => {
  const world = observed(
    [s1, server('s2', { lc: LC_LBS, state: 'ERROR' })],
    [
      clb('101', [
        node('11', '10.0.0.1', 80),
        node('13', '10.0.0.1', 80),
        node('21', '10.0.0.2', 80),
        node('23', '10.0.0.2', 80),
      ]),
      inPlace.clbs[1]!,
    ],
    [pool('pool-a', ['s1'])],
  );
  t.deepEqual(plan(desired(1, LC_LBS), world, NOW, CTX), [del('s2'), removeClb('101', '21', '23')]);
});
