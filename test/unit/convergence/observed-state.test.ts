import test from 'ava';
import { ObservedStateSchema } from '../../../shared/convergence/observed-state.js';

const json = {
  servers: [
    {
      id: 's1',
      name: 'web-as00000001',
      state: 'ACTIVE',
      createdMs: 1000,
      servicenetAddress: '10.0.0.1',
      metadata: { 'rax:autoscale:group:id': 'g', 'rax:autoscale:lb:CloudLoadBalancer:7': '[{"port": 80}]' },
      metadataLbs: { clb: [{ lbId: '999', port: 1 }], rcv3: ['ignored'] },
    },
  ],
  clbs: [
    {
      lbId: '7',
      healthMonitor: false,
      nodes: [
        {
          nodeId: '70',
          address: '10.0.0.1',
          port: 80,
          condition: 'ENABLED',
          weight: 1,
          type: 'PRIMARY',
          online: true,
          drainedAtMs: null,
        },
      ],
    },
  ],
  rcv3Pools: [{ poolId: 'p', members: [{ nodeId: 'n', serverId: 's1' }] }],
};

test('ObservedStateSchema reads a saved observed state and derives metadataLbs from the metadata', (t) => {
  const parsed = ObservedStateSchema.parse(json);
  t.deepEqual(parsed.servers[0]?.metadataLbs, { clb: [{ lbId: '7', port: 80 }], rcv3: [] });
  t.deepEqual(parsed.clbs, json.clbs);
  t.deepEqual(parsed.rcv3Pools, json.rcv3Pools);
});

const invalid: [name: string, mutate: (j: typeof json) => unknown][] = [
  ['an unknown server state', (j) => ({ ...j, servers: [{ ...j.servers[0], state: 'FLYING' }] })],
  ['a non-decimal CLB id', (j) => ({ ...j, clbs: [{ ...j.clbs[0], lbId: 'lb-7' }] })],
  [
    'a node with an unknown condition',
    (j) => ({ ...j, clbs: [{ ...j.clbs[0], nodes: [{ ...j.clbs[0]?.nodes[0], condition: 'UP' }] }] }),
  ],
  ['a missing pool list', ({ servers, clbs }) => ({ servers, clbs })],
];

for (const [name, mutate] of invalid) {
  test(`ObservedStateSchema rejects ${name}`, (t) => {
    t.false(ObservedStateSchema.safeParse(mutate(json)).success);
  });
}
