import { toJobResultJson } from '../../../../../shared/messages/event-messages.js';
import type { DeleteServerResult, LbMembership } from '../../../../../shared/messages/job-messages.js';
import type { JobEventBody } from '../../core/job-machine.js';
import { startLeave } from '../common/leave-load-balancer.js';
import { describeLb } from '../common/lb-retry.js';
import { startVerifiedDelete } from '../common/verified-delete.js';
import { deleteMove, type DeleteMove, type DeleteState } from './delete-state.js';

export function leaveStepName(m: LbMembership): string {
  return m.type === 'RackConnectV3' ? 'remove-from-rcv3' : 'remove-from-clb';
}

/** Leaves the next load balancer, or moves on to deleting the server. */
export function startLeaving(state: DeleteState, events: readonly JobEventBody[], index = 0): DeleteMove {
  const m = state.memberships[index];
  if (m === undefined) {
    return deleteMove({ ...state, phase: { name: 'delete', delete: startVerifiedDelete(state.job.serverId) } }, [
      ...events,
      { event: 'step-started', step: 'delete-server', detail: `server ${state.job.serverId}` },
    ]);
  }
  return deleteMove({ ...state, phase: { name: 'leave', index, leave: startLeave(m) } }, [
    ...events,
    { event: 'step-started', step: leaveStepName(m), detail: describeLb(m) },
  ]);
}

export function deleteResult(state: DeleteState, deleted: boolean): DeleteServerResult {
  return { serverId: state.job.serverId, deleted, loadBalancers: state.left };
}

export function finishDeleteSucceeded(state: DeleteState, events: readonly JobEventBody[]): DeleteMove {
  const result = toJobResultJson(deleteResult(state, !state.gone));
  return deleteMove(state, [...events, { event: 'succeeded', result }], { kind: 'finish', outcome: 'succeeded' });
}

/** Fails the job; the server is kept (whatever was left so far is in the result). */
export function finishDeleteFailed(
  state: DeleteState,
  reasons: readonly string[],
  events: readonly JobEventBody[] = [],
): DeleteMove {
  const result = toJobResultJson(deleteResult(state, false));
  return deleteMove(state, [...events, { event: 'failed', reasons: [...reasons], result }], {
    kind: 'finish',
    outcome: 'failed',
  });
}
