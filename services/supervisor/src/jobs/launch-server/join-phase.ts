import type { LbMembership, LoadBalancerConfig } from '../../../../../shared/messages/job-messages.js';
import type { StepResult } from '../../../../../shared/steps/step-result.js';
import type { JobAction, JobEventBody, JobInput, MachineContext } from '../../core/job-machine.js';
import { serviceNetAddress } from '../../core/nova-reads.js';
import { firstReasonText, reasonsForUser } from '../../core/user-reasons.js';
import { decideLbRetry, describeLb } from '../common/lb-retry.js';
import { retryLater } from '../common/phase-move.js';
import { finishSucceeded } from './launch-outcome.js';
import { move, type LaunchMove, type LaunchState } from './launch-state.js';
import { beginRollback } from './undo-phases.js';

/**
 * Joining the load balancers one by one in config order (otter `add_to_load_balancers`), each as a step
 * of the load-balancer service: a CLB gets a node at the server's ServiceNet address and the configured
 * port (ENABLED, PRIMARY); an RCv3 pool gets the (pool, server) pair. A step that did not take effect is
 * retried up to `lbRetries` times; a refusal (no such CLB, node limit, …) fails the job and rolls back.
 */
export function startJoin(state: LaunchState, index: number, events: readonly JobEventBody[]): LaunchMove {
  const lb = state.job.launchConfig.loadBalancers[index];
  if (lb === undefined) return finishSucceeded(state, events);
  return move({ ...state, phase: { name: 'join', index, attempt: 0 } }, [
    ...events,
    { event: 'step-started', step: joinStepName(lb), detail: describeLb(lb) },
  ]);
}

function joinStepName(lb: LoadBalancerConfig): string {
  return lb.type === 'RackConnectV3' ? 'add-to-rcv3' : 'add-to-clb';
}

function currentLb(state: LaunchState): LoadBalancerConfig | undefined {
  return state.phase.name === 'join' ? state.job.launchConfig.loadBalancers[state.phase.index] : undefined;
}

export function enterJoin(state: LaunchState): LaunchMove | undefined {
  const lb = currentLb(state);
  if (lb === undefined || state.server === undefined) return undefined;
  const action = joinAction(lb, state);
  if (action !== undefined) return move(state, [], action);
  return beginRollback(state, [
    `Server ${state.server.id} has no ServiceNet address, so it cannot join ${describeLb(lb)}`,
  ]);
}

function joinAction(lb: LoadBalancerConfig, state: LaunchState): JobAction | undefined {
  const serverId = state.server?.id ?? '';
  if (lb.type === 'RackConnectV3') {
    return { kind: 'lb-step', step: { type: 'BulkAddToRCv3', pairs: [{ poolId: lb.loadBalancerId, serverId }] } };
  }
  const address = serviceNetAddress(state.addresses ?? {});
  if (address === undefined) return undefined;
  return {
    kind: 'lb-step',
    step: {
      type: 'AddNodesToCLB',
      lbId: lb.loadBalancerId,
      nodes: [{ address, port: lb.port, condition: 'ENABLED', type: 'PRIMARY' }],
    },
  };
}

export function onJoin(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  const lb = currentLb(state);
  if (lb === undefined || state.phase.name !== 'join') return undefined;
  if (input.kind === 'lb-timeout')
    return retryJoin(state, lb, `the load-balancer service did not answer for ${describeLb(lb)}`, ctx);
  if (input.kind !== 'lb-step-result') return undefined;
  const result = input.result;
  if (result.status === 'success' || result.done) {
    const joined = [...state.joined, membershipOf(lb, state, result)];
    return startJoin({ ...state, joined }, state.phase.index + 1, [
      { event: 'step-finished', step: joinStepName(lb), detail: describeLb(lb) },
    ]);
  }
  if (result.status === 'failure') return beginRollback(state, reasonsForUser(result.reasons));
  return retryJoin(state, lb, firstReasonText(result.reasons, 'not added yet'), ctx, result.retryAfterMs);
}

function retryJoin(
  state: LaunchState,
  lb: LoadBalancerConfig,
  reason: string,
  ctx: MachineContext,
  retryAfterMs?: number,
): LaunchMove {
  if (state.phase.name !== 'join') return move(state);
  const decision = decideLbRetry(state.phase.attempt, ctx.settings, retryAfterMs);
  if (decision.kind === 'exhausted') {
    return beginRollback(state, [`Could not join ${describeLb(lb)} after ${decision.attempts} attempts: ${reason}`]);
  }
  return retryLater({ ...state, phase: { ...state.phase, attempt: decision.attempt } }, joinStepName(lb), {
    reason,
    attempt: decision.attempt,
    delayMs: decision.delayMs,
  });
}

/** The membership to report (and to leave on rollback); the CLB node id when the add answered with it. */
function membershipOf(lb: LoadBalancerConfig, state: LaunchState, result: StepResult): LbMembership {
  if (lb.type === 'RackConnectV3') return { type: 'RackConnectV3', loadBalancerId: lb.loadBalancerId };
  const address = serviceNetAddress(state.addresses ?? {});
  const nodes = result.output?.['nodes'];
  const node = Array.isArray(nodes)
    ? nodes.find(
        (n) =>
          typeof n === 'object' && n !== null && !Array.isArray(n) && n['address'] === address && n['port'] === lb.port,
      )
    : undefined;
  const nodeId = typeof node === 'object' && node !== null && !Array.isArray(node) ? node['id'] : undefined;
  return typeof nodeId === 'string' && /^\d{1,19}$/.test(nodeId)
    ? { type: 'CloudLoadBalancer', loadBalancerId: lb.loadBalancerId, port: lb.port, nodeId }
    : { type: 'CloudLoadBalancer', loadBalancerId: lb.loadBalancerId, port: lb.port };
}
