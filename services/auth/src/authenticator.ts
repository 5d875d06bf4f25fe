import type { TokenGrant } from '../../../shared/request/token-source.js';

/**
 * One interface for every layer of the stack (otter `IAuthenticator`): caching → single-flight →
 * retrying → metered → real (impersonation or per-tenant credentials).
 */
export interface Authenticator {
  /** A token and catalog for the tenant; rejects with an auth failure AppError (see `core/auth-failure.ts`). */
  authenticate(tenantId: string): Promise<TokenGrant>;
  /** Drops the tenant's cached token if it is still `token`; layers without state do nothing. */
  invalidate(tenantId: string, token: string): Promise<void>;
}
