import type { LbStep } from '../../../../shared/steps/step.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';

/**
 * One LB step held by the service while it waits to be performed: the step as it stands (a removal that
 * made partial progress holds only the ids still to remove), who asked, and when it arrived.
 */
export interface WorkItem {
  /** Unique within the process (not the envelope id: a retried copy may reuse it). */
  readonly id: string;
  readonly tenantId: string;
  readonly correlationId: string;
  readonly step: LbStep;
  /** The envelope's attempt: how many times the bus already retried this message. */
  readonly attempt: number;
  /** Milliseconds (the service clock) when the step arrived. */
  readonly arrivedAt: number;
  /** Set after a merged request failed in a way one member may have caused: never merge it again. */
  readonly isolated?: boolean;
}

/**
 * What becomes of a held step's message:
 * - `reply`: answer the requester with this result and ack;
 * - `retry`: hand the message back to the bus's delayed retry (no reply yet), e.g. the CLB is immutable;
 * - `requeue`: not processed (shutting down).
 */
export type Disposition =
  | { readonly kind: 'reply'; readonly result: StepResult }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'requeue' };

/** A held step and what becomes of it. */
export interface Settled {
  readonly item: WorkItem;
  readonly disposition: Disposition;
}

export const reply = (item: WorkItem, result: StepResult): Settled => ({
  item,
  disposition: { kind: 'reply', result },
});

/** At least 1 ms: a zero delay would bypass the delay tiers and spin on a lane that still refuses. */
export const retryLater = (item: WorkItem, delayMs: number, reason: string): Settled => ({
  item,
  disposition: { kind: 'retry', delayMs: Math.max(1, Math.ceil(delayMs)), reason },
});
