import type { RequestOutcome } from '../request/service-request.js';
import { isClientApiError, retryAfterMs, type Fault } from './fault.js';
import { faultReason, type FaultContext } from './fault-reason.js';
import { stepResult, type StepResult } from './step-result.js';

export interface ReportOptions {
  /** Fault kinds that are terminal for this step (besides raw 4xx, unless `clientErrorsRetry`). */
  readonly terminal: readonly string[];
  readonly context?: FaultContext;
  /** Steps whose errors all retry (otter: errors escaping to the executor). */
  readonly neverFail?: boolean;
}

/**
 * Otter's failure reporter: `failure` when the fault kind is terminal for the step or is a raw API error
 * with a 4xx status, otherwise `retry` (with the answer's `Retry-After` as a hint).
 */
export function reportFault(fault: Fault, outcome: RequestOutcome, options: ReportOptions): StepResult {
  const reason = faultReason(fault, options.context);
  const terminal = options.terminal.includes(fault.error) || isClientApiError(fault);
  if (terminal && options.neverFail !== true) return stepResult('failure', [reason]);
  return stepResult('retry', [reason], { retryAfterMs: retryAfterMs(outcome) });
}
