import { infoReason } from '../steps/step-result.js';
import type { Step, StepType } from '../steps/step.js';

/** The most steps of a type one cycle may run; types not listed are unlimited. */
export type StepLimits = Readonly<Partial<Record<StepType, number>>>;

/** Otter's default (`converger.step_limits`): at most 10 CreateServer per cycle. */
export const DEFAULT_STEP_LIMITS: StepLimits = { CreateServer: 10 };

/**
 * The limit pass (otter `limit_steps_by_count`, applied before merging): keeps the first N steps of each
 * limited type, in plan order. ConvergeLater and FailConvergence are never limited. Unlike otter, a plan
 * that lost steps gets a ConvergeLater naming what was deferred, so the loop comes back for them even when
 * every step that ran reports success.
 */
export function limitSteps(steps: readonly Step[], limits: StepLimits = DEFAULT_STEP_LIMITS): Step[] {
  const kept: Step[] = [];
  const seen = new Map<StepType, number>();
  const deferred = new Map<StepType, number>();
  for (const step of steps) {
    const limit = step.type === 'ConvergeLater' || step.type === 'FailConvergence' ? undefined : limits[step.type];
    const count = seen.get(step.type) ?? 0;
    seen.set(step.type, count + 1);
    if (limit === undefined || count < limit) kept.push(step);
    else deferred.set(step.type, (deferred.get(step.type) ?? 0) + 1);
  }
  if (deferred.size > 0) {
    const counts = Object.fromEntries(deferred);
    const list = [...deferred].map(([type, n]) => `${n} ${type}`).join(', ');
    kept.push({
      type: 'ConvergeLater',
      reasons: [infoReason(`step limits deferred ${list} to the next cycle`, { deferred: counts })],
      limited: false,
    });
  }
  return kept;
}
