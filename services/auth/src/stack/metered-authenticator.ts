import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { AuthMetrics } from '../auth-metrics.js';
import type { Authenticator } from '../authenticator.js';

/** Counts each real authentication attempt against Identity, by outcome. */
export class MeteredAuthenticator implements Authenticator {
  constructor(
    private readonly next: Authenticator,
    private readonly metrics: Pick<AuthMetrics, 'authentications'>,
  ) {}

  async authenticate(tenantId: string): Promise<TokenGrant> {
    try {
      const grant = await this.next.authenticate(tenantId);
      this.metrics.authentications.inc({ outcome: 'success' });
      return grant;
    } catch (error) {
      this.metrics.authentications.inc({ outcome: 'failure' });
      throw error;
    }
  }

  invalidate(tenantId: string, token: string): Promise<void> {
    return this.next.invalidate(tenantId, token);
  }
}
