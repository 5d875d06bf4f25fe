import { AppError } from '../../../../../shared/errors/app-error.js';
import {
  DeleteServerJobSchema,
  JOB_MESSAGE_TYPES,
  type DeleteServerJob,
} from '../../../../../shared/messages/job-messages.js';
import { transition, type JobInput, type MachineContext, type Transition } from '../../core/job-machine.js';
import type { JobDefinition } from '../job-definition.js';
import { finishDeleteFailed } from './delete-outcome.js';
import {
  DeleteStateSchema,
  deleteMove,
  initialDeleteState,
  type DeleteMove,
  type DeleteState,
} from './delete-state.js';
import { enterInspect, onInspect } from './inspect-phase.js';
import { enterDelete, enterLeave, onDelete, onLeave } from './leave-and-delete-phases.js';

/** Delete one server of a group: leave its load balancers, delete it, verify (otter-behaviour §2). */
export const deleteServerJob: JobDefinition<DeleteServerJob, DeleteState> = {
  type: 'delete-server',
  messageType: JOB_MESSAGE_TYPES.deleteServer,
  jobSchema: DeleteServerJobSchema,
  stateSchema: DeleteStateSchema,
  tenantOf: (job) => job.tenantId,
  start: (job, jobId, ctx) =>
    settle(
      deleteMove(initialDeleteState(job, jobId, ctx.now), [
        { event: 'step-started', step: 'inspect-server', detail: `server ${job.serverId}` },
      ]),
    ),
  next: (state, input, ctx) => settle(onInput(state, input, ctx)),
  startedAt: (state) => state.startedAt,
};

function onInput(state: DeleteState, input: JobInput, ctx: MachineContext): DeleteMove {
  if (input.kind === 'resume') return deleteMove(state);
  if (input.kind === 'nova-fatal') return finishDeleteFailed(state, [input.reason.text]);
  const handled = (() => {
    switch (state.phase.name) {
      case 'inspect':
        return onInspect(state, input, ctx);
      case 'leave':
        return onLeave(state, input, ctx);
      case 'delete':
        return onDelete(state, input, ctx);
      default:
        return undefined;
    }
  })();
  return (
    handled ??
    deleteMove(state, [], { kind: 'ignore', why: `input ${input.kind} does not apply in phase ${state.phase.name}` })
  );
}

function enter(state: DeleteState): DeleteMove {
  const entered = (() => {
    switch (state.phase.name) {
      case 'inspect':
        return enterInspect(state);
      case 'leave':
        return enterLeave(state);
      case 'delete':
        return enterDelete(state);
      default:
        return undefined;
    }
  })();
  return (
    entered ?? finishDeleteFailed(state, [`internal: delete job state has no action in phase ${state.phase.name}`])
  );
}

function settle(first: DeleteMove): Transition<DeleteState> {
  let current = first;
  const events = [...first.events];
  for (let guard = 0; guard < 50; guard += 1) {
    if (current.action !== undefined) return transition(current.state, current.action, events);
    current = enter(current.state);
    events.push(...current.events);
  }
  throw new AppError('internal', `delete job ${first.state.jobId}: phases did not settle on an action`);
}
