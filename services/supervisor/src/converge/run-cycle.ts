import type { GroupLease } from '../../../../shared/amqp/group-lock.js';
import { decideNext, type NextDecision } from '../../../../shared/convergence/decide-next.js';
import type { ObservedState } from '../../../../shared/convergence/observed-state.js';
import { convergeGroup } from '../../../../shared/convergence/converge-group.js';
import { limitSteps } from '../../../../shared/convergence/limit-steps.js';
import { optimiseSteps } from '../../../../shared/convergence/optimise-steps.js';
import { seededServerSuffixes } from '../../../../shared/convergence/server-name.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import {
  GroupRecordSchema,
  type ConvergeCyclePayload,
  type GroupRecord,
} from '../../../../shared/messages/converge-messages.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';
import type { Step } from '../../../../shared/steps/step.js';
import type { ConvergeConfig } from './converge-config.js';
import { decideClaim } from './core/decide-claim.js';
import { deferredByLimits, hurryDeferred } from './core/deferred-work.js';
import { initialLbSet } from './core/lb-readings.js';
import { buildRecord } from './core/server-cache.js';
import { executePlan, type ExecuteDeps } from './execute-plan.js';
import { gatherGroup, type GatherDeps } from './gather-group.js';

/** What one cycle came to, for the handler to announce and continue. */
export type CycleRun =
  | { readonly kind: 'dropped'; readonly why: string }
  | { readonly kind: 'superseded'; readonly by: string }
  /** The lock was lost before the cycle acted (it may have claimed the record): send it again, resumed. */
  | { readonly kind: 'lost' }
  | {
      readonly kind: 'ran';
      readonly observed: ObservedState | undefined;
      readonly plan: readonly Step[];
      readonly results: readonly StepResult[];
      readonly decision: NextDecision;
    };

export interface CycleDeps {
  readonly gather: GatherDeps;
  readonly execute: ExecuteDeps;
  readonly config: ConvergeConfig;
  readonly logger: Logger;
  readonly now: () => number;
  /** Test hook around the part of the cycle that acts on the group (after the claim, before release). */
  readonly onActing?: (acting: boolean) => void;
}

async function readRecord(lease: GroupLease, logger: Logger): Promise<GroupRecord | undefined> {
  const raw = await lease.readRecord();
  if (raw === undefined) return undefined;
  const parsed = GroupRecordSchema.safeParse(raw);
  if (!parsed.success) logger.warn('group-record-invalid', { issues: parsed.error.issues.length });
  return parsed.success ? parsed.data : undefined;
}

/**
 * One convergence cycle under the group lock: decide from the group record whether this cycle may run
 * (`decideClaim`); gather; claim the record (with the new server cache); plan; execute every step
 * concurrently; decide the next move (`decideNext`). A gather failure becomes a one-step plan: a retry
 * (ConvergeLater) or, for a missing catalog endpoint or a tenant Identity refuses, a FailConvergence.
 */
export async function runCycle(
  deps: CycleDeps,
  jobId: string,
  payload: ConvergeCyclePayload,
  lease: GroupLease,
  rerun: boolean,
): Promise<CycleRun> {
  const { job, loop } = payload;
  const me = { jobId, acceptedAt: payload.acceptedAt, cycle: loop.cycle };
  const record = await readRecord(lease, deps.logger);
  const claim = decideClaim(record, { ...me, rerun: rerun || payload.resume });
  if (claim.kind === 'drop') return { kind: 'dropped', why: claim.why };
  if (claim.kind === 'superseded') return { kind: 'superseded', by: claim.by };
  deps.onActing?.(true);
  try {
    const gathered = await gatherGroup(deps.gather, job, record);
    const lbs = gathered.ok ? gathered.lbs : initialLbSet(job.desired, record);
    try {
      await lease.writeRecord(buildRecord(me, gathered.ok ? gathered.observed : undefined, lbs, record));
    } catch (error) {
      if (lease.signal.aborted) return { kind: 'lost' };
      throw error;
    }
    if (lease.signal.aborted) return { kind: 'lost' };
    let steps: readonly Step[];
    let deferred = 0;
    if (gathered.ok) {
      if (gathered.problems.length > 0) {
        deps.logger.warn('gather-skipped-entries', { problems: gathered.problems.slice(0, 20) });
      }
      // plan() = converge → limit → optimise, spelled out to count what the limits defer.
      const converged = convergeGroup(job.desired, gathered.observed, deps.now(), {
        groupId: job.groupId,
        serverSuffixes: seededServerSuffixes(`${jobId}:${payload.acceptedAt}:${loop.cycle}`),
      });
      deferred = deferredByLimits(converged, deps.config.stepLimits);
      steps = optimiseSteps(limitSteps(converged, deps.config.stepLimits), {
        oneClbMutationPerCycle: deps.config.oneClbChangePerCycle,
      });
    } else {
      deps.logger.warn('gather-failed', { reason: gathered.reason.text, fatal: gathered.fatal });
      steps = gathered.fatal
        ? [{ type: 'FailConvergence', reasons: [gathered.reason] }]
        : [{ type: 'ConvergeLater', reasons: [gathered.reason], limited: false }];
    }
    const results = await executePlan(steps, deps.execute);
    return {
      kind: 'ran',
      observed: gathered.ok ? gathered.observed : undefined,
      plan: steps,
      results,
      decision: hurryDeferred(decideNext(steps, results, loop, deps.config.loop), deferred),
    };
  } finally {
    deps.onActing?.(false);
  }
}
