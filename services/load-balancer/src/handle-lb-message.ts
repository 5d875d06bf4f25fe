import { ACK, type DeliveryContext, type HandlerOutcome, type MessageHandler } from '../../../shared/amqp/bus.js';
import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { buildChildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { LB_MESSAGE_TYPES, type LbRead, type LbReadResultPayload } from '../../../shared/messages/lb-messages.js';
import type { Coalescer } from './coalescer.js';
import { decodeLbMessage } from './core/decode-lb-message.js';
import { debugLog } from './debug-log.js';
import type { LbMetrics } from './metrics.js';

export interface LbHandlerDeps {
  readonly coalescer: Pick<Coalescer, 'submit'>;
  readonly performRead: (tenantId: string, read: LbRead, correlationId: string) => Promise<LbReadResultPayload>;
  readonly newId: () => string;
  readonly clock: () => Date;
  readonly metrics: LbMetrics;
  readonly logger: Logger;
}

/**
 * The consumer of QUEUES.lbSteps: decode → (read at once | hold the step in its lane) → reply → settle.
 * Every request gets exactly one reply: a step's when it is finally answered (not when it is deferred
 * through the bus's delayed retry, nor when it is handed back at shutdown). Invalid messages get a
 * failure reply and are dead-lettered with the reason.
 */
export function createLbHandler(deps: LbHandlerDeps): MessageHandler {
  const debug = debugLog(deps.logger);
  const send = async (parent: Envelope, ctx: DeliveryContext, type: string, payload: unknown): Promise<void> => {
    const envelope = buildChildEnvelope(
      parent,
      { type, payload: withEcho(parent, payload) },
      deps.newId(),
      deps.clock(),
    );
    try {
      const sent = await ctx.reply(envelope);
      if (!sent)
        deps.logger.warn('lb-reply-without-reply-to', { messageId: parent.id, type: parent.type, jobId: parent.jobId });
    } catch (error) {
      // Replies are not retried: the requester times out and asks again (its convergence re-gathers).
      deps.logger.error('lb-reply-failed', {
        messageId: parent.id,
        jobId: parent.jobId,
        error: ensureAppError(error).message,
      });
    }
  };

  return async (envelope, ctx): Promise<HandlerOutcome> => {
    const decoded = decodeLbMessage(envelope);
    const log = (): Record<string, unknown> => ({
      messageId: envelope.id,
      jobId: envelope.jobId,
      tenantId: envelope.tenantId,
    });
    switch (decoded.kind) {
      case 'invalid':
        deps.logger.warn('lb-message-invalid', { ...log(), type: envelope.type, reason: decoded.reason });
        deps.metrics.step('unknown', 'invalid');
        await send(envelope, ctx, decoded.reply.type, decoded.reply.payload);
        return { action: 'dead-letter', reason: decoded.reason };
      case 'read': {
        const payload = await deps.performRead(envelope.tenantId, decoded.read, envelope.correlationId);
        deps.metrics.read(decoded.read.kind, payload.ok);
        await send(envelope, ctx, LB_MESSAGE_TYPES.readResult, payload);
        return ACK;
      }
      case 'step': {
        const { step } = decoded;
        const disposition = await deps.coalescer.submit({
          tenantId: envelope.tenantId,
          correlationId: envelope.correlationId,
          step,
          attempt: envelope.attempt,
        });
        switch (disposition.kind) {
          case 'reply':
            deps.metrics.step(step.type, disposition.result.status);
            debug('lb-step-answered', () => ({ ...log(), stepType: step.type, status: disposition.result.status }));
            await send(envelope, ctx, LB_MESSAGE_TYPES.stepResult, { result: disposition.result });
            return ACK;
          case 'retry':
            deps.metrics.step(step.type, 'deferred');
            return { action: 'retry', delayMs: disposition.delayMs, reason: disposition.reason };
          case 'requeue':
            deps.metrics.step(step.type, 'requeued');
            return { action: 'requeue' };
        }
      }
    }
  };
}

/**
 * Copies the request's opaque `echo` into the reply (shared/messages/lb-messages.ts): requesters that take
 * replies on a durable queue keep their state there. Invalid requests are echoed too when the field is there.
 */
function withEcho(request: Envelope, payload: unknown): unknown {
  const requestPayload = request.payload;
  if (typeof requestPayload !== 'object' || requestPayload === null || !('echo' in requestPayload)) return payload;
  const echo = (requestPayload as { readonly echo?: unknown }).echo;
  if (echo === undefined || typeof payload !== 'object' || payload === null) return payload;
  return { ...payload, echo };
}
