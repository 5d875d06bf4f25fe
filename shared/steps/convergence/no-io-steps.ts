import { finish, type StepHandler } from '../attempt.js';
import type { ConvergeLater, FailConvergence } from '../step.js';
import { stepResult, type Reason } from '../step-result.js';

/** Reasons once each (otter keeps them as a set), in first-seen order. */
function distinct(reasons: readonly Reason[]): readonly Reason[] {
  const seen = new Map<string, Reason>();
  for (const reason of reasons) seen.set(JSON.stringify(reason), reason);
  return [...seen.values()];
}

/** No I/O: `limited-retry` when limited, else `retry`; the step itself is done. */
export const convergeLaterHandler: StepHandler<ConvergeLater> = {
  toRequests: () => [],
  start: (step) => finish(stepResult(step.limited ? 'limited-retry' : 'retry', distinct(step.reasons), { done: true })),
  next: (step) => convergeLaterHandler.start(step),
};

/** No I/O: `failure` with the given reasons. */
export const failConvergenceHandler: StepHandler<FailConvergence> = {
  toRequests: () => [],
  start: (step) => finish(stepResult('failure', distinct(step.reasons))),
  next: (step) => failConvergenceHandler.start(step),
};
