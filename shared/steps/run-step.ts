import { AppError } from '../errors/app-error.js';
import type { RequestOutcome, ServiceRequest } from '../request/service-request.js';
import type { Attempt } from './attempt.js';
import { handlerFor } from './handlers.js';
import type { Step } from './step.js';
import type { StepResult } from './step-result.js';

/**
 * The step protocol. A performer runs:
 *   let a = firstAttempt(step);
 *   while (a.kind === 'send') a = nextAttempt(a.step, a.request, await request(tenant, a.request));
 * and, when the result is a not-done retry, retries the step of the last `send` (what is still to do).
 */

/** The requests a step makes, in order, when every answer is the expected success. */
export function toRequests(step: Step): readonly ServiceRequest[] {
  return handlerFor(step).toRequests(step);
}

export function firstAttempt<S extends Step>(step: S): Attempt<S> {
  return handlerFor(step).start(step);
}

/** The move after `request`, sent for `step`, ended with `outcome`: another request, or the result. */
export function nextAttempt<S extends Step>(step: S, request: ServiceRequest, outcome: RequestOutcome): Attempt<S> {
  return handlerFor(step).next(step, request, outcome);
}

export interface StepRun<S extends Step = Step> {
  readonly result: StepResult;
  /** The requests sent, in order. */
  readonly requests: readonly ServiceRequest[];
  /** The step as it stood for the last request: what a retry should perform (partial progress kept). */
  readonly remaining: S;
}

/**
 * Classifies a step from the outcomes of its requests, in order (one for most steps; DeleteServer's DELETE
 * then GET; CLB removal batches and partial resends). Pure: replays the state machine. Throws an
 * `internal` AppError when the outcomes run out before the step is finished.
 */
export function classify<S extends Step>(step: S, outcomes: RequestOutcome | readonly RequestOutcome[]): StepResult {
  return replay(step, Array.isArray(outcomes) ? outcomes : [outcomes as RequestOutcome]).result;
}

/** Like `classify`, with the requests made and the remaining step. Extra outcomes are ignored. */
export function replay<S extends Step>(step: S, outcomes: readonly RequestOutcome[]): StepRun<S> {
  let attempt = firstAttempt(step);
  let remaining = step;
  const requests: ServiceRequest[] = [];
  for (const outcome of outcomes) {
    if (attempt.kind === 'done') break;
    requests.push(attempt.request);
    remaining = attempt.step;
    attempt = nextAttempt(attempt.step, attempt.request, outcome);
  }
  if (attempt.kind === 'send') {
    throw new AppError('internal', `${step.type}: ${requests.length} outcome(s) given, the step needs more`);
  }
  return { result: attempt.result, requests, remaining };
}

export interface PerformOptions {
  /** Upper bound on requests for one step (a guard against a misbehaving API). Default 50. */
  readonly maxRequests?: number;
}

/**
 * Runs a step with `perform` doing each request (no I/O here: the caller supplies it). The request
 * function must turn error statuses into outcomes rather than throw.
 */
export async function performStep<S extends Step>(
  step: S,
  perform: (request: ServiceRequest) => Promise<RequestOutcome>,
  options: PerformOptions = {},
): Promise<StepRun<S>> {
  const maxRequests = options.maxRequests ?? 50;
  let attempt = firstAttempt(step);
  let remaining = step;
  const requests: ServiceRequest[] = [];
  while (attempt.kind === 'send') {
    if (requests.length >= maxRequests) {
      throw new AppError('internal', `${step.type}: more than ${maxRequests} requests for one step`);
    }
    requests.push(attempt.request);
    remaining = attempt.step;
    attempt = nextAttempt(attempt.step, attempt.request, await perform(attempt.request));
  }
  return { result: attempt.result, requests, remaining };
}
