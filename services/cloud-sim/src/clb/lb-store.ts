/**
 * Creating load balancers and nodes, and finding an LB with its current status.
 */
import type { Partition, SimState } from '../state/sim-state.js';
import type { ClbNodeRecord, LbRecord, LbStatus } from './lb-record.js';
import { lbStatusAt } from './lb-record.js';
import type { NodeInput } from './node-rules.js';
import type { LbCreateInput } from './parse-lb.js';

export function newNode(state: SimState, input: NodeInput): ClbNodeRecord {
  return { id: state.nextNodeId(), ...input, status: 'ONLINE' };
}

function virtualIps(state: SimState, region: string, input: LbCreateInput): Record<string, unknown>[] {
  return input.virtualIps.flatMap((vip) => {
    if ('id' in vip) {
      return [{ id: vip.id, address: `198.18.250.${vip.id % 250}`, type: 'PUBLIC', ipVersion: 'IPV4' }];
    }
    const addresses = state.nextAddresses(region);
    if (vip.type === 'SERVICENET') {
      return [{ id: state.nextNodeId(), address: addresses.private4, type: 'SERVICENET', ipVersion: 'IPV4' }];
    }
    return [
      { id: state.nextNodeId(), address: addresses.public4, type: 'PUBLIC', ipVersion: 'IPV4' },
      { id: state.nextNodeId(), address: addresses.public6, type: 'PUBLIC', ipVersion: 'IPV6' },
    ];
  });
}

/** Adds an LB; `buildMs` > 0 makes it BUILD for that long (API creates), 0 makes it ACTIVE at once (seeds). */
export function addLoadBalancer(
  state: SimState,
  partition: Partition,
  input: LbCreateInput,
  now: number,
  buildMs: number,
): LbRecord {
  const lb: LbRecord = {
    id: state.nextLbId(),
    tenantId: partition.tenantId,
    region: partition.region,
    name: input.name,
    protocol: input.protocol,
    port: input.port,
    algorithm: input.algorithm,
    timeout: input.timeout,
    halfClosed: input.halfClosed,
    httpsRedirect: input.httpsRedirect,
    connectionLogging: input.connectionLogging,
    created: now,
    virtualIps: virtualIps(state, partition.region, input),
    metadata: input.metadata.map((m) => ({ id: state.nextNodeId(), ...m })),
    updated: now,
    nodes: input.nodes.map((node) => newNode(state, node)),
    healthMonitor: null,
    buildUntil: now + buildMs,
    busyUntil: 0,
    forcedStatus: null,
    deleteRequestedAt: null,
    deletedAt: null,
    purgeAt: null,
  };
  partition.lbs.set(lb.id, lb);
  state.lbs.set(lb.id, lb);
  return lb;
}

export interface FoundLb {
  readonly lb: LbRecord;
  readonly status: LbStatus;
}

/** The tenant's LB in that region with its status now, unless it does not exist or was purged. */
export function findLb(
  state: SimState,
  tenantId: string,
  region: string,
  rawId: string | undefined,
  now: number,
): FoundLb | undefined {
  const lb = state.findPartition(tenantId, region)?.lbs.get(Number(rawId));
  if (lb === undefined) return undefined;
  const status = lbStatusAt(lb, now, state.config.clbPendingSpelling);
  return status.gone ? undefined : { lb, status };
}
