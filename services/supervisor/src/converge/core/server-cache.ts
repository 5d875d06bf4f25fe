import type { ObservedServer, ObservedState } from '../../../../../shared/convergence/observed-state.js';
import { MAX_RECORDED_SERVERS, type GroupRecord } from '../../../../../shared/messages/converge-messages.js';
import type { LbSet } from './lb-readings.js';

/**
 * Otter's server cache (behaviour 22), kept in the group record: the servers the last cycle saw, so one
 * that vanishes from Nova's listing (deleted out of band) still has its load-balancer nodes removed.
 * Only the id and ServiceNet address are kept: that is all node clean-up matches on.
 */

/** The recorded servers as observed servers, to merge with `markVanishedServers` (which makes them DELETED). */
export function recordedServers(record: GroupRecord | undefined): readonly ObservedServer[] {
  return (record?.servers ?? []).map(([id, address]) => ({
    id,
    name: '',
    state: 'DELETED',
    createdMs: 0,
    servicenetAddress: address,
    metadata: {},
    metadataLbs: { clb: [], rcv3: [] },
  }));
}

/**
 * The servers the next record keeps: every server seen that is not deleted, and deleted or vanished ones
 * that are still in a load balancer (their removal is pending). Live servers first, then capped.
 */
export function serversToRecord(observed: ObservedState): GroupRecord['servers'] {
  const addresses = new Set<string>();
  for (const clb of observed.clbs) for (const node of clb.nodes) addresses.add(node.address);
  const members = new Set<string>();
  for (const pool of observed.rcv3Pools) for (const member of pool.members) members.add(member.serverId);
  const live: [string, string | null][] = [];
  const pending: [string, string | null][] = [];
  for (const server of observed.servers) {
    const entry: [string, string | null] = [server.id, server.servicenetAddress];
    if (server.state !== 'DELETED') live.push(entry);
    else if (members.has(server.id) || (server.servicenetAddress !== null && addresses.has(server.servicenetAddress))) {
      pending.push(entry);
    }
  }
  return [...live, ...pending].slice(0, MAX_RECORDED_SERVERS);
}

/** The record a cycle leaves: who ran, the server cache, and the load balancers that exist. */
export function buildRecord(
  me: { readonly jobId: string; readonly acceptedAt: string; readonly cycle: number },
  observed: ObservedState | undefined,
  lbs: LbSet,
  previous: GroupRecord | undefined,
): GroupRecord {
  return {
    jobId: me.jobId,
    acceptedAt: me.acceptedAt,
    cycle: me.cycle,
    servers: observed === undefined ? (previous?.servers ?? []) : serversToRecord(observed),
    lbs: { clb: [...lbs.clbs], rcv3: [...lbs.pools] },
  };
}
