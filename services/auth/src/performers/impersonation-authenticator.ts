import { AppError } from '../../../../shared/errors/app-error.js';
import { SingleFlight } from '../../../../shared/auth-contract/single-flight.js';
import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { Authenticator } from '../authenticator.js';
import type { AdminCredentials } from '../config.js';
import { authFailure, failureReasonOf, identityStatusOf } from '../core/auth-failure.js';
import type { Credentials } from '../core/identity-requests.js';
import type { IdentityClient, MossoAuth } from './identity-client.js';

export interface ImpersonationDeps {
  readonly client: IdentityClient;
  readonly admin: AdminCredentials;
  readonly expireInSeconds: number;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Renew the admin token this long before it expires. */
  readonly adminMarginMs: number;
}

interface AdminToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Authenticates as any tenant through an Identity admin account (otter `ImpersonatingAuthenticator`):
 * mosso lookup → impersonation token → endpoints for that token. The admin token is fetched up front (not
 * on a first 401 as otter did), shared, renewed before it expires, and renewed on a 401 from the
 * impersonation or endpoints call, which is then retried once.
 */
export class ImpersonationAuthenticator implements Authenticator {
  readonly #deps: ImpersonationDeps;
  readonly #adminFlight = new SingleFlight<'admin', AdminToken>();
  #admin: AdminToken | undefined;

  constructor(deps: ImpersonationDeps) {
    this.#deps = deps;
  }

  async authenticate(tenantId: string): Promise<TokenGrant> {
    const { client, expireInSeconds } = this.#deps;
    const username = await this.#mossoUser(tenantId);
    const impersonation = await this.#asAdmin(tenantId, (admin) =>
      client.impersonate(admin, username, expireInSeconds, tenantId),
    );
    const catalog = await this.#asAdmin(tenantId, (admin) =>
      client.endpointsForToken(admin, impersonation.token, tenantId),
    );
    return {
      token: impersonation.token,
      catalog,
      expiresAt: impersonation.expiresAt ?? this.#deps.now() + expireInSeconds * 1000,
    };
  }

  invalidate(): Promise<void> {
    return Promise.resolve();
  }

  #mossoUser(tenantId: string): Promise<string> {
    const { admin, client } = this.#deps;
    if (admin.password !== undefined) {
      const auth: MossoAuth = { basic: { username: admin.username, password: admin.password } };
      return client.userForTenant(tenantId, auth);
    }
    return this.#asAdmin(tenantId, (token) => client.userForTenant(tenantId, { token }));
  }

  /** Runs `call` with the admin token; on a 401 renews the admin token and runs it once more. */
  async #asAdmin<T>(tenantId: string, call: (adminToken: string) => Promise<T>): Promise<T> {
    const admin = await this.#adminToken(tenantId);
    try {
      return await call(admin.token);
    } catch (error) {
      if (identityStatusOf(error) !== 401) throw error;
      if (this.#admin?.token === admin.token) this.#admin = undefined;
      const fresh = await this.#adminToken(tenantId);
      return call(fresh.token);
    }
  }

  async #adminToken(tenantId: string): Promise<AdminToken> {
    const cached = this.#admin;
    if (cached !== undefined && this.#deps.now() < cached.expiresAt - this.#deps.adminMarginMs) return cached;
    try {
      return await this.#adminFlight.run('admin', () => this.#authenticateAdmin());
    } catch (error) {
      // Each waiter names its own tenant (the flight is shared by every tenant waiting for the admin token).
      throw authFailure(
        { reason: failureReasonOf(error), tenantId, operation: 'admin-authenticate' },
        `could not authenticate the identity admin account while authenticating tenant ${tenantId}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        AppError.is(error) && error.retryable,
        error,
      );
    }
  }

  async #authenticateAdmin(): Promise<AdminToken> {
    const { admin, client } = this.#deps;
    const credentials: Credentials =
      admin.password !== undefined
        ? { username: admin.username, password: admin.password }
        : { username: admin.username, apiKey: admin.apiKey ?? '' };
    const parsed = await client.authenticate(credentials, { tenantId: null, who: 'the identity admin account' });
    const fresh = { token: parsed.token, expiresAt: parsed.expiresAt ?? this.#deps.now() + 3_600_000 };
    this.#admin = fresh;
    return fresh;
  }
}
