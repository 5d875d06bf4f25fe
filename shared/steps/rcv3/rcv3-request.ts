import type { ServiceRequest } from '../../request/service-request.js';
import type { RcV3Pair } from '../step.js';

/** Pool ids are case-insensitive: lower-cased for requests and comparisons. Server ids are not. */
export function normalizePairs(pairs: readonly RcV3Pair[]): readonly RcV3Pair[] {
  const seen = new Map<string, RcV3Pair>();
  for (const pair of pairs) {
    const normal = { poolId: pair.poolId.toLowerCase(), serverId: pair.serverId };
    seen.set(pairKey(normal), normal);
  }
  return [...seen.values()].sort((a, b) => compare(a.poolId, b.poolId) || compare(a.serverId, b.serverId));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const pairKey = (pair: RcV3Pair): string => JSON.stringify([pair.poolId.toLowerCase(), pair.serverId]);

/**
 * `POST` (add, success 201) or `DELETE` (remove, success 204) `load_balancer_pools/nodes` with the pairs
 * sorted by (pool, server); 409 is a success status too, because its body lists per-pair errors.
 */
export function rcv3BulkRequest(method: 'POST' | 'DELETE', pairs: readonly RcV3Pair[]): ServiceRequest {
  return {
    service: 'rackconnect',
    method,
    path: ['load_balancer_pools', 'nodes'],
    json: normalizePairs(pairs).map((pair) => ({
      cloud_server: { id: pair.serverId },
      load_balancer_pool: { id: pair.poolId },
    })),
    okStatus: method === 'POST' ? [201, 409] : [204, 409],
    reauthStatus: [401, 403],
  };
}

/** The pairs left after dropping `gone` (compared with pool ids lower-cased). */
export function withoutPairs(pairs: readonly RcV3Pair[], gone: readonly RcV3Pair[]): readonly RcV3Pair[] {
  const drop = new Set(gone.map(pairKey));
  return normalizePairs(pairs).filter((pair) => !drop.has(pairKey(pair)));
}
