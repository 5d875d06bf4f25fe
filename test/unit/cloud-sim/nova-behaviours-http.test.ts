import test from 'ava';
import type { Fixture } from './helpers/sim-fixture.js';
import { FLAVOR, fixture, http, IMAGE } from './helpers/sim-fixture.js';

async function create(f: Fixture, name: string, metadata: Record<string, string> = {}) {
  return http('POST', `${f.nova}/servers`, {
    token: f.token,
    json: { server: { name, imageRef: IMAGE, flavorRef: FLAVOR, metadata } },
  });
}

function statusOf(f: Fixture, name: string): string | undefined {
  return f.sim.inventory().servers.find((s) => s.name === name && !s.gone)?.status;
}

test('fail N times with a chosen status and body, then succeed', async (t) => {
  const f = await fixture(t);
  f.sim.addNovaBehaviour({
    tenantId: 't1',
    criteria: [{ server_name: 'fail-' }],
    name: 'fail',
    parameters: { code: 503, type: 'overLimit', message: 'Synthetic quota failure' },
    times: 2,
  });
  const results = [];
  for (const name of ['fail-1', 'ok-1', 'fail-2', 'fail-3']) results.push(await create(f, name));
  t.deepEqual(
    results.map((r) => r.status),
    [503, 202, 503, 202],
  );
  t.deepEqual(results[0]?.body, { overLimit: { message: 'Synthetic quota failure', code: 503 } });
  t.deepEqual(
    f.sim.inventory().servers.map((s) => s.name),
    ['ok-1', 'fail-3'],
  );
});

test('false-negative answers the error but still creates the server', async (t) => {
  const f = await fixture(t);
  f.sim.addNovaBehaviour({ tenantId: 't1', name: 'false-negative', parameters: { code: 500 }, times: 1 });
  const res = await create(f, 'x');
  t.is(res.status, 500);
  t.deepEqual(
    f.sim.inventory().servers.map((s) => s.name),
    ['x'],
  );
});

const lives: [string, string, Record<string, unknown>, [number, string][]][] = [
  [
    'error',
    'error',
    {},
    [
      [0, 'ERROR'],
      [10_000, 'ERROR'],
    ],
  ],
  [
    'error during build',
    'error-during-build',
    { duration: 2 },
    [
      [0, 'BUILD'],
      [2000, 'ERROR'],
    ],
  ],
  [
    'active then error',
    'active-then-error',
    { duration: 3 },
    [
      [0, 'BUILD'],
      [1000, 'ACTIVE'],
      [4000, 'ERROR'],
    ],
  ],
  [
    'stuck in build',
    'stuck-in-build',
    {},
    [
      [0, 'BUILD'],
      [3_600_000, 'BUILD'],
    ],
  ],
  [
    'build for a chosen time',
    'build',
    { duration: 7 },
    [
      [0, 'BUILD'],
      [6999, 'BUILD'],
      [7000, 'ACTIVE'],
    ],
  ],
];

for (const [title, name, parameters, timeline] of lives) {
  test(`behaviour ${title}: status over time`, async (t) => {
    const f = await fixture(t, { buildTimeMs: 1000 });
    f.sim.addNovaBehaviour({ tenantId: 't1', name, parameters });
    t.is((await create(f, 's')).status, 202);
    const start = f.sim.now();
    const seen: [number, string | undefined][] = [];
    for (const [at] of timeline) {
      f.sim.advanceClock(start + at - f.sim.now());
      seen.push([at, statusOf(f, 's')]);
    }
    t.deepEqual(seen, timeline);
  });
}

test('a sequence of fail then default alternates', async (t) => {
  const f = await fixture(t);
  f.sim.addNovaBehaviour({
    tenantId: 't1',
    name: 'sequence',
    parameters: { behaviors: [{ name: 'fail', parameters: {} }, { name: 'default' }] },
  });
  const statuses = [];
  for (const name of ['a', 'b', 'c']) statuses.push((await create(f, name)).status);
  t.deepEqual(statuses, [500, 202, 500]);
});

test('behaviours are per tenant and region and can be removed', async (t) => {
  const f = await fixture(t);
  const { id } = f.sim.addNovaBehaviour({ tenantId: 't1', region: 'DFW', name: 'fail', parameters: {} });
  t.is((await create(f, 'ord')).status, 202);
  const dfw = f.sim.serviceUrl('nova', 't1', 'DFW');
  const body = { server: { name: 'dfw', imageRef: IMAGE, flavorRef: FLAVOR } };
  t.is((await http('POST', `${dfw}/servers`, { token: f.token, json: body })).status, 500);
  f.sim.removeNovaBehaviour(id);
  t.is((await http('POST', `${dfw}/servers`, { token: f.token, json: body })).status, 202);
  t.throws(() => f.sim.removeNovaBehaviour(id), { message: `behaviour ${id} not found` });
});

test('mimic metadata knobs: create_server_failure, server_building, server_error', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const failed = await create(f, 'a', { create_server_failure: '{"message": "knob says no", "code": 418}' });
  t.deepEqual([failed.status, failed.body], [418, { computeFault: { message: 'knob says no', code: 418 } }]);
  t.is((await create(f, 'b', { server_building: '30' })).status, 202);
  t.is((await create(f, 'c', { server_error: 'yes' })).status, 202);
  t.deepEqual([statusOf(f, 'b'), statusOf(f, 'c')], ['BUILD', 'ERROR']);
});

test('delete failing N times with a chosen status, then deleting', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const id = ((await create(f, 's')).body as { server: { id: string } }).server.id;
  f.sim.failServerDeletes({ tenantId: 't1', serverId: id, times: 2, status: 503 });
  const statuses = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token })).status);
  t.deepEqual(statuses, [503, 503, 204]);
});

test('the delete_server_failure knob honours its code and counts down in metadata', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const id = (
    (await create(f, 's', { delete_server_failure: '{"times": 1, "code": 409}' })).body as { server: { id: string } }
  ).server.id;
  const first = await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token });
  t.deepEqual([first.status, (first.body as Record<string, unknown>)['conflictingRequest'] !== undefined], [409, true]);
  t.is(f.sim.inventory().servers[0]?.metadata['delete_server_failure'], '{"times":0,"code":409}');
  t.is((await http('DELETE', `${f.nova}/servers/${id}`, { token: f.token })).status, 204);
});

test("out of band: a server deleted behind Nova's back is 404 at once; a forced status shows", async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const a = ((await create(f, 'a')).body as { server: { id: string } }).server.id;
  const b = ((await create(f, 'b')).body as { server: { id: string } }).server.id;
  f.sim.deleteServer(a);
  f.sim.setServerStatus(b, 'ERROR');
  t.is((await http('GET', `${f.nova}/servers/${a}`, { token: f.token })).status, 404);
  const got = (await http('GET', `${f.nova}/servers/${b}`, { token: f.token })).body as { server: { status: string } };
  t.is(got.server.status, 'ERROR');
  t.throws(() => f.sim.deleteServer(a), { message: `server ${a} not found` });
});
