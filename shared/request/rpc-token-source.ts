import type { Bus } from '../amqp/bus.js';
import { SingleFlight } from '../auth-contract/single-flight.js';
import { TokenCache, type TokenCachePolicy } from '../auth-contract/token-cache.js';
import { AppError, type AppErrorKind } from '../errors/app-error.js';
import {
  AUTH_MESSAGE_TYPES,
  AuthErrorReplySchema,
  TokenInvalidatedReplySchema,
  TokenReplySchema,
  type AuthFailureReason,
} from '../messages/auth-messages.js';
import { buildEnvelope, type Envelope } from '../messages/envelope.js';
import { QUEUES } from '../messages/routing.js';
import type { TokenGrant, TokenSource } from './token-source.js';

export interface RpcTokenSourceDeps {
  readonly bus: Pick<Bus, 'call'>;
  /** Deadline of one RPC to the auth service. */
  readonly timeoutMs: number;
  /** The local cache: small, and kept a little shorter than the auth service's. */
  readonly cache: TokenCachePolicy;
  /** Epoch milliseconds. */
  readonly now: () => number;
  readonly newId: () => string;
}

/**
 * Tokens from the auth service over the bus, with a local cache (a warm lookup costs no RPC) and one RPC
 * in flight per tenant however many callers wait. Error replies become AppErrors: `auth` (unknown tenant,
 * rejected credentials; not retryable), `unavailable` (Identity down; retryable), and a missing reply is
 * the bus's `timeout`.
 */
export class RpcTokenSource implements TokenSource {
  readonly #deps: RpcTokenSourceDeps;
  readonly #cache: TokenCache;
  readonly #flights = new SingleFlight<string, TokenGrant>();

  constructor(deps: RpcTokenSourceDeps) {
    this.#deps = deps;
    this.#cache = new TokenCache(deps.cache);
  }

  getToken(tenantId: string): Promise<TokenGrant> {
    const hit = this.#cache.get(tenantId, this.#deps.now());
    if (hit !== undefined) return Promise.resolve(hit);
    return this.#flights.run(tenantId, () => this.#fetchToken(tenantId));
  }

  async invalidate(tenantId: string, token: string): Promise<void> {
    this.#cache.invalidate(tenantId, token);
    const reply = await this.#call(AUTH_MESSAGE_TYPES.invalidateToken, tenantId, { tenantId, token });
    if (
      reply.type === AUTH_MESSAGE_TYPES.tokenInvalidated &&
      TokenInvalidatedReplySchema.safeParse(reply.payload).success
    )
      return;
    throw errorFromReply(reply, tenantId);
  }

  async #fetchToken(tenantId: string): Promise<TokenGrant> {
    const reply = await this.#call(AUTH_MESSAGE_TYPES.getToken, tenantId, { tenantId });
    if (reply.type === AUTH_MESSAGE_TYPES.token) {
      const parsed = TokenReplySchema.safeParse(reply.payload);
      if (parsed.success && parsed.data.tenantId === tenantId) {
        const grant: TokenGrant = {
          token: parsed.data.token,
          catalog: parsed.data.catalog,
          expiresAt: parsed.data.expiresAt,
        };
        this.#cache.set(tenantId, grant, this.#deps.now());
        return grant;
      }
    }
    throw errorFromReply(reply, tenantId);
  }

  #call(type: string, tenantId: string, payload: unknown): Promise<Envelope> {
    const request = buildEnvelope(
      { type, tenantId, jobId: 'auth-rpc', payload },
      this.#deps.newId(),
      new Date(this.#deps.now()),
    );
    return this.#deps.bus.call(QUEUES.authRpc, request, { timeoutMs: this.#deps.timeoutMs });
  }
}

const KIND_OF_REASON: Readonly<Record<AuthFailureReason, AppErrorKind>> = {
  'unknown-tenant': 'auth',
  rejected: 'auth',
  'identity-unavailable': 'unavailable',
  'bad-response': 'auth',
  'malformed-request': 'internal',
  internal: 'internal',
};

/** An `auth-error` reply as an AppError; any other unexpected reply is an `internal` error. */
export function errorFromReply(reply: Envelope, tenantId: string): AppError {
  const parsed = reply.type === AUTH_MESSAGE_TYPES.error ? AuthErrorReplySchema.safeParse(reply.payload) : undefined;
  if (parsed?.success === true) {
    return new AppError(KIND_OF_REASON[parsed.data.reason], parsed.data.message, {
      retryable: parsed.data.retryable,
      details: { tenantId, reason: parsed.data.reason },
    });
  }
  return AppError.nonRetryable(
    'internal',
    `unexpected auth reply "${reply.type.slice(0, 100)}" for tenant ${tenantId}`,
    {
      details: { tenantId },
    },
  );
}
