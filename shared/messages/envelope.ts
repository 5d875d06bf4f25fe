import { z } from 'zod';

/** Largest message body any consumer accepts; larger bodies are dead-lettered unread. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Ids travel in routing keys (`job.<jobId>.<event>`, at most 255 bytes) and queue names, so they are
 * printable ASCII without spaces, at most 128 characters.
 */
const id = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable ASCII characters without spaces');

/**
 * Every message on the bus is one envelope. `payload` is validated by the handler for `type`
 * (see `shared/messages/*-schemas.ts`); the envelope itself is validated on every consume.
 */
export const EnvelopeSchema = z
  .object({
    id,
    type: z.string().min(1).max(100),
    version: z.number().int().min(1).max(1000),
    tenantId: id,
    jobId: id,
    correlationId: id,
    causationId: id.nullable(),
    attempt: z.number().int().min(0).max(1_000_000),
    createdAt: z.iso.datetime(),
    payload: z.unknown(),
  })
  .strict();

export type Envelope<P = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'payload'> & { readonly payload: P };

export interface EnvelopeInit<P> {
  readonly type: string;
  readonly tenantId: string;
  readonly jobId: string;
  readonly payload: P;
  readonly version?: number;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly attempt?: number;
}

/** Builds an envelope; `id` and `now` are arguments so this stays pure. */
export function buildEnvelope<P>(init: EnvelopeInit<P>, id: string, now: Date): Envelope<P> {
  return {
    id,
    type: init.type,
    version: init.version ?? 1,
    tenantId: init.tenantId,
    jobId: init.jobId,
    correlationId: init.correlationId ?? init.jobId,
    causationId: init.causationId ?? null,
    attempt: init.attempt ?? 0,
    createdAt: now.toISOString(),
    payload: init.payload,
  };
}

/** The envelope of a message caused by `parent`: same tenant, job and correlation id. */
export function buildChildEnvelope<P>(
  parent: Envelope,
  init: { readonly type: string; readonly payload: P; readonly attempt?: number },
  id: string,
  now: Date,
): Envelope<P> {
  return buildEnvelope(
    {
      type: init.type,
      tenantId: parent.tenantId,
      jobId: parent.jobId,
      correlationId: parent.correlationId,
      causationId: parent.id,
      attempt: init.attempt ?? 0,
      payload: init.payload,
    },
    id,
    now,
  );
}
