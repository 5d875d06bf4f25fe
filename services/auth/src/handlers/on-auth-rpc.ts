import { ACK, type DeliveryContext, type HandlerOutcome, type MessageHandler } from '../../../../shared/amqp/bus.js';
import { AppError } from '../../../../shared/errors/app-error.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import {
  AUTH_MESSAGE_TYPES,
  decodeAuthRequest,
  type AuthErrorReply,
  type TokenInvalidatedReply,
  type TokenReply,
} from '../../../../shared/messages/auth-messages.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import type { AuthMetrics } from '../auth-metrics.js';
import type { Authenticator } from '../authenticator.js';
import { authFailure, failureReasonOf } from '../core/auth-failure.js';

export interface AuthRpcHandlerDeps {
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  readonly metrics: Pick<AuthMetrics, 'failures'>;
  readonly newId: () => string;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /**
   * A get-token still running after this long is answered with a retryable error, so the caller hears
   * before its RPC deadline; the authentication goes on and fills the cache for the next request.
   */
  readonly replyDeadlineMs: number;
}

/**
 * Answers `get-token` and `invalidate-token` requests on the auth RPC queue. Every request that can be
 * answered is: a token, an invalidation result, or an `auth-error` naming the tenant (unknown tenant,
 * rejected credentials, Identity down after retries). A malformed request gets an error reply (when it has
 * a replyTo) and is dead-lettered with the reason. The handler never throws.
 */
export function createAuthRpcHandler(deps: AuthRpcHandlerDeps): MessageHandler {
  return async (envelope, ctx) => {
    const decoded = decodeAuthRequest(envelope);
    if (!decoded.ok) {
      deps.metrics.failures.inc({ reason: 'malformed-request' });
      deps.logger.warn('auth-rpc-malformed', { messageId: envelope.id, type: envelope.type, reason: decoded.reason });
      await reply(deps, ctx, envelope, AUTH_MESSAGE_TYPES.error, {
        tenantId: decoded.tenantId,
        reason: 'malformed-request',
        message: `malformed auth request: ${decoded.reason}`,
        retryable: false,
      } satisfies AuthErrorReply);
      return { action: 'dead-letter', reason: decoded.reason } satisfies HandlerOutcome;
    }
    const { request } = decoded;
    try {
      if (request.op === 'get-token') {
        const grant = await withDeadline(deps.authenticator.authenticate(request.tenantId), deps.replyDeadlineMs, () =>
          authFailure(
            { reason: 'identity-unavailable', tenantId: request.tenantId, operation: 'authenticate' },
            `Identity did not complete authentication of tenant ${request.tenantId} within ${deps.replyDeadlineMs} ms`,
            true,
          ),
        );
        await reply(deps, ctx, envelope, AUTH_MESSAGE_TYPES.token, {
          tenantId: request.tenantId,
          token: grant.token,
          catalog: grant.catalog.map((entry) => ({ ...entry, endpoints: [...entry.endpoints] })),
          expiresAt: grant.expiresAt,
        } satisfies TokenReply);
      } else {
        await deps.authenticator.invalidate(request.tenantId, request.token);
        await reply(deps, ctx, envelope, AUTH_MESSAGE_TYPES.tokenInvalidated, {
          tenantId: request.tenantId,
        } satisfies TokenInvalidatedReply);
      }
      deps.logger.debug('auth-rpc', {
        op: request.op,
        tenantId: request.tenantId,
        correlationId: envelope.correlationId,
      });
    } catch (error) {
      const reason = failureReasonOf(error);
      const message = AppError.is(error) ? error.message : `internal error authenticating tenant ${request.tenantId}`;
      deps.logger.warn('auth-rpc-failed', { op: request.op, tenantId: request.tenantId, reason, message });
      await reply(deps, ctx, envelope, AUTH_MESSAGE_TYPES.error, {
        tenantId: request.tenantId,
        reason,
        message,
        retryable: AppError.is(error) && error.retryable,
      } satisfies AuthErrorReply);
    }
    return ACK;
  };
}

/** Sends a reply; a lost reply is logged, never thrown (the caller times out and may ask again). */
async function reply(
  deps: AuthRpcHandlerDeps,
  ctx: DeliveryContext,
  request: Envelope,
  type: string,
  payload: unknown,
): Promise<void> {
  const envelope = buildChildEnvelope(request, { type, payload }, deps.newId(), new Date(deps.now()));
  try {
    const sent = await ctx.reply(envelope);
    if (!sent) deps.logger.debug('auth-rpc-no-reply-to', { messageId: request.id, type: request.type });
  } catch (error) {
    deps.logger.warn('auth-rpc-reply-failed', {
      messageId: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** `work`, or the error `onTimeout` makes if `ms` pass first (the work is left running). */
async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
