import type { Reason } from '../steps/step-result.js';
import type { Step } from '../steps/step.js';

/**
 * Where the converge pass collects its output: steps in the order they were decided, and the reasons for
 * waiting (ConvergeLater), waiting with a limit (ConvergeLater limited) or failing (FailConvergence), each
 * deduplicated by text and turned into at most one step apiece by `sinkSteps`.
 */
export interface PlanSink {
  readonly steps: Step[];
  readonly waits: Map<string, Reason>;
  readonly limitedWaits: Map<string, Reason>;
  readonly failures: Map<string, Reason>;
}

export function createPlanSink(): PlanSink {
  return { steps: [], waits: new Map(), limitedWaits: new Map(), failures: new Map() };
}

export function noteReason(reasons: Map<string, Reason>, reason: Reason): void {
  if (!reasons.has(reason.text)) reasons.set(reason.text, reason);
}

export function sinkSteps(sink: PlanSink): Step[] {
  const steps = [...sink.steps];
  if (sink.waits.size > 0) steps.push({ type: 'ConvergeLater', reasons: [...sink.waits.values()], limited: false });
  if (sink.limitedWaits.size > 0) {
    steps.push({ type: 'ConvergeLater', reasons: [...sink.limitedWaits.values()], limited: true });
  }
  if (sink.failures.size > 0) steps.push({ type: 'FailConvergence', reasons: [...sink.failures.values()] });
  return steps;
}
