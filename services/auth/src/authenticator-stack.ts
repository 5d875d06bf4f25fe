import { TokenCache, type TokenCachePolicy } from '../../../shared/auth-contract/token-cache.js';
import type { AuthMetrics } from './auth-metrics.js';
import type { Authenticator } from './authenticator.js';
import { CachingAuthenticator } from './stack/caching-authenticator.js';
import { MeteredAuthenticator } from './stack/metered-authenticator.js';
import { RetryingAuthenticator, type RetryOptions } from './stack/retrying-authenticator.js';
import { SingleFlightAuthenticator } from './stack/single-flight-authenticator.js';

export interface AuthenticatorStackOptions {
  readonly cache: TokenCachePolicy;
  readonly retry: RetryOptions;
  readonly metrics: AuthMetrics;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

/**
 * otter's `generate_authenticator`, Kelp's way: caching → single-flight → retrying → metered → real. A
 * warm tenant costs a map lookup; concurrent cold requests for one tenant cost one Identity flow.
 */
export function createAuthenticatorStack(real: Authenticator, options: AuthenticatorStackOptions): Authenticator {
  return new CachingAuthenticator(
    new SingleFlightAuthenticator(
      new RetryingAuthenticator(new MeteredAuthenticator(real, options.metrics), options.retry, options.metrics),
    ),
    new TokenCache(options.cache),
    options.now,
    options.metrics,
  );
}
