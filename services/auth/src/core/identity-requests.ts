import type { HttpRequest } from '../../../../shared/request/http-types.js';

/** A tenant's (or the admin's) own credentials: a password or a Rackspace API key. Secrets: never log. */
export type Credentials =
  { readonly username: string; readonly password: string } | { readonly username: string; readonly apiKey: string };

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'Kelp/0.1' };

/** `POST {identity}/tokens` with password or API-key credentials, scoped to `tenantId` when given. Pure. */
export function buildTokensRequest(identityUrl: string, credentials: Credentials, tenantId?: string): HttpRequest {
  const credential =
    'password' in credentials
      ? { passwordCredentials: { username: credentials.username, password: credentials.password } }
      : { 'RAX-KSKEY:apiKeyCredentials': { username: credentials.username, apiKey: credentials.apiKey } };
  return {
    method: 'POST',
    url: `${identityUrl}/tokens`,
    headers: JSON_HEADERS,
    json: { auth: { ...credential, ...(tenantId === undefined ? {} : { tenantId }) } },
  };
}

/**
 * `GET {admin with v2.0 → v1.1}/mosso/{tenant}`: the user behind a tenant. Identity answers 301 with the
 * user in the body, so redirects are not followed. Authenticated with HTTP Basic (admin password) or, for
 * an API-key admin, with the admin token. Pure.
 */
export function buildMossoRequest(
  adminUrl: string,
  tenantId: string,
  auth: { readonly basic: { readonly username: string; readonly password: string } } | { readonly token: string },
): HttpRequest {
  const base = adminUrl.replace(/\/v2\.0$/, '/v1.1');
  const authorization =
    'basic' in auth
      ? { authorization: `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}` }
      : { 'x-auth-token': auth.token };
  return {
    method: 'GET',
    url: `${base}/mosso/${encodeURIComponent(tenantId)}`,
    headers: { ...JSON_HEADERS, ...authorization },
    redirect: 'manual',
  };
}

/** `POST {admin}/RAX-AUTH/impersonation-tokens` as the admin. Pure. */
export function buildImpersonationRequest(
  adminUrl: string,
  adminToken: string,
  username: string,
  expireInSeconds: number,
): HttpRequest {
  return {
    method: 'POST',
    url: `${adminUrl}/RAX-AUTH/impersonation-tokens`,
    headers: { ...JSON_HEADERS, 'x-auth-token': adminToken },
    json: { 'RAX-AUTH:impersonation': { user: { username }, 'expire-in-seconds': expireInSeconds } },
  };
}

/** `GET {admin}/tokens/{token}/endpoints` as the admin: the catalog of an impersonation token. Pure. */
export function buildEndpointsRequest(adminUrl: string, adminToken: string, token: string): HttpRequest {
  return {
    method: 'GET',
    url: `${adminUrl}/tokens/${encodeURIComponent(token)}/endpoints`,
    headers: { ...JSON_HEADERS, 'x-auth-token': adminToken },
  };
}
