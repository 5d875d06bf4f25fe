import { request } from 'node:http';
import test from 'ava';
import { DEFAULT_ADMIN } from '../../../services/cloud-sim/src/index.js';
import { fixture, http, login } from './helpers/sim-fixture.js';

const NO_TOKEN = {
  unauthorized: {
    code: 401,
    message: "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.",
  },
};
const BAD_CREDS = { unauthorized: { code: 401, message: 'Unable to authenticate user with credentials provided.' } };

test('password, API-key and token logins answer the access document with the catalog', async (t) => {
  const f = await fixture(t, { catalogDecoys: false });
  const { username, password, apiKey, tenantId } = f.tenant;
  const bodies = [
    { auth: { passwordCredentials: { username, password } } },
    { auth: { 'RAX-KSKEY:apiKeyCredentials': { username, apiKey }, tenantName: tenantId } },
    { auth: { token: { id: f.token }, tenantId } },
  ];
  const results = await Promise.all(bodies.map((json) => http('POST', `${f.sim.identityUrl}/tokens`, { json })));
  t.deepEqual(
    results.map((r) => r.status),
    [200, 200, 200],
  );
  const access = (results[0]?.body as { access: Record<string, unknown> }).access;
  t.deepEqual(access['token'], {
    id: f.token,
    expires: new Date(Date.UTC(2026, 0, 2)).toISOString(),
    'RAX-AUTH:authenticatedBy': ['PASSWORD'],
    tenant: { id: 't1', name: 't1' },
  });
  t.deepEqual(access['user'], {
    id: f.tenant.userId,
    name: 'user-t1',
    roles: [{ id: '3', name: 'identity:user-admin', description: 'User Admin Role.' }],
    'RAX-AUTH:defaultRegion': 'ORD',
  });
  const catalog = access['serviceCatalog'] as {
    name: string;
    type: string;
    endpoints: { region: string; publicURL: string }[];
  }[];
  t.deepEqual(
    catalog.map((e) => [e.name, e.type, e.endpoints.map((x) => x.region).join(',')]),
    [
      ['cloudServersOpenStack', 'compute', 'ORD,DFW,IAD'],
      ['cloudLoadBalancers', 'rax:load-balancer', 'ORD,DFW,IAD'],
      ['rackconnect', 'rax:rackconnect', 'ORD,DFW,IAD'],
    ],
  );
  t.is(catalog[0]?.endpoints[0]?.publicURL, f.nova);
  t.deepEqual(
    results.map((r) => (r.body as { access: { token: { id: string } } }).access.token.id),
    [f.token, f.token, f.token],
  );
});

test('catalog URLs are built from the Host header', async (t) => {
  const f = await fixture(t);
  const port = new URL(f.sim.url).port;
  const body = JSON.stringify({
    auth: { passwordCredentials: { username: f.tenant.username, password: f.tenant.password } },
  });
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(
      `${f.sim.url}/v2.0/tokens`,
      { method: 'POST', headers: { host: `sim.example:${port}`, 'content-type': 'application/json' } },
      (res) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString()));
        res.on('end', () => resolve(data));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  const catalog = (
    JSON.parse(text) as { access: { serviceCatalog: { name: string; endpoints: { publicURL: string }[] }[] } }
  ).access.serviceCatalog;
  const nova = catalog.find((e) => e.name === 'cloudServersOpenStack')?.endpoints[0]?.publicURL ?? '';
  t.regex(nova, new RegExp(`^http://sim\\.example:${port}/nova-[0-9a-f]{6}/ORD/v2/t1$`));
});

const errorCases: [string, (f: { username: string; password: string; apiKey: string }) => unknown, number, unknown][] =
  [
    ['malformed JSON', () => '{', 400, { message: 'Invalid JSON request body', code: 400 }],
    ['no credentials', () => ({ auth: {} }), 400, { message: 'Invalid JSON request body', code: 400 }],
    [
      'token without tenant',
      () => ({ auth: { token: { id: 'x' } } }),
      400,
      { message: 'Invalid JSON request body', code: 400 },
    ],
    [
      'wrong password',
      (c) => ({ auth: { passwordCredentials: { username: c.username, password: 'nope' } } }),
      401,
      BAD_CREDS,
    ],
    ['unknown user', () => ({ auth: { passwordCredentials: { username: 'ghost', password: 'x' } } }), 401, BAD_CREDS],
    [
      'wrong API key',
      (c) => ({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username: c.username, apiKey: 'nope' } } }),
      401,
      BAD_CREDS,
    ],
    ['unknown token', () => ({ auth: { token: { id: 'tok-nope' }, tenantId: 't1' } }), 401, BAD_CREDS],
  ];

for (const [name, body, status, expected] of errorCases) {
  test(`POST tokens: ${name} → ${status}`, async (t) => {
    const f = await fixture(t);
    const json = body(f.tenant);
    const res = await http('POST', `${f.sim.identityUrl}/tokens`, typeof json === 'string' ? { raw: json } : { json });
    t.deepEqual([res.status, res.body], [status, expected]);
  });
}

test('a user asking for another tenant gets the mimic 401 text', async (t) => {
  const f = await fixture(t);
  f.sim.seedTenant({ tenantId: 't2' });
  const res = await http('POST', `${f.sim.identityUrl}/tokens`, {
    json: { auth: { passwordCredentials: { username: 'user-t1', password: 'password-t1' }, tenantId: 't2' } },
  });
  t.deepEqual(
    [res.status, res.body],
    [
      401,
      {
        unauthorized: {
          code: 401,
          message: `Tenant with Name/Id: 't2' is not valid for User 'user-t1' (id: '${f.tenant.userId}')`,
        },
      },
    ],
  );
});

test('a token used for another tenant gets the mimic 401 text', async (t) => {
  const f = await fixture(t);
  f.sim.seedTenant({ tenantId: 't2' });
  const res = await http('POST', `${f.sim.identityUrl}/tokens`, {
    json: { auth: { token: { id: f.token }, tenantId: 't2' } },
  });
  t.deepEqual(
    [res.status, res.body],
    [401, { unauthorized: { code: 401, message: "Token doesn't belong to Tenant with Id/Name: 't2'" } }],
  );
});

test('tokens expire after their TTL and a new login issues a new token', async (t) => {
  const f = await fixture(t, { tokenTtlMs: 60_000 });
  t.is((await http('GET', `${f.nova}/servers`, { token: f.token })).status, 200);
  f.sim.advanceClock(60_000);
  t.deepEqual(await http('GET', `${f.nova}/servers`, { token: f.token }).then((r) => [r.status, r.body]), [
    401,
    NO_TOKEN,
  ]);
  const fresh = await login(f.sim, f.tenant);
  t.not(fresh, f.token);
  t.is(await http('GET', `${f.nova}/servers`, { token: fresh }).then((r) => r.status), 200);
});

test("expiring a tenant's tokens makes services answer 401", async (t) => {
  const f = await fixture(t);
  t.is(f.sim.expireTokens('t1'), 1);
  t.is((await http('GET', `${f.clb}/loadbalancers`, { token: f.token })).status, 401);
  t.is(f.sim.counters().unauthorized, 1);
});

test('authentications are counted per tenant, one per request', async (t) => {
  const f = await fixture(t);
  await Promise.all(Array.from({ length: 20 }, () => login(f.sim, f.tenant)));
  t.is(f.sim.counters().authentications['t1'], 21);
});

test('impersonation: mosso lookup, impersonation token, endpoints for token, then service calls', async (t) => {
  const f = await fixture(t, { catalogDecoys: false });
  const admin = (
    (
      await http('POST', `${f.sim.identityUrl}/tokens`, {
        json: { auth: { passwordCredentials: { username: DEFAULT_ADMIN.username, password: DEFAULT_ADMIN.password } } },
      })
    ).body as { access: { token: { id: string }; serviceCatalog: unknown[] } }
  ).access;
  t.deepEqual(admin.serviceCatalog, []);
  const basic = `Basic ${Buffer.from(`${DEFAULT_ADMIN.username}:${DEFAULT_ADMIN.password}`).toString('base64')}`;
  const mosso = await fetch(`${f.sim.url}/identity/v1.1/mosso/t1`, {
    headers: { authorization: basic },
    redirect: 'manual',
  });
  t.deepEqual(
    [mosso.status, mosso.headers.get('location'), await mosso.json()],
    [301, null, { user: { id: 'user-t1' } }],
  );
  const imp = await http('POST', `${f.sim.identityUrl}/RAX-AUTH/impersonation-tokens`, {
    token: admin.token.id,
    json: { 'RAX-AUTH:impersonation': { user: { username: 'user-t1' }, 'expire-in-seconds': 10800 } },
  });
  const impToken = (imp.body as { access: { token: { id: string; expires: string } } }).access.token;
  t.is(imp.status, 200);
  t.not(impToken.id, f.token);
  t.is(impToken.expires, new Date(Date.UTC(2026, 0, 1) + 10_800_000).toISOString());
  const endpoints = await http('GET', `${f.sim.identityUrl}/tokens/${impToken.id}/endpoints`, {
    token: admin.token.id,
  });
  const list = (endpoints.body as { endpoints: { name: string; region: string; publicURL: string }[] }).endpoints;
  t.is(list.length, 9);
  t.is(list.find((e) => e.name === 'cloudServersOpenStack' && e.region === 'ORD')?.publicURL, f.nova);
  t.is((await http('GET', `${f.nova}/servers`, { token: impToken.id })).status, 200);
  t.deepEqual(f.sim.counters().impersonations, { t1: 1 });
  t.deepEqual(f.sim.counters().mossoLookups, { t1: 1 });
  t.deepEqual(f.sim.counters().endpointLookups, { t1: 1 });
});

const adminGuardCases: [string, 'none' | 'user' | 'bogus', number, unknown][] = [
  ['no token', 'none', 401, NO_TOKEN],
  ['unknown token', 'bogus', 401, NO_TOKEN],
  ['a non-admin token', 'user', 403, { forbidden: { code: 403, message: 'Not Authorized' } }],
];

for (const [name, who, status, expected] of adminGuardCases) {
  test(`impersonation with ${name} → ${status}`, async (t) => {
    const f = await fixture(t);
    const token = who === 'user' ? f.token : who === 'bogus' ? 'tok-bogus' : undefined;
    const res = await http('POST', `${f.sim.identityUrl}/RAX-AUTH/impersonation-tokens`, {
      ...(token === undefined ? {} : { token }),
      json: { 'RAX-AUTH:impersonation': { user: { username: 'user-t1' } } },
    });
    t.deepEqual([res.status, res.body], [status, expected]);
  });
}

test('admin endpoints: unknown token, unknown user, unknown tenant, bad body', async (t) => {
  const f = await fixture(t);
  const admin = await login(f.sim, {
    ...f.tenant,
    username: DEFAULT_ADMIN.username,
    password: DEFAULT_ADMIN.password,
    tenantId: undefined as never,
  });
  const results = await Promise.all([
    http('GET', `${f.sim.identityUrl}/tokens/tok-none/endpoints`, { token: admin }),
    http('POST', `${f.sim.identityUrl}/RAX-AUTH/impersonation-tokens`, {
      token: admin,
      json: { 'RAX-AUTH:impersonation': { user: { username: 'ghost' } } },
    }),
    http('GET', `${f.sim.url}/identity/v1.1/mosso/nobody`, { token: admin }),
    http('POST', `${f.sim.identityUrl}/RAX-AUTH/impersonation-tokens`, { token: admin, raw: '{' }),
    http('GET', `${f.sim.identityUrl}/tokens/${f.token}?belongsTo=t1`, { token: admin }),
    http('GET', `${f.sim.identityUrl}/tokens/${f.token}?belongsTo=t2`, { token: admin }),
  ]);
  t.deepEqual(results.map((r) => [r.status, r.body]).slice(0, 4), [
    [404, { itemNotFound: { code: 404, message: 'Token not found.' } }],
    [404, { itemNotFound: { code: 404, message: 'User not found: ghost' } }],
    [404, { itemNotFound: { code: 404, message: 'Tenant nobody not found' } }],
    [400, { message: 'Invalid JSON request body', code: 400 }],
  ]);
  t.deepEqual(
    [results[4]?.status, (results[4]?.body as { access: Record<string, unknown> }).access['serviceCatalog']],
    [200, undefined],
  );
  t.is(results[5]?.status, 404);
});

test("the tenant list answers the token's tenant", async (t) => {
  const f = await fixture(t);
  const res = await http('GET', `${f.sim.identityUrl}/tenants`, { token: f.token });
  t.deepEqual(res.body, { tenants: [{ id: 't1', name: 't1', enabled: true }] });
  t.is((await http('GET', `${f.sim.identityUrl}/tenants`)).status, 401);
});

test('identity behaviours: fail by username, a sequence, and times', async (t) => {
  const f = await fixture(t);
  f.sim.addIdentityBehaviour({
    criteria: [{ username: 'user-t1$' }],
    name: 'fail',
    parameters: { code: 500, message: 'boom', type: 'identityFault' },
    times: 1,
  });
  f.sim.seedTenant({ tenantId: 't2' });
  f.sim.addIdentityBehaviour({
    criteria: [{ tenant_id: 't2' }],
    name: 'sequence',
    parameters: { behaviors: [{ name: 'fail', parameters: {} }, { name: 'default' }] },
  });
  const t1 = () =>
    http('POST', `${f.sim.identityUrl}/tokens`, {
      json: { auth: { passwordCredentials: { username: 'user-t1', password: 'password-t1' } } },
    });
  const t2 = () =>
    http('POST', `${f.sim.identityUrl}/tokens`, {
      json: { auth: { passwordCredentials: { username: 'user-t2', password: 'password-t2' }, tenantId: 't2' } },
    });
  t.deepEqual(await t1().then((r) => [r.status, r.body]), [500, { identityFault: { message: 'boom', code: 500 } }]);
  t.is((await t1()).status, 200);
  t.deepEqual(await t2().then((r) => [r.status, r.body]), [
    401,
    { unauthorized: { message: 'Unable to authenticate user with credentials provided.', code: 401 } },
  ]);
  t.is((await t2()).status, 200);
  t.is((await t2()).status, 401);
});
