import type { TokenGrant, TokenSource } from './token-source.js';

/** What the auth service's authenticator stack offers (caching → single-flight → retrying → real). */
export interface TenantAuthenticator {
  authenticate(tenantId: string): Promise<TokenGrant>;
  invalidate(tenantId: string, token: string): Promise<void>;
}

/**
 * The token source of the all-in-one runtime: calls the auth service's authenticator stack directly, no
 * bus in between. The stack already caches and coalesces per tenant, so this adds nothing but the shape.
 */
export function createInProcessTokenSource(authenticator: TenantAuthenticator): TokenSource {
  return {
    getToken: (tenantId) => authenticator.authenticate(tenantId),
    invalidate: (tenantId, token) => authenticator.invalidate(tenantId, token),
  };
}
