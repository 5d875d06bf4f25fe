import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { ApiError } from './api-error.js';
import type { TenantCall } from './http-types.js';
import { redactUrl } from './redact-url.js';
import { statusClass, type RequestHistogram } from './request-metrics.js';

export interface ObserveDeps {
  readonly logger: Logger;
  readonly histogram: RequestHistogram;
  /** Monotonic milliseconds (e.g. `performance.now`). */
  readonly now: () => number;
}

export const REQUEST_LOG_EVENT = 'cloud-request';

/**
 * Outermost wrapper: one log line (`cloud-request`) and one histogram sample per call, success or not.
 * Successful calls log at debug, unexpected statuses at info, calls without an HTTP answer at warn. The
 * line carries tenant, service, method, redacted URL, status, duration, correlation id and whether the
 * token was renewed — never a token, body or header.
 */
export function withObserve(deps: ObserveDeps, next: TenantCall): TenantCall {
  const enabled = levelCheck(deps.logger);
  const observe = { ...deps, enabled };
  return async (tenantId, request, ctx) => {
    const started = deps.now();
    try {
      const response = await next(tenantId, request, ctx);
      record(observe, 'debug', started, tenantId, request.service, request.method, ctx, response.status, response.url);
      return response;
    } catch (error) {
      if (ApiError.isApiError(error)) {
        record(observe, 'info', started, tenantId, request.service, request.method, ctx, error.status, error.url);
      } else {
        const url = AppError.is(error) && typeof error.details['url'] === 'string' ? error.details['url'] : undefined;
        record(observe, 'warn', started, tenantId, request.service, request.method, ctx, undefined, url, error);
      }
      throw error;
    }
  };
}

/**
 * Whether the logger would write a level. Winston loggers answer `isLevelEnabled`; skipping disabled lines
 * saves building and running them through the format pipeline on every call (about 8 µs each).
 */
function levelCheck(logger: Logger): (level: string) => boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof check === 'function' ? (level) => check.call(logger, level) : () => true;
}

function record(
  deps: ObserveDeps & { readonly enabled: (level: string) => boolean },
  level: 'debug' | 'info' | 'warn',
  started: number,
  tenantId: string,
  service: string,
  method: string,
  ctx: { readonly correlationId: string; readonly trace: { readonly reauthed: boolean } },
  status: number | undefined,
  url: string | undefined,
  error?: unknown,
): void {
  const seconds = (deps.now() - started) / 1000;
  deps.histogram.observe({ service, method, status_class: statusClass(status) }, seconds);
  if (!deps.enabled(level)) return;
  deps.logger[level](REQUEST_LOG_EVENT, {
    tenantId,
    service,
    method,
    url: url === undefined ? undefined : redactUrl(url),
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    correlationId: ctx.correlationId,
    reauthed: ctx.trace.reauthed,
    ...(error === undefined ? {} : { error: describeError(error) }),
  });
}

function describeError(error: unknown): Record<string, unknown> {
  if (AppError.is(error)) return { kind: error.kind, message: error.message, retryable: error.retryable };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
