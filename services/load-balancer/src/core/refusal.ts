import type { RequestOutcome } from '../../../../shared/request/service-request.js';
import { retryAfterMs, type Fault } from '../../../../shared/steps/fault.js';

/** How long to wait before asking a lane again after it refused. */
export interface RefusalPolicy {
  /** After a CLB answered "immutable" (PENDING_UPDATE, BUILD) or "not ACTIVE". */
  readonly immutableRetryMs: number;
  /** After a rate-limit answer without `Retry-After`. */
  readonly rateLimitRetryMs: number;
}

/** The lane refused for now: try again after `delayMs`. */
export interface Refusal {
  readonly delayMs: number;
  readonly reason: string;
  /** The CLB is immutable / not ACTIVE (a change still settling), as opposed to a rate limit. */
  readonly immutable: boolean;
}

/** Statuses of an immutable CLB that pass by themselves; ERROR, SUSPENDED and the like do not. */
const TRANSIENT_STATUS = /^(PENDING[_-]UPDATE|BUILD)$/i;

/**
 * Whether an answer means "not now" for the whole lane, to be retried through the bus's delayed retry
 * rather than answered: a CLB immutable for a while (PENDING_UPDATE, BUILD) or not ACTIVE, or a rate
 * limit (CLB's 413 OverLimit; 413/429 from RCv3). Immutable for good (ERROR, deleted) is an answer. Pure.
 */
export function refusalOf(fault: Fault, outcome: RequestOutcome, policy: RefusalPolicy): Refusal | null {
  switch (fault.error) {
    case 'CLBImmutableError': {
      const status = /has a status of '([^']+)'/i.exec(fault.message)?.[1] ?? '';
      return TRANSIENT_STATUS.test(status)
        ? { delayMs: policy.immutableRetryMs, reason: `CLB immutable (${status})`, immutable: true }
        : null;
    }
    case 'CLBNotActiveError':
      return { delayMs: policy.immutableRetryMs, reason: 'CLB not ACTIVE', immutable: true };
    case 'CLBRateLimitError':
      return rateLimited(outcome, policy);
    case 'APIError':
      return fault.status === 429 || (fault.status === 413 && outcome.kind === 'response')
        ? rateLimited(outcome, policy)
        : null;
    default:
      return null;
  }
}

function rateLimited(outcome: RequestOutcome, policy: RefusalPolicy): Refusal {
  const hinted = retryAfterMs(outcome);
  return { delayMs: hinted ?? policy.rateLimitRetryMs, reason: 'rate limited', immutable: false };
}
