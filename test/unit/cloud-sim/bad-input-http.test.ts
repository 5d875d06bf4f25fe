import test from 'ava';
import type { Fixture } from './helpers/sim-fixture.js';
import { createServer, fixture, http } from './helpers/sim-fixture.js';

const HUGE = JSON.stringify({ junk: 'x'.repeat(1024 * 1024 + 10) });
const TOO_LARGE = 'Request body exceeds 1048576 bytes';
const FORMAT =
  'The input was not in the correct format. Please reference the documentation at http://docs.rcv3.apiary.io for further assistance.';

type Target = (f: Fixture, ids: { server: string; lb: number }) => string;

const cases: [string, string, Target, string, unknown][] = [
  ['identity tokens, huge', 'POST', (f) => `${f.sim.identityUrl}/tokens`, HUGE, { message: TOO_LARGE, code: 400 }],
  [
    'identity tokens, wrong types',
    'POST',
    (f) => `${f.sim.identityUrl}/tokens`,
    '{"auth": {"passwordCredentials": {"username": 1, "password": []}}}',
    { message: 'Invalid JSON request body', code: 400 },
  ],
  [
    'identity tokens, a JSON string',
    'POST',
    (f) => `${f.sim.identityUrl}/tokens`,
    '"auth"',
    { message: 'Invalid JSON request body', code: 400 },
  ],
  [
    'identity impersonation, huge',
    'POST',
    (f) => `${f.sim.identityUrl}/RAX-AUTH/impersonation-tokens`,
    HUGE,
    { message: TOO_LARGE, code: 400 },
  ],
  ['nova create, huge', 'POST', (f) => `${f.nova}/servers`, HUGE, { badRequest: { message: TOO_LARGE, code: 400 } }],
  [
    'nova create, null',
    'POST',
    (f) => `${f.nova}/servers`,
    'null',
    { badRequest: { message: 'Malformed request body', code: 400 } },
  ],
  [
    'nova create, server is a list',
    'POST',
    (f) => `${f.nova}/servers`,
    '{"server": []}',
    { badRequest: { message: 'Malformed request body', code: 400 } },
  ],
  [
    'nova create, wrong name type',
    'POST',
    (f) => `${f.nova}/servers`,
    '{"server": {"name": {}}}',
    { badRequest: { message: 'Server name is not a string or unicode', code: 400 } },
  ],
  [
    'nova metadata, not JSON',
    'PUT',
    (f, ids) => `${f.nova}/servers/${ids.server}/metadata`,
    '{{',
    { badRequest: { message: 'Malformed request body', code: 400 } },
  ],
  [
    'nova metadata, huge',
    'PUT',
    (f, ids) => `${f.nova}/servers/${ids.server}/metadata`,
    HUGE,
    { badRequest: { message: TOO_LARGE, code: 400 } },
  ],
  ['clb create, huge', 'POST', (f) => `${f.clb}/loadbalancers`, HUGE, { message: TOO_LARGE, code: 400 }],
  [
    'clb create, list body',
    'POST',
    (f) => `${f.clb}/loadbalancers`,
    '[1]',
    {
      validationErrors: { messages: ['Must provide a loadBalancer object'] },
      message: 'Validation Failure',
      code: 400,
      details: 'The object is not valid',
    },
  ],
  [
    'clb add nodes, not JSON',
    'POST',
    (f, ids) => `${f.clb}/loadbalancers/${ids.lb}/nodes`,
    'nodes',
    { message: 'Invalid JSON request body', code: 400 },
  ],
  [
    'clb add nodes, wrong types',
    'POST',
    (f, ids) => `${f.clb}/loadbalancers/${ids.lb}/nodes`,
    '{"nodes": [{"address": 5, "port": "80"}]}',
    {
      validationErrors: {
        messages: ['node 0: address is required', 'node 0: port must be an integer from 1 to 65535'],
      },
      message: 'Validation Failure',
      code: 400,
      details: 'The object is not valid',
    },
  ],
  [
    'clb update node, not JSON',
    'PUT',
    (f, ids) => `${f.clb}/loadbalancers/${ids.lb}/nodes/1`,
    '{',
    { message: ['JSON does not match the expected schema'] },
  ],
  [
    'clb health monitor, not JSON',
    'PUT',
    (f, ids) => `${f.clb}/loadbalancers/${ids.lb}/healthmonitor`,
    ']',
    { message: 'Invalid JSON request body', code: 400 },
  ],
  ['rcv3 bulk, huge', 'POST', (f) => `${f.rcv3}/load_balancer_pools/nodes`, HUGE, FORMAT],
  [
    'rcv3 bulk, wrong types',
    'DELETE',
    (f) => `${f.rcv3}/load_balancer_pools/nodes`,
    '[{"cloud_server": {"id": 1}, "load_balancer_pool": {"id": null}}]',
    FORMAT,
  ],
];

for (const [name, method, target, raw, expected] of cases) {
  test(`bad input: ${name} → 400 in the API's format`, async (t) => {
    const f = await fixture(t);
    const server = await createServer(f);
    const lb = f.sim.seedLoadBalancer({ tenantId: 't1' })['id'] as number;
    const res = await http(method, target(f, { server, lb }), { token: f.token, raw });
    t.deepEqual([res.status, res.body], [400, expected]);
    t.is((await http('GET', `${f.sim.url}/healthz`)).status, 200);
  });
}

test('odd URLs never crash the simulator', async (t) => {
  const f = await fixture(t);
  const urls = [
    `${f.nova}/servers/%E0%A4%A`,
    `${f.sim.url}/${new URL(f.nova).pathname.split('/')[1] ?? ''}/ORD/v2/%E0%A4%A/servers`,
    `${f.nova}/servers?limit=1&limit=2&marker=`,
    `${f.sim.url}/identity/v2.0/tokens/%00/endpoints`,
    `${f.sim.url}/sim/load-balancers/abc/status`,
  ];
  const results = await Promise.all(urls.map((url) => http('GET', url, { token: f.token })));
  t.true(
    results.every((r) => r.status < 500),
    results.map((r) => r.status).join(','),
  );
});
