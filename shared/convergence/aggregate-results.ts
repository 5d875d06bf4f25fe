import { type Reason, type StepResult, type StepStatus, renderUserReasons } from '../steps/step-result.js';

/** Severity for worst-wins aggregation (otter `service.py`, behaviour 30). */
export const STATUS_SEVERITY: { readonly [S in StepStatus]: number } = {
  success: 0,
  'limited-retry': 1,
  retry: 2,
  failure: 3,
};

/** What one cycle's step results add up to. */
export interface CycleOutcome {
  /** The worst status: failure > retry > limited-retry > success; `success` when there were no steps. */
  readonly worst: StepStatus;
  /** The reasons of the steps that ended with the worst status, in step order, deduplicated by text. */
  readonly reasons: readonly Reason[];
  /** What the group's owner may see about `reasons` (`renderUserReasons`); empty unless `worst` is failure. */
  readonly userReasons: readonly string[];
  /** The largest `retryAfterMs` hint among the results, or null. */
  readonly retryAfterMs: number | null;
}

export function aggregateResults(results: readonly StepResult[]): CycleOutcome {
  let worst: StepStatus = 'success';
  let retryAfterMs: number | null = null;
  for (const result of results) {
    if (STATUS_SEVERITY[result.status] > STATUS_SEVERITY[worst]) worst = result.status;
    if (result.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, result.retryAfterMs);
  }
  const reasons = new Map<string, Reason>();
  for (const result of results) {
    if (result.status !== worst) continue;
    for (const reason of result.reasons) if (!reasons.has(reason.text)) reasons.set(reason.text, reason);
  }
  const worstReasons = [...reasons.values()];
  return {
    worst,
    reasons: worstReasons,
    userReasons: worst === 'failure' ? renderUserReasons(worstReasons) : [],
    retryAfterMs,
  };
}
