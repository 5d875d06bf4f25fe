/**
 * Parsing a `POST /v2.0/tokens` body (pure). Credential forms are tried in mimic's order: password, API key,
 * token (which needs a tenant). `tenantName` wins over `tenantId`. Every field must be a string.
 */
import { isRecord } from '../http/body.js';

export type AuthRequest =
  | { readonly kind: 'password'; readonly username: string; readonly secret: string; readonly tenant: string | null }
  | { readonly kind: 'apiKey'; readonly username: string; readonly secret: string; readonly tenant: string | null }
  | { readonly kind: 'token'; readonly tokenId: string; readonly tenant: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function parseAuthRequest(body: unknown): AuthRequest | null {
  if (!isRecord(body) || !isRecord(body['auth'])) return null;
  const auth = body['auth'];
  const { tenantName, tenantId } = auth;
  if ((tenantName !== undefined && !isText(tenantName)) || (tenantId !== undefined && !isText(tenantId))) return null;
  const tenant = tenantName ?? tenantId ?? null;
  const password = auth['passwordCredentials'];
  if (isRecord(password)) {
    const { username, password: secret } = password;
    return isText(username) && isText(secret) ? { kind: 'password', username, secret, tenant } : null;
  }
  const apiKey = auth['RAX-KSKEY:apiKeyCredentials'];
  if (isRecord(apiKey)) {
    const { username, apiKey: secret } = apiKey;
    return isText(username) && isText(secret) ? { kind: 'apiKey', username, secret, tenant } : null;
  }
  const token = auth['token'];
  if (isRecord(token) && isText(token['id']) && tenant !== null) return { kind: 'token', tokenId: token['id'], tenant };
  return null;
}
