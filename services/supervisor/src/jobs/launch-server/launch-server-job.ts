import {
  JOB_MESSAGE_TYPES,
  LaunchServerJobSchema,
  type LaunchServerJob,
} from '../../../../../shared/messages/job-messages.js';
import type { JobInput, MachineContext, Transition } from '../../core/job-machine.js';
import { MAX_METADATA_ITEMS, launchMetadata } from '../../core/launch-metadata.js';
import { byPhase, settlePhases, type PhaseHandlers } from '../common/phase-dispatch.js';
import type { JobDefinition } from '../job-definition.js';
import { enterWaitActive, onWaitActive } from './active-phase.js';
import { enterCreate, enterFind, onCreate, onFind } from './create-phase.js';
import { enterJoin, onJoin } from './join-phase.js';
import { finishFailed } from './launch-outcome.js';
import { initialLaunchState, LaunchStateSchema, move, type LaunchMove, type LaunchState } from './launch-state.js';
import { beginRollback, enterDiscard, enterUndoLeave, onDiscard, onUndoLeave } from './undo-phases.js';

/** Launch one server into a group, behind its load balancers (otter-behaviour §1). */
export const launchServerJob: JobDefinition<LaunchServerJob, LaunchState> = {
  type: 'launch-server',
  messageType: JOB_MESSAGE_TYPES.launchServer,
  jobSchema: LaunchServerJobSchema,
  stateSchema: LaunchStateSchema,
  problems: launchProblems,
  tenantOf: (job) => job.tenantId,
  start: (job, jobId, ctx) =>
    settle(
      move(initialLaunchState(job, jobId, ctx.now), [
        { event: 'step-started', step: 'create-server', detail: 'generation 0' },
      ]),
    ),
  next: (state, input, ctx) => settle(onInput(state, input, ctx)),
  startedAt: (state) => state.startedAt,
};

/** Nova refuses more than 40 metadata items; Kelp adds its own keys to the user's. */
export function launchProblems(job: LaunchServerJob): readonly string[] {
  const items = Object.keys(
    launchMetadata(job.launchConfig.server.metadata, job.groupId, 'job', job.launchConfig.loadBalancers),
  ).length;
  return items > MAX_METADATA_ITEMS
    ? [`launchConfig.server.metadata: ${items} items with Kelp's own keys exceed Nova's limit of ${MAX_METADATA_ITEMS}`]
    : [];
}

function onInput(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove {
  if (input.kind === 'resume') {
    // A create is never repeated blindly: resuming it first looks for the server again.
    return state.phase.name === 'create'
      ? move({ ...state, phase: { name: 'find', attempt: state.phase.attempt } })
      : move(state);
  }
  const handled = byPhase(ON_INPUT, state, input, ctx);
  if (handled !== undefined) return handled;
  if (input.kind === 'nova-fatal') {
    if (state.failure === undefined) return beginRollback(state, [input.reason.text]);
    return finishFailed({
      ...state,
      failure: { ...state.failure, reasons: [...state.failure.reasons, input.reason.text] },
    });
  }
  return move(state, [], { kind: 'ignore', why: `input ${input.kind} does not apply in phase ${state.phase.name}` });
}

const ON_INPUT: PhaseHandlers<LaunchState, [JobInput, MachineContext]> = {
  find: onFind,
  create: onCreate,
  'wait-active': onWaitActive,
  discard: onDiscard,
  join: onJoin,
  'undo-leave': onUndoLeave,
};

/** The action that (re)starts each phase. */
const ENTER: PhaseHandlers<LaunchState> = {
  find: enterFind,
  create: enterCreate,
  'wait-active': enterWaitActive,
  discard: enterDiscard,
  join: enterJoin,
  'undo-leave': enterUndoLeave,
};

function enter(state: LaunchState): LaunchMove {
  const entered = byPhase(ENTER, state);
  if (entered !== undefined) return entered;
  const reason = `internal: launch job state has no action in phase ${state.phase.name}`;
  return state.failure === undefined ? beginRollback(state, [reason]) : finishFailed(state);
}

function settle(first: LaunchMove): Transition<LaunchState> {
  return settlePhases(first, enter, 'launch');
}
