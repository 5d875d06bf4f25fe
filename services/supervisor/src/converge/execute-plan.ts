import { ensureAppError } from '../../../../shared/errors/app-error.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import { requestOutcome } from '../../../../shared/request/request-outcome.js';
import { noSuchEndpointResult } from '../../../../shared/steps/fault-reason.js';
import { classify, performStep } from '../../../../shared/steps/run-step.js';
import { errorReason, stepResult, type StepResult } from '../../../../shared/steps/step-result.js';
import { isLbStep, isNovaStep, type NovaStep, type Step } from '../../../../shared/steps/step.js';
import type { LbCaller } from './lb-caller.js';

export interface ExecuteDeps {
  readonly request: RequestFunction;
  readonly lb: Pick<LbCaller, 'step'>;
  readonly tenantId: string;
  readonly correlationId: string;
  /** Steps in flight at once. */
  readonly maxParallel: number;
}

/**
 * Performs every step of a plan concurrently (otter's executor: each step once, in parallel) and returns
 * `results[i]` for `plan[i]`: Nova steps through the request function, LB steps through the load-balancer
 * service, ConvergeLater/FailConvergence without I/O. Never rejects: an error a step lets escape is a
 * `retry` (otter's executor fallback), except a missing catalog endpoint, which is terminal.
 */
export async function executePlan(plan: readonly Step[], deps: ExecuteDeps): Promise<StepResult[]> {
  const results: StepResult[] = new Array<StepResult>(plan.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const index = next++;
      const step = plan[index] as Step;
      results[index] = await performOne(step, deps).catch((error: unknown) =>
        stepResult('retry', [errorReason('StepError', `${step.type}: ${ensureAppError(error).message}`)]),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.maxParallel, plan.length) }, worker));
  return results;
}

function performOne(step: Step, deps: ExecuteDeps): Promise<StepResult> {
  if (isLbStep(step)) return deps.lb.step(step);
  if (isNovaStep(step)) return performNovaStep(step, deps);
  return Promise.resolve(classify(step, []));
}

async function performNovaStep(step: NovaStep, deps: ExecuteDeps): Promise<StepResult> {
  try {
    const run = await performStep(step, (request) =>
      requestOutcome(deps.request, deps.tenantId, request, { correlationId: deps.correlationId }),
    );
    return run.result;
  } catch (error) {
    const appError = ensureAppError(error);
    if (appError.kind === 'endpoint') return noSuchEndpointResult('cloudServersOpenStack');
    return stepResult('retry', [errorReason('StepError', `${step.type}: ${appError.kind}: ${appError.message}`)]);
  }
}
