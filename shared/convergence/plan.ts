import type { Step } from '../steps/step.js';
import { type ConvergeContext, convergeGroup } from './converge-group.js';
import type { DesiredGroupState } from './desired-state.js';
import { DEFAULT_STEP_LIMITS, type StepLimits, limitSteps } from './limit-steps.js';
import type { ObservedState } from './observed-state.js';
import { type OptimiseOptions, optimiseSteps } from './optimise-steps.js';

/**
 * Everything planning needs besides the two states and the clock. `groupId` goes into new servers'
 * metadata; `serverSuffixes` names them (ids are arguments, so planning stays pure).
 */
export interface PlanContext extends ConvergeContext, OptimiseOptions {
  /** Per-cycle step limits; default `DEFAULT_STEP_LIMITS` (10 CreateServer). */
  readonly limits?: StepLimits;
}

/**
 * One convergence plan (otter `plan_launch_server`): converge → limit → optimise, all pure. `nowMs` is
 * the epoch time in milliseconds. An empty plan means the group matches its desired state; a plan that
 * contains ConvergeLater means "run these, then gather and plan again" (servers building, nodes
 * draining, steps deferred by limits); FailConvergence means the group cannot converge as configured.
 */
export function plan(
  desired: DesiredGroupState,
  observed: ObservedState,
  nowMs: number,
  context: PlanContext,
): readonly Step[] {
  const converged = convergeGroup(desired, observed, nowMs, context);
  const limited = limitSteps(converged, context.limits ?? DEFAULT_STEP_LIMITS);
  return optimiseSteps(limited, context);
}
