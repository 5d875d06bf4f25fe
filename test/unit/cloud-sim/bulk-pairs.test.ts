import test from 'ava';
import type { ServerState } from '../../../services/cloud-sim/src/rcv3/bulk-pairs.js';
import { parsePairs, planBulk, RCV3_TEXTS } from '../../../services/cloud-sim/src/rcv3/bulk-pairs.js';
import type { PoolRecord } from '../../../services/cloud-sim/src/rcv3/pool-record.js';

const P1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const P2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const P3 = 'aaaaaaaa-0000-4000-8000-000000000003';
const pair = (server: string, pool: string) => ({ cloud_server: { id: server }, load_balancer_pool: { id: pool } });

const parseCases: [string, unknown, unknown][] = [
  ['pairs', [pair('s1', P1)], [{ serverId: 's1', poolId: P1 }]],
  ['upper-case pool ids are UUIDs too', [pair('s1', P1.toUpperCase())], [{ serverId: 's1', poolId: P1.toUpperCase() }]],
  ['empty list', [], null],
  ['not a list', pair('s1', P1), null],
  ['pool id not a UUID', [pair('s1', 'pool-1')], null],
  ['server id missing', [{ cloud_server: {}, load_balancer_pool: { id: P1 } }], null],
  ['wrong types', [{ cloud_server: { id: 5 }, load_balancer_pool: { id: P1 } }], null],
];

for (const [name, body, expected] of parseCases) {
  test(`parsePairs: ${name}`, (t) => t.deepEqual(parsePairs(body), expected));
}

function pool(id: string, status = 'ACTIVE', members: string[] = []): PoolRecord {
  return {
    id,
    tenantId: 't',
    region: 'ORD',
    name: 'p',
    port: 80,
    virtualIp: '1.2.3.4',
    status,
    nodes: new Map(members.map((s) => [s, { id: `n-${s}`, serverId: s, poolId: id, created: 0, activeAt: 0 }])),
  };
}

const pools = new Map([
  [P1, pool(P1, 'ACTIVE', ['member'])],
  [P2, pool(P2)],
  [P3, pool(P3, 'BUILD')],
]);
const servers: Record<string, ServerState> = { s1: 'ok', s2: 'ok', member: 'ok', building: 'unprocessable' };
const lookups = { pool: (id: string) => pools.get(id), server: (id: string): ServerState => servers[id] ?? 'missing' };

test('planBulk add attaches each pair to its own pool', (t) => {
  const plan = planBulk(
    'add',
    [
      { serverId: 's1', poolId: P1 },
      { serverId: 's2', poolId: P2 },
      { serverId: 's1', poolId: P1 },
    ],
    lookups,
  );
  t.true(plan.ok);
  if (plan.ok)
    t.deepEqual(
      plan.pairs.map((p) => [p.serverId, p.pool.id]),
      [
        ['s1', P1],
        ['s2', P2],
      ],
    );
});

test('planBulk add collects every problem with the real texts (all or nothing)', (t) => {
  const missingPool = 'bbbbbbbb-0000-4000-8000-000000000009';
  const plan = planBulk(
    'add',
    [
      { serverId: 's1', poolId: P1 },
      { serverId: 'member', poolId: P1.toUpperCase() },
      { serverId: 's1', poolId: missingPool },
      { serverId: 's1', poolId: P3 },
      { serverId: 'ghost', poolId: P2 },
      { serverId: 'building', poolId: P2 },
    ],
    lookups,
  );
  t.deepEqual(plan, {
    ok: false,
    errors: [
      RCV3_TEXTS.alreadyMember('member', P1.toUpperCase()),
      `Load Balancer Pool ${missingPool} does not exist`,
      `Load Balancer Pool ${P3} is not in an ACTIVE state`,
      'Cloud Server ghost does not exist',
      'Cloud Server building is unprocessable',
    ],
  });
});

test('planBulk remove needs membership, not a live server', (t) => {
  t.deepEqual(planBulk('remove', [{ serverId: 's2', poolId: P1 }], lookups), {
    ok: false,
    errors: [`Cloud Server s2 is not a member of Load Balancer Pool ${P1}`],
  });
  const ok = planBulk('remove', [{ serverId: 'member', poolId: P1 }], { ...lookups, server: () => 'missing' });
  t.true(ok.ok);
});
