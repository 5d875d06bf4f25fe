import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { CloudSimClient } from '../../../services/cloud-sim/src/index.js';
import { createServer, FLAVOR, fixture, http, IMAGE, login } from './helpers/sim-fixture.js';

test('the control client seeds, inspects and resets a simulator over HTTP', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const client = new CloudSimClient(f.sim.url);
  t.true(await client.health());
  const tenant = await client.seedTenant({ tenantId: 't2', password: 'pw' });
  t.deepEqual([tenant.username, tenant.password, tenant.apiKey], ['user-t2', 'pw', 'apikey-t2']);
  const lb = await client.seedLoadBalancer({
    tenantId: 't2',
    region: 'DFW',
    nodes: [{ address: '10.0.0.1', port: 80 }],
  });
  t.deepEqual([lb['region'], lb['status'], lb['nodeCount']], ['DFW', 'ACTIVE', 1]);
  const pool = await client.seedPool({ tenantId: 't2', region: 'IAD', name: 'extra' });
  t.is(pool['name'], 'extra');
  const inventory = await client.inventory({ tenantId: 't2' });
  t.deepEqual(
    [inventory.tenants, inventory.loadBalancers.length, inventory.pools.length],
    [[{ tenantId: 't2', username: 'user-t2' }], 1, 4],
  );
  t.is(await client.serviceUrl('clb', 't2', 'DFW'), f.sim.serviceUrl('clb', 't2', 'DFW'));
  await client.reset();
  const after = await client.inventory();
  t.deepEqual([after.tenants, after.loadBalancers, after.pools], [[], [], []]);
});

test('control errors: 400 invalid input, 404 unknown id, 409 conflict', async (t) => {
  const f = await fixture(t);
  const client = new CloudSimClient(f.sim.url);
  const status = async (p: Promise<unknown>): Promise<unknown> => {
    const error = await t.throwsAsync(p);
    return AppError.is(error) ? error.details['status'] : error?.message;
  };
  t.deepEqual(
    await Promise.all([
      status(client.seedTenant({ tenantId: '' })),
      status(client.deleteServer('nope')),
      status(client.seedLoadBalancer({ tenantId: 'ghost' })),
      status(client.addFault({ status: 200 })),
      status(client.addNovaBehaviour({ tenantId: 't1', name: 'explode' })),
      status(client.setLoadBalancerStatus(1, 'WEIRD')),
    ]),
    [400, 404, 404, 400, 400, 400],
  );
  await client.seedAdmin({ username: 'other-admin' });
  t.is(await status(client.seedTenant({ tenantId: 'x', username: 'other-admin' })), 409);
  const raw = await http('POST', `${f.sim.url}/sim/tenants`, { raw: '{' });
  t.deepEqual([raw.status, raw.body], [400, { error: { kind: 'decode', message: 'body is not valid JSON' } }]);
  t.is((await http('GET', `${f.sim.url}/sim/nothing`)).status, 404);
});

test('configure changes build time, immutable time and latency at run time', async (t) => {
  const f = await fixture(t);
  const client = new CloudSimClient(f.sim.url);
  const config = await client.configure({ buildTimeMs: 0, latencyMs: { nova: 5 } });
  t.deepEqual([config.buildTimeMs, config.latencyMs], [0, { identity: 0, nova: 5, clb: 0, rcv3: 0 }]);
  await createServer(f);
  t.is(f.sim.inventory().servers[0]?.status, 'ACTIVE');
  await t.throwsAsync(client.configure({ buildTimeMs: -1 }));
});

test("the virtual clock advances over HTTP and through mimic's tick", async (t) => {
  const f = await fixture(t);
  const client = new CloudSimClient(f.sim.url);
  const start = (await client.clockInfo()).nowMs;
  t.is(await client.advanceClock(1500), start + 1500);
  const tick = await http('POST', `${f.sim.url}/mimic/v1.1/tick`, { json: { amount: 2 } });
  t.deepEqual(tick.body, { advanced: 2, now: new Date(start + 3500).toISOString() });
  t.is(f.sim.now(), start + 3500);
});

test('a real-time simulator refuses to advance its clock (409)', async (t) => {
  const f = await fixture(t, { clock: 'real' });
  const client = new CloudSimClient(f.sim.url);
  t.is((await client.clockInfo()).mode, 'real');
  const error = await t.throwsAsync(client.advanceClock(10));
  t.true(AppError.is(error) && error.details['status'] === 409);
});

test('faults: by count with Retry-After on 413, by probability, then gone', async (t) => {
  const f = await fixture(t);
  const client = new CloudSimClient(f.sim.url);
  const lb = f.sim.seedLoadBalancer({ tenantId: 't1' })['id'] as number;
  const { id } = await client.addFault({
    service: 'clb',
    method: 'POST',
    route: '/loadbalancers/{lb}/nodes',
    status: 413,
    retryAfterSeconds: 3,
    times: 1,
  });
  const body = { nodes: [{ address: '10.0.0.1', port: 80 }] };
  const limited = await http('POST', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token, json: body });
  t.is(limited.status, 413);
  t.is(limited.headers.get('retry-after'), '3');
  t.regex((limited.body as { overLimit: { message: string } }).overLimit.message, /^OverLimit Retry\.{3}/);
  t.is((await http('POST', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token, json: body })).status, 202);
  t.deepEqual(await client.listFaults(), []);
  await client.addFault({ service: 'nova', status: 503, probability: 0.5 });
  const statuses = [];
  for (let i = 0; i < 40; i++) statuses.push((await http('GET', `${f.nova}/servers`, { token: f.token })).status);
  const failures = statuses.filter((s) => s === 503).length;
  t.true(failures > 5 && failures < 35, `${failures} of 40 failed`);
  const counters = await client.counters();
  t.is(counters.faultsInjected, failures + 1);
  t.is(counters.faultsByRule[id], 1);
  await client.clearFaults();
  t.is((await http('GET', `${f.nova}/servers`, { token: f.token })).status, 200);
});

test('faults apply to Identity too, and injected faults change no state', async (t) => {
  const f = await fixture(t);
  f.sim.addFault({ service: 'identity', route: '/v2.0/tokens', status: 500, times: 1 });
  const res = await http('POST', `${f.sim.identityUrl}/tokens`, {
    json: { auth: { passwordCredentials: { username: 'user-t1', password: 'password-t1' } } },
  });
  t.deepEqual([res.status, res.body], [500, { identityFault: { message: 'Service Unavailable', code: 500 } }]);
  f.sim.addFault({ service: 'nova', method: 'POST', status: 500, times: 1 });
  t.is((await http('POST', `${f.nova}/servers`, { token: f.token, json: {} })).status, 500);
  t.deepEqual(f.sim.inventory().servers, []);
});

test('request counters are keyed by service, method and route template', async (t) => {
  const f = await fixture(t);
  const id = await createServer(f);
  await http('GET', `${f.nova}/servers/${id}`, { token: f.token });
  await http('GET', `${f.nova}/servers/${id}`, { token: f.token });
  const requests = f.sim.counters().requests;
  t.deepEqual(
    [requests['nova POST /servers'], requests['nova GET /servers/{id}'], requests['identity POST /v2.0/tokens']],
    [1, 2, 1],
  );
  f.sim.resetCounters();
  t.deepEqual(f.sim.counters().requests, {});
});

test('mimic-style control planes behind the decoy catalog entries', async (t) => {
  const f = await fixture(t, { buildTimeMs: 0 });
  const token = await login(f.sim, f.tenant);
  const catalog = (
    (await http('POST', `${f.sim.identityUrl}/tokens`, { json: { auth: { token: { id: token }, tenantId: 't1' } } }))
      .body as {
      access: { serviceCatalog: { name: string; endpoints: { region: string; publicURL: string }[] }[] };
    }
  ).access.serviceCatalog;
  const url = (name: string) =>
    catalog.find((e) => e.name === name)?.endpoints.find((e) => e.region === 'ORD')?.publicURL ?? '';
  const behaviour = await http('POST', `${url('cloudServersBehavior')}/behaviors/creation`, {
    json: { criteria: [{ server_name: 'bad' }], name: 'fail', parameters: { code: 500 } },
  });
  t.is(behaviour.status, 201);
  const bad = await http('POST', `${f.nova}/servers`, {
    token: f.token,
    json: { server: { name: 'bad-1', imageRef: IMAGE, flavorRef: FLAVOR } },
  });
  t.is(bad.status, 500);
  const id = await createServer(f, 'ok');
  t.is(
    (await http('POST', `${url('cloudServersBehavior')}/attributes`, { json: { status: { [id]: 'ERROR' } } })).status,
    201,
  );
  t.is(
    (await http('POST', `${url('cloudServersBehavior')}/attributes`, { json: { status: { nope: 'ERROR' } } })).status,
    400,
  );
  t.is(f.sim.inventory().servers[0]?.status, 'ERROR');
  const lb = f.sim.seedLoadBalancer({ tenantId: 't1', nodes: [{ address: '10.0.0.1', port: 80 }] });
  const patch = await http('PATCH', `${url('cloudLoadBalancerControl')}/loadbalancer/${String(lb['id'])}/attributes`, {
    json: { status: 'PENDING_UPDATE' },
  });
  t.is(patch.status, 204);
  const bogus = await http('PATCH', `${url('cloudLoadBalancerControl')}/loadbalancer/${String(lb['id'])}/attributes`, {
    json: { status: 'BUSY' },
  });
  t.deepEqual(bogus.body, {
    message: "Unsupported status BUSY not one of ['ACTIVE', 'ERROR', 'PENDING_DELETE', 'PENDING_UPDATE']",
    code: 400,
  });
  t.is(
    await http('GET', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token }).then(
      (r) => (r.body as { loadBalancer: { status: string } }).loadBalancer.status,
    ),
    'PENDING_UPDATE',
  );
  const identityFail = await http('POST', `${f.sim.url}/mimic/v1.1/IdentityControlAPI/behaviors/auth`, {
    json: { criteria: [{ username: 'user-t1' }], name: 'fail', parameters: { code: 403, message: 'nope' } },
  });
  t.is(identityFail.status, 201);
  const denied = await http('POST', `${f.sim.identityUrl}/tokens`, {
    json: { auth: { passwordCredentials: { username: 'user-t1', password: 'password-t1' } } },
  });
  t.deepEqual([denied.status, denied.body], [403, { unauthorized: { message: 'nope', code: 403 } }]);
  const removed = await http(
    'DELETE',
    `${f.sim.url}/mimic/v1.1/IdentityControlAPI/behaviors/auth/${(identityFail.body as { id: string }).id}`,
  );
  t.is(removed.status, 204);
});

test('/healthz answers ok', async (t) => {
  const f = await fixture(t);
  t.deepEqual((await http('GET', `${f.sim.url}/healthz`)).body, { status: 'ok' });
});

test('seeding an existing tenant is idempotent, but not with other credentials', async (t) => {
  const f = await fixture(t);
  t.deepEqual(f.sim.seedTenant({ tenantId: 't1' }), f.tenant);
  t.throws(() => f.sim.seedTenant({ tenantId: 't1', password: 'other' }), {
    message: 'tenant t1 already exists with other credentials',
  });
});
