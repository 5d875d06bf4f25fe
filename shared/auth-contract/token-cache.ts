import type { TokenGrant } from '../request/token-source.js';

export interface TokenCachePolicy {
  /** Stop using a token this long before Identity says it expires. */
  readonly marginMs: number;
  /** Never keep a token longer than this, whatever its expiry (otter's cache_ttl). */
  readonly ttlMs: number;
  /** Most tenants kept; the least recently stored is dropped first. */
  readonly maxEntries: number;
}

/** Until when a grant stored at `storedAt` may be handed out: expiry minus margin, capped by the TTL. Pure. */
export function cacheDeadline(expiresAt: number, storedAt: number, policy: TokenCachePolicy): number {
  return Math.min(expiresAt - policy.marginMs, storedAt + policy.ttlMs);
}

interface Entry {
  readonly grant: TokenGrant;
  readonly deadline: number;
}

/**
 * Tokens per tenant. No I/O and no clock of its own: every method that needs the time takes `now` (epoch
 * ms), so expiry arithmetic is tested with plain numbers.
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #policy: TokenCachePolicy;

  constructor(policy: TokenCachePolicy) {
    this.#policy = policy;
  }

  /** The tenant's grant while it is usable; an expired entry is dropped. */
  get(tenantId: string, now: number): TokenGrant | undefined {
    const entry = this.#entries.get(tenantId);
    if (entry === undefined) return undefined;
    if (now < entry.deadline) return entry.grant;
    this.#entries.delete(tenantId);
    return undefined;
  }

  /** Stores a grant; returns false (and stores nothing) when it would already be past its deadline. */
  set(tenantId: string, grant: TokenGrant, now: number): boolean {
    const deadline = cacheDeadline(grant.expiresAt, now, this.#policy);
    this.#entries.delete(tenantId);
    if (deadline <= now) return false;
    this.#entries.set(tenantId, { grant, deadline });
    if (this.#entries.size > this.#policy.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return true;
  }

  /** Drops the tenant's entry only if it still holds `token` (a newer token stays). Returns whether it dropped. */
  invalidate(tenantId: string, token: string): boolean {
    const entry = this.#entries.get(tenantId);
    if (entry === undefined || entry.grant.token !== token) return false;
    this.#entries.delete(tenantId);
    return true;
  }

  get size(): number {
    return this.#entries.size;
  }
}
