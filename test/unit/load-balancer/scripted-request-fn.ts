import { AppError } from '../../../shared/errors/app-error.js';
import { ApiError } from '../../../shared/request/api-error.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RequestOutcome, ServiceRequest } from '../../../shared/request/service-request.js';
import { requestLine } from './run-flight.js';

/**
 * A request function answering from a script, with the real function's contract: statuses outside
 * `okStatus` throw ApiError, transport errors throw a retryable AppError.
 */
export function scriptedRequestFn(
  respond: (request: ServiceRequest) => RequestOutcome,
  sent: string[] = [],
): RequestFunction {
  return (_tenantId, request) => {
    sent.push(requestLine(request));
    const outcome = respond(request);
    if (outcome.kind === 'transport-error') {
      return Promise.reject(AppError.retryable('transport', outcome.message));
    }
    const headers = outcome.headers ?? {};
    if (!request.okStatus.includes(outcome.status)) {
      const url = `http://127.0.0.1/${request.path.join('/')}`;
      return Promise.reject(
        new ApiError({ status: outcome.status, method: request.method, url, body: outcome.body, headers }),
      );
    }
    return Promise.resolve({ status: outcome.status, headers, body: outcome.body });
  };
}
