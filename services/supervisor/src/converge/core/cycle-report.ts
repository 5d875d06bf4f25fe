import type { ObservedState } from '../../../../../shared/convergence/observed-state.js';
import {
  CONVERGE_JOB_TYPE,
  MAX_LISTED_STEPS,
  type CycleEvent,
  type CycleNext,
  type StepSummary,
} from '../../../../../shared/messages/converge-messages.js';
import type { Reason, StepResult, StepStatus } from '../../../../../shared/steps/step-result.js';
import type { Step } from '../../../../../shared/steps/step.js';

/** How events and `kelp plan` describe a step in one line (without its type). Pure. */
export function describeStep(step: Step): string {
  switch (step.type) {
    case 'CreateServer':
      return step.serverConfig.server.name;
    case 'DeleteServer':
      return step.serverId;
    case 'SetMetadataItemOnServer':
      return `${step.serverId}: ${step.key}=${JSON.stringify(step.value)}`;
    case 'AddNodesToCLB':
      return `CLB ${step.lbId}: ${listed(step.nodes.map((n) => `${n.address}:${n.port}${n.condition === undefined ? '' : ` ${n.condition}`}`))}`;
    case 'RemoveNodesFromCLB':
      return `CLB ${step.lbId}: node ${listed(step.nodeIds)}`;
    case 'ChangeCLBNode':
      return `CLB ${step.lbId} node ${step.nodeId} → ${step.condition}, weight ${step.weight}, ${step.nodeType}`;
    case 'BulkAddToRCv3':
    case 'BulkRemoveFromRCv3':
      return listed(
        step.pairs.map((p) => `${p.serverId} ${step.type === 'BulkAddToRCv3' ? '→' : '←'} pool ${p.poolId}`),
      );
    case 'ConvergeLater':
      return `${step.limited ? '(limited) ' : ''}${step.reasons.map((r) => r.text).join('; ')}`;
    case 'FailConvergence':
      return step.reasons.map((r) => r.text).join('; ');
  }
}

function listed(items: readonly string[], shown = 3): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

/** Steps by type, in plan order of first appearance. */
export function countSteps(plan: readonly Step[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const step of plan) counts[step.type] = (counts[step.type] ?? 0) + 1;
  return counts;
}

export interface CycleFacts {
  readonly cycle: number;
  /** Undefined when gathering failed. */
  readonly observed: ObservedState | undefined;
  readonly plan: readonly Step[];
  readonly results: readonly StepResult[];
  readonly worst: StepStatus;
  readonly reasons: readonly Reason[];
  readonly next: CycleNext;
}

/** The `cycle` event of one cycle (at most MAX_LISTED_STEPS steps listed; `counts` has them all). */
export function cycleEvent(facts: CycleFacts): CycleEvent {
  const servers: Record<string, number> = {};
  for (const server of facts.observed?.servers ?? []) servers[server.state] = (servers[server.state] ?? 0) + 1;
  const steps: StepSummary[] = facts.plan.slice(0, MAX_LISTED_STEPS).map((step, i) => {
    const status = facts.results[i]?.status;
    return {
      type: step.type,
      detail: describeStep(step).slice(0, 4000),
      ...(status === undefined ? {} : { status }),
    };
  });
  return {
    event: 'cycle',
    jobType: CONVERGE_JOB_TYPE,
    cycle: facts.cycle,
    servers,
    counts: countSteps(facts.plan),
    steps,
    omitted: Math.max(0, facts.plan.length - MAX_LISTED_STEPS),
    worst: facts.worst,
    reasons: facts.reasons.slice(0, 50).map((r) => r.text.slice(0, 4000)),
    next: facts.next,
  };
}

/** One line for generic followers (`step-finished` detail): what the cycle did and what comes next. */
export function cycleSummaryLine(event: CycleEvent): string {
  const counts = Object.entries(event.counts)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const did = counts === '' ? 'no steps' : counts;
  const next =
    event.next.action === 'continue'
      ? `next cycle in ${(event.next.delayMs / 1000).toFixed(1)}s`
      : `group ${event.next.groupStatus}`;
  const why =
    event.next.action === 'continue' && event.reasons.length > 0 ? ` (${event.reasons.slice(0, 2).join('; ')})` : '';
  return `${did}; ${next}${why}`.slice(0, 4000);
}
