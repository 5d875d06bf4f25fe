/**
 * RackConnect v3 endpoints (paths below `/v3/{tenant}`): pools, pool nodes, and the bulk node calls.
 */
import { parseJson } from '../http/body.js';
import type { ServiceRoute, TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply, textReply } from '../http/reply.js';
import { Router } from '../http/router.js';
import type { SimState } from '../state/sim-state.js';
import { parsePairs, planBulk, RCV3_TEXTS } from './bulk-pairs.js';
import type { PoolRecord } from './pool-record.js';
import { poolJson, rcNodeJson, UUID_RE } from './pool-record.js';
import { cloudServerState } from './pool-store.js';

function findPool(state: SimState, req: TenantRequest): PoolRecord | Reply {
  const id = req.params['pool'] ?? '';
  if (!UUID_RE.test(id)) return textReply(400, RCV3_TEXTS.badFormat);
  const pool = state.findPartition(req.tenantId, req.region)?.pools.get(id.toLowerCase());
  return pool ?? textReply(404, RCV3_TEXTS.poolMissing(id));
}

const isPool = (value: PoolRecord | Reply): value is PoolRecord => 'nodes' in value;

export function listPools(state: SimState, req: TenantRequest): Reply {
  const pools = state.findPartition(req.tenantId, req.region)?.pools.values() ?? [];
  return jsonReply(200, [...pools].map(poolJson));
}

export function getPool(state: SimState, req: TenantRequest): Reply {
  const pool = findPool(state, req);
  return isPool(pool) ? jsonReply(200, poolJson(pool)) : pool;
}

export function listPoolNodes(state: SimState, req: TenantRequest): Reply {
  const pool = findPool(state, req);
  return isPool(pool)
    ? jsonReply(
        200,
        [...pool.nodes.values()].map((node) => rcNodeJson(node, req.now)),
      )
    : pool;
}

export function getPoolNode(state: SimState, req: TenantRequest): Reply {
  const pool = findPool(state, req);
  if (!isPool(pool)) return pool;
  const node = [...pool.nodes.values()].find((n) => n.id === req.params['node']);
  return node === undefined
    ? textReply(404, `Node ${req.params['node'] ?? ''} does not exist`)
    : jsonReply(200, rcNodeJson(node, req.now));
}

function bulk(kind: 'add' | 'remove') {
  return (state: SimState, req: TenantRequest): Reply => {
    const parsed = parseJson(req.body);
    const pairs = parsed.ok ? parsePairs(parsed.value) : null;
    if (pairs === null) return jsonReply(400, RCV3_TEXTS.badFormat);
    const partition = state.partition(req.tenantId, req.region);
    const plan = planBulk(kind, pairs, {
      pool: (id) => partition.pools.get(id),
      server: (id) => cloudServerState(state, partition, id, req.now),
    });
    if (!plan.ok) return jsonReply(409, { errors: plan.errors });
    if (kind === 'remove') {
      for (const { pool, serverId } of plan.pairs) pool.nodes.delete(serverId);
      return emptyReply(204);
    }
    const created = plan.pairs.map(({ pool, serverId }) => {
      const node = {
        id: state.random.uuid(),
        serverId,
        poolId: pool.id,
        created: req.now,
        activeAt: req.now + state.config.rcv3AddTimeMs,
      };
      pool.nodes.set(serverId, node);
      return rcNodeJson(node, req.now);
    });
    return jsonReply(201, created);
  };
}

const route = (handle: ServiceRoute['handle']): ServiceRoute => ({ handle });

export function createRcv3Router(): Router<ServiceRoute> {
  return new Router<ServiceRoute>()
    .add('GET', '/load_balancer_pools', route(listPools))
    .add('POST', '/load_balancer_pools/nodes', route(bulk('add')))
    .add('DELETE', '/load_balancer_pools/nodes', route(bulk('remove')))
    .add('GET', '/load_balancer_pools/{pool}', route(getPool))
    .add('GET', '/load_balancer_pools/{pool}/nodes', route(listPoolNodes))
    .add('GET', '/load_balancer_pools/{pool}/nodes/{node}', route(getPoolNode));
}
