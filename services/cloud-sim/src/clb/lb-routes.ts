/**
 * CLB load-balancer endpoints: create, list, get, delete, and the health monitor.
 */
import { isRecord, parseJson } from '../http/body.js';
import type { TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { CLB_TEXTS, clbError, clbValidationError } from './clb-errors.js';
import { lbFullJson, lbShortJson } from './lb-json.js';
import { applied, withLb } from './lb-guard.js';
import { lbStatusAt, markDeleted } from './lb-record.js';
import { addLoadBalancer, findLb } from './lb-store.js';
import { checkNodeLimits } from './node-rules.js';
import { parseLbCreate } from './parse-lb.js';

export function createLb(state: SimState, req: TenantRequest): Reply {
  const parsed = parseJson(req.body);
  if (!parsed.ok) return clbError(400, CLB_TEXTS.invalidJson);
  const checked = parseLbCreate(parsed.value);
  if (!checked.ok) return checked.reply;
  const limits = checkNodeLimits([], checked.input.nodes, state.config.clbNodeLimit);
  if (limits !== null) return limits;
  const partition = state.partition(req.tenantId, req.region);
  const lb = addLoadBalancer(state, partition, checked.input, req.now, state.config.clbImmutableMs);
  const status = lbStatusAt(lb, req.now, state.config.clbPendingSpelling);
  return jsonReply(202, { loadBalancer: lbFullJson(lb, status.status) });
}

export function listLbs(state: SimState, req: TenantRequest): Reply {
  const partition = state.findPartition(req.tenantId, req.region);
  const loadBalancers: Record<string, unknown>[] = [];
  for (const lb of partition?.lbs.values() ?? []) {
    const status = lbStatusAt(lb, req.now, state.config.clbPendingSpelling);
    if (!status.gone) loadBalancers.push(lbShortJson(lb, status.status));
  }
  return jsonReply(200, { loadBalancers });
}

export function getLb(state: SimState, req: TenantRequest): Reply {
  const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
  if (found === undefined) return clbError(404, CLB_TEXTS.lbNotFound);
  return jsonReply(200, { loadBalancer: lbFullJson(found.lb, found.status.status) });
}

export function deleteLb(state: SimState, req: TenantRequest): Reply {
  const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
  if (found === undefined) return clbError(404, CLB_TEXTS.lbNotFound);
  if (found.status.deleted) return clbError(422, CLB_TEXTS.deletedImmutable);
  if (found.status.status !== 'ACTIVE' && found.status.status !== 'ERROR') {
    return clbError(422, CLB_TEXTS.immutable(found.lb.id, found.status.status));
  }
  markDeleted(found.lb, req.now, state.config.clbImmutableMs, state.config.clbDeletedRetentionMs);
  state.counters.count(state.counters.clbMutationsApplied, String(found.lb.id));
  return emptyReply(202);
}

export const getHealthMonitor = withLb(false, (_state, _req, { lb }) =>
  jsonReply(200, { healthMonitor: lb.healthMonitor ?? {} }),
);

const MONITOR_TYPES = ['CONNECT', 'HTTP', 'HTTPS'];

export function putHealthMonitor(state: SimState, req: TenantRequest): Reply {
  const parsed = parseJson(req.body);
  if (!parsed.ok) return clbError(400, CLB_TEXTS.invalidJson);
  const body = parsed.value;
  if (
    !isRecord(body) ||
    !isRecord(body['healthMonitor']) ||
    !MONITOR_TYPES.includes(body['healthMonitor']['type'] as string)
  ) {
    return clbValidationError(['healthMonitor must be an object with a type of CONNECT, HTTP or HTTPS']);
  }
  const monitor = body['healthMonitor'];
  return withLb(true, (s, r, found) => {
    found.lb.healthMonitor = monitor;
    applied(s, found, r.now);
    return emptyReply(202);
  })(state, req);
}

export const deleteHealthMonitor = withLb(true, (state, req, found) => {
  found.lb.healthMonitor = null;
  applied(state, found, req.now);
  return emptyReply(202);
});
