import test from 'ava';
import { RCV3_TEXTS } from '../../../services/cloud-sim/src/index.js';
import type { Fixture } from './helpers/sim-fixture.js';
import { createServer, fixture, http } from './helpers/sim-fixture.js';

const pair = (server: string, pool: string) => ({ cloud_server: { id: server }, load_balancer_pool: { id: pool } });

function pools(f: Fixture): string[] {
  return f.sim.inventory({ tenantId: 't1', region: 'ORD' }).pools.map((p) => p['id'] as string);
}

test('every seeded tenant has a default pool per region; more can be seeded', async (t) => {
  const f = await fixture(t);
  const extra = f.sim.seedPool({ tenantId: 't1', name: 'api', id: 'CCCCCCCC-0000-4000-8000-000000000001' });
  t.is(extra['id'], 'cccccccc-0000-4000-8000-000000000001');
  const list = await http('GET', `${f.rcv3}/load_balancer_pools`, { token: f.token });
  t.is(list.status, 200);
  t.deepEqual(
    (list.body as Record<string, unknown>[]).map((p) => [p['name'], p['status'], p['port'], p['node_counts']]),
    [
      ['default', 'ACTIVE', 80, { cloud_servers: 0, external: 0, total: 0 }],
      ['api', 'ACTIVE', 80, { cloud_servers: 0, external: 0, total: 0 }],
    ],
  );
  t.is(f.sim.inventory({ tenantId: 't1' }).pools.length, 4);
});

test('get pool: 200, 400 for a non-UUID id, 404 for an unknown one (plain text)', async (t) => {
  const f = await fixture(t);
  const [pool] = pools(f);
  const unknown = 'dddddddd-0000-4000-8000-000000000000';
  const results = await Promise.all([
    http('GET', `${f.rcv3}/load_balancer_pools/${pool}`, { token: f.token }),
    http('GET', `${f.rcv3}/load_balancer_pools/not-a-uuid`, { token: f.token }),
    http('GET', `${f.rcv3}/load_balancer_pools/${unknown}/nodes`, { token: f.token }),
  ]);
  t.is(results[0]?.status, 200);
  t.deepEqual([results[1]?.status, results[1]?.text], [400, RCV3_TEXTS.badFormat]);
  t.deepEqual([results[2]?.status, results[2]?.text], [404, `Load Balancer Pool ${unknown} does not exist`]);
});

test('bulk add attaches each pair to its own pool (201), then remove (204)', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const [p1] = pools(f);
  const p2 = f.sim.seedPool({ tenantId: 't1', name: 'second' })['id'] as string;
  const s1 = await createServer(f, 'a');
  const s2 = await createServer(f, 'b');
  const add = await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [pair(s1, p1 ?? ''), pair(s2, p2)],
  });
  t.is(add.status, 201);
  t.deepEqual(
    (add.body as { cloud_server: { id: string }; load_balancer_pool: { id: string }; status: string }[]).map((n) => [
      n.cloud_server.id,
      n.load_balancer_pool.id,
      n.status,
    ]),
    [
      [s1, p1, 'ACTIVE'],
      [s2, p2, 'ACTIVE'],
    ],
  );
  const nodes1 = (await http('GET', `${f.rcv3}/load_balancer_pools/${p1}/nodes`, { token: f.token })).body as {
    cloud_server: { id: string };
  }[];
  t.deepEqual(
    nodes1.map((n) => n.cloud_server.id),
    [s1],
  );
  const pool2 = (await http('GET', `${f.rcv3}/load_balancer_pools/${p2}`, { token: f.token })).body as {
    node_counts: unknown;
  };
  t.deepEqual(pool2.node_counts, { cloud_servers: 1, external: 0, total: 1 });
  const remove = await http('DELETE', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [pair(s1, (p1 ?? '').toUpperCase())],
  });
  t.deepEqual([remove.status, remove.text], [204, '']);
  t.deepEqual((await http('GET', `${f.rcv3}/load_balancer_pools/${p1}/nodes`, { token: f.token })).body, []);
});

test('bulk add is all or nothing with every error text', async (t) => {
  const f = await fixture(t, { buildTimeMs: 1000 });
  const [p1] = pools(f);
  const pool = p1 ?? '';
  const ghostPool = 'eeeeeeee-0000-4000-8000-000000000000';
  f.sim.advanceClock(1000);
  const member = await createServer(f, 'member');
  const valid = await createServer(f, 'valid');
  f.sim.advanceClock(1000);
  const fresh = await createServer(f, 'fresh');
  f.sim.advanceClock(500);
  t.is(
    (await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, { token: f.token, json: [pair(member, pool)] })).status,
    201,
  );
  const res = await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [
      pair(valid, pool),
      pair(member, pool),
      pair(member, ghostPool),
      pair('no-such-server', pool),
      pair(fresh, pool),
    ],
  });
  t.deepEqual(
    [res.status, res.body],
    [
      409,
      {
        errors: [
          `Cloud Server ${member} is already a member of Load Balancer Pool ${pool}`,
          `Load Balancer Pool ${ghostPool} does not exist`,
          'Cloud Server no-such-server does not exist',
          `Cloud Server ${fresh} is unprocessable`,
        ],
      },
    ],
  );
  const nodes = (await http('GET', `${f.rcv3}/load_balancer_pools/${pool}/nodes`, { token: f.token }))
    .body as unknown[];
  t.is(nodes.length, 1);
});

test('bulk remove of a non-member answers 409 with the real text', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const [pool] = pools(f);
  const s = await createServer(f);
  const res = await http('DELETE', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [pair(s, pool ?? '')],
  });
  t.deepEqual(
    [res.status, res.body],
    [409, { errors: [`Cloud Server ${s} is not a member of Load Balancer Pool ${pool}`] }],
  );
});

const badBodies: [string, string][] = [
  ['an empty list', '[]'],
  ['a pool id that is not a UUID', JSON.stringify([pair('s', 'pool')])],
  ['malformed JSON', '[{'],
  ['an object', '{"cloud_server": {"id": "s"}}'],
];

for (const [name, raw] of badBodies) {
  test(`bulk add with ${name} → 400 with the format text`, async (t) => {
    const f = await fixture(t);
    const res = await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, { token: f.token, raw });
    t.deepEqual([res.status, res.body], [400, RCV3_TEXTS.badFormat]);
  });
}

test('a pool that is not ACTIVE refuses adds; nodes are ADDING until the add time passes', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0, rcv3AddTimeMs: 3000 });
  const [pool] = pools(f);
  const s = await createServer(f);
  f.sim.setPoolStatus(pool ?? '', 'PENDING_UPDATE');
  const refused = await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [pair(s, pool ?? '')],
  });
  t.deepEqual(refused.body, { errors: [`Load Balancer Pool ${pool} is not in an ACTIVE state`] });
  f.sim.setPoolStatus(pool ?? '', 'ACTIVE');
  const added = await http('POST', `${f.rcv3}/load_balancer_pools/nodes`, {
    token: f.token,
    json: [pair(s, pool ?? '')],
  });
  t.is((added.body as { status: string }[])[0]?.status, 'ADDING');
  f.sim.advanceClock(3000);
  const nodes = (await http('GET', `${f.rcv3}/load_balancer_pools/${pool}/nodes`, { token: f.token })).body as {
    id: string;
    status: string;
  }[];
  t.is(nodes[0]?.status, 'ACTIVE');
  const one = await http('GET', `${f.rcv3}/load_balancer_pools/${pool}/nodes/${nodes[0]?.id ?? ''}`, {
    token: f.token,
  });
  t.is(one.status, 200);
});
