import { type LaunchConfig, isRcV3Config } from './desired-state.js';

/**
 * The server metadata otter and Kelp write and read (reference §1.1, §7.2): both group-id keys, one key per
 * load balancer (CLB values are Python-style JSON port lists, RCv3 values are empty), and the draining mark.
 */
export const GROUP_ID_KEY = 'rax:autoscale:group:id';
export const LEGACY_GROUP_ID_KEY = 'rax:auto_scaling_group_id';
export const CLB_KEY_PREFIX = 'rax:autoscale:lb:CloudLoadBalancer:';
export const RCV3_KEY_PREFIX = 'rax:autoscale:lb:RackConnectV3:';
export const SERVER_STATE_KEY = 'rax:autoscale:server:state';
export const DRAINING_VALUE = 'DRAINING';
/**
 * Kelp's own key: when Kelp started draining the server (ISO 8601). Used as the drain start of a DRAINING
 * node whose atom feed gave no time, so draining never depends on feed reading (see Note [Drain clock]).
 */
export const DRAINING_SINCE_KEY = 'kelp:draining-since';

/** Reads the group id: the new key wins over the legacy one (behaviour 2). */
export function groupIdOf(metadata: Readonly<Record<string, unknown>>): string | undefined {
  const id = metadata[GROUP_ID_KEY] ?? metadata[LEGACY_GROUP_ID_KEY];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** `'[{"port": 80}, {"port": 8080}]'`: Python's default `json.dumps` separators (behaviour 3). */
export function formatClbPorts(ports: readonly number[]): string {
  return `[${ports.map((p) => `{"port": ${p}}`).join(', ')}]`;
}

/**
 * The metadata keys Kelp owns on every server of the group, with their values for this launch config:
 * both group-id keys and one key per configured load balancer (ports in config order, deduplicated; RCv3
 * pool ids lower-cased, as RCv3 compares them).
 */
export function groupServerMetadata(groupId: string, launchConfig: LaunchConfig): Readonly<Record<string, string>> {
  const clbPorts = new Map<string, number[]>();
  const metadata: Record<string, string> = { [LEGACY_GROUP_ID_KEY]: groupId, [GROUP_ID_KEY]: groupId };
  for (const lb of launchConfig.loadBalancers) {
    if (isRcV3Config(lb)) {
      metadata[RCV3_KEY_PREFIX + lb.loadBalancerId.toLowerCase()] = '';
      continue;
    }
    const ports = clbPorts.get(lb.loadBalancerId) ?? [];
    if (!ports.includes(lb.port)) ports.push(lb.port);
    clbPorts.set(lb.loadBalancerId, ports);
  }
  for (const [lbId, ports] of clbPorts) metadata[CLB_KEY_PREFIX + lbId] = formatClbPorts(ports);
  return metadata;
}

/** The full metadata of a new server: the user's, overlaid with the group's keys (otter `generate_metadata`). */
export function newServerMetadata(groupId: string, launchConfig: LaunchConfig): Readonly<Record<string, string>> {
  return { ...launchConfig.server.metadata, ...groupServerMetadata(groupId, launchConfig) };
}
