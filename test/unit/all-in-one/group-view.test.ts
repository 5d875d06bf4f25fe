import test from 'ava';
import type { Inventory, InventoryServer } from '../../../services/cloud-sim/src/index.js';
import { groupProblems, groupView, type GroupView } from '../../../services/all-in-one/src/demo/group-view.js';

const WHERE = { tenantId: '123456', groupId: 'g1', clbId: '7', poolId: 'pool-1' };

function server(id: string, extra: Partial<InventoryServer> = {}): InventoryServer {
  return {
    tenantId: '123456',
    region: 'ORD',
    id,
    name: `web-${id}`,
    status: 'ACTIVE',
    taskState: null,
    gone: false,
    metadata: { 'rax:autoscale:group:id': 'g1' },
    addresses: {
      private: [{ addr: `10.0.0.${id}`, version: 4 }],
      public: [
        { addr: `198.18.0.${id}`, version: 4 },
        { addr: `2001:db8::${id}`, version: 6 },
      ],
    },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

function inventory(servers: InventoryServer[], clbNodes: string[], poolMembers: string[]): Inventory {
  return {
    now: '2026-01-01T00:00:10Z',
    tenants: [{ tenantId: '123456', username: 'user-123456' }],
    servers,
    loadBalancers: [
      {
        tenantId: '123456',
        region: 'ORD',
        id: 7,
        name: 'demo-clb',
        status: 'ACTIVE',
        nodes: clbNodes.map((address, i) => ({
          id: i + 1,
          address,
          port: 80,
          condition: 'ENABLED',
          status: 'ONLINE',
        })),
      },
      { tenantId: '999', region: 'ORD', id: 7, name: 'another tenant', status: 'ACTIVE' },
    ],
    pools: [
      {
        tenantId: '123456',
        region: 'ORD',
        id: 'pool-1',
        name: 'demo-pool',
        nodes: poolMembers.map((id) => ({ status: 'ACTIVE', cloud_server: { id } })),
      },
    ],
  };
}

test('groupView lists the group live servers with their addresses and load-balancer membership', (t) => {
  const view = groupView(
    inventory(
      [
        server('2'),
        server('1'),
        server('3', { taskState: 'deleting' }),
        server('4', { gone: true, status: 'DELETED' }),
        server('5', { metadata: { 'rax:autoscale:group:id': 'other' } }),
        server('6', { tenantId: '999' }),
      ],
      ['10.0.0.1'],
      ['1', '2'],
    ),
    WHERE,
  );
  t.deepEqual(view, {
    tenantId: '123456',
    groupId: 'g1',
    servers: [
      {
        id: '1',
        name: 'web-1',
        status: 'ACTIVE',
        publicIp: '198.18.0.1',
        serviceNetIp: '10.0.0.1',
        clbNode: 'ENABLED/ONLINE',
        poolNode: 'ACTIVE',
      },
      {
        id: '2',
        name: 'web-2',
        status: 'ACTIVE',
        publicIp: '198.18.0.2',
        serviceNetIp: '10.0.0.2',
        clbNode: undefined,
        poolNode: 'ACTIVE',
      },
    ],
    clb: { id: '7', name: 'demo-clb', status: 'ACTIVE', nodes: 1 },
    pool: { id: 'pool-1', name: 'demo-pool', nodes: 2 },
  });
});

test('groupView reports load balancers the simulator does not have as missing', (t) => {
  const view = groupView({ ...inventory([], [], []), loadBalancers: [], pools: [] }, WHERE);
  t.deepEqual(
    [view.clb, view.pool],
    [
      { id: '7', name: '(missing)', status: 'MISSING', nodes: 0 },
      { id: 'pool-1', name: '(missing)', nodes: 0 },
    ],
  );
});

const converged = (n: number): GroupView =>
  groupView(
    inventory(
      Array.from({ length: n }, (_, i) => server(String(i + 1))),
      Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}`),
      Array.from({ length: n }, (_, i) => String(i + 1)),
    ),
    WHERE,
  );

const problemCases: readonly { name: string; view: GroupView; capacity: number; expected: string[] }[] = [
  { name: 'finds nothing wrong with a converged group', view: converged(3), capacity: 3, expected: [] },
  {
    name: 'counts servers and nodes against the capacity',
    view: converged(2),
    capacity: 3,
    expected: [
      'expected 3 servers, found 2',
      'CLB 7 has 2 nodes, expected 3',
      'RCv3 pool pool-1 has 2 nodes, expected 3',
    ],
  },
  {
    name: 'names a server that is not ACTIVE or not in a load balancer',
    view: groupView(inventory([server('1', { status: 'BUILD' })], [], []), WHERE),
    capacity: 1,
    expected: [
      'server web-1 is BUILD, not ACTIVE',
      'server web-1 is not in CLB 7',
      'server web-1 is not in RCv3 pool pool-1',
      'CLB 7 has 0 nodes, expected 1',
      'RCv3 pool pool-1 has 0 nodes, expected 1',
    ],
  },
];

for (const c of problemCases) {
  test(`groupProblems ${c.name}`, (t) => {
    t.deepEqual(groupProblems(c.view, c.capacity), c.expected);
  });
}
