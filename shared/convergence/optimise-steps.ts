import { type Reason, infoReason } from '../steps/step-result.js';
import type { ChangeCLBNode, ClbNode, CreateServer, RcV3Pair, SetMetadataItemOnServer, Step } from '../steps/step.js';

export interface OptimiseOptions {
  /**
   * Keep one mutating step per CLB per cycle (otter `one_clb_step`, behaviour 29): RemoveNodesFromCLB,
   * else AddNodesToCLB, else the ChangeCLBNode with the lowest node id. Off by default: the load-balancer
   * service already serialises and coalesces mutations per CLB.
   */
  readonly oneClbMutationPerCycle?: boolean;
}

/** Decimal ids: shorter is smaller, then lexicographic. */
function byDecimal(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPair(a: RcV3Pair, b: RcV3Pair): number {
  return byText(a.poolId, b.poolId) || byText(a.serverId, b.serverId);
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** Appends without spreading into an argument list (plans can hold more steps than V8 allows arguments). */
function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

function setIfAbsent<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

function addReasons(target: Map<string, Reason>, reasons: readonly Reason[]): void {
  for (const r of reasons) setIfAbsent(target, r.text, r);
}

/**
 * The optimise pass (otter `optimize_steps`): merges all AddNodesToCLB per LB, all RemoveNodesFromCLB per
 * LB, all BulkAddToRCv3 and all BulkRemoveFromRCv3 into one each, deduplicates the rest, merges the waits
 * into one ConvergeLater per kind and the failures into one FailConvergence, and returns the plan in a
 * canonical order (by step type, then ids) so equal plans compare equal.
 */
export function optimiseSteps(steps: readonly Step[], options: OptimiseOptions = {}): Step[] {
  const creates: CreateServer[] = [];
  const deletes = new Set<string>();
  const metadata = new Map<string, SetMetadataItemOnServer>();
  const removes = new Map<string, Set<string>>();
  const changes = new Map<string, ChangeCLBNode>();
  const adds = new Map<string, Map<string, ClbNode>>();
  const rcv3Adds = new Map<string, RcV3Pair>();
  const rcv3Removes = new Map<string, RcV3Pair>();
  const waits = new Map<string, Reason>();
  const limitedWaits = new Map<string, Reason>();
  const failures = new Map<string, Reason>();
  for (const step of steps) {
    switch (step.type) {
      case 'CreateServer':
        creates.push(step);
        break;
      case 'DeleteServer':
        deletes.add(step.serverId);
        break;
      case 'SetMetadataItemOnServer':
        setIfAbsent(metadata, `${step.serverId}\n${step.key}`, step);
        break;
      case 'RemoveNodesFromCLB':
        for (const id of step.nodeIds) getOrSet(removes, step.lbId, () => new Set()).add(id);
        break;
      case 'ChangeCLBNode':
        setIfAbsent(changes, `${step.lbId}:${step.nodeId}`, step);
        break;
      case 'AddNodesToCLB': {
        const nodes = getOrSet(adds, step.lbId, () => new Map<string, ClbNode>());
        for (const node of step.nodes) setIfAbsent(nodes, `${node.address}:${node.port}`, node);
        break;
      }
      case 'BulkAddToRCv3':
        for (const pair of step.pairs) rcv3Adds.set(`${pair.poolId}\n${pair.serverId}`, pair);
        break;
      case 'BulkRemoveFromRCv3':
        for (const pair of step.pairs) rcv3Removes.set(`${pair.poolId}\n${pair.serverId}`, pair);
        break;
      case 'ConvergeLater':
        addReasons(step.limited ? limitedWaits : waits, step.reasons);
        break;
      case 'FailConvergence':
        addReasons(failures, step.reasons);
        break;
    }
  }
  if (options.oneClbMutationPerCycle === true) {
    const deferred = keepOneMutationPerClb(removes, adds, changes);
    if (deferred > 0) {
      const reason = infoReason(`one change per Cloud Load Balancer per cycle deferred ${deferred} steps`, {
        deferred,
      });
      waits.set(reason.text, reason);
    }
  }

  const out: Step[] = [...deletes].sort(byText).map((serverId) => ({ type: 'DeleteServer' as const, serverId }));
  pushAll(out, creates);
  pushAll(
    out,
    [...metadata.values()].sort((a, b) => byText(a.serverId, b.serverId) || byText(a.key, b.key)),
  );
  for (const lbId of [...removes.keys()].sort(byDecimal)) {
    out.push({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [...(removes.get(lbId) ?? [])].sort(byDecimal) });
  }
  pushAll(
    out,
    [...changes.values()].sort((a, b) => byDecimal(a.lbId, b.lbId) || byDecimal(a.nodeId, b.nodeId)),
  );
  for (const lbId of [...adds.keys()].sort(byDecimal)) {
    const nodes = [...(adds.get(lbId)?.values() ?? [])].sort((a, b) => byText(a.address, b.address) || a.port - b.port);
    out.push({ type: 'AddNodesToCLB', lbId, nodes });
  }
  if (rcv3Removes.size > 0) out.push({ type: 'BulkRemoveFromRCv3', pairs: [...rcv3Removes.values()].sort(byPair) });
  if (rcv3Adds.size > 0) out.push({ type: 'BulkAddToRCv3', pairs: [...rcv3Adds.values()].sort(byPair) });
  if (waits.size > 0) out.push({ type: 'ConvergeLater', reasons: [...waits.values()], limited: false });
  if (limitedWaits.size > 0) out.push({ type: 'ConvergeLater', reasons: [...limitedWaits.values()], limited: true });
  if (failures.size > 0) out.push({ type: 'FailConvergence', reasons: [...failures.values()] });
  return out;
}

/** Leaves one mutation per CLB in the maps (remove > add > lowest-id change); returns how many it dropped. */
function keepOneMutationPerClb(
  removes: Map<string, Set<string>>,
  adds: Map<string, Map<string, ClbNode>>,
  changes: Map<string, ChangeCLBNode>,
): number {
  let deferred = 0;
  const changesByLb = new Map<string, ChangeCLBNode[]>();
  for (const change of changes.values()) getOrSet(changesByLb, change.lbId, () => []).push(change);
  for (const lbId of new Set([...removes.keys(), ...adds.keys(), ...changesByLb.keys()])) {
    const lbChanges = (changesByLb.get(lbId) ?? []).sort((a, b) => byDecimal(a.nodeId, b.nodeId));
    const keep = removes.has(lbId) ? 'remove' : adds.has(lbId) ? 'add' : lbChanges[0];
    if (keep !== 'remove' && removes.delete(lbId)) deferred++;
    if (keep !== 'add' && adds.delete(lbId)) deferred++;
    for (const change of lbChanges) {
      if (change === keep) continue;
      changes.delete(`${change.lbId}:${change.nodeId}`);
      deferred++;
    }
  }
  return deferred;
}
