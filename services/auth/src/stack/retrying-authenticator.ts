import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { AppError } from '../../../../shared/errors/app-error.js';
import type { TokenGrant } from '../../../../shared/request/token-source.js';
import type { AuthMetrics } from '../auth-metrics.js';
import type { Authenticator } from '../authenticator.js';
import { failureReasonOf } from '../core/auth-failure.js';

export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Retries failures marked retryable (Identity unreachable, 5xx, 429) with exponential backoff and jitter
 * (cockatiel), a bounded number of times; rejected credentials and unknown tenants fail at once. Counts
 * the final failure by reason.
 */
export class RetryingAuthenticator implements Authenticator {
  readonly #policy: RetryPolicy;

  constructor(
    private readonly next: Authenticator,
    options: RetryOptions,
    private readonly metrics: Pick<AuthMetrics, 'failures'>,
  ) {
    this.#policy = retry(
      handleWhen((error) => AppError.is(error) && error.retryable),
      {
        maxAttempts: options.retries,
        backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
      },
    );
  }

  async authenticate(tenantId: string): Promise<TokenGrant> {
    try {
      return await this.#policy.execute(() => this.next.authenticate(tenantId));
    } catch (error) {
      this.metrics.failures.inc({ reason: failureReasonOf(error) });
      throw error;
    }
  }

  invalidate(tenantId: string, token: string): Promise<void> {
    return this.next.invalidate(tenantId, token);
  }
}
