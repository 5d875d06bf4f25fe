import test from 'ava';
import { fixture, http, login } from './helpers/sim-fixture.js';

const NO_TOKEN = {
  unauthorized: {
    code: 401,
    message: "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.",
  },
};
const DENIED = { forbidden: { code: 403, message: 'Access was denied to this resource.' } };

const endpoints: [string, 'nova' | 'clb' | 'rcv3', string, string][] = [
  ['Nova list', 'nova', 'GET', '/servers/detail'],
  ['Nova create', 'nova', 'POST', '/servers'],
  ['CLB list', 'clb', 'GET', '/loadbalancers'],
  ['CLB add nodes', 'clb', 'POST', '/loadbalancers/1/nodes'],
  ['RCv3 pools', 'rcv3', 'GET', '/load_balancer_pools'],
  ['RCv3 bulk add', 'rcv3', 'POST', '/load_balancer_pools/nodes'],
];

for (const [name, service, method, path] of endpoints) {
  test(`${name}: 401 without a token, 401 for an unknown one, 403 for another tenant's`, async (t) => {
    const f = await fixture(t);
    const other = f.sim.seedTenant({ tenantId: 'other' });
    const otherToken = await login(f.sim, other);
    const url = `${f[service]}${path}`;
    const body = method === 'GET' ? {} : { json: {} };
    const results = await Promise.all([
      http(method, url, body),
      http(method, url, { token: 'tok-forged', ...body }),
      http(method, url, { token: otherToken, ...body }),
    ]);
    t.deepEqual(
      results.map((r) => [r.status, r.body]),
      [
        [401, NO_TOKEN],
        [401, NO_TOKEN],
        [403, DENIED],
      ],
    );
    const counters = f.sim.counters();
    t.is(counters.unauthorized, 2);
    t.is(counters.tokenTenantMismatches, 1);
    t.deepEqual(counters.mismatches[0], {
      service,
      method,
      route: path.replace('/1/', '/{lb}/'),
      urlTenant: 't1',
      tokenTenant: 'other',
    });
  });
}

test('an admin token on a tenant URL is refused with 403', async (t) => {
  const f = await fixture(t);
  const admin = await http('POST', `${f.sim.identityUrl}/tokens`, {
    json: { auth: { passwordCredentials: { username: f.sim.admin.username, password: f.sim.admin.password } } },
  });
  const token = (admin.body as { access: { token: { id: string } } }).access.token.id;
  const res = await http('GET', `${f.nova}/servers`, { token });
  t.is(res.status, 403);
  t.is(f.sim.counters().mismatches[0]?.tokenTenant, null);
});

test('the tenant URL must name a configured region and the right version', async (t) => {
  const f = await fixture(t);
  const results = await Promise.all([
    http('GET', `${f.nova.replace('/ORD/', '/LON/')}/servers`, { token: f.token }),
    http('GET', `${f.nova.replace('/v2/', '/v3/')}/servers`, { token: f.token }),
    http('GET', `${f.sim.url}/nova-000000/ORD/v2/t1/servers`, { token: f.token }),
  ]);
  t.deepEqual(
    results.map((r) => r.status),
    [404, 404, 404],
  );
});
