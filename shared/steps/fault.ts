import type { RequestOutcome, ServiceRequest } from '../request/service-request.js';

/**
 * A classified error, as data (otter's typed exceptions). `error` names the kind (otter's class names,
 * e.g. `NoSuchCLBError`); `APIError` is an unmatched error status and `TransportError` a network failure.
 */
export interface Fault {
  readonly error: string;
  readonly message: string;
  /** The HTTP status, when the fault came from a response. */
  readonly status?: number;
  /** `CLBNodeLimitError`: the limit CLB reported. */
  readonly nodeLimit?: number;
  /** CLB bulk removal: node ids CLB says are not on the load balancer. */
  readonly nodeIds?: readonly string[];
}

const BODY_SNIPPET = 300;

function bodyText(body: unknown): string {
  if (body === null || body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > BODY_SNIPPET ? `${text.slice(0, BODY_SNIPPET)}…` : text;
}

/** Names the request as an operator reads it: `POST loadbalancers/123/nodes`. */
export function describeRequest(request: ServiceRequest): string {
  return `${request.method} ${request.service}/${request.path.join('/')}`;
}

/** An error status nothing in the tables matched (otter's raw `APIError`). */
export function apiFault(request: ServiceRequest, status: number, body: unknown): Fault {
  const text = bodyText(body);
  const suffix = text === '' ? '' : `: ${text}`;
  return { error: 'APIError', status, message: `${describeRequest(request)} answered ${status}${suffix}` };
}

export function transportFault(request: ServiceRequest, message: string): Fault {
  return { error: 'TransportError', message: `${describeRequest(request)} failed: ${message}` };
}

/** True when the outcome is a response whose status the request counts as success. */
export function okResponse(
  request: ServiceRequest,
  outcome: RequestOutcome,
): Extract<RequestOutcome, { kind: 'response' }> | undefined {
  return outcome.kind === 'response' && request.okStatus.includes(outcome.status) ? outcome : undefined;
}

/** A raw `APIError` with a 4xx status: terminal for most steps (otter's failure reporter). */
export function isClientApiError(fault: Fault): boolean {
  return fault.error === 'APIError' && fault.status !== undefined && fault.status >= 400 && fault.status < 500;
}

/**
 * The delay a response asks for through `Retry-After` (delta-seconds only; HTTP dates need a clock and are
 * ignored), in milliseconds.
 */
export function retryAfterMs(outcome: RequestOutcome): number | undefined {
  if (outcome.kind !== 'response' || outcome.headers === undefined) return undefined;
  const entry = Object.entries(outcome.headers).find(([name]) => name.toLowerCase() === 'retry-after');
  if (entry === undefined) return undefined;
  const value = entry[1].trim();
  if (!/^\d{1,9}$/.test(value)) return undefined;
  return Number(value) * 1000;
}
