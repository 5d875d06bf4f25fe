import type { GrantCall, TenantCall } from './http-types.js';
import type { TokenSource } from './token-source.js';

/** Statuses that mean "this token is no good" unless a request says otherwise (otter `reauth_codes`). */
export const DEFAULT_REAUTH_STATUS: readonly number[] = [401, 403];

/**
 * Gets the tenant's token and makes the call; when the answer's status is in the request's `reauthStatus`
 * (and not in its `okStatus`), invalidates that token at the source and makes the call once more with a
 * fresh one. The second answer is final whatever its status (otter only invalidated; Kelp retries once).
 */
export function withReauth(tokens: TokenSource, next: GrantCall): TenantCall {
  return async (tenantId, request, ctx) => {
    const grant = await tokens.getToken(tenantId);
    const first = await next(grant, request, ctx);
    const reauthStatus = request.reauthStatus ?? DEFAULT_REAUTH_STATUS;
    if (!reauthStatus.includes(first.status) || request.okStatus.includes(first.status)) return first;
    await tokens.invalidate(tenantId, grant.token);
    const fresh = await tokens.getToken(tenantId);
    ctx.trace.reauthed = true;
    return next(fresh, request, ctx);
  };
}
