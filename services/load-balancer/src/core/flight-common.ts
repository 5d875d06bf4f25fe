import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { nextAttempt } from '../../../../shared/steps/run-step.js';
import type { Step } from '../../../../shared/steps/step.js';
import { errorReason, stepResult, type StepResult } from '../../../../shared/steps/step-result.js';
import type { FactEvent } from './lane-facts.js';
import type { Refusal, RefusalPolicy } from './refusal.js';
import { reply, retryLater, type Settled, type WorkItem } from './work-item.js';

export interface FlightPolicy extends RefusalPolicy {
  /** A step the bus already retried this many times is answered instead of deferred again. */
  readonly maxAttempts: number;
}

/** A flight is over: what to answer, what to hand back to the lane, and what was learnt. */
export interface FlightDone {
  readonly kind: 'done';
  readonly settled: readonly Settled[];
  /** Steps back to the front of the lane (the rest of a long removal; members to retry one by one). */
  readonly requeue: readonly WorkItem[];
  readonly facts: readonly FactEvent[];
}

export type FlightMove<F> =
  { readonly kind: 'send'; readonly flight: F; readonly request: ServiceRequest } | FlightDone;

export const done = (
  settled: readonly Settled[],
  requeue: readonly WorkItem[] = [],
  facts: readonly FactEvent[] = [],
): FlightDone => ({ kind: 'done', settled, requeue, facts });

/**
 * The step's own classification of an answer to its own request (the shared step catalog's state
 * machine). A step that would send more is answered with a retry: the flights only call this where the
 * step is finished by the answer.
 */
export function resultOf<S extends Step>(step: S, request: ServiceRequest, outcome: RequestOutcome): StepResult {
  const attempt = nextAttempt(step, request, outcome);
  if (attempt.kind === 'done') return attempt.result;
  return stepResult('retry', [errorReason('LbServiceError', `${step.type}: unexpected follow-up request`)]);
}

/**
 * Defers every member of a refused request through the bus's delayed retry, except members already
 * retried `maxAttempts` times: those are answered with their own classification of the refusal.
 */
export function deferAll<M extends { readonly item: WorkItem }>(
  members: readonly M[],
  refusal: Refusal,
  policy: FlightPolicy,
  answer: (member: M) => StepResult,
): { readonly settled: readonly Settled[]; readonly facts: readonly FactEvent[] } {
  return {
    settled: members.map((member) =>
      member.item.attempt < policy.maxAttempts
        ? retryLater(member.item, refusal.delayMs, refusal.reason)
        : reply(member.item, answer(member)),
    ),
    facts: [{ kind: 'refused', delayMs: refusal.delayMs, reason: refusal.reason, immutable: refusal.immutable }],
  };
}

/** Members of a merged request that failed as a whole, back to the lane to be sent one by one. */
export function isolate(items: readonly WorkItem[]): readonly WorkItem[] {
  return items.map((item) => ({ ...item, isolated: true }));
}

/** The answer for every unfinished member when the flight cannot go on (e.g. the request could not be made). */
export function abandon(items: readonly WorkItem[], result: StepResult): FlightDone {
  return done(items.map((item) => reply(item, result)));
}

/** Keeps only `output.nodes` entries that `mine` accepts (a merged answer lists every member's nodes). */
export function ownOutput(result: StepResult, mine: (node: Record<string, unknown>) => boolean): StepResult {
  const nodes = result.output?.['nodes'];
  if (result.output === undefined || !Array.isArray(nodes)) return result;
  const kept = nodes.filter(
    (node) =>
      typeof node === 'object' && node !== null && !Array.isArray(node) && mine(node as Record<string, unknown>),
  );
  return { ...result, output: { ...result.output, nodes: kept } };
}
