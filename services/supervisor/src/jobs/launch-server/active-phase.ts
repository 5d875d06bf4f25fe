import type { JobEventBody, JobInput, MachineContext } from '../../core/job-machine.js';
import { getServerRequest, parseServer } from '../../core/nova-reads.js';
import { startJoin } from './join-phase.js';
import { move, type LaunchMove, type LaunchState } from './launch-state.js';
import { beginRollback, startDiscard } from './undo-phases.js';

/**
 * Waiting for ACTIVE (otter `wait_for_active`): GET the server now, then again every `pollIntervalMs` by
 * a delayed message, until ACTIVE or `activeTimeoutMs` after the create. BUILD keeps waiting; ERROR is
 * replaced (deleted, then a new generation is created) up to `errorReplacements` times; any other status
 * or a 404 fails the job. Failed reads are transient until the deadline.
 */
export function startWaitActive(state: LaunchState, ctx: MachineContext, events: readonly JobEventBody[]): LaunchMove {
  const deadline = new Date(ctx.now.getTime() + ctx.settings.activeTimeoutMs).toISOString();
  return move({ ...state, activeDeadline: deadline, phase: { name: 'wait-active', deadline, polls: 0 } }, [
    ...events,
    { event: 'step-started', step: 'wait-for-active', detail: `server ${state.server?.id ?? '?'}` },
  ]);
}

export function enterWaitActive(state: LaunchState): LaunchMove | undefined {
  if (state.server === undefined) return undefined;
  return move(state, [], { kind: 'nova', request: getServerRequest(state.server.id) });
}

export function onWaitActive(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  if (input.kind !== 'nova' || state.phase.name !== 'wait-active' || state.server === undefined) return undefined;
  const serverId = state.server.id;
  const outcome = input.outcome;
  if (outcome.kind === 'response' && outcome.status === 404) {
    return beginRollback(state, [`Server ${serverId} was deleted while waiting for it to become ACTIVE`]);
  }
  const body =
    outcome.kind === 'response' && (outcome.status === 200 || outcome.status === 203) ? outcome.body : undefined;
  const server = body === undefined ? undefined : parseServer((body as { server?: unknown }).server);
  if (server === undefined || server.status === 'BUILD') return keepWaiting(state, ctx);
  if (server.status === 'ACTIVE') {
    const active = { ...state, addresses: server.addresses };
    const finished: JobEventBody = {
      event: 'step-finished',
      step: 'wait-for-active',
      detail: `server ${serverId} is ACTIVE`,
    };
    if (active.discard.length > 0) return startDiscard(active, [finished]);
    return startJoin(active, 0, [finished]);
  }
  if (server.status === 'ERROR') return replace(state, ctx);
  return beginRollback(state, [
    `Server ${serverId} went into status ${server.status} while waiting for it to become ACTIVE`,
  ]);
}

function keepWaiting(state: LaunchState, ctx: MachineContext): LaunchMove {
  if (state.phase.name !== 'wait-active') return move(state);
  if (ctx.now.getTime() >= Date.parse(state.phase.deadline)) {
    const seconds = Math.round(ctx.settings.activeTimeoutMs / 1000);
    return beginRollback(state, [`Server ${state.server?.id ?? '?'} did not become ACTIVE within ${seconds} seconds`]);
  }
  const delayMs = ctx.settings.pollIntervalMs;
  return move({ ...state, phase: { ...state.phase, polls: state.phase.polls + 1 } }, [], { kind: 'wait', delayMs });
}

/** A server in ERROR: delete it and create the next generation, or fail once the replacements are spent. */
function replace(state: LaunchState, ctx: MachineContext): LaunchMove {
  const serverId = state.server?.id ?? '?';
  if (state.generation >= ctx.settings.errorReplacements) {
    const times = state.generation === 1 ? '1 time' : `${state.generation} times`;
    return beginRollback(state, [
      `Server ${serverId} went into ERROR; servers of this job were replaced ${times} already`,
    ]);
  }
  const { server: _errored, addresses: _gone, activeDeadline: _deadline, ...rest } = state;
  const next: LaunchState = { ...rest, generation: state.generation + 1, discard: [...state.discard, serverId] };
  return startDiscard(next, [
    { event: 'step-finished', step: 'wait-for-active', detail: `server ${serverId} went into ERROR` },
    {
      event: 'retrying',
      step: 'create-server',
      reason: `server ${serverId} went into ERROR; replacing it`,
      attempt: next.generation,
      delayMs: 0,
    },
  ]);
}
