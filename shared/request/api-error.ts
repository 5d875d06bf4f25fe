import { AppError } from '../errors/app-error.js';
import { REDACTED, isSecretKey } from '../logging/redact.js';
import { redactUrl } from './redact-url.js';

export interface ApiErrorInit {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Statuses worth trying again later: timeouts, rate limits and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * A cloud API answered with a status outside the request's `okStatus`. The message reads like ky's
 * ("Request failed with status 503: POST https://…/servers"); the URL is redacted and secret headers are
 * masked, so neither message nor fields carry a token.
 */
export class ApiError extends AppError {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ApiErrorInit, options: { readonly cause?: unknown } = {}) {
    const url = redactUrl(init.url);
    super('api', `Request failed with status ${init.status}: ${init.method} ${url}`, {
      retryable: isRetryableStatus(init.status),
      details: { status: init.status, method: init.method, url },
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.body = init.body;
    this.headers = redactHeaders(init.headers);
  }

  static isApiError(value: unknown): value is ApiError {
    return AppError.isKind(value, 'api') && typeof (value as { status?: unknown }).status === 'number';
  }
}

/** Copies headers with secret ones (X-Auth-Token, Set-Cookie, …) masked. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key] = isSecretKey(key) ? REDACTED : value;
  return out;
}
