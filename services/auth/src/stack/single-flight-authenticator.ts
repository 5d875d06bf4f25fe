import { SingleFlight } from '../../../../shared/auth-contract/single-flight.js';
import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { Authenticator } from '../authenticator.js';

/** Concurrent requests for one tenant share one authentication (its result or its error). */
export class SingleFlightAuthenticator implements Authenticator {
  readonly #flights = new SingleFlight<string, TokenGrant>();

  constructor(private readonly next: Authenticator) {}

  authenticate(tenantId: string): Promise<TokenGrant> {
    return this.#flights.run(tenantId, () => this.next.authenticate(tenantId));
  }

  invalidate(tenantId: string, token: string): Promise<void> {
    return this.next.invalidate(tenantId, token);
  }
}
