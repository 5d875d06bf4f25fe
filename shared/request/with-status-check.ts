import { ApiError } from './api-error.js';
import type { TenantCall } from './http-types.js';

/** Answers whose status is outside the request's `okStatus` become an ApiError (status, method, URL, body, headers). */
export function withStatusCheck(next: TenantCall): TenantCall {
  return async (tenantId, request, ctx) => {
    const response = await next(tenantId, request, ctx);
    if (request.okStatus.includes(response.status)) return response;
    throw new ApiError({
      status: response.status,
      method: request.method,
      url: response.url,
      body: response.body,
      headers: response.headers,
    });
  };
}
