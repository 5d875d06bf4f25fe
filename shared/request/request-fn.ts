import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.js';
import { USER_AGENT } from './build-headers.js';
import { createEndpointResolver, type EndpointConfig } from './endpoint-resolver.js';
import type { Transport } from './http-types.js';
import { KeyedLimiter } from './keyed-limiter.js';
import type { RequestHistogram } from './request-metrics.js';
import type { HttpResponse, ServiceRequest } from './service-request.js';
import type { ThrottleRule } from './throttle-rules.js';
import type { TokenSource } from './token-source.js';
import { withEndpoint } from './with-endpoint.js';
import { withObserve } from './with-observe.js';
import { withReauth } from './with-reauth.js';
import { withStatusCheck } from './with-status-check.js';
import { withThrottle } from './with-throttle.js';
import { withTokenHeaders } from './with-token-headers.js';

export interface RequestContext {
  /** Sent as X-Request-Id and logged; a fresh id is used when absent. */
  readonly correlationId?: string;
}

/**
 * Every cloud call Kelp makes: authenticated as the tenant, at the catalog endpoint, re-authenticated once
 * on 401/403, checked against `okStatus`. Resolves with the response; rejects with ApiError (unexpected
 * status) or AppError (`transport`, `timeout`, `endpoint`, `auth`, `unavailable`).
 */
export type RequestFunction = (
  tenantId: string,
  request: ServiceRequest,
  ctx?: RequestContext,
) => Promise<HttpResponse>;

export interface RequestFunctionDeps {
  readonly tokens: TokenSource;
  readonly endpoints: EndpointConfig;
  readonly transport: Transport;
  readonly logger: Logger;
  readonly histogram: RequestHistogram;
  readonly throttles?: readonly ThrottleRule[];
  readonly userAgent?: string;
  /** Monotonic milliseconds for durations and throttle spacing. Default `performance.now`. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly newId?: () => string;
}

/**
 * Composes the wrappers, outermost first: observe → throttle → status check → reauth (gets the token) →
 * endpoint → token headers → transport.
 */
export function createRequestFunction(deps: RequestFunctionDeps): RequestFunction {
  const now = deps.now ?? (() => performance.now());
  const newId = deps.newId ?? randomUUID;
  const limiter = new KeyedLimiter({ now, sleep: deps.sleep ?? ((ms) => sleep(ms)) });
  const call = withObserve(
    { logger: deps.logger, histogram: deps.histogram, now },
    withThrottle(
      deps.throttles ?? [],
      limiter,
      withStatusCheck(
        withReauth(
          deps.tokens,
          withEndpoint(
            createEndpointResolver(deps.endpoints),
            withTokenHeaders(deps.userAgent ?? USER_AGENT, deps.transport),
          ),
        ),
      ),
    ),
  );
  return async (tenantId, request, ctx) => {
    const response = await call(tenantId, request, {
      correlationId: ctx?.correlationId ?? newId(),
      trace: { reauthed: false },
    });
    return { status: response.status, headers: response.headers, body: response.body };
  };
}
