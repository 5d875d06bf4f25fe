/**
 * The checks every CLB call on one LB starts with: the LB exists (404), is not DELETED (410), and, for
 * mutations, is ACTIVE (422 "considered immutable" with its status verbatim).
 */
import type { TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { CLB_TEXTS, clbError } from './clb-errors.js';
import type { FoundLb } from './lb-store.js';
import { findLb } from './lb-store.js';
import { markMutated } from './lb-record.js';

export type LbHandler = (state: SimState, req: TenantRequest, found: FoundLb) => Reply;

export function guardLb(state: SimState, req: TenantRequest, mutation: boolean): FoundLb | Reply {
  const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
  if (found === undefined) return clbError(404, CLB_TEXTS.lbNotFound);
  if (found.status.deleted) return clbError(410, CLB_TEXTS.markedDeleted);
  if (mutation && found.status.status !== 'ACTIVE') {
    return clbError(422, CLB_TEXTS.immutable(found.lb.id, found.status.status));
  }
  return found;
}

export function isReply(value: FoundLb | Reply): value is Reply {
  return 'status' in value && typeof value.status === 'number';
}

/** Wraps a handler with `guardLb`. */
export function withLb(mutation: boolean, handler: LbHandler) {
  return (state: SimState, req: TenantRequest): Reply => {
    const found = guardLb(state, req, mutation);
    return isReply(found) ? found : handler(state, req, found);
  };
}

/** Records a successful mutation: PENDING_UPDATE for the configured time, and the applied-mutation counter. */
export function applied(state: SimState, found: FoundLb, now: number): void {
  markMutated(found.lb, now, state.config.clbImmutableMs);
  state.counters.count(state.counters.clbMutationsApplied, String(found.lb.id));
}
