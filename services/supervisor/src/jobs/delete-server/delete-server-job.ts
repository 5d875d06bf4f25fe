import {
  DeleteServerJobSchema,
  JOB_MESSAGE_TYPES,
  type DeleteServerJob,
} from '../../../../../shared/messages/job-messages.js';
import type { JobInput, MachineContext, Transition } from '../../core/job-machine.js';
import { byPhase, settlePhases, type PhaseHandlers } from '../common/phase-dispatch.js';
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

const ON_INPUT: PhaseHandlers<DeleteState, [JobInput, MachineContext]> = {
  inspect: onInspect,
  leave: onLeave,
  delete: onDelete,
};

/** The action that (re)starts each phase. */
const ENTER: PhaseHandlers<DeleteState> = { inspect: enterInspect, leave: enterLeave, delete: enterDelete };

function onInput(state: DeleteState, input: JobInput, ctx: MachineContext): DeleteMove {
  if (input.kind === 'resume') return deleteMove(state);
  if (input.kind === 'nova-fatal') return finishDeleteFailed(state, [input.reason.text]);
  return (
    byPhase(ON_INPUT, state, input, ctx) ??
    deleteMove(state, [], { kind: 'ignore', why: `input ${input.kind} does not apply in phase ${state.phase.name}` })
  );
}

function enter(state: DeleteState): DeleteMove {
  return (
    byPhase(ENTER, state) ??
    finishDeleteFailed(state, [`internal: delete job state has no action in phase ${state.phase.name}`])
  );
}

function settle(first: DeleteMove): Transition<DeleteState> {
  return settlePhases(first, enter, 'delete');
}
