/**
 * Changes behind the APIs' backs: a server deleted or forced into a status, a CLB deleted, forced into a
 * status or losing a node, a node's health status, a pool's status, a tenant's tokens expired.
 */
import { AppError } from '../../../../shared/errors/app-error.js';
import type { LbRecord } from '../clb/lb-record.js';
import { forceLbStatus, lbStatusAt, markDeleted } from '../clb/lb-record.js';
import type { ServerRecord } from '../nova/server-record.js';
import { forceStatus, viewServer } from '../nova/server-record.js';
import type { SimState } from '../state/sim-state.js';
import { lbForceSchema, nodeStatusSchema, statusSchema } from './control-schemas.js';
import { notFound, validate } from './validate.js';

function liveServer(state: SimState, serverId: string, now: number): ServerRecord {
  const server = state.servers.get(serverId);
  if (server === undefined || viewServer(server, now).gone) throw notFound(`server ${serverId}`);
  return server;
}

function liveLb(state: SimState, lbId: number, now: number): LbRecord {
  const lb = state.lbs.get(lbId);
  if (lb === undefined || lbStatusAt(lb, now, state.config.clbPendingSpelling).gone)
    throw notFound(`load balancer ${lbId}`);
  return lb;
}

/** The server disappears at once (404 from now on). */
export function deleteServerOutOfBand(state: SimState, serverId: string, now: number): void {
  const server = liveServer(state, serverId, now);
  server.deleteRequestedAt ??= now;
  server.goneAt = now;
  server.version += 1;
}

export function setServerStatus(state: SimState, serverId: string, status: string, now: number): void {
  const input = validate(statusSchema, { status });
  forceStatus(liveServer(state, serverId, now), input.status, now);
}

/** PENDING_DELETE now, DELETED after the immutable time, purged after the retention time. */
export function deleteLoadBalancerOutOfBand(state: SimState, lbId: number, now: number): void {
  const lb = liveLb(state, lbId, now);
  if (lb.deleteRequestedAt !== null)
    throw AppError.nonRetryable('conflict', `load balancer ${lbId} is already deleted`);
  markDeleted(lb, now, state.config.clbImmutableMs, state.config.clbDeletedRetentionMs);
}

export function setLoadBalancerStatus(state: SimState, lbId: number, status: string | null, now: number): void {
  const input = validate(lbForceSchema, { status });
  forceLbStatus(liveLb(state, lbId, now), input.status, now);
}

export function removeClbNode(state: SimState, lbId: number, nodeId: number, now: number): void {
  const lb = liveLb(state, lbId, now);
  if (!lb.nodes.some((n) => n.id === nodeId)) throw notFound(`node ${nodeId} of load balancer ${lbId}`);
  lb.nodes = lb.nodes.filter((n) => n.id !== nodeId);
}

export function setClbNodeStatus(state: SimState, lbId: number, nodeId: number, status: string, now: number): void {
  const input = validate(nodeStatusSchema, { status });
  const node = liveLb(state, lbId, now).nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw notFound(`node ${nodeId} of load balancer ${lbId}`);
  node.status = input.status;
}

export function setPoolStatus(state: SimState, poolId: string, status: string): void {
  const input = validate(statusSchema, { status });
  const pool = state.pools.get(poolId.toLowerCase());
  if (pool === undefined) throw notFound(`pool ${poolId}`);
  pool.status = input.status;
}

export function expireTokens(state: SimState, tenantId: string): number {
  if (!state.identity.tenants.has(tenantId)) throw notFound(`tenant ${tenantId}`);
  return state.identity.expireTenant(tenantId);
}
