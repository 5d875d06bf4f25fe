import { classify } from '../../../../shared/steps/run-step.js';
import type {
  AddNodesToCLB,
  BulkAddToRCv3,
  BulkRemoveFromRCv3,
  RemoveNodesFromCLB,
} from '../../../../shared/steps/step.js';
import { normalizePairs, pairKey } from '../../../../shared/steps/rcv3/rcv3-request.js';
import type { Batch, Member, RemoveMember } from './batch.js';
import type { LaneFacts } from './lane-facts.js';
import { nodeAddressKey } from './node-address.js';
import { reply, type Settled, type WorkItem } from './work-item.js';

/** Request-size limits the batches respect. */
export interface BatchLimits {
  /** Most nodes one add request carries (CLB's per-LB limit, 25, is the natural cap). */
  readonly maxNodesPerAdd: number;
  /** The CLB node limit assumed until CLB reports its own. */
  readonly defaultNodeLimit: number;
  /** Most ids one bulk delete carries (CLB: 10). */
  readonly maxIdsPerRemove: number;
  /** Most pairs one RCv3 bulk call carries. */
  readonly maxPairsPerBulk: number;
  /** How long a seen CLB node count is trusted for sizing adds. */
  readonly nodeCountTtlMs: number;
}

export interface PlannedBatch {
  /** The request to send next, or null when nothing is left to send. */
  readonly batch: Batch | null;
  /** Steps left waiting, in arrival order. */
  readonly rest: readonly WorkItem[];
  /** The batch cannot take more: send it now rather than wait for the window to close. */
  readonly full: boolean;
}

/** How many nodes the next add may carry: the per-request cap, less what a recent count says is used. */
export function addCapacity(facts: LaneFacts | undefined, limits: BatchLimits, now: number): number {
  const limit = facts?.nodeLimit ?? limits.defaultNodeLimit;
  const fresh =
    facts?.nodeCount != null && facts.nodeCountAt != null && now - facts.nodeCountAt <= limits.nodeCountTtlMs;
  const room = fresh ? Math.max(0, limit - (facts.nodeCount ?? 0)) : limits.maxNodesPerAdd;
  return Math.min(limits.maxNodesPerAdd, room);
}

/** Drops node ids known to be gone from removals; a removal with nothing left is answered at once. Pure. */
export function settleKnownRemoved(
  pending: readonly WorkItem[],
  facts: LaneFacts | undefined,
): { readonly pending: readonly WorkItem[]; readonly settled: readonly Settled[] } {
  if (facts === undefined || facts.removed.size === 0) return { pending, settled: [] };
  const kept: WorkItem[] = [];
  const settled: Settled[] = [];
  for (const item of pending) {
    if (item.step.type !== 'RemoveNodesFromCLB') {
      kept.push(item);
      continue;
    }
    const ids = [...new Set(item.step.nodeIds)].filter((id) => !facts.removed.has(id));
    if (ids.length === 0) settled.push(reply(item, classify({ ...item.step, nodeIds: [] }, [])));
    else kept.push(ids.length === item.step.nodeIds.length ? item : { ...item, step: { ...item.step, nodeIds: ids } });
  }
  return { pending: kept, settled };
}

/**
 * Picks the next request of a lane from its waiting steps (oldest first). The oldest step decides the
 * kind; younger steps of that kind join while the request has room: adds up to the node capacity and
 * never two nodes with one address:port, removals up to 10 ids (a long removal is split across requests),
 * RCv3 calls up to the pair limit. Isolated steps and node changes always go alone. Pure.
 */
export function planBatch(
  pending: readonly WorkItem[],
  facts: LaneFacts | undefined,
  limits: BatchLimits,
  now: number,
): PlannedBatch {
  const head = pending[0];
  if (head === undefined) return { batch: null, rest: [], full: false };
  const others = pending.slice(1);
  const joinable = (item: WorkItem): boolean => item.isolated !== true && head.isolated !== true;
  const step = head.step;
  switch (step.type) {
    case 'ChangeCLBNode':
      return {
        batch: { kind: 'clb-change', tenantId: head.tenantId, lbId: step.lbId, members: [{ item: head, step }] },
        rest: others,
        full: false,
      };
    case 'AddNodesToCLB':
      return planAdd(head, step, others, joinable, addCapacity(facts, limits, now));
    case 'RemoveNodesFromCLB':
      return planRemove(head, step, others, joinable, limits.maxIdsPerRemove);
    case 'BulkAddToRCv3':
    case 'BulkRemoveFromRCv3':
      return planRcv3(head, others, joinable, limits.maxPairsPerBulk);
  }
}

type Joinable = (item: WorkItem) => boolean;
type Plan = PlannedBatch;

function planAdd(
  head: WorkItem,
  step: AddNodesToCLB,
  others: readonly WorkItem[],
  joinable: Joinable,
  capacity: number,
): Plan {
  const members: Member<AddNodesToCLB>[] = [{ item: head, step }];
  const addresses = new Set(step.nodes.map(nodeAddressKey));
  let nodes = step.nodes.length;
  let full = nodes >= capacity;
  const rest: WorkItem[] = [];
  for (const item of others) {
    const candidate = item.step;
    if (candidate.type !== 'AddNodesToCLB' || !joinable(item)) {
      rest.push(item);
      continue;
    }
    const keys = candidate.nodes.map(nodeAddressKey);
    if (nodes + candidate.nodes.length > capacity) {
      full = true;
      rest.push(item);
    } else if (keys.some((key) => addresses.has(key))) {
      rest.push(item);
    } else {
      members.push({ item, step: candidate });
      for (const key of keys) addresses.add(key);
      nodes += candidate.nodes.length;
      if (nodes >= capacity) full = true;
    }
  }
  return { batch: { kind: 'clb-add', tenantId: head.tenantId, lbId: step.lbId, members }, rest, full };
}

function planRemove(
  head: WorkItem,
  step: RemoveNodesFromCLB,
  others: readonly WorkItem[],
  joinable: Joinable,
  maxIds: number,
): Plan {
  const union = new Set<string>();
  const members: RemoveMember[] = [];
  const rest: WorkItem[] = [];
  const take = (item: WorkItem, removal: RemoveNodesFromCLB): boolean => {
    const ids = [...new Set(removal.nodeIds)];
    const inBatch = ids.filter((id) => {
      if (union.has(id)) return true;
      if (union.size >= maxIds) return false;
      union.add(id);
      return true;
    });
    if (inBatch.length === 0) return false;
    members.push({
      item,
      step: { ...removal, nodeIds: inBatch },
      rest: ids.filter((id) => !inBatch.includes(id)),
    });
    return true;
  };
  take(head, step);
  for (const item of others) {
    const candidate = item.step;
    if (candidate.type !== 'RemoveNodesFromCLB' || !joinable(item) || !take(item, candidate)) rest.push(item);
  }
  return {
    batch: { kind: 'clb-remove', tenantId: head.tenantId, lbId: step.lbId, members },
    rest,
    full: union.size >= maxIds,
  };
}

function planRcv3(head: WorkItem, others: readonly WorkItem[], joinable: Joinable, maxPairs: number): Plan {
  const type = head.step.type;
  const union = new Set<string>();
  const members: Member<BulkAddToRCv3 | BulkRemoveFromRCv3>[] = [];
  const rest: WorkItem[] = [];
  let full = false;
  for (const item of [head, ...others]) {
    const candidate = item.step;
    const sameKind = candidate.type === type && (item === head || joinable(item));
    if (!sameKind || (candidate.type !== 'BulkAddToRCv3' && candidate.type !== 'BulkRemoveFromRCv3')) {
      rest.push(item);
      continue;
    }
    const keys = normalizePairs(candidate.pairs).map(pairKey);
    const added = keys.filter((key) => !union.has(key)).length;
    if (item !== head && union.size + added > maxPairs) {
      full = true;
      rest.push(item);
      continue;
    }
    for (const key of keys) union.add(key);
    members.push({ item, step: candidate });
    if (union.size >= maxPairs) full = true;
  }
  const batch: Batch =
    type === 'BulkAddToRCv3'
      ? { kind: 'rcv3-add', tenantId: head.tenantId, members: members as Member<BulkAddToRCv3>[] }
      : { kind: 'rcv3-remove', tenantId: head.tenantId, members: members as Member<BulkRemoveFromRCv3>[] };
  return { batch, rest, full };
}
