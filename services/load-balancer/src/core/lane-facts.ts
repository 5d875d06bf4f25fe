/**
 * What the service has learnt about a lane's load balancer from its answers. Hints only: a stale fact
 * costs an extra request or a smaller batch, never a wrong result (the API has the last word).
 */
export interface LaneFacts {
  /** Requests would be refused (immutable CLB, rate limit) until then; steps arriving meanwhile are deferred. */
  readonly blockedUntil: number | null;
  readonly blockedReason: string | null;
  /** When the current run of refusals began (for the time-waiting-on-immutable metric). */
  readonly refusedSince: number | null;
  /** The last refusal (a lane that refused lately gathers its steps for the whole window). */
  readonly lastRefusedAt: number | null;
  /**
   * A change was applied: the CLB is expected to be immutable (`PENDING_UPDATE`) until then, so the lane
   * holds its steps and sends them together afterwards instead of sending into a CLB known to refuse.
   */
  readonly settlingUntil: number | null;
  /** When our last change to this CLB was applied. */
  readonly lastChangedAt: number | null;
  /** The settle period learnt from refusals (the CLB stayed immutable longer than expected), else null. */
  readonly learntSettleMs: number | null;
  /** The CLB's node limit, once CLB reported it (`Nodes must not exceed N per load balancer`). */
  readonly nodeLimit: number | null;
  /** The CLB's node count as last seen (a nodes read, or our own adds/removals since). */
  readonly nodeCount: number | null;
  readonly nodeCountAt: number | null;
  /** CLB node ids known to be gone, with when we learnt it (node ids are never reused). */
  readonly removed: ReadonlyMap<string, number>;
  readonly touchedAt: number;
}

export type FactEvent =
  /**
   * The lane refused a request; retry no earlier than `delayMs` from now. `immutable`: the CLB said it
   * is immutable / not ACTIVE (as opposed to a rate limit), which teaches how long a change settles.
   */
  | { readonly kind: 'refused'; readonly delayMs: number; readonly reason: string; readonly immutable?: boolean }
  /** A change to the CLB was applied: the lane is usable again once the CLB has settled. */
  | { readonly kind: 'mutated' }
  | { readonly kind: 'nodes-added'; readonly count: number }
  /** `applied`: we removed them (the count drops); otherwise CLB said they were not there. */
  | { readonly kind: 'nodes-removed'; readonly ids: readonly string[]; readonly applied: boolean }
  | { readonly kind: 'node-count'; readonly count: number }
  | { readonly kind: 'node-limit'; readonly limit: number };

export interface FactsPolicy {
  /** How long a removed node id is remembered. */
  readonly rememberRemovedMs: number;
  /** At most this many removed ids are remembered per lane (oldest dropped first). */
  readonly maxRemembered: number;
  /** How long a CLB is expected to stay immutable after a change (0: not at all). */
  readonly settleMs: number;
  /** The most a lane's settle period grows to when the CLB keeps refusing after it (learnt from 422s). */
  readonly maxSettleMs: number;
}

/** How much longer than the time it was seen immutable a lane waits after its next change. */
const SETTLE_GROWTH = 1.5;

export function emptyFacts(now: number): LaneFacts {
  return {
    blockedUntil: null,
    blockedReason: null,
    refusedSince: null,
    lastRefusedAt: null,
    settlingUntil: null,
    lastChangedAt: null,
    learntSettleMs: null,
    nodeLimit: null,
    nodeCount: null,
    nodeCountAt: null,
    removed: new Map(),
    touchedAt: now,
  };
}

export interface AppliedFacts {
  readonly facts: LaneFacts;
  /** Set when a mutation succeeded after refusals: how long the lane was refusing (ms). */
  readonly waitedMs: number | null;
}

/** Folds answers into the facts. Pure. */
export function applyFactEvents(
  previous: LaneFacts | undefined,
  events: readonly FactEvent[],
  now: number,
  policy: FactsPolicy,
): AppliedFacts {
  let facts: LaneFacts = { ...(previous ?? emptyFacts(now)), touchedAt: now };
  let waitedMs: number | null = null;
  // Copied only when ids are added (the map can hold thousands of ids; most answers add none).
  let removed: Map<string, number> | null = null;
  for (const event of events) {
    switch (event.kind) {
      case 'refused':
        facts = {
          ...facts,
          blockedUntil: Math.max(facts.blockedUntil ?? 0, now + event.delayMs),
          blockedReason: event.reason,
          refusedSince: facts.refusedSince ?? now,
          lastRefusedAt: now,
          learntSettleMs: event.immutable === true ? learnSettle(facts, now, policy) : facts.learntSettleMs,
        };
        break;
      case 'mutated': {
        if (facts.refusedSince !== null) waitedMs = now - facts.refusedSince;
        const settleMs = settlePeriod(facts, policy);
        facts = {
          ...facts,
          blockedUntil: null,
          blockedReason: null,
          refusedSince: null,
          settlingUntil: settleMs > 0 ? now + settleMs : null,
          lastChangedAt: now,
        };
        break;
      }
      case 'nodes-added':
        facts = facts.nodeCount === null ? facts : { ...facts, nodeCount: facts.nodeCount + event.count };
        break;
      case 'nodes-removed': {
        removed ??= new Map(facts.removed);
        const known = removed;
        const fresh = event.ids.filter((id) => !known.has(id));
        for (const id of event.ids) {
          known.delete(id); // re-inserted last: the map stays oldest first
          known.set(id, now);
        }
        if (event.applied && facts.nodeCount !== null) {
          facts = { ...facts, nodeCount: Math.max(0, facts.nodeCount - fresh.length) };
        }
        break;
      }
      case 'node-count':
        facts = { ...facts, nodeCount: event.count, nodeCountAt: now };
        break;
      case 'node-limit':
        facts = { ...facts, nodeLimit: event.limit };
        break;
    }
  }
  return { facts: removed === null ? facts : { ...facts, removed: pruneRemoved(removed, now, policy) }, waitedMs };
}

/**
 * Drops ids older than `rememberRemovedMs`, then the oldest beyond `maxRemembered`, from a map the caller
 * owns. Ids are (re)inserted as they are learnt, so the map is oldest first and the scan stops at the
 * first id to keep.
 */
function pruneRemoved(removed: Map<string, number>, now: number, policy: FactsPolicy): ReadonlyMap<string, number> {
  for (const [id, at] of removed) {
    if (removed.size <= policy.maxRemembered && now - at <= policy.rememberRemovedMs) break;
    removed.delete(id);
  }
  return removed;
}

/** How long the lane expects its CLB to stay immutable after a change: the policy's, or what it learnt. */
export function settlePeriod(facts: LaneFacts | undefined, policy: FactsPolicy): number {
  return Math.max(policy.settleMs, facts?.learntSettleMs ?? 0);
}

/**
 * A CLB still immutable `now - lastChangedAt` after our last change settles for longer than the lane
 * expected: the lane waits that long times SETTLE_GROWTH after its next change (at most `maxSettleMs`).
 * A refusal long after our last change (someone else changed the CLB) teaches nothing.
 */
function learnSettle(facts: LaneFacts, now: number, policy: FactsPolicy): number | null {
  if (policy.settleMs <= 0 || facts.lastChangedAt === null) return facts.learntSettleMs;
  const seenImmutableMs = now - facts.lastChangedAt;
  if (seenImmutableMs < settlePeriod(facts, policy) || seenImmutableMs > policy.maxSettleMs) {
    return facts.learntSettleMs;
  }
  return Math.min(policy.maxSettleMs, Math.max(facts.learntSettleMs ?? 0, Math.ceil(seenImmutableMs * SETTLE_GROWTH)));
}

/** True while a change of ours is expected to keep the CLB immutable. */
export function isSettling(facts: LaneFacts | undefined, now: number): facts is LaneFacts & { settlingUntil: number } {
  return facts?.settlingUntil !== null && facts?.settlingUntil !== undefined && facts.settlingUntil > now;
}

/** True while the lane is known to refuse requests. */
export function isBlocked(facts: LaneFacts | undefined, now: number): facts is LaneFacts & { blockedUntil: number } {
  return facts?.blockedUntil !== null && facts?.blockedUntil !== undefined && facts.blockedUntil > now;
}
