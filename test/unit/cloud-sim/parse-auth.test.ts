import test from 'ava';
import { parseAuthRequest } from '../../../services/cloud-sim/src/identity/parse-auth.js';

const cases: [string, unknown, unknown][] = [
  [
    'password',
    { auth: { passwordCredentials: { username: 'u', password: 'p' } } },
    { kind: 'password', username: 'u', secret: 'p', tenant: null },
  ],
  [
    'password with tenantId',
    { auth: { passwordCredentials: { username: 'u', password: 'p' }, tenantId: 't' } },
    { kind: 'password', username: 'u', secret: 'p', tenant: 't' },
  ],
  [
    'tenantName wins over tenantId',
    { auth: { passwordCredentials: { username: 'u', password: 'p' }, tenantId: 't', tenantName: 'n' } },
    { kind: 'password', username: 'u', secret: 'p', tenant: 'n' },
  ],
  [
    'api key',
    { auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'u', apiKey: 'k' } } },
    { kind: 'apiKey', username: 'u', secret: 'k', tenant: null },
  ],
  [
    'token with tenant',
    { auth: { token: { id: 'tok' }, tenantId: 't' } },
    { kind: 'token', tokenId: 'tok', tenant: 't' },
  ],
  ['token without tenant', { auth: { token: { id: 'tok' } } }, null],
  [
    'password before api key',
    {
      auth: {
        passwordCredentials: { username: 'u', password: 'p' },
        'RAX-KSKEY:apiKeyCredentials': { username: 'u', apiKey: 'k' },
      },
    },
    { kind: 'password', username: 'u', secret: 'p', tenant: null },
  ],
  ['non-string password', { auth: { passwordCredentials: { username: 'u', password: 1 } } }, null],
  ['non-string tenant', { auth: { passwordCredentials: { username: 'u', password: 'p' }, tenantId: 5 } }, null],
  ['no auth', { passwordCredentials: { username: 'u', password: 'p' } }, null],
  ['no credentials', { auth: {} }, null],
  ['not an object', 'auth', null],
];

for (const [name, body, expected] of cases) {
  test(`parseAuthRequest: ${name}`, (t) => t.deepEqual(parseAuthRequest(body), expected));
}
