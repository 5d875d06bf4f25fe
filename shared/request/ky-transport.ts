import ky, { isHTTPError, isTimeoutError } from 'ky';
import { AppError } from '../errors/app-error.js';
import type { HttpRequest, Transport, TransportResponse } from './http-types.js';
import { parseBody } from './parse-body.js';
import { redactUrl } from './redact-url.js';

export interface KyTransportOptions {
  /** Deadline of each attempt. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, for idempotent methods on network errors and 502/503/504 only. */
  readonly retryLimit: number;
  /** First retry delay; doubles per retry, with jitter (50–100% of the delay). */
  readonly retryDelayMs: number;
  /** Upper bound of a computed retry delay. */
  readonly backoffLimitMs: number;
  /** Upper bound of a wait a server asks for with Retry-After. */
  readonly maxRetryAfterMs: number;
  /** Randomness for jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** The fetch to use (tests pass a fake). Defaults to Node's fetch, which keeps connections alive. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * An undici `Dispatcher` handed to fetch (e.g. an Agent with other keep-alive or pool settings). Node 20's
   * global fetch already pools and keeps connections alive (undici's global Agent), so this is optional.
   */
  readonly dispatcher?: unknown;
}

/** Methods safe to send twice (RFC 9110 idempotent). POST and PATCH are never retried by the transport. */
export const IDEMPOTENT_METHODS = ['get', 'head', 'put', 'delete', 'options'] as const;
export const RETRY_STATUSES: readonly number[] = [502, 503, 504];

/**
 * The HTTP transport: ky with a per-attempt timeout, bounded jittered retries of idempotent methods on
 * network errors and 502/503/504 (honouring Retry-After up to a cap), JSON bodies in and out. Every status
 * resolves (the status check is a separate wrapper); no answer at all rejects with AppError `transport` or
 * `timeout` (both retryable) whose message has the redacted URL.
 */
export function createKyTransport(options: KyTransportOptions): Transport {
  const random = options.random ?? Math.random;
  const client = ky.create({
    timeout: options.timeoutMs,
    throwHttpErrors: (status) => RETRY_STATUSES.includes(status),
    retry: {
      limit: options.retryLimit,
      methods: [...IDEMPOTENT_METHODS],
      statusCodes: [...RETRY_STATUSES],
      afterStatusCodes: [...RETRY_STATUSES],
      maxRetryAfter: options.maxRetryAfterMs,
      backoffLimit: options.backoffLimitMs,
      delay: (attempt) => options.retryDelayMs * 2 ** (attempt - 1),
      jitter: (delay) => delay * (0.5 + random() * 0.5),
      retryOnTimeout: false,
    },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.dispatcher === undefined ? {} : ({ dispatcher: options.dispatcher } as object)),
  });
  return async (request) => {
    let response: Response;
    try {
      response = await client(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.json === undefined ? {} : { json: request.json }),
        ...(request.redirect === undefined ? {} : { redirect: request.redirect }),
      });
    } catch (error) {
      if (!isHTTPError(error)) throw toTransportError(error, request);
      response = error.response;
    }
    return readResponse(response, request);
  };
}

async function readResponse(response: Response, request: HttpRequest): Promise<TransportResponse> {
  let text: string;
  try {
    text = request.method === 'HEAD' ? '' : await response.text();
  } catch (error) {
    throw toTransportError(error, request);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  return {
    status: response.status,
    headers,
    body: parseBody(text, response.headers.get('content-type')),
    url: request.url,
  };
}

function toTransportError(error: unknown, request: HttpRequest): AppError {
  const url = redactUrl(request.url);
  if (isTimeoutError(error)) {
    return AppError.retryable('timeout', `Request timed out: ${request.method} ${url}`, {
      cause: error,
      details: { method: request.method, url },
    });
  }
  const reason = describeNetworkError(error);
  return AppError.retryable('transport', `Request failed without a response (${reason}): ${request.method} ${url}`, {
    cause: error,
    details: { method: request.method, url },
  });
}

/** The most specific reason Node's fetch gives (`fetch failed` hides `ECONNREFUSED` in its cause). */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
  return error instanceof Error ? error.message : String(error);
}
