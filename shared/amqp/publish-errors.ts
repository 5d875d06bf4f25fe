import { AppError } from '../errors/app-error.js';

/** Why a confirmed publish failed; `channel-closed` is the one worth retrying after a reconnect. */
export type PublishFailure =
  'channel-closed' | 'nacked' | 'unroutable' | 'confirm-timeout' | 'no-connection' | 'closed' | 'invalid';

export function publishError(failure: PublishFailure, target: string, cause?: unknown): AppError {
  const details = { failure, target };
  const options = cause === undefined ? { details } : { details, cause };
  switch (failure) {
    case 'channel-closed':
      return AppError.retryable('unavailable', `publish to ${target} failed: channel closed`, options);
    case 'nacked':
      return AppError.retryable('unavailable', `publish to ${target} was nacked by the broker`, options);
    case 'unroutable':
      return AppError.nonRetryable('internal', `publish to ${target} was returned: no queue is bound for it`, options);
    case 'confirm-timeout':
      return AppError.retryable('timeout', `publish to ${target} was not confirmed in time`, options);
    case 'no-connection':
      return AppError.retryable('unavailable', `publish to ${target} failed: not connected to the broker`, options);
    case 'closed':
      return AppError.nonRetryable('unavailable', `publish to ${target} refused: the bus is closed`, options);
    case 'invalid':
      return AppError.nonRetryable('internal', `publish to ${target} refused by the client: invalid frame`, options);
  }
}

export function isPublishFailure(error: unknown, failure: PublishFailure): boolean {
  return AppError.is(error) && error.details['failure'] === failure;
}
