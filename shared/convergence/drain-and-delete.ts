import { infoReason } from '../steps/step-result.js';
import type { Step } from '../steps/step.js';
import { isMarkedDraining } from './destiny.js';
import { clbEntriesOf, rcv3PoolsOf } from './observed-index.js';
import type { ObservedServer } from './observed-state.js';
import { noteReason } from './plan-sink.js';
import type { PlanWorld } from './plan-world.js';
import { DRAINING_SINCE_KEY, DRAINING_VALUE, SERVER_STATE_KEY } from './server-metadata.js';

/**
 * Note [Drain clock]
 * ~~~~~~~~~~~~~~~~~~
 * A DRAINING CLB node is done draining once `drainingTimeoutSec` has passed since it went DRAINING. Otter
 * read that time from each node's atom feed and failed the whole convergence when it could not
 * (`DrainingUnavailable`). Kelp uses the feed time when the gatherer supplies it and otherwise the time in
 * the server's own `kelp:draining-since` metadata, which it writes when it starts draining the server. A
 * server draining without either (drained by otter, or by hand) gets the mark now, which starts its clock.
 * Connection counts are never gathered (Appendix A), so done-ness is purely time-based.
 */

const DRAINING_WAIT = infoReason('waiting for servers to finish draining');

/** Removal steps for every LB membership of the server (at `pos`): its CLB nodes and its RCv3 pairs. */
export function removeAllMemberships(world: PlanWorld, server: ObservedServer, pos: number): void {
  const { index, targets, sink } = world;
  const serverId = server.id;
  for (const { lbId, node } of clbEntriesOf(index, targets, pos)) {
    sink.steps.push({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [node.nodeId] });
  }
  for (const poolId of rcv3PoolsOf(index, targets, pos)) {
    sink.steps.push({ type: 'BulkRemoveFromRCv3', pairs: [{ poolId, serverId }] });
  }
}

/** Deletes a server and removes all its LB memberships at once (ERROR, SHUTOFF, builds that timed out). */
export function deleteNow(world: PlanWorld, server: ObservedServer, pos: number): void {
  world.sink.steps.push({ type: 'DeleteServer', serverId: server.id });
  removeAllMemberships(world, server, pos);
}

function drainStartOf(server: ObservedServer): number | null {
  const since = Date.parse(server.metadata[DRAINING_SINCE_KEY] ?? '');
  return Number.isFinite(since) ? since : null;
}

/**
 * Drains the server (at `pos`) out of its load balancers, then deletes it (otter `_drain_and_delete`,
 * behaviour 26). With a draining timeout (never for BUILD servers): ENABLED CLB nodes go DRAINING;
 * DRAINING nodes are removed once done draining (Note [Drain clock]) and waited for otherwise; DISABLED
 * nodes and RCv3 pairs are removed. Without one, every membership is removed. The server is deleted in
 * the same plan only when every one of its memberships is being removed; otherwise it is marked
 * DRAINING (with its drain start).
 */
export function drainAndDelete(
  world: PlanWorld,
  server: ObservedServer,
  pos: number,
  drainingTimeoutSec: number,
): void {
  const timeoutMs = server.state === 'BUILD' ? 0 : drainingTimeoutSec * 1000;
  if (timeoutMs <= 0) {
    deleteNow(world, server, pos);
    return;
  }
  const { index, targets, nowMs, sink } = world;
  const drainStart = drainStartOf(server);
  let pending = 0;
  const steps: Step[] = [];
  for (const { lbId, node } of clbEntriesOf(index, targets, pos)) {
    if (node.condition === 'ENABLED') {
      steps.push({
        type: 'ChangeCLBNode',
        lbId,
        nodeId: node.nodeId,
        condition: 'DRAINING',
        weight: node.weight,
        nodeType: node.type,
      });
      pending++;
    } else if (node.condition === 'DRAINING') {
      const since = node.drainedAtMs ?? drainStart;
      if (since !== null && nowMs - since >= timeoutMs) {
        steps.push({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [node.nodeId] });
      } else {
        noteReason(sink.waits, DRAINING_WAIT);
        pending++;
      }
    } else {
      steps.push({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [node.nodeId] });
    }
  }
  for (const poolId of rcv3PoolsOf(index, targets, pos)) {
    steps.push({ type: 'BulkRemoveFromRCv3', pairs: [{ poolId, serverId: server.id }] });
  }
  if (pending === 0) {
    sink.steps.push({ type: 'DeleteServer', serverId: server.id }, ...steps);
    return;
  }
  if (!isMarkedDraining(server)) {
    sink.steps.push({
      type: 'SetMetadataItemOnServer',
      serverId: server.id,
      key: SERVER_STATE_KEY,
      value: DRAINING_VALUE,
    });
  }
  if (drainStart === null) {
    const value = world.nowIso;
    sink.steps.push({ type: 'SetMetadataItemOnServer', serverId: server.id, key: DRAINING_SINCE_KEY, value });
  }
  sink.steps.push(...steps);
}
