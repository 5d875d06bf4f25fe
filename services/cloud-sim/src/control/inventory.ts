/**
 * A snapshot of everything the simulator holds (secrets left out), for assertions.
 */
import { lbFullJson } from '../clb/lb-json.js';
import { lbStatusAt } from '../clb/lb-record.js';
import { isoSeconds } from '../clock.js';
import { addressesJson } from '../nova/server-json.js';
import { viewServer } from '../nova/server-record.js';
import { poolJson, rcNodeJson } from '../rcv3/pool-record.js';
import type { SimState } from '../state/sim-state.js';
import type { InventoryFilter } from './control-schemas.js';
import { inventoryFilterSchema } from './control-schemas.js';
import { validate } from './validate.js';

export interface InventoryServer {
  readonly tenantId: string;
  readonly region: string;
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly taskState: string | null;
  /** Deleted and gone (GET answers 404). */
  readonly gone: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  readonly addresses: Readonly<Record<string, readonly { addr: string; version: number }[]>>;
  readonly created: string;
  readonly updated: string;
}

export interface Inventory {
  readonly now: string;
  readonly tenants: readonly { readonly tenantId: string; readonly username: string }[];
  readonly servers: readonly InventoryServer[];
  readonly loadBalancers: readonly Record<string, unknown>[];
  readonly pools: readonly Record<string, unknown>[];
}

export function inventory(state: SimState, raw: InventoryFilter, now: number): Inventory {
  const filter = validate(inventoryFilterSchema, raw);
  const servers: InventoryServer[] = [];
  const loadBalancers: Record<string, unknown>[] = [];
  const pools: Record<string, unknown>[] = [];
  for (const partition of state.partitions.values()) {
    if (filter.tenantId !== undefined && partition.tenantId !== filter.tenantId) continue;
    if (filter.region !== undefined && partition.region !== filter.region) continue;
    const where = { tenantId: partition.tenantId, region: partition.region };
    for (const server of partition.servers.values()) {
      const view = viewServer(server, now);
      servers.push({
        ...where,
        id: server.id,
        name: server.name,
        status: view.status,
        taskState: view.taskState,
        gone: view.gone,
        metadata: { ...server.metadata },
        addresses: addressesJson(server),
        created: isoSeconds(server.created),
        updated: isoSeconds(view.updated),
      });
    }
    for (const lb of partition.lbs.values()) {
      const status = lbStatusAt(lb, now, state.config.clbPendingSpelling);
      if (!status.gone) loadBalancers.push({ ...where, ...lbFullJson(lb, status.status) });
    }
    for (const pool of partition.pools.values()) {
      pools.push({ ...where, ...poolJson(pool), nodes: [...pool.nodes.values()].map((n) => rcNodeJson(n, now)) });
    }
  }
  const tenants = [...state.identity.tenants.entries()]
    .filter(([tenantId]) => filter.tenantId === undefined || tenantId === filter.tenantId)
    .map(([tenantId, username]) => ({ tenantId, username }));
  return { now: isoSeconds(now), tenants, servers, loadBalancers, pools };
}
