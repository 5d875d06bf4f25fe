import type { LoadBalancerConfig, LbMembership } from '../../../../shared/messages/job-messages.js';
import { pythonJsonDumps } from './python-json.js';
import {
  CLB_METADATA_PREFIX,
  GROUP_ID_METADATA_KEY,
  JOB_ID_METADATA_KEY,
  LEGACY_GROUP_ID_METADATA_KEY,
  RCV3_METADATA_PREFIX,
} from './server-identity.js';

/** Nova's limit on metadata items per server. */
export const MAX_METADATA_ITEMS = 40;

/**
 * The server's metadata (otter `generate_metadata`): the user's, overlaid with both group-id keys, the
 * job id, and one key per load balancer — CLB: the Python-JSON list of `{"port": p}` for every configured
 * port of that CLB, in config order; RCv3: the empty string.
 */
export function launchMetadata(
  userMetadata: Readonly<Record<string, string>> | undefined,
  groupId: string,
  jobId: string,
  loadBalancers: readonly LoadBalancerConfig[],
): Record<string, string> {
  const metadata: Record<string, string> = { ...userMetadata };
  metadata[LEGACY_GROUP_ID_METADATA_KEY] = groupId;
  metadata[GROUP_ID_METADATA_KEY] = groupId;
  metadata[JOB_ID_METADATA_KEY] = jobId;
  const clbPorts = new Map<string, { port: number }[]>();
  for (const lb of loadBalancers) {
    if (lb.type === 'CloudLoadBalancer') {
      const ports = clbPorts.get(lb.loadBalancerId) ?? [];
      ports.push({ port: lb.port });
      clbPorts.set(lb.loadBalancerId, ports);
    } else {
      metadata[`${RCV3_METADATA_PREFIX}${lb.loadBalancerId}`] = '';
    }
  }
  for (const [lbId, ports] of clbPorts) metadata[`${CLB_METADATA_PREFIX}${lbId}`] = pythonJsonDumps(ports);
  return metadata;
}

/**
 * The load balancers a server's metadata says it belongs to (the inverse of `launchMetadata`). Keys whose
 * value cannot be read are reported in `unreadable` rather than guessed.
 */
export function membershipsFromMetadata(metadata: Readonly<Record<string, unknown>>): {
  readonly memberships: readonly LbMembership[];
  readonly unreadable: readonly string[];
} {
  const memberships: LbMembership[] = [];
  const unreadable: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith(RCV3_METADATA_PREFIX) && key.length > RCV3_METADATA_PREFIX.length) {
      memberships.push({ type: 'RackConnectV3', loadBalancerId: key.slice(RCV3_METADATA_PREFIX.length) });
    } else if (key.startsWith(CLB_METADATA_PREFIX)) {
      const lbId = key.slice(CLB_METADATA_PREFIX.length);
      const ports = parsePorts(value);
      if (!/^\d{1,19}$/.test(lbId) || ports === undefined) unreadable.push(key);
      else for (const port of ports) memberships.push({ type: 'CloudLoadBalancer', loadBalancerId: lbId, port });
    }
  }
  return { memberships, unreadable };
}

function parsePorts(value: unknown): readonly number[] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const ports: number[] = [];
  for (const item of parsed as unknown[]) {
    const port = typeof item === 'object' && item !== null ? (item as { port?: unknown }).port : undefined;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
    ports.push(port);
  }
  return ports;
}
