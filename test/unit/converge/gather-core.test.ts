import test from 'ava';
import {
  initialLbSet,
  missingLbs,
  readClb,
  readPool,
} from '../../../services/supervisor/src/converge/core/lb-readings.js';
import { listServersRequest, nextPageQuery } from '../../../services/supervisor/src/converge/core/nova-listing.js';
import { DesiredGroupStateSchema } from '../../../shared/convergence/desired-state.js';
import { parseMetadataLbs } from '../../../shared/convergence/metadata-lbs.js';
import type { ObservedServer } from '../../../shared/convergence/observed-state.js';
import type { LbReadResultPayload } from '../../../shared/messages/lb-messages.js';
import { errorReason, userReason } from '../../../shared/steps/step-result.js';

test('listServersRequest lists server details with the given query', (t) => {
  t.deepEqual(listServersRequest({ limit: 1000 }), {
    service: 'cloudServersOpenStack',
    method: 'GET',
    path: ['servers', 'detail'],
    query: { limit: 1000 },
    okStatus: [200, 203],
    reauthStatus: [401, 403],
  });
});

const next = 'https://nova.example/v2/123/servers/detail?limit=2&marker=s2';
const pageCases: [string, unknown, Record<string, string> | undefined][] = [
  [
    'a next link gives its query',
    { servers: [{}, {}], servers_links: [{ rel: 'next', href: next }] },
    { limit: '2', marker: 's2' },
  ],
  ['no links: last page', { servers: [{}] }, undefined],
  [
    'an empty page ends the listing even with a link',
    { servers: [], servers_links: [{ rel: 'next', href: next }] },
    undefined,
  ],
  ['only a self link: last page', { servers: [{}], servers_links: [{ rel: 'self', href: next }] }, undefined],
  [
    'a next link without a marker is not followed',
    { servers: [{}], servers_links: [{ rel: 'next', href: 'http://x/?limit=2' }] },
    undefined,
  ],
  [
    'a relative href works',
    { servers: [{}], servers_links: [{ rel: 'next', href: '/servers/detail?marker=m' }] },
    { marker: 'm' },
  ],
  ['not an object', 'oops', undefined],
];
for (const [title, body, expected] of pageCases) {
  test(`nextPageQuery: ${title}`, (t) => {
    t.deepEqual(nextPageQuery(body), expected);
  });
}

const desired = DesiredGroupStateSchema.parse({
  capacity: 1,
  launchConfig: {
    server: { flavorRef: 'f' },
    loadBalancers: [
      { loadBalancerId: 10, port: 80 },
      { loadBalancerId: 10, port: 81 },
      { type: 'RackConnectV3', loadBalancerId: 'POOL-A' },
    ],
  },
});

test('initialLbSet reads the launch config’s load balancers and the record’s', (t) => {
  t.deepEqual(initialLbSet(desired, undefined), { clbs: ['10'], pools: ['pool-a'] });
  const record = {
    jobId: 'j',
    acceptedAt: '2026-01-01T00:00:00.000Z',
    cycle: 0,
    servers: [],
    lbs: { clb: ['7', '10'], rcv3: ['Pool-B'] },
  };
  t.deepEqual(initialLbSet(desired, record), { clbs: ['7', '10'], pools: ['pool-b', 'pool-a'] });
});

function server(id: string, metadata: Record<string, string>): ObservedServer {
  return {
    id,
    name: id,
    state: 'ACTIVE',
    createdMs: 0,
    servicenetAddress: null,
    metadata,
    metadataLbs: parseMetadataLbs(metadata),
  };
}

test('missingLbs names the load balancers servers’ metadata records that were not read yet', (t) => {
  const servers = [
    server('s1', {
      'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]',
      'rax:autoscale:lb:CloudLoadBalancer:11': '[{"port": 80}]',
    }),
    server('s2', { 'rax:autoscale:lb:RackConnectV3:POOL-C': '', 'rax:autoscale:lb:RackConnectV3:pool-a': '' }),
  ];
  t.deepEqual(missingLbs(servers, { clbs: ['10'], pools: ['pool-a'] }), { clbs: ['11'], pools: ['pool-c'] });
});

const ok = (body: unknown): LbReadResultPayload => ({ ok: true, body });
const err = (kind: string, status?: number): LbReadResultPayload => ({
  ok: false,
  error: { kind, message: `${kind} happened`, ...(status === undefined ? {} : { status }) },
});
const nodes = ok({ nodes: [{ id: 1, address: '10.0.0.1', port: 80, condition: 'ENABLED', status: 'ONLINE' }] });

test('readClb builds the CLB from its nodes and health monitor', (t) => {
  t.deepEqual(readClb('10', nodes, ok({ healthMonitor: { type: 'CONNECT' } })), {
    kind: 'present',
    value: {
      lbId: '10',
      healthMonitor: true,
      nodes: [
        {
          nodeId: '1',
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
    problems: [],
  });
  t.like(readClb('10', ok({ nodes: [] }), ok({ healthMonitor: {} })), {
    kind: 'present',
    value: { healthMonitor: false },
  });
});

const clbCases: [string, LbReadResultPayload, LbReadResultPayload, unknown][] = [
  ['a CLB not found is absent', err('NoSuchCLBError', 404), ok({}), { kind: 'absent' }],
  ['a deleted CLB is absent', err('CLBDeletedError', 410), ok({}), { kind: 'absent' }],
  ['a CLB whose monitor read says deleted is absent', nodes, err('CLBDeletedError', 422), { kind: 'absent' }],
  [
    'a server error fails the gather',
    err('APIError', 500),
    ok({}),
    {
      kind: 'failed',
      reason: errorReason('GatherError', 'reading the nodes of Cloud Load Balancer 10 failed (500): APIError happened'),
      fatal: false,
    },
  ],
  [
    'no CLB endpoint in the catalog is fatal',
    err('endpoint'),
    err('endpoint'),
    {
      kind: 'failed',
      reason: userReason(
        'Could not locate service cloudLoadBalancers in the service catalog. Please check if your account is still active.',
        'NoSuchEndpoint',
      ),
      fatal: true,
    },
  ],
  [
    'an unanswered RPC fails the gather',
    nodes,
    err('RpcError'),
    {
      kind: 'failed',
      reason: errorReason(
        'GatherError',
        'reading the health monitor of Cloud Load Balancer 10 failed: RpcError happened',
      ),
      fatal: false,
    },
  ],
];
for (const [title, n, m, expected] of clbCases) {
  test(`readClb: ${title}`, (t) => {
    t.deepEqual(readClb('10', n, m), expected);
  });
}

test('readPool lists cloud-server members and lower-cases the pool id', (t) => {
  const body = [
    { id: 'n1', cloud_server: { id: 's1' } },
    { id: 'n2', load_balancer_pool: {} },
  ];
  t.deepEqual(readPool('POOL-A', ok(body)), {
    kind: 'present',
    value: { poolId: 'pool-a', members: [{ nodeId: 'n1', serverId: 's1' }] },
    problems: [],
  });
});

const poolCases: [string, LbReadResultPayload, unknown][] = [
  ['a pool that does not exist is absent', err('APIError', 404), { kind: 'absent' }],
  ['an id RCv3 cannot parse is absent', err('APIError', 400), { kind: 'absent' }],
  [
    'a server error fails the gather',
    err('APIError', 503),
    {
      kind: 'failed',
      reason: errorReason('GatherError', 'reading the nodes of RackConnect v3 pool p failed (503): APIError happened'),
      fatal: false,
    },
  ],
];
for (const [title, read, expected] of poolCases) {
  test(`readPool: ${title}`, (t) => {
    t.deepEqual(readPool('p', read), expected);
  });
}
