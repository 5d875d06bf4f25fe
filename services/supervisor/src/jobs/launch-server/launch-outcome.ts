import { toJobResultJson } from '../../../../../shared/messages/event-messages.js';
import type { LaunchServerResult } from '../../../../../shared/messages/job-messages.js';
import type { JobEventBody } from '../../core/job-machine.js';
import { move, type LaunchMove, type LaunchState } from './launch-state.js';

/** The job's result: `{ serverId, name, addresses, loadBalancers }`. */
export function launchResult(state: LaunchState): LaunchServerResult {
  return {
    serverId: state.server?.id ?? '',
    name: state.server?.name ?? '',
    addresses: state.addresses ?? {},
    loadBalancers: state.joined,
  };
}

export function finishSucceeded(state: LaunchState, events: readonly JobEventBody[] = []): LaunchMove {
  return move(state, [...events, { event: 'succeeded', result: toJobResultJson(launchResult(state)) }], {
    kind: 'finish',
    outcome: 'succeeded',
  });
}

/** Ends a failed job; a kept server (an LB would not let go) is reported in the event's result. */
export function finishFailed(state: LaunchState, events: readonly JobEventBody[] = []): LaunchMove {
  const reasons = state.failure?.reasons ?? ['Unknown error occurred'];
  const kept = state.failure?.keptServer === true && state.server !== undefined;
  const failed: JobEventBody = kept
    ? { event: 'failed', reasons, result: toJobResultJson({ ...launchResult(state), kept: true }) }
    : { event: 'failed', reasons };
  return move(state, [...events, failed], { kind: 'finish', outcome: 'failed' });
}
