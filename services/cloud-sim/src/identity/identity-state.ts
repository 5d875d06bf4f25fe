/**
 * Identity's data: users (each bound to at most one tenant), tenants, and tokens. Unlike mimic, credentials
 * are checked, tokens expire and can be revoked, and services reject unknown tokens.
 */
import type { Random } from '../random.js';
import { stableHex } from '../random.js';

export interface UserRecord {
  readonly username: string;
  readonly userId: string;
  readonly password: string;
  readonly apiKey: string;
  /** The tenant the user belongs to; null for an identity admin. */
  readonly tenantId: string | null;
  readonly admin: boolean;
}

export type TokenKind = 'user' | 'impersonation';

export interface TokenRecord {
  readonly id: string;
  readonly username: string;
  readonly tenantId: string | null;
  readonly kind: TokenKind;
  readonly expiresAt: number;
  revoked: boolean;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly token: TokenRecord }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' };

export function isTokenValid(token: TokenRecord, now: number): boolean {
  return !token.revoked && now < token.expiresAt;
}

/** Default credentials for a seeded tenant, derived from its id. */
export function defaultCredentials(tenantId: string): { username: string; password: string; apiKey: string } {
  return { username: `user-${tenantId}`, password: `password-${tenantId}`, apiKey: `apikey-${tenantId}` };
}

/** A stable numeric user id derived from the seed and the username. */
export function userIdFor(seed: string, username: string): string {
  return String(parseInt(stableHex(`${seed}:user:${username}`, 8), 16) % 100_000_000);
}

export class IdentityState {
  readonly users = new Map<string, UserRecord>();
  /** tenant id → username of its user. */
  readonly tenants = new Map<string, string>();
  readonly tokens = new Map<string, TokenRecord>();
  /** username → the token last issued by a password/API-key login (reused while valid). */
  private readonly loginTokens = new Map<string, string>();

  constructor(
    private readonly seed: string,
    private readonly random: Random,
  ) {}

  /** Adds a user; returns the existing record if one with the same username and tenant exists, else an error. */
  addUser(input: Omit<UserRecord, 'userId'>): UserRecord | string {
    const existing = this.users.get(input.username);
    if (existing !== undefined) {
      return existing.tenantId === input.tenantId
        ? existing
        : `user ${input.username} already belongs to another tenant`;
    }
    if (input.tenantId !== null && this.tenants.has(input.tenantId)) {
      return `tenant ${input.tenantId} already exists with another user`;
    }
    const user: UserRecord = { ...input, userId: userIdFor(this.seed, input.username) };
    this.users.set(user.username, user);
    if (user.tenantId !== null) this.tenants.set(user.tenantId, user.username);
    return user;
  }

  userOfTenant(tenantId: string): UserRecord | undefined {
    const username = this.tenants.get(tenantId);
    return username === undefined ? undefined : this.users.get(username);
  }

  /** The user's current login token if still valid, else a fresh one. */
  loginToken(user: UserRecord, now: number, ttlMs: number): TokenRecord {
    const currentId = this.loginTokens.get(user.username);
    const current = currentId === undefined ? undefined : this.tokens.get(currentId);
    if (current !== undefined && isTokenValid(current, now)) return current;
    const token = this.issue(user, 'user', now + ttlMs);
    this.loginTokens.set(user.username, token.id);
    return token;
  }

  issue(user: UserRecord, kind: TokenKind, expiresAt: number): TokenRecord {
    const prefix = kind === 'user' ? 'tok' : 'imp';
    const token: TokenRecord = {
      id: `${prefix}-${this.random.hex(32)}`,
      username: user.username,
      tenantId: user.tenantId,
      kind,
      expiresAt,
      revoked: false,
    };
    this.tokens.set(token.id, token);
    return token;
  }

  check(tokenId: string | undefined, now: number): TokenCheck {
    if (tokenId === undefined || tokenId === '') return { kind: 'missing' };
    const token = this.tokens.get(tokenId);
    if (token === undefined) return { kind: 'unknown' };
    return isTokenValid(token, now) ? { kind: 'valid', token } : { kind: 'expired' };
  }

  /** Revokes every token of a tenant (login and impersonation); returns how many were live. */
  expireTenant(tenantId: string): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.tenantId === tenantId && !token.revoked) {
        token.revoked = true;
        count += 1;
      }
    }
    return count;
  }
}
