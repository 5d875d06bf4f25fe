import { noSuchClbText } from '../steps/fault-reason.js';
import { type Reason, userReason } from '../steps/step-result.js';
import { isLbMetadataKey } from './group-targets.js';
import { SLOT_IN_PLACE, SLOT_MISSING, isTargetMember, targetNodeOf } from './observed-index.js';
import type { ObservedClb, ObservedServer } from './observed-state.js';
import { noteReason } from './plan-sink.js';
import type { PlanWorld } from './plan-world.js';

/**
 * Note [Desired membership]
 * ~~~~~~~~~~~~~~~~~~~~~~~~~
 * Otter converged each server to the load balancers named in its own metadata, so a launch-config change
 * never reached existing servers (and a deleted CLB kept a group in ERROR until every server was replaced).
 * Kelp converges every kept ACTIVE server to the launch config's load balancers, and uses the metadata as
 * the record of what Kelp owns: the metadata keys are rewritten to match the config, and memberships the
 * metadata records but the config no longer names are removed. Memberships nobody recorded (added by
 * hand) are never touched (behaviour 28). A server's LB keys are rewritten only in a cycle that removes
 * none of its memberships, so ownership is never forgotten before the nodes are gone.
 */

const DESIRED_CONDITION = 'ENABLED';
const DESIRED_WEIGHT = 1;
const DESIRED_TYPE = 'PRIMARY';

/**
 * Why configured load balancers cannot be used, looked up once per plan: `clbs[t]` / `pools[p]` is the
 * CLB / pool for slot t / p, or the user-facing reason it does not exist.
 */
export interface ResolvedTargets {
  readonly clbs: readonly (ObservedClb | Reason)[];
  readonly pools: readonly (Reason | null)[];
}

export function resolveTargets(world: PlanWorld): ResolvedTargets {
  const { index, targets } = world;
  return {
    clbs: targets.clb.map(({ lbId }) => index.clbs.get(lbId) ?? userReason(noSuchClbText(lbId), 'NoSuchCLBError')),
    pools: targets.rcv3.map((poolId) =>
      index.rcv3PoolIds.has(poolId)
        ? null
        : userReason(`RackConnect v3 load balancer pool does not exist: ${poolId}`, 'NoSuchLBError'),
    ),
  };
}

function isReason(value: ObservedClb | Reason): value is Reason {
  return 'text' in value;
}

function convergeClbs(world: PlanWorld, resolved: ResolvedTargets, server: ObservedServer, pos: number): void {
  const { sink, targets } = world;
  const address = server.servicenetAddress;
  for (let t = 0; t < targets.clb.length; t++) {
    const target = targets.clb[t];
    const clb = resolved.clbs[t];
    if (target === undefined || clb === undefined) continue;
    const { lbId, port } = target;
    if (isReason(clb)) {
      noteReason(sink.failures, clb);
      continue;
    }
    if (address === null) {
      const text = `Server ${server.id} has no ServiceNet address to add to Cloud Load Balancer ${lbId}`;
      noteReason(sink.limitedWaits, userReason(text));
      continue;
    }
    const slot = world.index.targetState[pos * world.index.clbSlots + t];
    if (slot === SLOT_IN_PLACE) continue;
    const found = slot === SLOT_MISSING ? undefined : targetNodeOf(world.index, pos, t);
    if (found === undefined) {
      const condition = clb.healthMonitor ? 'DRAINING' : DESIRED_CONDITION;
      const node = { address, port, condition, weight: DESIRED_WEIGHT, type: DESIRED_TYPE } as const;
      sink.steps.push({ type: 'AddNodesToCLB', lbId, nodes: [node] });
      continue;
    }
    const nodeId = found.nodeId;
    if (clb.healthMonitor && found.condition === 'DRAINING' && !found.online) {
      const { buildTimeoutMs, buildTimeoutSec } = targets;
      if (found.drainedAtMs !== null && world.nowMs - found.drainedAtMs > buildTimeoutMs) {
        const text = `Node ${nodeId} of Cloud Load Balancer ${lbId} has remained OFFLINE for more than ${buildTimeoutSec} seconds`;
        noteReason(sink.failures, userReason(text, 'CLBNodeOffline'));
      } else {
        const text = `Waiting for node ${nodeId} of Cloud Load Balancer ${lbId} to come ONLINE`;
        noteReason(sink.limitedWaits, userReason(text));
      }
      continue;
    }
    sink.steps.push({
      type: 'ChangeCLBNode',
      lbId,
      nodeId,
      condition: DESIRED_CONDITION,
      weight: DESIRED_WEIGHT,
      nodeType: DESIRED_TYPE,
    });
  }
}

function convergeRcV3(world: PlanWorld, resolved: ResolvedTargets, server: ObservedServer, pos: number): void {
  const pools = world.targets.rcv3;
  for (let p = 0; p < pools.length; p++) {
    const missing = resolved.pools[p];
    if (missing !== null && missing !== undefined) noteReason(world.sink.failures, missing);
    else if (!isTargetMember(world.index, pos, p)) {
      world.sink.steps.push({ type: 'BulkAddToRCv3', pairs: [{ poolId: pools[p] ?? '', serverId: server.id }] });
    }
  }
}

/** Removes memberships the server's metadata records but the launch config no longer names; returns the count. */
function removeDisowned(world: PlanWorld, server: ObservedServer, pos: number): number {
  const { index, targets, sink } = world;
  let removed = 0;
  for (const { lbId, port } of server.metadataLbs.clb) {
    if (targets.clbPorts.get(lbId)?.has(port) === true) continue;
    const entry = index.otherNodes[pos]?.find((e) => e.lbId === lbId && e.node.port === port);
    if (entry === undefined) continue;
    sink.steps.push({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [entry.node.nodeId] });
    removed++;
  }
  for (const poolId of server.metadataLbs.rcv3) {
    if (targets.rcv3.includes(poolId) || index.otherPools[pos]?.includes(poolId) !== true) continue;
    sink.steps.push({ type: 'BulkRemoveFromRCv3', pairs: [{ poolId, serverId: server.id }] });
    removed++;
  }
  return removed;
}

/**
 * Converges one kept ACTIVE server (at `pos`; otter `_converge_lb_state`, behaviours 23, 27, 28 with Note
 * [Desired membership]): missing CLB nodes are added (DRAINING first when the LB has a health monitor,
 * enabled once ONLINE), nodes with the wrong condition/weight/type changed, missing RCv3 pairs added,
 * disowned memberships removed and Kelp's metadata keys fixed.
 */
export function convergeKeptServer(
  world: PlanWorld,
  resolved: ResolvedTargets,
  server: ObservedServer,
  pos: number,
): void {
  const { targets, sink } = world;
  convergeClbs(world, resolved, server, pos);
  convergeRcV3(world, resolved, server, pos);
  let fixes: (readonly [string, string])[] | undefined;
  let lbKeysMatch = true;
  for (const entry of targets.metadata) {
    if (server.metadata[entry[0]] === entry[1]) continue;
    (fixes ??= []).push(entry);
    if (isLbMetadataKey(entry[0])) lbKeysMatch = false;
  }
  // When every configured LB key matches and there are no others, the metadata owns exactly the config.
  const { clb, rcv3 } = server.metadataLbs;
  const ownsExactly = lbKeysMatch && clb.length === targets.clb.length && rcv3.length === targets.rcv3.length;
  const removed = ownsExactly ? 0 : removeDisowned(world, server, pos);
  for (const [key, value] of fixes ?? []) {
    if (removed > 0 && isLbMetadataKey(key)) continue;
    sink.steps.push({ type: 'SetMetadataItemOnServer', serverId: server.id, key, value });
  }
}
