import type { ObservedServer, ServerState } from './observed-state.js';
import { DRAINING_VALUE, SERVER_STATE_KEY } from './server-metadata.js';

/**
 * What planning does with a server, by its state (otter `get_destiny`, reference §7.4):
 * - `available`: ACTIVE, counts toward capacity, kept in its load balancers;
 * - `build`: BUILD, counts until the build timeout, then deleted and replaced;
 * - `wait`: transitional (reboots, resizes, rebuilds…), counts, waited for with a limited retry;
 * - `avoid-replacing`: needs a human (rescue, suspended…), counts, left alone;
 * - `delete`: ERROR/SHUTOFF, deleted (with its LB nodes) and replaced;
 * - `cleanup`: DELETED, its LB nodes removed;
 * - `drain`: ACTIVE/BUILD marked DRAINING, drained and deleted, not counted;
 * - `ignore`: unknown states, not counted, not touched.
 *
 * Kelp additions to otter's table: REBOOT waits (otter ignored it, so a soft reboot got a replacement) and
 * PAUSED is avoid-replacing.
 */
export type Destiny = 'available' | 'build' | 'wait' | 'avoid-replacing' | 'delete' | 'cleanup' | 'drain' | 'ignore';

const DESTINY_BY_STATE: { readonly [S in ServerState]: Destiny } = {
  ACTIVE: 'available',
  BUILD: 'build',
  HARD_REBOOT: 'wait',
  MIGRATING: 'wait',
  PASSWORD: 'wait',
  REBOOT: 'wait',
  REBUILD: 'wait',
  RESIZE: 'wait',
  REVERT_RESIZE: 'wait',
  RESCUE: 'avoid-replacing',
  VERIFY_RESIZE: 'avoid-replacing',
  SUSPENDED: 'avoid-replacing',
  PAUSED: 'avoid-replacing',
  SHUTOFF: 'delete',
  ERROR: 'delete',
  DELETED: 'cleanup',
  UNKNOWN: 'ignore',
  UNKNOWN_TO_KELP: 'ignore',
};

export function destinyOf(server: ObservedServer): Destiny {
  if ((server.state === 'ACTIVE' || server.state === 'BUILD') && isMarkedDraining(server)) return 'drain';
  return DESTINY_BY_STATE[server.state];
}

export function isMarkedDraining(server: ObservedServer): boolean {
  return server.metadata[SERVER_STATE_KEY] === DRAINING_VALUE;
}
