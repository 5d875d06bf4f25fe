/**
 * RackConnect v3 load-balancer pools and their nodes. Pool ids are lower-case UUIDs and compared without
 * regard to case. A node is ADDING for `rcv3AddTimeMs`, then ACTIVE.
 */
import { isoSeconds } from '../clock.js';

export interface RcNodeRecord {
  readonly id: string;
  readonly serverId: string;
  readonly poolId: string;
  readonly created: number;
  readonly activeAt: number;
}

export interface PoolRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly region: string;
  readonly name: string;
  readonly port: number;
  readonly virtualIp: string;
  status: string;
  /** server id → node, in insertion order. */
  readonly nodes: Map<string, RcNodeRecord>;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function rcNodeJson(node: RcNodeRecord, now: number): Record<string, unknown> {
  const active = now >= node.activeAt;
  return {
    id: node.id,
    created: isoSeconds(node.created),
    updated: active && node.activeAt > node.created ? isoSeconds(node.activeAt) : null,
    status: active ? 'ACTIVE' : 'ADDING',
    status_detail: null,
    load_balancer_pool: { id: node.poolId },
    cloud_server: { id: node.serverId },
  };
}

export function poolJson(pool: PoolRecord): Record<string, unknown> {
  return {
    id: pool.id,
    name: pool.name,
    port: pool.port,
    status: pool.status,
    status_detail: null,
    virtual_ip: pool.virtualIp,
    node_counts: { cloud_servers: pool.nodes.size, external: 0, total: pool.nodes.size },
  };
}
