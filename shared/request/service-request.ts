/**
 * A pure description of one cloud API call, free of tenant, token and base URL. The request function
 * (`request-fn.ts`) turns it into an authenticated HTTP call for a tenant.
 */
export type CloudService = 'cloudServersOpenStack' | 'cloudLoadBalancers' | 'rackconnect';

export const CLOUD_SERVICES: readonly CloudService[] = ['cloudServersOpenStack', 'cloudLoadBalancers', 'rackconnect'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

export type QueryValue = string | number | boolean | readonly (string | number)[];

export interface ServiceRequest {
  readonly service: CloudService;
  readonly method: HttpMethod;
  /** Path segments below the service's base URL; each is URL-encoded when joined. */
  readonly path: readonly string[];
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses that count as success; anything else becomes an ApiError. */
  readonly okStatus: readonly number[];
  /** Statuses that invalidate the token and retry once with a fresh one. Default [401, 403]. */
  readonly reauthStatus?: readonly number[];
}

/** What came back from a call: the HTTP status, headers and parsed body (JSON, text, or null when empty). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * The outcome of performing a ServiceRequest, as data: either a response (any status, including errors the
 * status check rejected) or a transport failure. `classify` functions take this, never exceptions.
 */
export type RequestOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'transport-error'; readonly message: string };
