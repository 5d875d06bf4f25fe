/**
 * The checks of `DELETE /loadbalancers/{lb}/nodes?id=...` (pure), in CLB's order: no ids, LB missing,
 * LB deleted (410), LB not ACTIVE, ids not on the LB, more than 10 ids.
 */
import type { Reply } from '../http/reply.js';
import { CLB_TEXTS, clbError, clbValidationError } from './clb-errors.js';
import type { LbRecord, LbStatus } from './lb-record.js';

export const BATCH_DELETE_LIMIT = 10;

export type BulkDeleteCheck =
  { readonly ok: true; readonly ids: ReadonlySet<number> } | { readonly ok: false; readonly reply: Reply };

function sortIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    return Number.isNaN(na) || Number.isNaN(nb) ? a.localeCompare(b) : na - nb;
  });
}

export function checkBulkDelete(
  rawIds: readonly string[],
  lb: LbRecord | undefined,
  status: LbStatus | undefined,
): BulkDeleteCheck {
  if (rawIds.length === 0) return { ok: false, reply: clbError(400, CLB_TEXTS.noIds) };
  if (lb === undefined || status === undefined || status.gone)
    return { ok: false, reply: clbError(404, CLB_TEXTS.lbNotFound) };
  if (status.deleted) return { ok: false, reply: clbError(410, CLB_TEXTS.markedDeleted) };
  if (status.status !== 'ACTIVE') return { ok: false, reply: clbError(422, CLB_TEXTS.notActive) };
  const onLb = new Set(lb.nodes.map((n) => String(n.id)));
  const unique = [...new Set(rawIds)];
  const unknown = unique.filter((id) => !onLb.has(id));
  if (unknown.length > 0) return { ok: false, reply: clbValidationError([CLB_TEXTS.notPartOf(sortIds(unknown))]) };
  if (unique.length > BATCH_DELETE_LIMIT) {
    return { ok: false, reply: clbValidationError([CLB_TEXTS.batchLimit(unique.length)]) };
  }
  return { ok: true, ids: new Set(unique.map(Number)) };
}
