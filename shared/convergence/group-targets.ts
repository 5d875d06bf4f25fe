import { type DesiredGroupState, isRcV3Config } from './desired-state.js';
import type { ClbMembership } from './metadata-lbs.js';
import { CLB_KEY_PREFIX, RCV3_KEY_PREFIX, groupServerMetadata } from './server-metadata.js';

/**
 * The group-wide targets every kept ACTIVE server is converged to, computed once per plan: the launch
 * config's load balancers (deduplicated, RCv3 ids lower-cased) and the metadata Kelp owns on each server.
 */
export interface GroupTargets {
  readonly groupId: string;
  readonly clb: readonly ClbMembership[];
  /** CLB id → configured ports. */
  readonly clbPorts: ReadonlyMap<string, ReadonlySet<number>>;
  /** Configured RCv3 pools, lower-cased, deduplicated, in config order. */
  readonly rcv3: readonly string[];
  readonly metadata: readonly (readonly [key: string, value: string])[];
  readonly buildTimeoutMs: number;
  readonly buildTimeoutSec: number;
}

export function isLbMetadataKey(key: string): boolean {
  return key.startsWith(CLB_KEY_PREFIX) || key.startsWith(RCV3_KEY_PREFIX);
}

export function groupTargets(groupId: string, desired: DesiredGroupState): GroupTargets {
  const clb: ClbMembership[] = [];
  const clbPorts = new Map<string, Set<number>>();
  const rcv3 = new Set<string>();
  for (const lb of desired.launchConfig.loadBalancers) {
    if (isRcV3Config(lb)) {
      rcv3.add(lb.loadBalancerId.toLowerCase());
      continue;
    }
    const ports = clbPorts.get(lb.loadBalancerId) ?? new Set<number>();
    clbPorts.set(lb.loadBalancerId, ports);
    if (ports.has(lb.port)) continue;
    ports.add(lb.port);
    clb.push({ lbId: lb.loadBalancerId, port: lb.port });
  }
  return {
    groupId,
    clb,
    clbPorts,
    rcv3: [...rcv3],
    metadata: Object.entries(groupServerMetadata(groupId, desired.launchConfig)),
    buildTimeoutMs: desired.buildTimeoutSec * 1000,
    buildTimeoutSec: desired.buildTimeoutSec,
  };
}
