import test from 'ava';
import { markVanishedServers, normaliseServerPages } from '../../../shared/convergence/normalise-servers.js';
import type { ObservedServer } from '../../../shared/convergence/observed-state.js';

const CREATED = '2026-01-01T10:00:00.123456Z';
const CREATED_MS = Date.parse(CREATED);

function nova(id: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `web-${String(id)}`,
    status: 'ACTIVE',
    'OS-EXT-STS:task_state': null,
    created: CREATED,
    addresses: {
      private: [{ addr: '10.180.0.7', version: 4 }],
      public: [{ addr: '198.101.241.1', version: 4 }],
    },
    metadata: { 'rax:autoscale:group:id': 'g1' },
    ...extra,
  };
}

function observed(id: string, extra: Partial<ObservedServer> = {}): ObservedServer {
  return {
    id,
    name: `web-${id}`,
    state: 'ACTIVE',
    createdMs: CREATED_MS,
    servicenetAddress: '10.180.0.7',
    metadata: { 'rax:autoscale:group:id': 'g1' },
    metadataLbs: { clb: [], rcv3: [] },
    ...extra,
  };
}

const cases: { name: string; pages: unknown[]; expected: readonly ObservedServer[]; problems?: readonly string[] }[] = [
  { name: 'reads a group server', pages: [{ servers: [nova('s1')] }], expected: [observed('s1')] },
  {
    name: 'parses the load balancers recorded in metadata',
    pages: [
      {
        servers: [
          nova('s1', {
            metadata: {
              'rax:autoscale:group:id': 'g1',
              'rax:autoscale:lb:CloudLoadBalancer:5': '[{"port": 80}]',
              'rax:autoscale:lb:RackConnectV3:P1': '',
            },
          }),
        ],
      },
    ],
    expected: [
      observed('s1', {
        metadata: {
          'rax:autoscale:group:id': 'g1',
          'rax:autoscale:lb:CloudLoadBalancer:5': '[{"port": 80}]',
          'rax:autoscale:lb:RackConnectV3:P1': '',
        },
        metadataLbs: { clb: [{ lbId: '5', port: 80 }], rcv3: ['p1'] },
      }),
    ],
  },
  {
    name: 'keeps only the servers of the group, across pages',
    pages: [
      { servers: [nova('s1'), nova('x1', { metadata: { 'rax:autoscale:group:id': 'other' } })] },
      { servers: [nova('x2', { metadata: {} }), nova('x3', { metadata: null }), nova('s2')] },
    ],
    expected: [observed('s1'), observed('s2')],
  },
  {
    name: 'finds servers by the legacy group key',
    pages: [{ servers: [nova('s1', { metadata: { 'rax:auto_scaling_group_id': 'g1' } })] }],
    expected: [observed('s1', { metadata: { 'rax:auto_scaling_group_id': 'g1' } })],
  },
  {
    name: 'treats a task_state of "deleting" as DELETED',
    pages: [{ servers: [nova('s1', { 'OS-EXT-STS:task_state': ' Deleting ' })] }],
    expected: [observed('s1', { state: 'DELETED' })],
  },
  {
    name: 'maps unknown and missing statuses to UNKNOWN_TO_KELP and keeps known ones',
    pages: [
      {
        servers: [
          nova('s1', { status: 'SHELVED' }),
          nova('s2', { status: undefined }),
          nova('s3', { status: 'BUILD' }),
        ],
      },
    ],
    expected: [
      observed('s1', { state: 'UNKNOWN_TO_KELP' }),
      observed('s2', { state: 'UNKNOWN_TO_KELP' }),
      observed('s3', { state: 'BUILD' }),
    ],
  },
  {
    name: 'reads numeric ids as decimal strings',
    pages: [{ servers: [nova(42)] }],
    expected: [observed('42', { name: 'web-42' })],
  },
  {
    name: 'takes the first private IPv4 address starting with 10. as the ServiceNet address',
    pages: [
      {
        servers: [
          nova('s1', {
            addresses: {
              private: [
                { addr: 'fd00::1', version: 6 },
                { addr: '192.168.0.1', version: 4 },
                { addr: '10.1.2.3', version: 4 },
                { addr: '10.9.9.9', version: 4 },
              ],
            },
          }),
        ],
      },
    ],
    expected: [observed('s1', { servicenetAddress: '10.1.2.3' })],
  },
  {
    name: 'gives no ServiceNet address without a private network',
    pages: [
      {
        servers: [
          nova('s1', { addresses: { public: [{ addr: '10.0.0.1', version: 4 }] } }),
          nova('s2', { addresses: null }),
        ],
      },
    ],
    expected: [observed('s1', { servicenetAddress: null }), observed('s2', { servicenetAddress: null })],
  },
  {
    name: 'drops metadata values that are not strings and defaults a missing name',
    pages: [{ servers: [nova('s1', { name: 5, metadata: { 'rax:autoscale:group:id': 'g1', n: 1, o: null } })] }],
    expected: [observed('s1', { name: '' })],
  },
  {
    name: 'keeps the last listing of a server seen twice',
    pages: [{ servers: [nova('s1'), nova('s2')] }, { servers: [nova('s1', { status: 'ERROR' })] }],
    expected: [observed('s2'), observed('s1', { state: 'ERROR' })],
  },
  {
    name: 'skips and reports unreadable group servers and pages',
    pages: [
      { servers: [nova(undefined), nova('s1', { created: 'yesterday' }), 'junk', nova('s2')] },
      { servers_links: [] },
      null,
    ],
    expected: [observed('s2')],
    problems: [
      'page 0: group server without an id',
      'page 0: server s1: missing or invalid "created"',
      'page 0: server entry is not an object',
      'page 1: no "servers" list',
      'page 2: no "servers" list',
    ],
  },
];

for (const c of cases) {
  test(`normaliseServerPages ${c.name}`, (t) => {
    t.deepEqual(normaliseServerPages(c.pages, 'g1'), { items: c.expected, problems: c.problems ?? [] });
  });
}

test('markVanishedServers keeps servers missing from a fresh listing as DELETED', (t) => {
  const previous = [observed('s1'), observed('s2', { state: 'BUILD' }), observed('s3')];
  const fresh = [observed('s1', { state: 'ERROR' }), observed('s4')];
  t.deepEqual(markVanishedServers(previous, fresh), [
    observed('s1', { state: 'ERROR' }),
    observed('s4'),
    observed('s2', { state: 'DELETED' }),
    observed('s3', { state: 'DELETED' }),
  ]);
});

test('markVanishedServers returns the fresh listing when nothing vanished', (t) => {
  const fresh = [observed('s1')];
  t.deepEqual(markVanishedServers([observed('s1')], fresh), fresh);
  t.deepEqual(markVanishedServers([], []), []);
});
