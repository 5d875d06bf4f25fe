/**
 * RCv3 bulk add/remove (`POST|DELETE /load_balancer_pools/nodes`), pure: parse the pairs, then validate all
 * of them and either apply all or answer 409 with every problem (all or nothing). Beyond mimic: the cloud
 * server is checked against Nova, an empty list is a 400 (not a crash), and each pair joins its own pool.
 */
import { isRecord } from '../http/body.js';
import type { PoolRecord } from './pool-record.js';
import { UUID_RE } from './pool-record.js';

export const RCV3_TEXTS = {
  badFormat:
    'The input was not in the correct format. Please reference the documentation at http://docs.rcv3.apiary.io for further assistance.',
  poolMissing: (pool: string): string => `Load Balancer Pool ${pool} does not exist`,
  poolInactive: (pool: string): string => `Load Balancer Pool ${pool} is not in an ACTIVE state`,
  serverMissing: (server: string): string => `Cloud Server ${server} does not exist`,
  serverUnprocessable: (server: string): string => `Cloud Server ${server} is unprocessable`,
  alreadyMember: (server: string, pool: string): string =>
    `Cloud Server ${server} is already a member of Load Balancer Pool ${pool}`,
  notMember: (server: string, pool: string): string =>
    `Cloud Server ${server} is not a member of Load Balancer Pool ${pool}`,
} as const;

export interface PoolServerPair {
  readonly serverId: string;
  /** The pool id as the client wrote it (messages echo it). */
  readonly poolId: string;
}

/** Parses the body; null when it is not a non-empty list of well-formed pairs with UUID pool ids. */
export function parsePairs(body: unknown): PoolServerPair[] | null {
  if (!Array.isArray(body) || body.length === 0) return null;
  const pairs: PoolServerPair[] = [];
  for (const item of body) {
    if (!isRecord(item) || !isRecord(item['cloud_server']) || !isRecord(item['load_balancer_pool'])) return null;
    const serverId = item['cloud_server']['id'];
    const poolId = item['load_balancer_pool']['id'];
    if (typeof serverId !== 'string' || serverId === '' || typeof poolId !== 'string' || !UUID_RE.test(poolId))
      return null;
    pairs.push({ serverId, poolId });
  }
  return pairs;
}

export type ServerState = 'ok' | 'missing' | 'unprocessable';

export interface BulkLookups {
  pool(id: string): PoolRecord | undefined;
  server(id: string): ServerState;
}

export type BulkPlan =
  | { readonly ok: true; readonly pairs: readonly { readonly pool: PoolRecord; readonly serverId: string }[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export function planBulk(kind: 'add' | 'remove', pairs: readonly PoolServerPair[], lookups: BulkLookups): BulkPlan {
  const errors: string[] = [];
  const accepted: { pool: PoolRecord; serverId: string }[] = [];
  const seen = new Set<string>();
  const note = (message: string): void => {
    if (!errors.includes(message)) errors.push(message);
  };
  for (const pair of pairs) {
    const key = `${pair.poolId.toLowerCase()}|${pair.serverId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pool = lookups.pool(pair.poolId.toLowerCase());
    if (pool === undefined) {
      note(RCV3_TEXTS.poolMissing(pair.poolId));
      continue;
    }
    if (pool.status !== 'ACTIVE') {
      note(RCV3_TEXTS.poolInactive(pair.poolId));
      continue;
    }
    const member = pool.nodes.has(pair.serverId);
    if (kind === 'remove') {
      if (!member) note(RCV3_TEXTS.notMember(pair.serverId, pair.poolId));
      else accepted.push({ pool, serverId: pair.serverId });
      continue;
    }
    const server = lookups.server(pair.serverId);
    if (server === 'missing') note(RCV3_TEXTS.serverMissing(pair.serverId));
    else if (server === 'unprocessable') note(RCV3_TEXTS.serverUnprocessable(pair.serverId));
    else if (member) note(RCV3_TEXTS.alreadyMember(pair.serverId, pair.poolId));
    else accepted.push({ pool, serverId: pair.serverId });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pairs: accepted };
}
