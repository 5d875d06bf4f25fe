/**
 * Adding servers to a partition and looking them up (live = not gone).
 */
import type { CreateServerInput } from './parse-create.js';
import type { Partition, SimState } from '../state/sim-state.js';
import type { BuildPlan, ServerRecord } from './server-record.js';
import { buildPhases, viewServer } from './server-record.js';

export function addServer(
  state: SimState,
  partition: Partition,
  input: CreateServerInput,
  plan: BuildPlan,
  now: number,
): ServerRecord {
  const server: ServerRecord = {
    id: state.random.uuid(),
    tenantId: partition.tenantId,
    region: partition.region,
    name: input.name,
    imageRef: input.imageRef,
    flavorRef: input.flavorRef,
    diskConfig: input.diskConfig,
    keyName: input.keyName,
    adminPass: state.random.hex(12),
    created: now,
    seq: state.nextServerSeq(),
    addresses: state.nextAddresses(partition.region),
    hostId: state.random.hex(56),
    metadata: { ...input.metadata },
    metadataUpdatedAt: now,
    phases: buildPhases(plan, now, state.config.buildTimeMs),
    deleteRequestedAt: null,
    goneAt: null,
    version: 0,
    jsonCache: null,
  };
  partition.servers.set(server.id, server);
  state.servers.set(server.id, server);
  return server;
}

/** A server that still exists (not past its deletion), or undefined. */
export function findLiveServer(
  state: SimState,
  tenantId: string,
  region: string,
  id: string,
  now: number,
): ServerRecord | undefined {
  const server = state.findPartition(tenantId, region)?.servers.get(id);
  if (server === undefined || viewServer(server, now).gone) return undefined;
  return server;
}

/** Servers that count against the quota: not deleted or being deleted. */
export function countQuotaServers(partition: Partition, now: number): number {
  let count = 0;
  for (const server of partition.servers.values()) {
    const view = viewServer(server, now);
    if (!view.gone && !view.deleting) count += 1;
  }
  return count;
}

/** Marks a server deleted: `deleting` for `deleteTimeMs`, then gone. A second delete changes nothing. */
export function requestDelete(server: ServerRecord, now: number, deleteTimeMs: number): void {
  if (server.deleteRequestedAt !== null) return;
  server.deleteRequestedAt = now;
  server.goneAt = now + deleteTimeMs;
  server.version += 1;
}
