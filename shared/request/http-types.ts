import type { HttpMethod, HttpResponse, ServiceRequest } from './service-request.js';
import type { TokenGrant } from './token-source.js';

/** A concrete HTTP call: what the transport sends. */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** `manual` hands 3xx responses back as they are (Identity's mosso lookup answers 301). Default `follow`. */
  readonly redirect?: 'follow' | 'manual';
}

/** A response plus the URL it answered (for errors and logs; never holds a token in a query). */
export interface TransportResponse extends HttpResponse {
  readonly url: string;
}

/** Sends one HTTP request; resolves for every status, rejects with AppError `transport`/`timeout`. */
export type Transport = (request: HttpRequest) => Promise<TransportResponse>;

/** What the wrappers learn about one call, for the single log line `with-observe` writes. */
export interface CallTrace {
  reauthed: boolean;
}

/** Per-call context every wrapper sees. */
export interface CallContext {
  readonly correlationId: string;
  readonly trace: CallTrace;
}

/** A call for a tenant: the shape of the outer wrappers (observe, throttle, status check, reauth). */
export type TenantCall = (tenantId: string, request: ServiceRequest, ctx: CallContext) => Promise<TransportResponse>;

/** A call with a token already in hand (below reauth). */
export type GrantCall = (grant: TokenGrant, request: ServiceRequest, ctx: CallContext) => Promise<TransportResponse>;

/** A call with token and resolved URL (below endpoint). */
export type UrlCall = (
  grant: TokenGrant,
  url: string,
  request: ServiceRequest,
  ctx: CallContext,
) => Promise<TransportResponse>;
