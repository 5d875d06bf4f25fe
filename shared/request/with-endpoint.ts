import { buildUrl } from './build-url.js';
import type { EndpointResolver } from './endpoint-resolver.js';
import type { GrantCall, UrlCall } from './http-types.js';

/**
 * Resolves the service's base URL from the grant's catalog (or the configured override) and joins the
 * request's path and query to it. A missing endpoint throws AppError `endpoint` (not retryable).
 */
export function withEndpoint(resolve: EndpointResolver, next: UrlCall): GrantCall {
  return (grant, request, ctx) =>
    next(grant, buildUrl(resolve(grant.catalog, request.service), request.path, request.query), request, ctx);
}
