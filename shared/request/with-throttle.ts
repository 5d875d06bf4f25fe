import type { TenantCall } from './http-types.js';
import type { KeyedLimiter } from './keyed-limiter.js';
import { matchThrottle, type ThrottleRule } from './throttle-rules.js';

/** Runs throttled calls (see `ThrottleRule`) through the limiter; the rest pass straight through. */
export function withThrottle(rules: readonly ThrottleRule[], limiter: KeyedLimiter, next: TenantCall): TenantCall {
  if (rules.length === 0) return next;
  return (tenantId, request, ctx) => {
    const match = matchThrottle(rules, request.service, request.method, tenantId);
    if (match === undefined) return next(tenantId, request, ctx);
    return limiter.run(match.key, match.rule, () => next(tenantId, request, ctx));
  };
}
