import { CLB_NODE_CONDITIONS, CLB_NODE_TYPES } from '../steps/step.js';
import { type Normalised, asId, asRecord } from './normalised.js';
import type { ObservedClbNode, ObservedRcV3Member } from './observed-state.js';

type ClbNodeCondition = (typeof CLB_NODE_CONDITIONS)[number];
type ClbNodeType = (typeof CLB_NODE_TYPES)[number];

const DECIMAL = /^\d{1,19}$/;
/** CLBs in these states are gone for planning (CLB lists deleted LBs for a while). */
const GONE_CLB_STATUSES = new Set(['DELETED', 'PENDING_DELETE']);

function listOf(json: unknown, key: string | null): unknown[] | undefined {
  const list = key === null ? json : asRecord(json)?.[key];
  return Array.isArray(list) ? (list as unknown[]) : undefined;
}

/** `GET loadbalancers` → the ids of the tenant's CLBs that exist (not DELETED / PENDING_DELETE). */
export function normaliseClbList(json: unknown): Normalised<string> {
  const list = listOf(json, 'loadBalancers');
  if (list === undefined) return { items: [], problems: ['no "loadBalancers" list'] };
  const items: string[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const lb = asRecord(entry);
    const id = asId(lb?.['id']);
    if (id === undefined || !DECIMAL.test(id)) problems.push(`loadBalancers[${i}]: missing or invalid id`);
    else if (!GONE_CLB_STATUSES.has(String(lb?.['status']))) items.push(id);
  });
  return { items, problems };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | undefined {
  if (value === undefined || value === null) return fallback;
  return allowed.find((a) => a === value);
}

/**
 * `GET loadbalancers/<lbId>/nodes` (`{"nodes": [...]}`) → nodes (otter `CLBNode.from_node_json`). A node
 * without a decimal id, an address or an integer port, or with an unknown condition/type, is skipped; a
 * missing condition, type or weight defaults to ENABLED, PRIMARY, 1. `drainedAtMs` comes from the node's
 * atom feed when the gatherer read it (see `drainedAtFromFeed`).
 */
export function normaliseClbNodes(
  json: unknown,
  drainedAtMs: (nodeId: string) => number | null = () => null,
): Normalised<ObservedClbNode> {
  const list = listOf(json, 'nodes');
  if (list === undefined) return { items: [], problems: ['no "nodes" list'] };
  const items: ObservedClbNode[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const node = asRecord(entry) ?? {};
    const nodeId = asId(node['id']);
    const address = node['address'];
    const port = node['port'];
    const condition = oneOf<ClbNodeCondition>(node['condition'], CLB_NODE_CONDITIONS, 'ENABLED');
    const type = oneOf<ClbNodeType>(node['type'], CLB_NODE_TYPES, 'PRIMARY');
    const weight = node['weight'];
    if (nodeId === undefined || !DECIMAL.test(nodeId)) problems.push(`nodes[${i}]: missing or invalid id`);
    else if (typeof address !== 'string' || address === '') problems.push(`node ${nodeId}: missing address`);
    else if (typeof port !== 'number' || !Number.isInteger(port)) problems.push(`node ${nodeId}: invalid port`);
    else if (condition === undefined || type === undefined) problems.push(`node ${nodeId}: unknown condition or type`);
    else {
      items.push({
        nodeId,
        address,
        port,
        condition,
        type,
        weight: typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= 100 ? weight : 1,
        online: node['status'] === 'ONLINE',
        drainedAtMs: condition === 'DRAINING' ? drainedAtMs(nodeId) : null,
      });
    }
  });
  return { items, problems };
}

/** `GET loadbalancers/<id>/healthmonitor` → whether one is configured (a non-empty `healthMonitor` object). */
export function hasHealthMonitor(json: unknown): boolean {
  const monitor = asRecord(asRecord(json)?.['healthMonitor']);
  return monitor !== undefined && Object.keys(monitor).length > 0;
}

/** `GET load_balancer_pools` (a bare array) → the pool ids, lower-cased (RCv3 ids are case-insensitive). */
export function normaliseRcV3Pools(json: unknown): Normalised<string> {
  const list = listOf(json, null);
  if (list === undefined) return { items: [], problems: ['pool list is not an array'] };
  const items: string[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const id = asRecord(entry)?.['id'];
    if (typeof id === 'string' && id !== '') items.push(id.toLowerCase());
    else problems.push(`pools[${i}]: missing id`);
  });
  return { items, problems };
}

/**
 * `GET load_balancer_pools/<pool>/nodes` (a bare array) → members (otter `RCv3Node`). Entries without a
 * `cloud_server.id` (external nodes) are skipped silently; entries that are not objects are reported.
 */
export function normaliseRcV3PoolNodes(json: unknown): Normalised<ObservedRcV3Member> {
  const list = listOf(json, null);
  if (list === undefined) return { items: [], problems: ['pool node list is not an array'] };
  const items: ObservedRcV3Member[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const node = asRecord(entry);
    if (node === undefined) {
      problems.push(`nodes[${i}]: not an object`);
      return;
    }
    const serverId = asId(asRecord(node['cloud_server'])?.['id']);
    if (serverId !== undefined) items.push({ nodeId: asId(node['id']) ?? '', serverId });
  });
  return { items, problems };
}
