import type { RequestOutcome, ServiceRequest } from '../request/service-request.js';
import { apiFault, transportFault, type Fault } from './fault.js';
import { matchErrors, type ErrorRule } from './match-errors.js';
import type { Step } from './step.js';
import type { StepResult } from './step-result.js';

/**
 * Where a step stands: either send `request` next (for `step`, which may be a reduced copy of the
 * original — e.g. without node ids CLB reported gone), or finished with `result`.
 * The previous request is the state: a handler decides the next move from (step, request, outcome).
 */
export type Attempt<S extends Step = Step> =
  | { readonly kind: 'send'; readonly step: S; readonly request: ServiceRequest }
  | { readonly kind: 'done'; readonly result: StepResult };

/** toRequests + classify for one step type, as a small pure state machine. */
export interface StepHandler<S extends Step> {
  /** The requests in order when every answer is the expected success (empty for steps without I/O). */
  readonly toRequests: (step: S) => readonly ServiceRequest[];
  /** The first move. */
  readonly start: (step: S) => Attempt<S>;
  /** The move after `request` (sent for `step`) ended with `outcome`. */
  readonly next: (step: S, request: ServiceRequest, outcome: RequestOutcome) => Attempt<S>;
}

export const send = <S extends Step>(step: S, request: ServiceRequest): Attempt<S> => ({
  kind: 'send',
  step,
  request,
});

export const finish = <S extends Step>(result: StepResult): Attempt<S> => ({ kind: 'done', result });

/** The fault an unsuccessful outcome stands for: a table row, else a raw API error, or a transport error. */
export function faultOf(request: ServiceRequest, outcome: RequestOutcome, rules: readonly ErrorRule<Fault>[]): Fault {
  if (outcome.kind === 'transport-error') return transportFault(request, outcome.message);
  const matched = matchErrors(rules, outcome.status, outcome.body);
  return matched === undefined
    ? apiFault(request, outcome.status, outcome.body)
    : { ...matched, status: outcome.status };
}
