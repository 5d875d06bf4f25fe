import { aggregateResults } from '../../../../../shared/convergence/aggregate-results.js';
import type { NextDecision } from '../../../../../shared/convergence/decide-next.js';
import type { ObservedState } from '../../../../../shared/convergence/observed-state.js';
import {
  CONVERGE_JOB_TYPE,
  MAX_RESULT_SERVERS,
  type ConvergeCyclePayload,
  type ConvergeEventPayload,
  type ConvergeResult,
  type CycleNext,
} from '../../../../../shared/messages/converge-messages.js';
import { toJobResultJson, type JobEventPayload } from '../../../../../shared/messages/event-messages.js';
import type { StepResult } from '../../../../../shared/steps/step-result.js';
import type { Step } from '../../../../../shared/steps/step.js';
import { cycleEvent, cycleSummaryLine } from './cycle-report.js';

export type ConvergeEvent = JobEventPayload | ConvergeEventPayload;

/** What the handler publishes after a cycle: events in order, then the next cycle (unless the job ended). */
export interface CycleAnnouncement {
  readonly events: readonly ConvergeEvent[];
  readonly next: { readonly payload: ConvergeCyclePayload; readonly delayMs: number } | undefined;
  readonly outcome: 'continue' | 'succeeded' | 'failed';
}

export interface RanCycle {
  readonly observed: ObservedState | undefined;
  readonly plan: readonly Step[];
  readonly results: readonly StepResult[];
  readonly decision: NextDecision;
}

function nextOf(decision: NextDecision): CycleNext {
  return decision.action === 'continue'
    ? { action: 'continue', delayMs: decision.delayMs }
    : { action: 'done', groupStatus: decision.groupStatus };
}

/**
 * The events of a cycle that ran and what follows (pure): always `cycle` and a `step-finished` line for
 * generic followers; on ACTIVE, `group-status` and `succeeded` with the group's servers; on ERROR,
 * `group-status` and `failed` with the user-facing reasons; otherwise the next cycle message.
 */
export function announceCycle(payload: ConvergeCyclePayload, run: RanCycle): CycleAnnouncement {
  const { job } = payload;
  const { decision } = run;
  const outcome = aggregateResults(run.results);
  const cycle = cycleEvent({
    cycle: payload.loop.cycle,
    observed: run.observed,
    plan: run.plan,
    results: run.results,
    worst: outcome.worst,
    reasons: outcome.reasons,
    next: nextOf(decision),
  });
  const line: JobEventPayload = {
    event: 'step-finished',
    jobType: CONVERGE_JOB_TYPE,
    step: `cycle ${payload.loop.cycle}`,
    detail: cycleSummaryLine(cycle),
  };
  const events: ConvergeEvent[] = [cycle, line];
  const group = { jobType: CONVERGE_JOB_TYPE, tenantId: job.tenantId, groupId: job.groupId } as const;
  const cycles = decision.state.cycle + (run.plan.length === 0 ? 1 : 0);
  if (decision.action === 'continue') {
    return {
      events,
      next: { payload: { ...payload, loop: decision.state, resume: false }, delayMs: decision.delayMs },
      outcome: 'continue',
    };
  }
  if (decision.groupStatus === 'ACTIVE') {
    const servers = (run.observed?.servers ?? []).filter((s) => s.state !== 'DELETED').map((s) => s.id);
    const result: ConvergeResult = {
      groupStatus: 'ACTIVE',
      tenantId: job.tenantId,
      groupId: job.groupId,
      capacity: job.desired.capacity,
      cycles,
      serverCount: servers.length,
      servers: servers.slice(0, MAX_RESULT_SERVERS),
    };
    events.push({ event: 'group-status', ...group, status: 'ACTIVE', reasons: [] });
    events.push({ event: 'succeeded', jobType: CONVERGE_JOB_TYPE, result: toJobResultJson(result) });
    return { events, next: undefined, outcome: 'succeeded' };
  }
  const reasons = decision.reasons.length > 0 ? [...decision.reasons] : ['Unknown error occurred'];
  events.push({ event: 'group-status', ...group, status: 'ERROR', reasons });
  events.push({
    event: 'failed',
    jobType: CONVERGE_JOB_TYPE,
    reasons,
    result: { groupStatus: 'ERROR', tenantId: job.tenantId, groupId: job.groupId, cycles },
  });
  return { events, next: undefined, outcome: 'failed' };
}

/** The `failed` event of a job a newer converge-group job of the same group took over. */
export function supersededEvent(by: string): JobEventPayload {
  return {
    event: 'failed',
    jobType: CONVERGE_JOB_TYPE,
    reasons: [`Superseded by converge-group job ${by}, accepted later for the same group`],
    result: { superseded: true, supersededBy: by },
  };
}

/** The `failed` event of a job whose group stayed locked by another convergence for too long. */
export function lockTimeoutEvent(tries: number): JobEventPayload {
  return {
    event: 'failed',
    jobType: CONVERGE_JOB_TYPE,
    reasons: [`Timed out: another convergence of this group held it through ${tries} tries`],
  };
}
