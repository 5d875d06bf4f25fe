import type { LbMembership } from '../../../../../shared/messages/job-messages.js';
import type { JobInput, MachineContext } from '../../core/job-machine.js';
import { deleteRetryDelay } from '../../core/job-settings.js';
import { membershipsFromMetadata } from '../../core/launch-metadata.js';
import { getServerRequest, parseServer, serviceNetAddress } from '../../core/nova-reads.js';
import { GROUP_ID_METADATA_KEY } from '../../core/server-identity.js';
import { retryLater } from '../common/phase-move.js';
import { deleteMove, type DeleteMove, type DeleteState } from './delete-state.js';
import { finishDeleteFailed, startLeaving } from './delete-outcome.js';

/**
 * Reading the server before deleting it: its metadata names the load balancers it joined (together with
 * those the job lists) and its ServiceNet address finds its CLB nodes. A server whose group metadata names
 * another group is not deleted. A server already gone still has the job's listed load balancers left.
 */
export function enterInspect(state: DeleteState): DeleteMove {
  return deleteMove(state, [], { kind: 'nova', request: getServerRequest(state.job.serverId) });
}

export function onInspect(state: DeleteState, input: JobInput, ctx: MachineContext): DeleteMove | undefined {
  if (input.kind !== 'nova' || state.phase.name !== 'inspect') return undefined;
  const { serverId, groupId } = state.job;
  const outcome = input.outcome;
  const listed = state.job.loadBalancers ?? [];
  if (outcome.kind === 'response' && outcome.status === 404) {
    return startLeaving({ ...state, gone: true, memberships: mergeMemberships(listed, []) }, [
      { event: 'step-finished', step: 'inspect-server', detail: `server ${serverId} is already gone` },
    ]);
  }
  const ok = outcome.kind === 'response' && (outcome.status === 200 || outcome.status === 203);
  const server = ok ? parseServer((outcome.body as { server?: unknown } | null)?.server) : undefined;
  if (server === undefined) {
    const attempt = state.phase.attempt + 1;
    const reason =
      outcome.kind === 'transport-error' ? outcome.message : `reading server ${serverId} answered ${outcome.status}`;
    if (attempt > ctx.settings.deleteRetries)
      return finishDeleteFailed(state, [`Server ${serverId} could not be read: ${reason}`]);
    const delayMs = deleteRetryDelay(ctx.settings, attempt);
    return retryLater({ ...state, phase: { name: 'inspect', attempt } }, 'inspect-server', {
      reason,
      attempt,
      delayMs,
    });
  }
  const group = server.metadata[GROUP_ID_METADATA_KEY];
  if (group !== undefined && group !== groupId) {
    return finishDeleteFailed(state, [
      `Server ${serverId} belongs to group ${group}, not ${groupId}; it was not deleted`,
    ]);
  }
  const memberships = mergeMemberships(listed, membershipsFromMetadata(server.metadata).memberships);
  const address = serviceNetAddress(server.addresses);
  const inspected = { ...state, memberships, ...(address === undefined ? {} : { address }) };
  const count = memberships.length === 1 ? '1 load balancer' : `${memberships.length} load balancers`;
  return startLeaving(inspected, [
    { event: 'step-finished', step: 'inspect-server', detail: `server ${serverId} is in ${count}` },
  ]);
}

/** Listed memberships first (they may carry node ids), then those from metadata not already listed. */
export function mergeMemberships(
  listed: readonly LbMembership[],
  fromMetadata: readonly LbMembership[],
): LbMembership[] {
  const key = (m: LbMembership) =>
    m.type === 'RackConnectV3' ? `rcv3:${m.loadBalancerId.toLowerCase()}` : `clb:${m.loadBalancerId}:${m.port}`;
  const seen = new Set<string>();
  const out: LbMembership[] = [];
  for (const m of [...listed, ...fromMetadata]) {
    if (seen.has(key(m))) continue;
    seen.add(key(m));
    out.push(m);
  }
  return out;
}
