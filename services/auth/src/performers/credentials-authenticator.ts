import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { Authenticator } from '../authenticator.js';
import { authFailure } from '../core/auth-failure.js';
import type { Credentials } from '../core/identity-requests.js';
import type { IdentityClient } from './identity-client.js';

export interface CredentialsAuthenticatorDeps {
  readonly client: IdentityClient;
  /** Tenant id → that tenant's own credentials (from AUTH_CREDENTIALS_FILE). */
  readonly credentials: ReadonlyMap<string, Credentials>;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Assumed lifetime when Identity gives no expiry. */
  readonly defaultLifetimeMs: number;
}

/**
 * Authenticates each tenant with its own password or API key (otter `SingleTenantAuthenticator`, per
 * tenant): `POST tokens` scoped to the tenant. A tenant without credentials fails at once, naming it.
 */
export class CredentialsAuthenticator implements Authenticator {
  readonly #deps: CredentialsAuthenticatorDeps;

  constructor(deps: CredentialsAuthenticatorDeps) {
    this.#deps = deps;
  }

  async authenticate(tenantId: string): Promise<TokenGrant> {
    const credentials = this.#deps.credentials.get(tenantId);
    if (credentials === undefined) {
      throw authFailure(
        { reason: 'unknown-tenant', tenantId, operation: 'credentials-lookup' },
        `no credentials are configured for tenant ${tenantId}`,
        false,
      );
    }
    const parsed = await this.#deps.client.authenticate(credentials, { tenantId, who: `tenant ${tenantId}` });
    if (parsed.catalog === undefined) {
      throw authFailure(
        { reason: 'bad-response', tenantId, operation: 'authenticate' },
        `Identity returned no service catalog for tenant ${tenantId}`,
        false,
      );
    }
    return {
      token: parsed.token,
      catalog: parsed.catalog,
      expiresAt: parsed.expiresAt ?? this.#deps.now() + this.#deps.defaultLifetimeMs,
    };
  }

  invalidate(): Promise<void> {
    return Promise.resolve();
  }
}
