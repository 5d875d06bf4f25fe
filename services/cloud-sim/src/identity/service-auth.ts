/**
 * The token check in front of every Nova, CLB and RCv3 call (beyond mimic, which checks nothing): 401 for
 * a missing, unknown, revoked or expired token; 403 for a token of another tenant (recorded as a mismatch).
 */
import type { RequestInfo } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { forbidden, IDENTITY_TEXTS, unauthorized } from './identity-errors.js';

export function checkServiceToken(
  state: SimState,
  req: RequestInfo,
  where: { readonly service: string; readonly route: string; readonly tenantId: string },
): Reply | null {
  const header = req.headers['x-auth-token'];
  const check = state.identity.check(Array.isArray(header) ? header[0] : header, req.now);
  if (check.kind !== 'valid') {
    state.counters.unauthorized += 1;
    return unauthorized(IDENTITY_TEXTS.noToken);
  }
  if (check.token.tenantId !== where.tenantId) {
    state.counters.mismatch({
      service: where.service,
      method: req.method,
      route: where.route,
      urlTenant: where.tenantId,
      tokenTenant: check.token.tenantId,
    });
    return forbidden(IDENTITY_TEXTS.accessDenied);
  }
  return null;
}
