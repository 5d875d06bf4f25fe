import { ensureAppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { decodeEnvelope } from '../messages/decode.js';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { BusObserver, ConsumeResult } from './bus-observer.js';
import type { DeliveryContext, HandlerOutcome, MessageHandler } from './bus.js';
import { retryCopyOf } from './message-properties.js';

/**
 * How one delivery is settled. Both buses implement it; each method must be safe to call after the
 * delivery was already settled elsewhere (e.g. requeued by a shutdown deadline): it then does nothing.
 */
export interface DeliverySettler {
  ack(): void;
  /** Processing failed: back to the queue, counting towards the delivery limit (`reject(requeue)`). */
  fail(): void;
  /** Not processed: back to the queue as it was (`nack(requeue)`). */
  requeue(): void;
  /** Confirmed publish of `copy` to the same work queue, arriving no earlier than `delayMs` from now. */
  retry(copy: Envelope, delayMs: number): Promise<void>;
  /** Confirmed publish of the original body to the queue's DLQ with `reason` in its headers. */
  deadLetter(reason: string): Promise<void>;
  reply(envelope: Envelope): Promise<boolean>;
}

export interface DeliveryInput {
  readonly queue: WorkQueue;
  readonly body: Uint8Array;
  readonly redelivered: boolean;
  readonly deliveryCount: number;
}

export interface DeliveryDeps {
  readonly handler: MessageHandler;
  readonly maxMessageBytes: number;
  readonly logger: Logger;
  readonly observer: BusObserver;
}

/**
 * The consumer policy shared by both buses: validate the envelope, run the handler, carry out its
 * outcome. Never throws: a handler that throws counts as a failed delivery (the broker's delivery limit
 * eventually dead-letters a message that always fails), and a failed retry/dead-letter publish too.
 */
export async function processDelivery(
  input: DeliveryInput,
  settler: DeliverySettler,
  deps: DeliveryDeps,
): Promise<ConsumeResult> {
  const { logger, observer } = deps;
  const queue = input.queue;
  const decoded = decodeEnvelope(input.body, deps.maxMessageBytes);
  if (!decoded.ok) {
    logger.warn('message-invalid', { queue, reason: decoded.reason });
    const result = (await settleByPublishing(() => settler.deadLetter(decoded.reason), settler, logger, queue))
      ? 'invalid'
      : 'failed';
    if (result === 'invalid') observer.deadLettered?.(queue, decoded.kind);
    observer.consumed?.(queue, result);
    return result;
  }
  const envelope = decoded.envelope;
  const ctx: DeliveryContext = {
    queue,
    redelivered: input.redelivered,
    deliveryCount: input.deliveryCount,
    reply: (answer) => settler.reply(answer),
  };
  let outcome: HandlerOutcome;
  try {
    outcome = await deps.handler(envelope, ctx);
  } catch (error) {
    const appError = ensureAppError(error);
    logger.error('handler-failed', {
      queue,
      messageId: envelope.id,
      type: envelope.type,
      jobId: envelope.jobId,
      tenantId: envelope.tenantId,
      deliveryCount: input.deliveryCount,
      error: appError.message,
      kind: appError.kind,
    });
    settler.fail();
    observer.consumed?.(queue, 'failed');
    return 'failed';
  }
  const result = await carryOut(outcome, envelope, settler, deps.logger, queue);
  if (result === 'retry') observer.retried?.(queue);
  if (result === 'dead-letter') observer.deadLettered?.(queue, 'handler');
  observer.consumed?.(queue, result);
  return result;
}

async function carryOut(
  outcome: HandlerOutcome,
  envelope: Envelope,
  settler: DeliverySettler,
  logger: Logger,
  queue: WorkQueue,
): Promise<ConsumeResult> {
  switch (outcome.action) {
    case 'ack':
      settler.ack();
      return 'ack';
    case 'requeue':
      settler.requeue();
      return 'requeue';
    case 'retry': {
      const delayMs = Number.isFinite(outcome.delayMs) ? outcome.delayMs : 0;
      logger.info('message-retry', {
        queue,
        messageId: envelope.id,
        attempt: envelope.attempt + 1,
        delayMs,
        reason: outcome.reason,
      });
      const copy = retryCopyOf(envelope);
      return (await settleByPublishing(() => settler.retry(copy, delayMs), settler, logger, queue))
        ? 'retry'
        : 'failed';
    }
    case 'dead-letter':
      logger.warn('message-dead-lettered', {
        queue,
        messageId: envelope.id,
        jobId: envelope.jobId,
        reason: outcome.reason,
      });
      return (await settleByPublishing(() => settler.deadLetter(outcome.reason), settler, logger, queue))
        ? 'dead-letter'
        : 'failed';
    default: {
      // A handler returning something outside HandlerOutcome at run time: treat it as a failure.
      logger.error('handler-outcome-invalid', { queue, messageId: envelope.id, outcome: String(outcome) });
      settler.fail();
      return 'failed';
    }
  }
}

/** Publish first, ack after the confirm; if the publish fails the delivery goes back (fail). */
async function settleByPublishing(
  publish: () => Promise<void>,
  settler: DeliverySettler,
  logger: Logger,
  queue: WorkQueue,
): Promise<boolean> {
  try {
    await publish();
  } catch (error) {
    logger.error('settle-publish-failed', { queue, error: ensureAppError(error).message });
    settler.fail();
    return false;
  }
  settler.ack();
  return true;
}
