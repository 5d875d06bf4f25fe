import type { GroupRecord } from '../../../../../shared/messages/converge-messages.js';

/**
 * Whether a cycle that holds its group's lock may run, from the group record the last holder left
 * (Note [Group lock] in shared/amqp/group-lock.ts; README "One convergence per group"):
 *
 * - another job accepted later than this one ran the group: this job is **superseded** (the newest
 *   desired state wins) and ends;
 * - an older job ran it, or nobody did: **run** (and claim the record);
 * - this same job ran it: a cycle number behind the record, or equal to it on a fresh delivery, is a
 *   duplicate message (a publish retried, a job message redelivered after its first cycle went out) and
 *   is **dropped** silently; a redelivered or resumed cycle equal to the record may have crashed halfway
 *   and runs again (convergence is idempotent: it re-gathers);
 * - the same job id accepted twice (a producer resubmitted it): the later acceptance runs, the earlier
 *   one's cycles are dropped silently (no event, the job's waiters follow the later one).
 */
export type ClaimDecision =
  | { readonly kind: 'run' }
  | { readonly kind: 'drop'; readonly why: string }
  | { readonly kind: 'superseded'; readonly by: string };

export interface CycleIdentity {
  readonly jobId: string;
  readonly acceptedAt: string;
  readonly cycle: number;
  /** The broker redelivered this message, or the cycle sent itself again after claiming. */
  readonly rerun: boolean;
}

/** True when `a` was accepted after `b` (ties broken by job id, so every supervisor agrees). */
export function acceptedAfter(
  a: { readonly acceptedAt: string; readonly jobId: string },
  b: { readonly acceptedAt: string; readonly jobId: string },
): boolean {
  const at = Date.parse(a.acceptedAt);
  const bt = Date.parse(b.acceptedAt);
  return at !== bt ? at > bt : a.jobId > b.jobId;
}

export function decideClaim(record: GroupRecord | undefined, me: CycleIdentity): ClaimDecision {
  if (record === undefined) return { kind: 'run' };
  if (record.jobId !== me.jobId) {
    return acceptedAfter(record, me) ? { kind: 'superseded', by: record.jobId } : { kind: 'run' };
  }
  if (record.acceptedAt !== me.acceptedAt) {
    return acceptedAfter(me, record)
      ? { kind: 'run' }
      : { kind: 'drop', why: 'the job was accepted again later; that acceptance runs it' };
  }
  if (record.cycle > me.cycle) return { kind: 'drop', why: `cycle ${record.cycle} of this job already ran` };
  if (record.cycle === me.cycle && !me.rerun) {
    return { kind: 'drop', why: `cycle ${me.cycle} already ran (duplicate message)` };
  }
  return { kind: 'run' };
}
