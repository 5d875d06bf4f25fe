import type { JobInput, JobEventBody, MachineContext } from '../../core/job-machine.js';
import { serviceNetAddress } from '../../core/nova-reads.js';
import { onLeaveInput, resumeLeave, startLeave, type LeaveMove } from '../common/leave-load-balancer.js';
import { describeLb } from '../common/lb-retry.js';
import { retryLater } from '../common/phase-move.js';
import { onVerifiedDeleteOutcome, startVerifiedDelete, verifiedDeleteRequest } from '../common/verified-delete.js';
import { finishFailed } from './launch-outcome.js';
import { move, type LaunchMove, type LaunchState } from './launch-state.js';

/**
 * Deleting servers (`discard`) and rolling back (`undo-leave`, then `discard`). Rollback undoes in reverse
 * order: leave the load balancers joined (last first), then delete every server of the job. If a load
 * balancer will not let go, the server is kept (a node must never point at nothing) and the job says so.
 */
export function beginRollback(
  state: LaunchState,
  reasons: readonly string[],
  events: readonly JobEventBody[] = [],
): LaunchMove {
  const failing: LaunchState = { ...state, failure: { reasons: [...reasons], keptServer: false } };
  const last = failing.joined.length - 1;
  const lb = failing.joined[last];
  if (lb === undefined) return startDiscard(withServerDiscarded(failing), events);
  return move({ ...failing, phase: { name: 'undo-leave', index: last, leave: startLeave(lb) } }, [
    ...events,
    { event: 'step-started', step: 'rollback', detail: `leaving ${describeLb(lb)}` },
  ]);
}

function withServerDiscarded(state: LaunchState): LaunchState {
  if (state.server === undefined || state.failure?.keptServer === true) return state;
  return { ...state, discard: [...new Set([state.server.id, ...state.discard])] };
}

/** Deletes the next server in `discard`, or continues: finish (failing), find (no server), wait-active. */
export function startDiscard(state: LaunchState, events: readonly JobEventBody[] = []): LaunchMove {
  const head = state.discard[0];
  if (head !== undefined) {
    return move({ ...state, phase: { name: 'discard', delete: startVerifiedDelete(head) } }, [
      ...events,
      { event: 'step-started', step: 'delete-server', detail: `server ${head}` },
    ]);
  }
  if (state.failure !== undefined) return finishFailed(state, events);
  if (state.server === undefined) {
    return move({ ...state, phase: { name: 'find', attempt: 0 } }, [
      ...events,
      { event: 'step-started', step: 'create-server', detail: `generation ${state.generation}` },
    ]);
  }
  const deadline = state.activeDeadline ?? state.startedAt;
  return move({ ...state, phase: { name: 'wait-active', deadline, polls: 0 } }, events);
}

export function enterDiscard(state: LaunchState): LaunchMove | undefined {
  if (state.phase.name !== 'discard') return undefined;
  return move(state, [], { kind: 'nova', request: verifiedDeleteRequest(state.phase.delete) });
}

export function onDiscard(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  if (state.phase.name !== 'discard') return undefined;
  const progress = state.phase.delete;
  const rest = { ...state, discard: state.discard.filter((id) => id !== progress.serverId) };
  if (input.kind === 'nova-fatal') return giveUp(rest, progress.serverId, input.reason.text);
  if (input.kind !== 'nova') return undefined;
  const next = onVerifiedDeleteOutcome(progress, input.outcome, ctx.settings);
  switch (next.kind) {
    case 'send':
      return move({ ...state, phase: { name: 'discard', delete: next.progress } }, [], {
        kind: 'nova',
        request: next.request,
      });
    case 'deleted':
      return startDiscard(rest, [
        { event: 'step-finished', step: 'delete-server', detail: `server ${progress.serverId}` },
      ]);
    case 'retry':
      return retryLater({ ...state, phase: { name: 'discard', delete: next.progress } }, 'delete-server', {
        reason: next.reason,
        attempt: next.progress.attempt,
        delayMs: next.delayMs,
      });
    case 'gave-up':
      return giveUp(rest, progress.serverId, next.reasons.map((r) => r.text).join('; '));
    default:
      return undefined;
  }
}

function giveUp(rest: LaunchState, serverId: string, why: string): LaunchMove {
  const reason = `Server ${serverId} could not be deleted: ${why}`;
  if (rest.failure === undefined) return beginRollback(rest, [reason]);
  return startDiscard({ ...rest, failure: { ...rest.failure, reasons: [...rest.failure.reasons, reason] } });
}

export function enterUndoLeave(state: LaunchState): LaunchMove | undefined {
  if (state.phase.name !== 'undo-leave' || state.server === undefined) return undefined;
  return applyLeave(state, resumeLeave(state.phase.leave, leaveTarget(state)));
}

export function onUndoLeave(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  if (state.phase.name !== 'undo-leave' || state.server === undefined) return undefined;
  const next = onLeaveInput(state.phase.leave, input, leaveTarget(state), ctx.settings);
  return next === undefined ? undefined : applyLeave(state, next);
}

function leaveTarget(state: LaunchState) {
  return { serverId: state.server?.id ?? '', address: serviceNetAddress(state.addresses ?? {}) };
}

function applyLeave(state: LaunchState, next: LeaveMove): LaunchMove | undefined {
  if (state.phase.name !== 'undo-leave') return undefined;
  const { index } = state.phase;
  switch (next.kind) {
    case 'act':
      return move({ ...state, phase: { name: 'undo-leave', index, leave: next.progress } }, [], next.action);
    case 'retry':
      return retryLater({ ...state, phase: { name: 'undo-leave', index, leave: next.progress } }, 'rollback', {
        reason: next.reason,
        attempt: next.progress.attempt,
        delayMs: next.delayMs,
      });
    case 'left': {
      const joined = state.joined.filter((_, i) => i !== index);
      const left: JobEventBody = {
        event: 'step-finished',
        step: 'rollback',
        detail: `left ${describeLb(state.phase.leave.membership)}`,
      };
      const lb = joined[index - 1];
      if (lb === undefined) return startDiscard(withServerDiscarded({ ...state, joined }), [left]);
      return move({ ...state, joined, phase: { name: 'undo-leave', index: index - 1, leave: startLeave(lb) } }, [
        left,
        { event: 'step-started', step: 'rollback', detail: `leaving ${describeLb(lb)}` },
      ]);
    }
    case 'failed': {
      const failure = state.failure ?? { reasons: [], keptServer: false };
      const kept = `Server ${state.server?.id ?? '?'} was kept: ${next.reasons.join('; ')}`;
      return startDiscard({ ...state, failure: { reasons: [...failure.reasons, kept], keptServer: true } });
    }
    default:
      return undefined;
  }
}
