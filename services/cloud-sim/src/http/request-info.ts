/**
 * What a handler sees of a request: already routed, body read, clock read. Handlers are synchronous
 * functions `(state, request) → Reply` over in-memory state.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimState } from '../state/sim-state.js';
import type { Reply } from './reply.js';

export interface RequestInfo {
  readonly method: string;
  /** The path without query. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The raw body, or null when the method carries none. */
  readonly body: string | null;
  readonly headers: IncomingHttpHeaders;
  /** `http://<Host header>`. */
  readonly baseUrl: string;
  readonly now: number;
}

/** A request to Nova, CLB or RCv3: the URL named a tenant and region, and the token was checked. */
export interface TenantRequest extends RequestInfo {
  readonly tenantId: string;
  readonly region: string;
  /** The catalog URL of this service for this tenant and region (ends in the tenant id). */
  readonly serviceUrl: string;
}

export type Handler<R extends RequestInfo> = (state: SimState, req: R) => Reply;

export interface ServiceRoute {
  readonly handle: Handler<TenantRequest>;
  /** Counts as a mutating request on the CLB named by the `lb` param. */
  readonly clbMutation?: boolean;
}
