import test from 'ava';
import { createServer, FLAVOR, fixture, http, IMAGE } from './helpers/sim-fixture.js';

const T0 = Date.UTC(2026, 0, 1);

test('create answers 202 with id, links and adminPass; the server is BUILD then ACTIVE', async (t) => {
  const f = await fixture(t, { buildTimeMs: 5000 });
  const res = await http('POST', `${f.nova}/servers`, {
    token: f.token,
    json: {
      server: { name: 'web-1', imageRef: IMAGE, flavorRef: FLAVOR, metadata: { 'rax:autoscale:group:id': 'g1' } },
    },
  });
  t.is(res.status, 202);
  const server = (res.body as { server: Record<string, unknown> }).server;
  const id = server['id'] as string;
  t.deepEqual(Object.keys(server).sort(), ['OS-DCF:diskConfig', 'adminPass', 'id', 'links']);
  t.is(res.headers.get('location'), `${f.nova}/servers/${id}`);
  t.deepEqual(server['links'], [
    { href: `${f.nova}/servers/${id}`, rel: 'self' },
    { href: `${f.nova.replace('/v2/', '/')}/servers/${id}`, rel: 'bookmark' },
  ]);
  const get = async (): Promise<Record<string, unknown>> =>
    ((await http('GET', `${f.nova}/servers/${id}`, { token: f.token })).body as { server: Record<string, unknown> })
      .server;
  const building = await get();
  t.deepEqual(
    [
      building['status'],
      building['OS-EXT-STS:vm_state'],
      building['OS-EXT-STS:task_state'],
      building['progress'],
      building['metadata'],
    ],
    ['BUILD', 'building', 'spawning', 0, { 'rax:autoscale:group:id': 'g1' }],
  );
  t.regex((building['addresses'] as { private: { addr: string }[] }).private[0]?.addr ?? '', /^10\.18\d\.\d+\.\d+$/);
  t.regex((building['addresses'] as { public: { addr: string }[] }).public[0]?.addr ?? '', /^198\.1[89]\.\d+\.\d+$/);
  f.sim.advanceClock(4999);
  t.is((await get())['status'], 'BUILD');
  f.sim.advanceClock(1);
  const active = await get();
  t.deepEqual(
    [active['status'], active['OS-EXT-STS:task_state'], active['updated']],
    ['ACTIVE', null, new Date(T0 + 5000).toISOString().replace('.000', '')],
  );
});

const createErrors: [string, unknown, number, unknown][] = [
  ['malformed JSON', '{"server":', 400, { badRequest: { message: 'Invalid JSON request body', code: 400 } }],
  ['missing server', { name: 'x' }, 400, { badRequest: { message: 'Malformed request body', code: 400 } }],
  [
    'missing name',
    { server: { imageRef: IMAGE, flavorRef: FLAVOR } },
    400,
    { badRequest: { message: 'Server name is not defined', code: 400 } },
  ],
  [
    'missing imageRef',
    { server: { name: 'x', flavorRef: FLAVOR } },
    400,
    { badRequest: { message: 'Missing imageRef attribute', code: 400 } },
  ],
  [
    'unknown image',
    { server: { name: 'x', imageRef: 'nope', flavorRef: FLAVOR } },
    400,
    { badRequest: { message: 'Can not find requested image', code: 400 } },
  ],
  [
    'missing flavorRef',
    { server: { name: 'x', imageRef: IMAGE } },
    400,
    { badRequest: { message: 'Missing flavorRef attribute', code: 400 } },
  ],
  [
    'unknown flavor',
    { server: { name: 'x', imageRef: IMAGE, flavorRef: 'xxl' } },
    400,
    { badRequest: { message: 'Invalid flavorRef provided.', code: 400 } },
  ],
  [
    'metadata not strings',
    { server: { name: 'x', imageRef: IMAGE, flavorRef: FLAVOR, metadata: { a: 1 } } },
    400,
    { badRequest: { message: 'Invalid metadata: The input is not a string or unicode', code: 400 } },
  ],
  [
    'too much metadata',
    {
      server: {
        name: 'x',
        imageRef: IMAGE,
        flavorRef: FLAVOR,
        metadata: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, 'v'])),
      },
    },
    403,
    { forbidden: { message: 'Maximum number of metadata items exceeds 40', code: 403 } },
  ],
];

for (const [name, body, status, expected] of createErrors) {
  test(`create: ${name} → ${status}`, async (t) => {
    const f = await fixture(t);
    const res = await http('POST', `${f.nova}/servers`, {
      token: f.token,
      ...(typeof body === 'string' ? { raw: body } : { json: body }),
    });
    t.deepEqual([res.status, res.body], [status, expected]);
    t.is(f.sim.inventory().servers.length, 0);
  });
}

test('create past the quota answers 403 with the text otter parses', async (t) => {
  const f = await fixture(t, { serverQuota: 2 });
  await createServer(f, 'a');
  await createServer(f, 'b');
  const res = await http('POST', `${f.nova}/servers`, {
    token: f.token,
    json: { server: { name: 'c', imageRef: IMAGE, flavorRef: FLAVOR } },
  });
  t.deepEqual(
    [res.status, res.body],
    [
      403,
      {
        forbidden: {
          message: 'Quota exceeded for instances: Requested 1, but already used 2 of 2 instances',
          code: 403,
        },
      },
    ],
  );
  t.regex(
    (res.body as { forbidden: { message: string } }).forbidden.message,
    /^Quota exceeded for (\S+): Requested \d+, but already used \d+ of \d+ (\S+)/,
  );
});

test('get of an unknown server is 404 "Instance could not be found"', async (t) => {
  const f = await fixture(t);
  const res = await http('GET', `${f.nova}/servers/nope`, { token: f.token });
  t.deepEqual([res.status, res.body], [404, { itemNotFound: { message: 'Instance could not be found', code: 404 } }]);
});

test('servers are partitioned by region', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f);
  const dfw = f.sim.serviceUrl('nova', 't1', 'DFW');
  t.is((await http('GET', `${dfw}/servers/${id}`, { token: f.token })).status, 404);
  t.deepEqual((await http('GET', `${dfw}/servers/detail`, { token: f.token })).body, { servers: [] });
});

test('delete: 204, then task_state deleting, then 404 and only in changes-since as DELETED', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0, deleteTimeMs: 2000 });
  const id = await createServer(f);
  t.is((await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token })).status, 204);
  const during = (await http('GET', `${f.nova}/servers/${id}`, { token: f.token })).body as {
    server: Record<string, unknown>;
  };
  t.deepEqual([during.server['status'], during.server['OS-EXT-STS:task_state']], ['ACTIVE', 'deleting']);
  t.is((await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token })).status, 204);
  f.sim.advanceClock(2000);
  t.is((await http('GET', `${f.nova}/servers/${id}`, { token: f.token })).status, 404);
  t.is((await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token })).status, 404);
  t.deepEqual((await http('GET', `${f.nova}/servers/detail`, { token: f.token })).body, { servers: [] });
  const since = await http('GET', `${f.nova}/servers/detail?changes-since=${new Date(T0).toISOString()}`, {
    token: f.token,
  });
  t.deepEqual(
    (since.body as { servers: { id: string; status: string }[] }).servers.map((s) => [s.id, s.status]),
    [[id, 'DELETED']],
  );
});

test('servers/detail paginates with servers_links rel next and filters by name', async (t) => {
  const f = await fixture(t);
  for (const name of ['web-1', 'db-1', 'web-2', 'web-3']) await createServer(f, name, { group: 'g' });
  const page1 = await http('GET', `${f.nova}/servers/detail?name=^web&limit=2`, { token: f.token });
  const body1 = page1.body as {
    servers: { name: string; metadata: unknown }[];
    servers_links: { href: string; rel: string }[];
  };
  t.deepEqual(
    body1.servers.map((s) => s.name),
    ['web-1', 'web-2'],
  );
  t.deepEqual(body1.servers[0]?.metadata, { group: 'g' });
  t.is(body1.servers_links[0]?.rel, 'next');
  const next = new URL(body1.servers_links[0]?.href ?? '');
  t.is(`${next.origin}${next.pathname}`, `${f.nova}/servers/detail`);
  t.deepEqual([next.searchParams.get('name'), next.searchParams.get('limit')], ['^web', '2']);
  const page2 = await http('GET', body1.servers_links[0]?.href ?? '', { token: f.token });
  const body2 = page2.body as { servers: { name: string }[]; servers_links?: unknown };
  t.deepEqual(
    body2.servers.map((s) => s.name),
    ['web-3'],
  );
  t.is(body2.servers_links, undefined);
});

const listErrors: [string, string, string][] = [
  ['bad limit', 'limit=abc', 'limit param must be an integer'],
  ['negative limit', 'limit=-3', 'limit param must be positive'],
  ['unknown marker', 'marker=zzz', 'marker [zzz] not found'],
  ['bad changes-since', 'changes-since=soon', 'Invalid changes-since value'],
];

for (const [name, query, message] of listErrors) {
  test(`servers/detail: ${name} → 400`, async (t) => {
    const f = await fixture(t);
    const res = await http('GET', `${f.nova}/servers/detail?${query}`, { token: f.token });
    t.deepEqual([res.status, res.body], [400, { badRequest: { message, code: 400 } }]);
  });
}

test('plain servers list gives id, name and links', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f, 'x');
  const res = await http('GET', `${f.nova}/servers`, { token: f.token });
  t.deepEqual(res.body, {
    servers: [
      {
        id,
        name: 'x',
        links: [
          { href: `${f.nova}/servers/${id}`, rel: 'self' },
          { href: `${f.nova.replace('/v2/', '/')}/servers/${id}`, rel: 'bookmark' },
        ],
      },
    ],
  });
});

test('ips answers the addresses; 404 "Instance does not exist" when unknown', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f);
  const ok = await http('GET', `${f.nova}/servers/${id}/ips`, { token: f.token });
  const addresses = (ok.body as { addresses: { private: { addr: string; version: number }[] } }).addresses;
  t.is(addresses.private[0]?.version, 4);
  const missing = await http('GET', `${f.nova}/servers/nope/ips`, { token: f.token });
  t.deepEqual(
    [missing.status, missing.body],
    [404, { itemNotFound: { message: 'Instance does not exist', code: 404 } }],
  );
});
