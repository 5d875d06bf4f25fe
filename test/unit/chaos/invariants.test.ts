import test from 'ava';
import {
  EMPTY_BASELINE,
  baselineOf,
  type InventoryServerView,
  type InvariantInput,
  type JobRecord,
} from '../../../test/chaos/core/invariant-input.js';
import {
  checkInvariants,
  countViolations,
  describeViolation,
  type Violation,
} from '../../../test/chaos/core/invariants.js';

const KEYS = { jobId: 'rax:autoscale:job:id', groupId: 'rax:autoscale:group:id' };

function server(
  id: string,
  jobId: string | null,
  extra: Partial<InventoryServerView> = {},
  groupId = 'g-launch',
): InventoryServerView {
  return {
    id,
    tenantId: 't1',
    name: `srv-${id}`,
    status: 'ACTIVE',
    taskState: null,
    gone: false,
    metadata: { ...(jobId === null ? {} : { [KEYS.jobId]: jobId }), [KEYS.groupId]: groupId },
    addresses: { private: [{ addr: `10.0.0.${id.replace(/\D/g, '')}` }] },
    ...extra,
  };
}

function launch(jobId: string, outcomes: JobRecord['outcomes'], serverId?: string): JobRecord {
  return {
    jobId,
    tenantId: 't1',
    type: 'launch-server',
    groupId: 'g-launch',
    outcomes,
    ...(serverId === undefined ? {} : { result: { serverId } }),
  };
}

function input(partial: Partial<InvariantInput>): InvariantInput {
  return {
    inventory: { servers: [], loadBalancers: [], pools: [] },
    jobs: [],
    groups: [],
    baseline: EMPTY_BASELINE,
    keys: KEYS,
    ...partial,
  };
}

const cases: readonly {
  readonly title: string;
  readonly input: InvariantInput;
  readonly expected: readonly Violation[];
}[] = [
  {
    title: 'a clean run has no violations',
    input: input({
      inventory: {
        servers: [server('s1', 'j1'), server('s2', 'j2', { gone: true })],
        loadBalancers: [{ id: 7, tenantId: 't1', nodes: [{ id: 70, address: '10.0.0.1', port: 80 }] }],
        pools: [{ id: 'p1', tenantId: 't1', nodes: [{ id: 'n1', cloud_server: { id: 's1' } }] }],
      },
      jobs: [launch('j1', ['succeeded'], 's1'), launch('j2', ['failed'])],
    }),
    expected: [],
  },
  {
    title: 'a job without a terminal event is lost; its server counts as in flight',
    input: input({
      inventory: { servers: [server('s1', 'j1')], loadBalancers: [], pools: [] },
      jobs: [launch('j1', [])],
    }),
    expected: [{ kind: 'job-not-terminal', jobId: 'j1', detail: 'launch-server for t1/g-launch' }],
  },
  {
    title: 'repeated identical terminal events are fine, conflicting ones are not',
    input: input({ jobs: [launch('j1', ['succeeded', 'succeeded']), launch('j2', ['failed', 'succeeded'])] }),
    expected: [{ kind: 'job-conflicting-outcomes', jobId: 'j2', detail: 'failed, succeeded' }],
  },
  {
    title: 'two live servers with one launch job id are a duplicate, and the one not in the result leaked',
    input: input({
      inventory: {
        servers: [server('s2', 'j1'), server('s1', 'j1'), server('s3', 'j1', { taskState: 'deleting' })],
        loadBalancers: [],
        pools: [],
      },
      jobs: [launch('j1', ['succeeded'], 's1')],
    }),
    expected: [
      { kind: 'duplicate-server', jobId: 'j1', serverIds: ['s1', 's2'] },
      { kind: 'leaked-server', serverId: 's2', detail: 'srv-s2: job j1 succeeded without naming this server' },
    ],
  },
  {
    title: 'servers of one converge job are not duplicates',
    input: input({
      inventory: {
        servers: [server('s1', 'c1', {}, 'g1'), server('s2', 'c1', {}, 'g1')],
        loadBalancers: [],
        pools: [],
      },
      jobs: [{ jobId: 'c1', tenantId: 't1', type: 'converge-group', groupId: 'g1', outcomes: ['succeeded'] }],
      groups: [{ tenantId: 't1', groupId: 'g1', capacity: 2 }],
    }),
    expected: [],
  },
  {
    title: 'a failed launch that left its server behind leaked it; one that reported keeping it did not',
    input: input({
      inventory: { servers: [server('s1', 'j1'), server('s2', 'j2')], loadBalancers: [], pools: [] },
      jobs: [launch('j1', ['failed']), launch('j2', ['failed'], 's2')],
    }),
    expected: [{ kind: 'leaked-server', serverId: 's1', detail: 'srv-s1: job j1 failed without naming this server' }],
  },
  {
    title: 'servers of unknown jobs or without metadata leaked; baseline servers did not',
    input: input({
      inventory: {
        servers: [server('s1', 'ghost'), server('s2', null, {}, 'other'), server('s3', null)],
        loadBalancers: [],
        pools: [],
      },
      baseline: { ...EMPTY_BASELINE, serverIds: new Set(['s3']) },
    }),
    expected: [
      { kind: 'leaked-server', serverId: 's1', detail: 'srv-s1: job ghost was never submitted' },
      { kind: 'leaked-server', serverId: 's2', detail: 'srv-s2: no job-id metadata and no known group' },
    ],
  },
  {
    title: 'a server a succeeded delete job removed must not be live',
    input: input({
      inventory: { servers: [server('s1', 'j1')], loadBalancers: [], pools: [] },
      jobs: [
        launch('j1', ['succeeded'], 's1'),
        {
          jobId: 'd1',
          tenantId: 't1',
          type: 'delete-server',
          groupId: 'g-launch',
          serverId: 's1',
          outcomes: ['succeeded'],
        },
      ],
    }),
    expected: [
      { kind: 'leaked-server', serverId: 's1', detail: 'delete-server job d1 succeeded but the server is live' },
    ],
  },
  {
    title: 'LB nodes and RCv3 members of gone or unaccounted servers leaked; baseline ones did not',
    input: input({
      inventory: {
        servers: [server('s1', 'j1'), server('s2', 'j2', { gone: true })],
        loadBalancers: [
          {
            id: 7,
            tenantId: 't1',
            nodes: [
              { id: 70, address: '10.0.0.1', port: 80 },
              { id: 71, address: '10.0.0.2', port: 80 },
              { id: 72, address: '192.0.2.9', port: 80 },
            ],
          },
        ],
        pools: [
          {
            id: 'p1',
            tenantId: 't1',
            nodes: [
              { id: 'n1', cloud_server: { id: 's1' } },
              { id: 'n2', cloud_server: { id: 's2' } },
              { id: 'n3', cloud_server: { id: 'old' } },
            ],
          },
        ],
      },
      jobs: [launch('j1', ['succeeded'], 's1'), launch('j2', ['succeeded'], 's2')],
      baseline: { serverIds: new Set(), clbNodes: new Set(['7/72']), rcv3Members: new Set(['p1/old']) },
    }),
    expected: [
      { kind: 'leaked-clb-node', lbId: '7', nodeId: '71', detail: '10.0.0.2:80 matches no accounted live server' },
      { kind: 'leaked-rcv3-member', poolId: 'p1', serverId: 's2', detail: 'server is not an accounted live server' },
    ],
  },
  {
    title: 'a group with a desired capacity must have exactly that many live servers',
    input: input({
      inventory: {
        servers: [server('s1', 'c1', {}, 'g1'), server('s2', 'c1', { status: 'DELETED' }, 'g1')],
        loadBalancers: [],
        pools: [],
      },
      jobs: [{ jobId: 'c1', tenantId: 't1', type: 'converge-group', groupId: 'g1', outcomes: ['succeeded'] }],
      groups: [
        { tenantId: 't1', groupId: 'g1', capacity: 2 },
        { tenantId: 't1', groupId: 'g2', capacity: null },
      ],
    }),
    expected: [{ kind: 'group-not-converged', groupId: 'g1', detail: '1 live servers, desired 2' }],
  },
];

for (const { title, input: given, expected } of cases) {
  test(`checkInvariants: ${title}`, (t) => {
    t.deepEqual(checkInvariants(given), expected);
  });
}

test('baselineOf records every server, CLB node and RCv3 member', (t) => {
  const baseline = baselineOf({
    servers: [server('s1', null)],
    loadBalancers: [
      { id: 7, tenantId: 't1', nodes: [{ id: 70, address: 'a', port: 1 }] },
      { id: 8, tenantId: 't1' },
    ],
    pools: [{ id: 'p1', tenantId: 't1', nodes: [{ id: 'n', cloud_server: { id: 's1' } }] }],
  });
  t.deepEqual(
    [[...baseline.serverIds], [...baseline.clbNodes], [...baseline.rcv3Members]],
    [['s1'], ['7/70'], ['p1/s1']],
  );
});

test('countViolations feeds the table columns', (t) => {
  const violations: Violation[] = [
    { kind: 'job-not-terminal', jobId: 'a', detail: '' },
    { kind: 'duplicate-server', jobId: 'b', serverIds: ['1', '2', '3'] },
    { kind: 'leaked-server', serverId: 's', detail: '' },
    { kind: 'leaked-clb-node', lbId: '1', nodeId: '2', detail: '' },
    { kind: 'leaked-rcv3-member', poolId: 'p', serverId: 's', detail: '' },
    { kind: 'group-not-converged', groupId: 'g', detail: '' },
  ];
  t.deepEqual(countViolations(violations), { jobsLost: 1, serversDuplicated: 2, resourcesLeaked: 3, other: 1 });
  t.is(describeViolation(violations[1]!), 'duplicate-server: job b has 3 live servers (1, 2, 3)');
});
