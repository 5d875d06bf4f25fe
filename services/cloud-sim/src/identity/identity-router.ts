/**
 * Identity's route table. Mounted at `/identity` (mimic's layout: admin URL `<sim>/identity/v2.0`, mosso at
 * `<sim>/identity/v1.1/mosso/{tenant}`) and also at the root (`/v2.0/tokens`).
 */
import type { Handler, RequestInfo } from '../http/request-info.js';
import { jsonReply, textReply } from '../http/reply.js';
import { Router } from '../http/router.js';
import { endpointsForToken, impersonate, listTenants, mossoLookup, validateToken } from './admin-routes.js';
import { postTokens } from './token-routes.js';

const versionDoc: Handler<RequestInfo> = (_state, req) =>
  jsonReply(200, {
    version: {
      id: 'v2.0',
      status: 'stable',
      updated: '2014-04-17T00:00:00Z',
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v2.0+json' }],
      links: [{ href: `${req.baseUrl}/identity/v2.0`, rel: 'self' }],
    },
  });

export function createIdentityRouter(): Router<Handler<RequestInfo>> {
  return new Router<Handler<RequestInfo>>()
    .add('GET', '/v2.0', versionDoc)
    .add('POST', '/v2.0/tokens', postTokens)
    .add('GET', '/v2.0/tokens/{token}', validateToken)
    .add('GET', '/v2.0/tokens/{token}/endpoints', endpointsForToken)
    .add('POST', '/v2.0/RAX-AUTH/impersonation-tokens', impersonate)
    .add('GET', '/v2.0/tenants', listTenants)
    .add('GET', '/v1.1/mosso/{tenant}', mossoLookup)
    .add('GET', '/', () => textReply(200, 'Kelp cloud simulator. POST credentials to /identity/v2.0/tokens.'));
}
