import type { ServiceRequest } from '../../../../shared/request/service-request.js';
import type { Addresses } from '../../../../shared/messages/job-messages.js';

/**
 * Nova reads the jobs make besides the catalog steps: list servers by name (to find a server a job already
 * created) and get one server (to wait for ACTIVE, to read metadata and addresses before a delete).
 */
export function listServersByNameRequest(name: string): ServiceRequest {
  // Nova matches `name` as a regular expression and the simulator as a substring; the plain name works in
  // both and the caller keeps only exact matches.
  return {
    service: 'cloudServersOpenStack',
    method: 'GET',
    path: ['servers', 'detail'],
    query: { name },
    okStatus: [200, 203],
    reauthStatus: [401, 403],
  };
}

export function getServerRequest(serverId: string): ServiceRequest {
  return {
    service: 'cloudServersOpenStack',
    method: 'GET',
    path: ['servers', serverId],
    okStatus: [200, 203],
    reauthStatus: [401, 403],
  };
}

/** The fields of a Nova server the jobs read. */
export interface ServerView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly taskState: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly addresses: Addresses;
}

/** Reads a server object (`{server: {...}}` body's inner object or a list item); undefined when malformed. */
export function parseServer(value: unknown): ServerView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  if (typeof s['id'] !== 'string' || typeof s['name'] !== 'string') return undefined;
  const metadata: Record<string, string> = {};
  if (typeof s['metadata'] === 'object' && s['metadata'] !== null) {
    for (const [k, v] of Object.entries(s['metadata'] as Record<string, unknown>)) {
      if (typeof v === 'string') metadata[k] = v;
    }
  }
  const taskState = s['OS-EXT-STS:task_state'];
  return {
    id: s['id'],
    name: s['name'],
    status: typeof s['status'] === 'string' ? s['status'].toUpperCase() : 'UNKNOWN',
    taskState: typeof taskState === 'string' ? taskState : null,
    metadata,
    addresses: parseAddresses(s['addresses']),
  };
}

/** The `servers` of a list body, skipping malformed entries. */
export function parseServerList(body: unknown): readonly ServerView[] {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as { servers?: unknown }).servers;
  if (!Array.isArray(list)) return [];
  return (list as unknown[]).flatMap((item) => {
    const server = parseServer(item);
    return server === undefined ? [] : [server];
  });
}

function parseAddresses(value: unknown): Addresses {
  const out: Record<string, { addr: string; version?: number }[]> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [network, list] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    out[network] = (list as unknown[]).flatMap((entry) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { addr, version } = entry as { addr?: unknown; version?: unknown };
      if (typeof addr !== 'string') return [];
      return [typeof version === 'number' ? { addr, version } : { addr }];
    });
  }
  return out;
}

/**
 * The ServiceNet address CLB nodes use: the first IPv4 address on the `private` network starting with
 * `10.` (otter `_servicenet_address`), or undefined.
 */
export function serviceNetAddress(addresses: Addresses): string | undefined {
  for (const entry of addresses['private'] ?? []) {
    if ((entry.version === undefined || entry.version === 4) && entry.addr.startsWith('10.')) return entry.addr;
  }
  return undefined;
}
