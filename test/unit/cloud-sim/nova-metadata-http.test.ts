import test from 'ava';
import { createServer, fixture, http } from './helpers/sim-fixture.js';

const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));

test('metadata: get, replace, merge, get/set/delete one item', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f, 's', { a: '1' });
  const url = `${f.nova}/servers/${id}/metadata`;
  const steps: [string, string, unknown, number, unknown][] = [
    ['GET', url, undefined, 200, { metadata: { a: '1' } }],
    ['PUT', url, { metadata: { b: '2' } }, 200, { metadata: { b: '2' } }],
    ['POST', url, { metadata: { c: '3' } }, 200, { metadata: { b: '2', c: '3' } }],
    [
      'PUT',
      `${url}/rax:autoscale:server:state`,
      { meta: { 'rax:autoscale:server:state': 'DRAINING' } },
      200,
      { meta: { 'rax:autoscale:server:state': 'DRAINING' } },
    ],
    ['GET', `${url}/b`, undefined, 200, { meta: { b: '2' } }],
    ['DELETE', `${url}/b`, undefined, 204, null],
    ['GET', `${url}/b`, undefined, 404, { itemNotFound: { message: 'Metadata item was not found', code: 404 } }],
    ['GET', url, undefined, 200, { metadata: { c: '3', 'rax:autoscale:server:state': 'DRAINING' } }],
  ];
  for (const [method, target, json, status, body] of steps) {
    const res = await http(method, target, { token: f.token, ...(json === undefined ? {} : { json }) });
    t.deepEqual([method, res.status, res.body], [method, status, body]);
  }
});

const errors: [string, string, string, unknown, number, unknown][] = [
  [
    'replace with null',
    'PUT',
    '',
    { metadata: null },
    400,
    { badRequest: { message: 'Malformed request body. metadata must be object', code: 400 } },
  ],
  [
    'replace without metadata',
    'PUT',
    '',
    { meta: {} },
    400,
    { badRequest: { message: 'Malformed request body', code: 400 } },
  ],
  [
    'replace with 41 items',
    'PUT',
    '',
    { metadata: { ...forty, x: 'y' } },
    403,
    { forbidden: { message: 'Maximum number of metadata items exceeds 40', code: 403 } },
  ],
  [
    'replace with a number',
    'PUT',
    '',
    { metadata: { a: 1 } },
    400,
    { badRequest: { message: 'Invalid metadata: The input is not a string or unicode', code: 400 } },
  ],
  [
    'merge past the limit',
    'POST',
    '',
    { metadata: forty },
    403,
    { forbidden: { message: 'Maximum number of metadata items exceeds 40', code: 403 } },
  ],
  [
    'item body mismatch',
    'PUT',
    '/k',
    { meta: { other: 'v' } },
    400,
    { badRequest: { message: 'Request body and URI mismatch', code: 400 } },
  ],
  [
    'item with two keys',
    'PUT',
    '/k',
    { meta: { k: 'v', l: 'w' } },
    400,
    { badRequest: { message: 'Request body contains too many items', code: 400 } },
  ],
  ['item malformed', 'PUT', '/k', 'nope', 400, { badRequest: { message: 'Malformed request body', code: 400 } }],
];

for (const [name, method, suffix, json, status, expected] of errors) {
  test(`metadata: ${name} → ${status}`, async (t) => {
    const f = await fixture(t);
    const id = await createServer(f, 's', { seed: 'x' });
    const res = await http(method, `${f.nova}/servers/${id}/metadata${suffix}`, { token: f.token, json });
    t.deepEqual([res.status, res.body], [status, expected]);
    t.deepEqual(f.sim.inventory().servers[0]?.metadata, { seed: 'x' });
  });
}

test('setting an item on a server at 40 items answers 403 (otter: ServerMetadataOverLimitError)', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f, 's', forty);
  const res = await http('PUT', `${f.nova}/servers/${id}/metadata/new`, {
    token: f.token,
    json: { meta: { new: 'v' } },
  });
  t.deepEqual(
    [res.status, res.body],
    [403, { forbidden: { message: 'Maximum number of metadata items exceeds 40', code: 403 } }],
  );
});

test('metadata of an unknown server is 404 "Server does not exist"', async (t) => {
  const f = await fixture(t);
  const res = await http('GET', `${f.nova}/servers/nope/metadata`, { token: f.token });
  t.deepEqual([res.status, res.body], [404, { itemNotFound: { message: 'Server does not exist', code: 404 } }]);
});

test('a metadata change moves updated so changes-since sees it', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const id = await createServer(f);
  f.sim.advanceClock(60_000);
  const since = new Date(f.sim.now() - 1000).toISOString();
  const before = await http('GET', `${f.nova}/servers/detail?changes-since=${since}`, { token: f.token });
  t.deepEqual((before.body as { servers: unknown[] }).servers, []);
  await http('PUT', `${f.nova}/servers/${id}/metadata/k`, { token: f.token, json: { meta: { k: 'v' } } });
  const after = await http('GET', `${f.nova}/servers/detail?changes-since=${since}`, { token: f.token });
  t.deepEqual(
    (after.body as { servers: { id: string }[] }).servers.map((s) => s.id),
    [id],
  );
});
