import type { GroupTargets } from './group-targets.js';
import type { ObservedClb, ObservedClbNode, ObservedState } from './observed-state.js';

/** A CLB node with the LB it is on. */
export interface ClbEntry {
  readonly lbId: string;
  readonly node: ObservedClbNode;
}

/**
 * Every LB membership of every group server, found in one pass over the nodes and members and addressed
 * by the server's position in `observed.servers` (otter: a CLB node matches a server iff its address is
 * the server's ServiceNet address; an RCv3 member iff its cloud server id is the server's id).
 *
 * Note [Index shape]: only the group's servers go into hash maps (by address and by id); nodes and
 * members are looked up there, never inserted, and land in flat per-position slots for the configured
 * load balancers (`targets`), or in a per-position list for anything else. At 20,000 servers planning is
 * bound by memory traffic: hash-map inserts and re-reading scattered objects grow faster than linearly
 * once the data outgrows the caches, so the index inserts each server once per map and records each
 * configured node's verdict in a byte while the node is being read anyway.
 */
export interface ObservedIndex {
  /** The CLBs that exist, by id. */
  readonly clbs: ReadonlyMap<string, ObservedClb>;
  /** Lower-cased ids of the RCv3 pools that exist. */
  readonly rcv3PoolIds: ReadonlySet<string>;
  readonly clbSlots: number;
  readonly poolSlots: number;
  /** `[pos * clbSlots + t]`: the node of server `pos` on `targets.clb[t]`. */
  readonly targetNodes: readonly (ObservedClbNode | undefined)[];
  /**
   * `[pos * clbSlots + t]`: `SLOT_MISSING`, `SLOT_IN_PLACE` (the node is ENABLED, weight 1, PRIMARY) or
   * `SLOT_DIFFERENT`, decided while the node is in cache so planning rarely has to read it again.
   */
  readonly targetState: Uint8Array;
  /** `[pos * poolSlots + p]`: 1 when server `pos` is a member of `targets.rcv3[p]`. */
  readonly targetMembers: Uint8Array;
  /** Per position: CLB nodes that are not in a configured slot (other LBs or ports, duplicates). */
  readonly otherNodes: readonly (ClbEntry[] | undefined)[];
  /** Per position: pools (lower-cased) the server is in that the config does not name. */
  readonly otherPools: readonly (string[] | undefined)[];
}

/**
 * Positions of the group's servers by one string each (address or id). One `set` per server in the
 * common case; a value shared by several servers (never seen in practice) maps to all of them, found by a
 * second pass.
 */
function positionsBy(values: readonly (string | null)[]): Map<string, number | number[]> {
  const positions = new Map<string, number | number[]>();
  let keyed = 0;
  for (let pos = 0; pos < values.length; pos++) {
    const value = values[pos];
    if (value === null || value === undefined) continue;
    positions.set(value, pos);
    keyed++;
  }
  if (positions.size === keyed) return positions;
  positions.clear();
  for (let pos = 0; pos < values.length; pos++) {
    const value = values[pos];
    if (value === null || value === undefined) continue;
    const seen = positions.get(value);
    if (seen === undefined) positions.set(value, pos);
    else if (Array.isArray(seen)) seen.push(pos);
    else positions.set(value, [seen, pos]);
  }
  return positions;
}

export const SLOT_MISSING = 0;
export const SLOT_IN_PLACE = 1;
export const SLOT_DIFFERENT = 2;

/** The shape every configured CLB node should have (otter `CLBDescription` defaults). */
export function isNodeInPlace(node: ObservedClbNode): boolean {
  return node.condition === 'ENABLED' && node.weight === 1 && node.type === 'PRIMARY';
}

interface Slots {
  readonly clbSlots: number;
  readonly targetNodes: (ObservedClbNode | undefined)[];
  readonly targetState: Uint8Array;
  readonly otherNodes: (ClbEntry[] | undefined)[];
}

function placeNode(slots: Slots, pos: number, t: number | undefined, lbId: string, node: ObservedClbNode): void {
  const at = pos * slots.clbSlots + (t ?? 0);
  if (t !== undefined && slots.targetNodes[at] === undefined) {
    slots.targetNodes[at] = node;
    slots.targetState[at] = isNodeInPlace(node) ? SLOT_IN_PLACE : SLOT_DIFFERENT;
  } else (slots.otherNodes[pos] ??= []).push({ lbId, node });
}

function indexClbs(observed: ObservedState, targets: GroupTargets, slots: Slots): Map<string, ObservedClb> {
  const clbs = new Map<string, ObservedClb>();
  const slotOf = new Map<string, Map<number, number>>();
  targets.clb.forEach(({ lbId, port }, t) => {
    const ports = slotOf.get(lbId) ?? new Map<number, number>();
    slotOf.set(lbId, ports.set(port, t));
  });
  const byAddress =
    observed.clbs.length === 0
      ? new Map<string, number>()
      : positionsBy(observed.servers.map((server) => server.servicenetAddress));
  for (const clb of observed.clbs) {
    clbs.set(clb.lbId, clb);
    const ports = slotOf.get(clb.lbId);
    for (const node of clb.nodes) {
      const found = byAddress.get(node.address);
      if (found === undefined) continue;
      const t = ports?.get(node.port);
      if (typeof found === 'number') placeNode(slots, found, t, clb.lbId, node);
      else for (const pos of found) placeNode(slots, pos, t, clb.lbId, node);
    }
  }
  return clbs;
}

export function indexObserved(observed: ObservedState, targets: GroupTargets): ObservedIndex {
  const n = observed.servers.length;
  const clbSlots = targets.clb.length;
  const poolSlots = targets.rcv3.length;
  const slots: Slots = {
    clbSlots,
    targetNodes: new Array<ObservedClbNode | undefined>(n * clbSlots),
    targetState: new Uint8Array(n * clbSlots),
    otherNodes: new Array<ClbEntry[] | undefined>(n),
  };
  const clbs = indexClbs(observed, targets, slots);
  const rcv3PoolIds = new Set<string>();
  const targetMembers = new Uint8Array(n * poolSlots);
  const otherPools = new Array<string[] | undefined>(n);
  const byId =
    observed.rcv3Pools.length === 0
      ? new Map<string, number>()
      : positionsBy(observed.servers.map((server) => server.id));
  for (const pool of observed.rcv3Pools) {
    const poolId = pool.poolId.toLowerCase();
    rcv3PoolIds.add(poolId);
    const p = targets.rcv3.indexOf(poolId);
    const placeMember = (pos: number) => {
      if (p >= 0) targetMembers[pos * poolSlots + p] = 1;
      else (otherPools[pos] ??= []).push(poolId);
    };
    for (const member of pool.members) {
      const found = byId.get(member.serverId);
      if (found === undefined) continue;
      if (typeof found !== 'number') for (const pos of found) placeMember(pos);
      else placeMember(found);
    }
  }
  const { targetNodes, targetState, otherNodes } = slots;
  return {
    clbs,
    rcv3PoolIds,
    clbSlots,
    poolSlots,
    targetNodes,
    targetState,
    targetMembers,
    otherNodes,
    otherPools,
  };
}

/** The node of server `pos` on configured CLB slot `t`, if any. */
export function targetNodeOf(index: ObservedIndex, pos: number, t: number): ObservedClbNode | undefined {
  return index.targetNodes[pos * index.clbSlots + t];
}

export function isTargetMember(index: ObservedIndex, pos: number, p: number): boolean {
  return index.targetMembers[pos * index.poolSlots + p] === 1;
}

/** Every CLB node of server `pos`, on any LB, in configured-slot order then the others. */
export function clbEntriesOf(index: ObservedIndex, targets: GroupTargets, pos: number): ClbEntry[] {
  const entries: ClbEntry[] = [];
  targets.clb.forEach(({ lbId }, t) => {
    const node = targetNodeOf(index, pos, t);
    if (node !== undefined) entries.push({ lbId, node });
  });
  for (const entry of index.otherNodes[pos] ?? []) entries.push(entry);
  return entries;
}

/** Every (lower-cased) pool server `pos` is a member of. */
export function rcv3PoolsOf(index: ObservedIndex, targets: GroupTargets, pos: number): string[] {
  const pools = targets.rcv3.filter((_, p) => isTargetMember(index, pos, p));
  for (const poolId of index.otherPools[pos] ?? []) if (!pools.includes(poolId)) pools.push(poolId);
  return pools;
}
