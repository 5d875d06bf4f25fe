import { AppError, type AppErrorKind } from '../../../../shared/errors/app-error.js';
import type { AuthFailureReason } from '../../../../shared/messages/auth-messages.js';

const KIND: Readonly<Record<AuthFailureReason, AppErrorKind>> = {
  'unknown-tenant': 'auth',
  rejected: 'auth',
  'identity-unavailable': 'unavailable',
  'bad-response': 'auth',
  'malformed-request': 'decode',
  internal: 'internal',
};

export interface AuthFailureDetails {
  readonly reason: AuthFailureReason;
  readonly tenantId: string | null;
  /** Identity's HTTP status, when it answered. */
  readonly status?: number;
  /** Which Identity call failed, e.g. `impersonate`. */
  readonly operation?: string;
}

/** An authentication failure as AppError; `details.reason` feeds metrics and RPC error replies. */
export function authFailure(
  details: AuthFailureDetails,
  message: string,
  retryable: boolean,
  cause?: unknown,
): AppError {
  return new AppError(KIND[details.reason], message, {
    retryable,
    details: { ...details },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The failure reason of anything an authenticator threw (`internal` for the unexpected). Pure. */
export function failureReasonOf(error: unknown): AuthFailureReason {
  if (AppError.is(error)) {
    const reason = error.details['reason'];
    if (typeof reason === 'string' && reason in KIND) return reason as AuthFailureReason;
    if (error.kind === 'timeout' || error.kind === 'transport' || error.kind === 'unavailable')
      return 'identity-unavailable';
  }
  return 'internal';
}

/** The HTTP status of a failed Identity call, if it answered. Pure. */
export function identityStatusOf(error: unknown): number | undefined {
  if (!AppError.is(error)) return undefined;
  const status = error.details['status'];
  return typeof status === 'number' ? status : undefined;
}

/**
 * What an Identity status means (pure): 401/403/400 → credentials rejected; 404 → unknown (tenant or
 * user); 408/413/429/5xx → Identity unavailable (413 is Rackspace's rate limit), worth retrying; anything else → a response we cannot use.
 */
export function classifyIdentityStatus(status: number): {
  readonly reason: AuthFailureReason;
  readonly retryable: boolean;
} {
  if (status === 400 || status === 401 || status === 403) return { reason: 'rejected', retryable: false };
  if (status === 404) return { reason: 'unknown-tenant', retryable: false };
  if (status === 408 || status === 413 || status === 429 || status >= 500)
    return { reason: 'identity-unavailable', retryable: true };
  return { reason: 'bad-response', retryable: false };
}
