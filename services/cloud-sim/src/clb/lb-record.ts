/**
 * A Cloud Load Balancer as stored, and its pure status machine. Status is evaluated lazily from `now`:
 * BUILD after create, PENDING_UPDATE for a while after every mutation, PENDING_DELETE then DELETED after a
 * delete (purged later), or whatever the control API forced.
 */
import type { ClbPendingSpelling } from '../config.js';

export interface ClbNodeRecord {
  readonly id: number;
  readonly address: string;
  readonly port: number;
  condition: string;
  type: string;
  weight: number;
  status: string;
}

export interface LbRecord {
  readonly id: number;
  readonly tenantId: string;
  readonly region: string;
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly algorithm: string;
  readonly timeout: number;
  readonly halfClosed: boolean;
  readonly httpsRedirect: boolean;
  readonly connectionLogging: boolean;
  readonly created: number;
  readonly virtualIps: readonly Record<string, unknown>[];
  readonly metadata: readonly { id: number; key: string; value: string }[];
  updated: number;
  nodes: ClbNodeRecord[];
  healthMonitor: Record<string, unknown> | null;
  buildUntil: number;
  busyUntil: number;
  forcedStatus: string | null;
  deleteRequestedAt: number | null;
  deletedAt: number | null;
  purgeAt: number | null;
}

export const FORCEABLE_LB_STATUSES = [
  'ACTIVE',
  'BUILD',
  'ERROR',
  'PENDING_UPDATE',
  'PENDING_DELETE',
  'SUSPENDED',
] as const;

export interface LbStatus {
  readonly status: string;
  /** Purged: answers 404 everywhere. */
  readonly gone: boolean;
  /** PENDING_DELETE or DELETED (or forced PENDING_DELETE). */
  readonly beingDeleted: boolean;
  readonly deleted: boolean;
}

export function spell(status: string, spelling: ClbPendingSpelling): string {
  return spelling === 'hyphen' ? status.replace('PENDING_', 'PENDING-') : status;
}

export function lbStatusAt(lb: LbRecord, now: number, spelling: ClbPendingSpelling): LbStatus {
  const make = (status: string, extra: Partial<LbStatus> = {}): LbStatus => ({
    status: spell(status, spelling),
    gone: false,
    beingDeleted: false,
    deleted: false,
    ...extra,
  });
  if (lb.deleteRequestedAt !== null) {
    if (lb.purgeAt !== null && now >= lb.purgeAt)
      return make('DELETED', { gone: true, beingDeleted: true, deleted: true });
    if (lb.deletedAt !== null && now >= lb.deletedAt) return make('DELETED', { beingDeleted: true, deleted: true });
    return make('PENDING_DELETE', { beingDeleted: true });
  }
  if (lb.forcedStatus !== null) return make(lb.forcedStatus, { beingDeleted: lb.forcedStatus === 'PENDING_DELETE' });
  if (now < lb.buildUntil) return make('BUILD');
  if (now < lb.busyUntil) return make('PENDING_UPDATE');
  return make('ACTIVE');
}

/** After a successful mutation: PENDING_UPDATE for `immutableMs`. */
export function markMutated(lb: LbRecord, now: number, immutableMs: number): void {
  lb.updated = now;
  lb.busyUntil = now + immutableMs;
}

export function markDeleted(lb: LbRecord, now: number, pendingMs: number, retentionMs: number): void {
  lb.updated = now;
  lb.forcedStatus = null;
  lb.deleteRequestedAt = now;
  lb.deletedAt = now + pendingMs;
  lb.purgeAt = now + pendingMs + retentionMs;
}

/** Forces a status (control API). `ACTIVE` or null clears the force and any BUILD/PENDING_UPDATE window. */
export function forceLbStatus(lb: LbRecord, status: string | null, now: number): void {
  lb.updated = now;
  if (status === null || status === 'ACTIVE') {
    lb.forcedStatus = null;
    lb.buildUntil = 0;
    lb.busyUntil = 0;
    return;
  }
  lb.forcedStatus = status;
}
