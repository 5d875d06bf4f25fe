import type { JobInput, MachineContext } from '../../core/job-machine.js';
import { describeLb } from '../common/lb-retry.js';
import { onLeaveInput, resumeLeave, type LeaveMove } from '../common/leave-load-balancer.js';
import { retryLater } from '../common/phase-move.js';
import { onVerifiedDeleteOutcome, verifiedDeleteRequest } from '../common/verified-delete.js';
import { finishDeleteFailed, finishDeleteSucceeded, leaveStepName, startLeaving } from './delete-outcome.js';
import { deleteMove, type DeleteMove, type DeleteState } from './delete-state.js';

/**
 * Leaving each load balancer, then deleting the server. A load balancer that refuses for good fails the
 * job and keeps the server: deleting it would leave a node pointing at nothing.
 */
function target(state: DeleteState) {
  return { serverId: state.job.serverId, address: state.address };
}

export function enterLeave(state: DeleteState): DeleteMove | undefined {
  if (state.phase.name !== 'leave') return undefined;
  return applyLeave(state, resumeLeave(state.phase.leave, target(state)));
}

export function onLeave(state: DeleteState, input: JobInput, ctx: MachineContext): DeleteMove | undefined {
  if (state.phase.name !== 'leave') return undefined;
  const next = onLeaveInput(state.phase.leave, input, target(state), ctx.settings);
  return next === undefined ? undefined : applyLeave(state, next);
}

function applyLeave(state: DeleteState, next: LeaveMove): DeleteMove | undefined {
  if (state.phase.name !== 'leave') return undefined;
  const { index, leave } = state.phase;
  const step = leaveStepName(leave.membership);
  switch (next.kind) {
    case 'act':
      return deleteMove({ ...state, phase: { name: 'leave', index, leave: next.progress } }, [], next.action);
    case 'retry':
      return retryLater({ ...state, phase: { name: 'leave', index, leave: next.progress } }, step, {
        reason: next.reason,
        attempt: next.progress.attempt,
        delayMs: next.delayMs,
      });
    case 'left': {
      const left = { ...state, left: [...state.left, leave.membership] };
      const detail =
        next.note === undefined ? describeLb(leave.membership) : `${describeLb(leave.membership)}: ${next.note}`;
      return startLeaving(left, [{ event: 'step-finished', step, detail }], index + 1);
    }
    case 'failed':
      return finishDeleteFailed(state, [
        ...next.reasons,
        `Server ${state.job.serverId} was kept so that no load balancer points at a deleted server`,
      ]);
    default:
      return undefined;
  }
}

export function enterDelete(state: DeleteState): DeleteMove | undefined {
  if (state.phase.name !== 'delete') return undefined;
  return deleteMove(state, [], { kind: 'nova', request: verifiedDeleteRequest(state.phase.delete) });
}

export function onDelete(state: DeleteState, input: JobInput, ctx: MachineContext): DeleteMove | undefined {
  if (state.phase.name !== 'delete' || input.kind !== 'nova') return undefined;
  const next = onVerifiedDeleteOutcome(state.phase.delete, input.outcome, ctx.settings);
  const serverId = state.job.serverId;
  switch (next.kind) {
    case 'send':
      return deleteMove({ ...state, phase: { name: 'delete', delete: next.progress } }, [], {
        kind: 'nova',
        request: next.request,
      });
    case 'deleted':
      return finishDeleteSucceeded(state, [
        { event: 'step-finished', step: 'delete-server', detail: `server ${serverId}` },
      ]);
    case 'retry':
      return retryLater({ ...state, phase: { name: 'delete', delete: next.progress } }, 'delete-server', {
        reason: next.reason,
        attempt: next.progress.attempt,
        delayMs: next.delayMs,
      });
    case 'gave-up':
      return finishDeleteFailed(state, [
        `Server ${serverId} could not be deleted: ${next.reasons.map((r) => r.text).join('; ')}`,
      ]);
    default:
      return undefined;
  }
}
