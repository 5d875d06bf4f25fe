import { type Normalised, asId, asRecord } from './normalised.js';
import { type ObservedServer, SERVER_STATES, type ServerState } from './observed-state.js';
import { parseMetadataLbs } from './metadata-lbs.js';
import { groupIdOf } from './server-metadata.js';

const KNOWN_STATES = new Set<string>(SERVER_STATES.filter((s) => s !== 'UNKNOWN_TO_KELP'));

/** Nova `status` → state; `OS-EXT-STS:task_state` "deleting" means DELETED (otter `from_server_details_json`). */
function stateOf(json: Readonly<Record<string, unknown>>): ServerState {
  const taskState = json['OS-EXT-STS:task_state'];
  if (typeof taskState === 'string' && taskState.trim().toLowerCase() === 'deleting') return 'DELETED';
  const status = json['status'];
  return typeof status === 'string' && KNOWN_STATES.has(status) ? (status as ServerState) : 'UNKNOWN_TO_KELP';
}

/** The first private IPv4 address starting with `10.` (otter `_servicenet_address`), or null. */
export function servicenetAddressOf(json: Readonly<Record<string, unknown>>): string | null {
  const privateAddresses = asRecord(json['addresses'])?.['private'];
  if (!Array.isArray(privateAddresses)) return null;
  for (const entry of privateAddresses as unknown[]) {
    const address = asRecord(entry);
    const addr = address?.['addr'];
    const version = address?.['version'];
    if (typeof addr === 'string' && addr.startsWith('10.') && (version === 4 || version === undefined)) return addr;
  }
  return null;
}

function stringValues(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const record = asRecord(value);
  if (record === undefined) return out;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/**
 * One Nova server-details JSON object → an observed server of `groupId`; `undefined` when it belongs to no
 * group or another group (no problem reported), a string when it is this group's but unreadable.
 */
export function normaliseServer(json: unknown, groupId: string): ObservedServer | string | undefined {
  const server = asRecord(json);
  if (server === undefined) return 'server entry is not an object';
  const metadata = stringValues(server['metadata']);
  if (groupIdOf(metadata) !== groupId) return undefined;
  const id = asId(server['id']);
  if (id === undefined) return 'group server without an id';
  const created = server['created'];
  const createdMs = typeof created === 'string' ? Date.parse(created) : NaN;
  if (!Number.isFinite(createdMs)) return `server ${id}: missing or invalid "created"`;
  const name = server['name'];
  return {
    id,
    name: typeof name === 'string' ? name : '',
    state: stateOf(server),
    createdMs,
    servicenetAddress: servicenetAddressOf(server),
    metadata,
    metadataLbs: parseMetadataLbs(metadata),
  };
}

/**
 * Nova `GET servers/detail` pages (each `{"servers": [...]}`) → the servers of `groupId` (by
 * `rax:autoscale:group:id`, falling back to `rax:auto_scaling_group_id`). A server listed twice (e.g. in a
 * full listing and a `changes-since` listing) keeps its last occurrence, so pass the freshest pages last.
 */
export function normaliseServerPages(pages: readonly unknown[], groupId: string): Normalised<ObservedServer> {
  const byId = new Map<string, ObservedServer>();
  const problems: string[] = [];
  pages.forEach((page, pageIndex) => {
    const servers = asRecord(page)?.['servers'];
    if (!Array.isArray(servers)) {
      problems.push(`page ${pageIndex}: no "servers" list`);
      return;
    }
    for (const json of servers as unknown[]) {
      const result = normaliseServer(json, groupId);
      if (typeof result === 'string') problems.push(`page ${pageIndex}: ${result}`);
      else if (result !== undefined) {
        byId.delete(result.id);
        byId.set(result.id, result);
      }
    }
  });
  return { items: [...byId.values()], problems };
}

/**
 * Otter's server cache (behaviour 22): servers seen before but absent from a fresh full listing are kept
 * with state DELETED, so the nodes they left in load balancers are still cleaned up. Fresh entries win.
 */
export function markVanishedServers(
  previous: readonly ObservedServer[],
  fresh: readonly ObservedServer[],
): readonly ObservedServer[] {
  const freshIds = new Set(fresh.map((s) => s.id));
  const vanished = previous.filter((s) => !freshIds.has(s.id)).map((s) => ({ ...s, state: 'DELETED' as const }));
  return vanished.length === 0 ? fresh : [...fresh, ...vanished];
}
