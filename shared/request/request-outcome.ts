import { AppError } from '../errors/app-error.js';
import { ApiError } from './api-error.js';
import type { RequestContext, RequestFunction } from './request-fn.js';
import type { RequestOutcome, ServiceRequest } from './service-request.js';

/**
 * Performs a request and returns its outcome as data, for step performers: any HTTP answer (expected or
 * not) is a `response`; no answer, or a failure worth retrying later (transport, timeout, auth service
 * unreachable) is a `transport-error`. Errors that retrying cannot fix — no catalog endpoint, tenant unknown
 * or rejected by Identity, programmer errors — are rethrown as AppErrors.
 */
export async function requestOutcome(
  request: RequestFunction,
  tenantId: string,
  serviceRequest: ServiceRequest,
  ctx?: RequestContext,
): Promise<RequestOutcome> {
  try {
    const response = await request(tenantId, serviceRequest, ctx);
    return { kind: 'response', status: response.status, body: response.body, headers: response.headers };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** The outcome for an error the request function threw; rethrows those that are not outcomes. */
export function outcomeOfError(error: unknown): RequestOutcome {
  if (ApiError.isApiError(error)) {
    return { kind: 'response', status: error.status, body: error.body, headers: error.headers };
  }
  if (AppError.is(error) && error.retryable) return { kind: 'transport-error', message: error.message };
  throw error;
}
