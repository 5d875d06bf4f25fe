import type { TokenCache } from '../../../../shared/auth-contract/token-cache.js';
import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { AuthMetrics } from '../auth-metrics.js';
import type { Authenticator } from '../authenticator.js';

/**
 * Serves tokens from the cache until their expiry minus the margin (capped by the TTL); a miss asks the
 * next layer and stores the answer. Errors are not cached. `invalidate` drops the entry only while it still
 * holds that token, so a late report about an old token cannot evict a fresh one.
 */
export class CachingAuthenticator implements Authenticator {
  constructor(
    private readonly next: Authenticator,
    private readonly cache: TokenCache,
    /** Epoch milliseconds. */
    private readonly now: () => number,
    private readonly metrics: Pick<AuthMetrics, 'cacheHits' | 'cacheMisses'>,
  ) {}

  async authenticate(tenantId: string): Promise<TokenGrant> {
    const hit = this.cache.get(tenantId, this.now());
    if (hit !== undefined) {
      this.metrics.cacheHits.inc();
      return hit;
    }
    this.metrics.cacheMisses.inc();
    const grant = await this.next.authenticate(tenantId);
    this.cache.set(tenantId, grant, this.now());
    return grant;
  }

  async invalidate(tenantId: string, token: string): Promise<void> {
    this.cache.invalidate(tenantId, token);
    await this.next.invalidate(tenantId, token);
  }
}
