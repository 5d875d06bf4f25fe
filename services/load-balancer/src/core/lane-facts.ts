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
  /** The lane refused a request; retry no earlier than `delayMs` from now. */
  | { readonly kind: 'refused'; readonly delayMs: number; readonly reason: string }
  /** A mutation succeeded: the lane is usable again. */
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
}

export function emptyFacts(now: number): LaneFacts {
  return {
    blockedUntil: null,
    blockedReason: null,
    refusedSince: null,
    lastRefusedAt: null,
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
        };
        break;
      case 'mutated':
        if (facts.refusedSince !== null) waitedMs = now - facts.refusedSince;
        facts = { ...facts, blockedUntil: null, blockedReason: null, refusedSince: null };
        break;
      case 'nodes-added':
        facts = facts.nodeCount === null ? facts : { ...facts, nodeCount: facts.nodeCount + event.count };
        break;
      case 'nodes-removed': {
        removed ??= new Map(facts.removed);
        const known = removed;
        const fresh = event.ids.filter((id) => !known.has(id));
        for (const id of event.ids) known.set(id, now);
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

function pruneRemoved(removed: Map<string, number>, now: number, policy: FactsPolicy): ReadonlyMap<string, number> {
  const kept = [...removed].filter(([, at]) => now - at <= policy.rememberRemovedMs);
  return new Map(kept.slice(Math.max(0, kept.length - policy.maxRemembered)));
}

/** True while the lane is known to refuse requests. */
export function isBlocked(facts: LaneFacts | undefined, now: number): facts is LaneFacts & { blockedUntil: number } {
  return facts?.blockedUntil !== null && facts?.blockedUntil !== undefined && facts.blockedUntil > now;
}
