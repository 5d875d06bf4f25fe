/**
 * Creating RCv3 pools, and answering "does this cloud server exist and is it usable" from Nova's data.
 */
import type { Partition, SimState } from '../state/sim-state.js';
import { viewServer } from '../nova/server-record.js';
import type { ServerState } from './bulk-pairs.js';
import type { PoolRecord } from './pool-record.js';

export interface PoolSeed {
  readonly id?: string;
  readonly name?: string;
  readonly port?: number;
  readonly status?: string;
}

export function addPool(state: SimState, partition: Partition, seed: PoolSeed): PoolRecord {
  const pool: PoolRecord = {
    id: (seed.id ?? state.random.uuid()).toLowerCase(),
    tenantId: partition.tenantId,
    region: partition.region,
    name: seed.name ?? 'default',
    port: seed.port ?? 80,
    virtualIp: state.nextAddresses(partition.region).public4,
    status: seed.status ?? 'ACTIVE',
    nodes: new Map(),
  };
  partition.pools.set(pool.id, pool);
  state.pools.set(pool.id, pool);
  return pool;
}

/** `ok` for an ACTIVE server that is not being deleted; `unprocessable` for BUILD/ERROR/deleting. */
export function cloudServerState(state: SimState, partition: Partition, serverId: string, now: number): ServerState {
  const server = partition.servers.get(serverId);
  if (server === undefined) return 'missing';
  const view = viewServer(server, now);
  if (view.gone) return 'missing';
  return view.status === 'ACTIVE' && !view.deleting ? 'ok' : 'unprocessable';
}
