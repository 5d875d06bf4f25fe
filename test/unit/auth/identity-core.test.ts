import test from 'ava';
import { classifyIdentityStatus } from '../../../services/auth/src/core/auth-failure.js';
import { endpointsToCatalog } from '../../../services/auth/src/core/endpoints-to-catalog.js';
import {
  buildEndpointsRequest,
  buildImpersonationRequest,
  buildMossoRequest,
  buildTokensRequest,
} from '../../../services/auth/src/core/identity-requests.js';
import {
  parseAccess,
  parseEndpoints,
  parseExpiry,
  parseMossoUser,
} from '../../../services/auth/src/core/identity-responses.js';
import { ENDPOINTS_BODY, IDENTITY } from './fake-identity.js';

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'Kelp/0.1' };

test('buildTokensRequest builds password auth scoped to a tenant', (t) => {
  t.deepEqual(buildTokensRequest(IDENTITY, { username: 'u', password: 'p' }, 't1'), {
    method: 'POST',
    url: `${IDENTITY}/tokens`,
    headers: JSON_HEADERS,
    json: { auth: { passwordCredentials: { username: 'u', password: 'p' }, tenantId: 't1' } },
  });
});

test('buildTokensRequest builds unscoped API-key auth', (t) => {
  t.deepEqual(buildTokensRequest(IDENTITY, { username: 'u', apiKey: 'k' }).json, {
    auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'u', apiKey: 'k' } },
  });
});

test('buildMossoRequest swaps v2.0 for v1.1, uses basic auth and does not follow the 301', (t) => {
  t.deepEqual(buildMossoRequest(IDENTITY, 't 1', { basic: { username: 'admin', password: 'pw' } }), {
    method: 'GET',
    url: 'http://id.test/v1.1/mosso/t%201',
    headers: { ...JSON_HEADERS, authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` },
    redirect: 'manual',
  });
});

test('buildMossoRequest uses the admin token for an API-key admin', (t) => {
  t.is(buildMossoRequest(IDENTITY, 't1', { token: 'adm' }).headers['x-auth-token'], 'adm');
});

test('buildImpersonationRequest sends the RAX-AUTH body with the admin token', (t) => {
  t.deepEqual(buildImpersonationRequest(IDENTITY, 'adm', 'user1', 10800), {
    method: 'POST',
    url: `${IDENTITY}/RAX-AUTH/impersonation-tokens`,
    headers: { ...JSON_HEADERS, 'x-auth-token': 'adm' },
    json: { 'RAX-AUTH:impersonation': { user: { username: 'user1' }, 'expire-in-seconds': 10800 } },
  });
});

test('buildEndpointsRequest asks for the endpoints of a token as the admin', (t) => {
  t.deepEqual(buildEndpointsRequest(IDENTITY, 'adm', 'imp'), {
    method: 'GET',
    url: `${IDENTITY}/tokens/imp/endpoints`,
    headers: { ...JSON_HEADERS, 'x-auth-token': 'adm' },
  });
});

test('endpointsToCatalog groups consecutive endpoints of one service, in order', (t) => {
  t.deepEqual(endpointsToCatalog([...ENDPOINTS_BODY.endpoints, { ...ENDPOINTS_BODY.endpoints[0]!, region: 'IAD' }]), [
    {
      name: 'cloudServersOpenStack',
      type: 'compute',
      endpoints: [
        { publicURL: 'http://nova/ORD/v2/t1', region: 'ORD', tenantId: 't1' },
        { publicURL: 'http://nova/DFW/v2/t1', region: 'DFW', tenantId: 't1' },
      ],
    },
    {
      name: 'cloudLoadBalancers',
      type: 'rax:load-balancer',
      endpoints: [{ publicURL: 'http://clb/ORD/v2/t1', region: 'ORD', tenantId: 't1' }],
    },
    {
      name: 'cloudServersOpenStack',
      type: 'compute',
      endpoints: [{ publicURL: 'http://nova/ORD/v2/t1', region: 'IAD', tenantId: 't1' }],
    },
  ]);
});

test('parseAccess reads token, expiry and catalog', (t) => {
  const catalog = [{ name: 'n', type: 'x', endpoints: [{ region: 'ORD', publicURL: 'http://n' }] }];
  t.deepEqual(
    parseAccess({
      access: { token: { id: 'tok', expires: '2026-11-26T15:38:29.999-05:00' }, serviceCatalog: catalog },
    }),
    {
      token: 'tok',
      expiresAt: Date.parse('2026-11-26T20:38:29.999Z'),
      catalog,
    },
  );
});

test('parse functions return undefined for bodies they cannot use', (t) => {
  t.deepEqual(
    [parseAccess({ access: {} }), parseMossoUser('<html>'), parseEndpoints({ endpoints: 'x' })],
    [undefined, undefined, undefined],
  );
});

test('parseMossoUser accepts string and numeric user ids', (t) => {
  t.deepEqual([parseMossoUser({ user: { id: 'bob' } }), parseMossoUser({ user: { id: 42 } })], ['bob', '42']);
});

test('parseExpiry ignores missing or invalid dates', (t) => {
  t.deepEqual([parseExpiry(undefined), parseExpiry('tomorrow')], [undefined, undefined]);
});

const statuses: readonly [number, string, boolean][] = [
  [400, 'rejected', false],
  [401, 'rejected', false],
  [403, 'rejected', false],
  [404, 'unknown-tenant', false],
  [409, 'bad-response', false],
  [429, 'identity-unavailable', true],
  [500, 'identity-unavailable', true],
  [503, 'identity-unavailable', true],
];
for (const [status, reason, retryable] of statuses) {
  test(`classifyIdentityStatus ${status} is ${reason}`, (t) => {
    t.deepEqual(classifyIdentityStatus(status), { reason, retryable });
  });
}
