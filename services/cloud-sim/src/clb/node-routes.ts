/**
 * CLB node endpoints: batch add, list, get, update, delete one, bulk delete by `?id=`. Every successful
 * mutation (including node updates, beyond mimic) makes the LB PENDING_UPDATE for the configured time.
 */
import { parseJson, isRecord } from '../http/body.js';
import type { TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { checkBulkDelete } from './bulk-delete.js';
import { CLB_TEXTS, clbError } from './clb-errors.js';
import { nodeJson } from './lb-json.js';
import { applied, guardLb, isReply, withLb } from './lb-guard.js';
import { findLb, newNode } from './lb-store.js';
import { checkNodeLimits, parseNodeList, parseNodeUpdate } from './node-rules.js';

export function addNodes(state: SimState, req: TenantRequest): Reply {
  const parsed = parseJson(req.body);
  if (!parsed.ok) return clbError(400, CLB_TEXTS.invalidJson);
  const nodes = parseNodeList(isRecord(parsed.value) ? parsed.value['nodes'] : undefined);
  if (!nodes.ok) return nodes.reply;
  const found = guardLb(state, req, true);
  if (isReply(found)) return found;
  const limits = checkNodeLimits(found.lb.nodes, nodes.nodes, state.config.clbNodeLimit);
  if (limits !== null) return limits;
  const created = nodes.nodes.map((node) => newNode(state, node));
  found.lb.nodes = [...found.lb.nodes, ...created];
  applied(state, found, req.now);
  return jsonReply(202, { nodes: created.map(nodeJson) });
}

export const listNodes = withLb(false, (_state, _req, { lb }) => jsonReply(200, { nodes: lb.nodes.map(nodeJson) }));

export const getNode = withLb(false, (_state, req, { lb }) => {
  const node = lb.nodes.find((n) => String(n.id) === req.params['node']);
  return node === undefined ? clbError(404, CLB_TEXTS.nodeNotFound) : jsonReply(200, { node: nodeJson(node) });
});

export function updateNode(state: SimState, req: TenantRequest): Reply {
  const parsed = parseJson(req.body);
  const update = parseNodeUpdate(parsed.ok ? parsed.value : undefined);
  if (!update.ok) return update.reply;
  const found = guardLb(state, req, true);
  if (isReply(found)) return found;
  const nodeId = req.params['node'] ?? '';
  const node = found.lb.nodes.find((n) => String(n.id) === nodeId);
  if (node === undefined) return clbError(404, CLB_TEXTS.nodeNotFoundForUpdate(nodeId, String(found.lb.id)));
  Object.assign(node, update.update);
  applied(state, found, req.now);
  return emptyReply(202);
}

export const deleteNode = withLb(true, (state, req, found) => {
  const nodeId = req.params['node'];
  if (!found.lb.nodes.some((n) => String(n.id) === nodeId)) return clbError(404, CLB_TEXTS.nodeNotFound);
  found.lb.nodes = found.lb.nodes.filter((n) => String(n.id) !== nodeId);
  applied(state, found, req.now);
  return emptyReply(202);
});

export function bulkDeleteNodes(state: SimState, req: TenantRequest): Reply {
  const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
  const check = checkBulkDelete(req.query.getAll('id'), found?.lb, found?.status);
  if (!check.ok || found === undefined) return check.ok ? clbError(404, CLB_TEXTS.lbNotFound) : check.reply;
  found.lb.nodes = found.lb.nodes.filter((n) => !check.ids.has(n.id));
  applied(state, found, req.now);
  return emptyReply(202);
}
