import type { Batch } from './batch.js';
import { isBlocked, isSettling, type LaneFacts } from './lane-facts.js';
import { planBatch, settleKnownRemoved, type BatchLimits } from './plan-batch.js';
import { retryLater, type Settled, type WorkItem } from './work-item.js';

/**
 * One lane's scheduling state. Steps wait in `pending` (oldest first) until the lane sends them: when a
 * quiet gap follows the newest or the window since the oldest closes, when a batch is full, or — after a
 * flight — at once (steps that arrived during a flight have waited long enough). When the flight changed
 * the CLB, they wait until the CLB is expected to have settled (`LaneFacts.settlingUntil`) and go in one
 * request rather than into a CLB known to be immutable. At most one batch is in flight per lane.
 */
export interface LaneState {
  readonly pending: readonly WorkItem[];
  readonly inFlight: boolean;
  /** Send the next batch at this time (set when a flight ends with steps waiting); else the window decides. */
  readonly readyAt: number | null;
}

export interface SchedulePolicy {
  /** The longest the oldest waiting step waits for others to join its request. */
  readonly windowMs: number;
  /**
   * A lane that has not refused lately sends as soon as no step arrived for this long (bursts arrive
   * back to back; a lone step need not wait the whole window). `>= windowMs` always waits the window;
   * 0 sends at once when the lane is idle (steps arriving while that request flies go together next).
   */
  readonly quietMs: number;
  /** A lane that refused (immutable CLB, rate limit) within this long always waits the whole window. */
  readonly refusalMemoryMs: number;
  readonly limits: BatchLimits;
  /** A step the bus already retried this many times is sent even to a lane known to refuse. */
  readonly maxAttempts: number;
  /**
   * The most steps a lane holds (un-acked) while its CLB settles after a change; younger ones are
   * deferred through the bus's delayed retry until it has settled, so one busy CLB cannot fill the
   * prefetch of every lane.
   */
  readonly settleHoldLimit: number;
}

export interface LaneDecision {
  readonly lane: LaneState;
  /** Steps finished without a request: deferred (the lane refuses for now) or answered from facts. */
  readonly settled: readonly Settled[];
  /** Send this now (the lane is then in flight). */
  readonly batch: Batch | null;
  /** Decide again at this time (the window closes), unless something happens first. */
  readonly wakeAt: number | null;
}

export const EMPTY_LANE: LaneState = { pending: [], inFlight: false, readyAt: null };

export function enqueue(lane: LaneState | undefined, item: WorkItem): LaneState {
  const base = lane ?? EMPTY_LANE;
  return { ...base, pending: [...base.pending, item] };
}

/** A flight ended: `requeue` goes to the front, and the next batch may go at once. */
export function landed(lane: LaneState, requeue: readonly WorkItem[], now: number): LaneState {
  const pending = [...requeue, ...lane.pending];
  return { pending, inFlight: false, readyAt: pending.length > 0 ? now : null };
}

/** What the lane does now. Pure. */
export function decideLane(
  lane: LaneState,
  facts: LaneFacts | undefined,
  now: number,
  policy: SchedulePolicy,
): LaneDecision {
  const settled: Settled[] = [];
  let pending = lane.pending;
  if (isBlocked(facts, now)) {
    const reason = facts.blockedReason ?? 'lane refusing requests';
    for (const item of pending) {
      if (item.attempt < policy.maxAttempts) settled.push(retryLater(item, facts.blockedUntil - now, reason));
    }
    pending = pending.filter((item) => item.attempt >= policy.maxAttempts);
  }
  const known = settleKnownRemoved(pending, facts);
  settled.push(...known.settled);
  pending = known.pending;
  if (lane.inFlight || pending.length === 0) {
    return {
      lane: { ...lane, pending, readyAt: pending.length === 0 ? null : lane.readyAt },
      settled,
      batch: null,
      wakeAt: null,
    };
  }
  if (isSettling(facts, now)) {
    const held = holdWhileSettling(pending, facts.settlingUntil - now, policy);
    settled.push(...held.deferred);
    return { lane: { ...lane, pending: held.pending }, settled, batch: null, wakeAt: facts.settlingUntil };
  }
  const plan = planBatch(pending, facts, policy.limits, now);
  const dueAt = lane.readyAt ?? gatheredAt(pending, facts, now, policy);
  if (plan.batch !== null && (plan.full || now >= dueAt)) {
    return { lane: { pending: plan.rest, inFlight: true, readyAt: null }, settled, batch: plan.batch, wakeAt: null };
  }
  return { lane: { ...lane, pending }, settled, batch: null, wakeAt: dueAt };
}

/**
 * The steps a settling lane keeps (the oldest `settleHoldLimit`, and any step out of retries); the others
 * are deferred until the CLB is expected to have settled.
 */
function holdWhileSettling(
  pending: readonly WorkItem[],
  remainingMs: number,
  policy: SchedulePolicy,
): { readonly pending: readonly WorkItem[]; readonly deferred: readonly Settled[] } {
  if (pending.length <= policy.settleHoldLimit) return { pending, deferred: [] };
  const kept: WorkItem[] = [];
  const deferred: Settled[] = [];
  for (const item of pending) {
    if (kept.length < policy.settleHoldLimit || item.attempt >= policy.maxAttempts) kept.push(item);
    else deferred.push(retryLater(item, remainingMs, 'CLB settling after a change'));
  }
  return { pending: kept, deferred };
}

/**
 * When a lane has gathered long enough: the window after its oldest step, or — unless it refused lately
 * (steps coming back from a delayed retry arrive spread out) — a quiet gap after its newest step.
 */
function gatheredAt(
  pending: readonly WorkItem[],
  facts: LaneFacts | undefined,
  now: number,
  policy: SchedulePolicy,
): number {
  let oldest = Infinity;
  let newest = -Infinity;
  for (const item of pending) {
    oldest = Math.min(oldest, item.arrivedAt);
    newest = Math.max(newest, item.arrivedAt);
  }
  const windowEnd = oldest + policy.windowMs;
  const refusedLately = facts?.lastRefusedAt != null && now - facts.lastRefusedAt <= policy.refusalMemoryMs;
  return refusedLately ? windowEnd : Math.min(windowEnd, newest + policy.quietMs);
}

/** Shutting down: every waiting step goes back to the queue unprocessed; the flight (if any) finishes. */
export function drainLane(lane: LaneState): { readonly lane: LaneState; readonly settled: readonly Settled[] } {
  return {
    lane: { ...lane, pending: [], readyAt: null },
    settled: lane.pending.map((item) => ({ item, disposition: { kind: 'requeue' } })),
  };
}
