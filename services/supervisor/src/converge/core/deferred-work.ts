import type { NextDecision } from '../../../../../shared/convergence/decide-next.js';
import type { StepLimits } from '../../../../../shared/convergence/limit-steps.js';
import type { Step, StepType } from '../../../../../shared/steps/step.js';

/**
 * Note [Deferred work]
 * ~~~~~~~~~~~~~~~~~~~~
 * The per-cycle step limits (e.g. 100 CreateServer) bound what one cycle sends at once; they are not a
 * rate limit (the request function's throttles are). When a cycle made progress and the limits deferred
 * steps it already knows it needs, waiting the backoff delay before sending them only stretches the
 * convergence: the next cycle goes out at once. Measured on the `fleet` benchmark (0 → 500 servers, 100
 * creates per cycle): the 500 ms pauses between the five create cycles put the last servers' builds
 * ~2.5 s later, pushing the whole job past 2 × (build + one RCv3 call). Cycles that made no progress
 * (every step failing) keep their backoff.
 */

/** How many steps the limits will drop from a converge pass (pure; same counting as `limitSteps`). */
export function deferredByLimits(converged: readonly Step[], limits: StepLimits): number {
  const counts = new Map<StepType, number>();
  for (const step of converged) counts.set(step.type, (counts.get(step.type) ?? 0) + 1);
  let deferred = 0;
  for (const [type, count] of counts) {
    const limit = type === 'ConvergeLater' || type === 'FailConvergence' ? undefined : limits[type];
    if (limit !== undefined && count > limit) deferred += count - limit;
  }
  return deferred;
}

/** The decision with no delay when steps were deferred and the cycle made progress (Note [Deferred work]). */
export function hurryDeferred(decision: NextDecision, deferred: number): NextDecision {
  if (decision.action !== 'continue' || deferred === 0 || decision.state.idleCycles > 0) return decision;
  return { ...decision, delayMs: 0 };
}
