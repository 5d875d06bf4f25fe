import { buildHeaders } from './build-headers.js';
import type { Transport, UrlCall } from './http-types.js';

/**
 * Innermost wrapper: turns (token, URL, ServiceRequest) into an HTTP request with X-Auth-Token, JSON
 * Accept (and Content-Type with a body), User-Agent and X-Request-Id (the correlation id), and hands it to the transport.
 */
export function withTokenHeaders(userAgent: string, transport: Transport): UrlCall {
  return (grant, url, request, ctx) =>
    transport({
      method: request.method,
      url,
      headers: buildHeaders({
        token: grant.token,
        correlationId: ctx.correlationId,
        userAgent,
        hasBody: request.json !== undefined,
        extra: request.headers,
      }),
      ...(request.json === undefined ? {} : { json: request.json }),
    });
}
