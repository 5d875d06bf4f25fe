import type { Envelope } from '../messages/envelope.js';
import { HEADERS } from '../messages/routing.js';

/** The AMQP properties Kelp publishes with (a subset of amqplib's `Options.Publish`). */
export interface PublishProperties {
  readonly persistent: true;
  readonly mandatory: boolean;
  readonly contentType: 'application/json';
  readonly messageId: string;
  readonly correlationId: string;
  readonly type: string;
  /** Seconds since the epoch (AMQP timestamp). */
  readonly timestamp: number;
  readonly replyTo?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
}

export type Headers = Readonly<Record<string, unknown>>;

/** Longest reason written into `x-kelp-dead-letter-reason`. */
const MAX_HEADER_REASON = 1000;

/** Headers the broker owns; they are not copied onto a message Kelp republishes. */
const BROKER_HEADER_PREFIXES = ['x-death', 'x-first-death-', 'x-last-death-', 'x-delivery-count'];

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

export interface PublishPropertyOverrides {
  readonly mandatory?: boolean;
  readonly correlationId?: string;
  readonly replyTo?: string | undefined;
  readonly headers?: Headers | undefined;
}

/** Persistent JSON publish properties for an envelope (AMQP correlationId defaults to the envelope's). */
export function publishPropertiesOf(envelope: Envelope, overrides: PublishPropertyOverrides = {}): PublishProperties {
  const createdMs = Date.parse(envelope.createdAt);
  return {
    persistent: true,
    mandatory: overrides.mandatory ?? true,
    contentType: 'application/json',
    messageId: envelope.id,
    correlationId: overrides.correlationId ?? envelope.correlationId,
    type: envelope.type,
    timestamp: Number.isFinite(createdMs) ? Math.floor(createdMs / 1000) : 0,
    ...(overrides.replyTo === undefined ? {} : { replyTo: overrides.replyTo }),
    ...(overrides.headers === undefined ? {} : { headers: overrides.headers }),
  };
}

/** The copy a retry republishes: the same envelope one attempt further. */
export function retryCopyOf(envelope: Envelope): Envelope {
  return { ...envelope, attempt: envelope.attempt + 1 };
}

/** Headers of a delivered message minus the broker-owned ones (dead-letter history, delivery count). */
export function forwardedHeaders(headers: Headers | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (headers === undefined) return kept;
  for (const [name, value] of Object.entries(headers)) {
    if (!BROKER_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix))) kept[name] = value;
  }
  return kept;
}

/** Headers for a message Kelp dead-letters itself: the original's own headers plus reason and queue. */
export function deadLetterHeaders(
  headers: Headers | undefined,
  reason: string,
  queue: string,
): Record<string, unknown> {
  return {
    ...forwardedHeaders(headers),
    [HEADERS.deadLetterReason]:
      reason.length <= MAX_HEADER_REASON ? reason : `${reason.slice(0, MAX_HEADER_REASON - 1)}…`,
    [HEADERS.deadLetterQueue]: queue,
  };
}

/** Headers for a retry copy held in a delay tier. */
export function delayHeaders(headers: Headers | undefined, tierName: string, attempt: number): Record<string, unknown> {
  return { ...forwardedHeaders(headers), [HEADERS.delayTier]: tierName, [HEADERS.attempt]: attempt };
}

/**
 * Why a message sits in a DLQ: Kelp's own reason header when Kelp dead-lettered it, otherwise the
 * broker's (`x-death[0].reason`, e.g. `delivery_limit`, `rejected`, `expired`), otherwise `unknown`.
 */
export function deadLetterReasonOf(headers: Headers | undefined): string {
  const own = headers?.[HEADERS.deadLetterReason];
  if (typeof own === 'string') return own;
  if (Buffer.isBuffer(own)) return own.toString('utf8');
  const deaths = headers?.['x-death'];
  if (Array.isArray(deaths)) {
    const first: unknown = deaths[0];
    if (typeof first === 'object' && first !== null) {
      const reason = (first as Record<string, unknown>)['reason'];
      if (typeof reason === 'string') return reason;
    }
  }
  return 'unknown';
}

/** Broker-side delivery count (quorum queues set `x-delivery-count` on redeliveries), 0 if absent. */
export function deliveryCountOf(headers: Headers | undefined): number {
  const count = headers?.['x-delivery-count'];
  return typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 0;
}
