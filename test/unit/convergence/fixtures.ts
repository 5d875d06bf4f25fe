import {
  type DesiredGroupState,
  DesiredGroupStateSchema,
  type LaunchConfig,
  LaunchConfigSchema,
} from '../../../shared/convergence/desired-state.js';
import type {
  ObservedClb,
  ObservedClbNode,
  ObservedRcV3Pool,
  ObservedServer,
  ObservedState,
  ServerState,
} from '../../../shared/convergence/observed-state.js';
import type { PlanContext } from '../../../shared/convergence/plan.js';
import { groupServerMetadata, newServerMetadata } from '../../../shared/convergence/server-metadata.js';
import { parseMetadataLbs } from '../../../shared/convergence/metadata-lbs.js';
import type { Step } from '../../../shared/steps/step.js';

/** Shared builders for the planner tests: one group, a fixed clock, readable ids. */
export const GROUP = 'group-1';
export const NOW = Date.parse('2026-01-01T12:00:00.000Z');
export const SEC = 1000;

export const LC_PLAIN: LaunchConfig = LaunchConfigSchema.parse({
  server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img-1', metadata: { owner: 'ops' } },
});

/** CLB 101 on port 80, CLB 202 on port 8080, RCv3 pool `pool-a`. */
export const LC_LBS: LaunchConfig = LaunchConfigSchema.parse({
  server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img-1' },
  loadBalancers: [
    { loadBalancerId: 101, port: 80 },
    { loadBalancerId: '202', port: 8080, type: 'CloudLoadBalancer' },
    { loadBalancerId: 'POOL-A', type: 'RackConnectV3' },
  ],
});

export function desired(
  capacity: number,
  launchConfig: LaunchConfig = LC_PLAIN,
  extra: { drainingTimeoutSec?: number; buildTimeoutSec?: number } = {},
): DesiredGroupState {
  return DesiredGroupStateSchema.parse({ capacity, launchConfig, ...extra });
}

export interface ServerOptions {
  readonly state?: ServerState;
  /** Age at NOW, in seconds (default 600). */
  readonly ageSec?: number;
  /** ServiceNet address; default `10.0.0.<n>` from the id's trailing number, null for none. */
  readonly address?: string | null;
  /** Launch config whose group metadata the server carries (default LC_PLAIN). */
  readonly lc?: LaunchConfig;
  /** Extra metadata, overriding the group's. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export function server(id: string, options: ServerOptions = {}): ObservedServer {
  const metadata = { ...groupServerMetadata(GROUP, options.lc ?? LC_PLAIN), ...options.metadata };
  const n = /(\d+)$/.exec(id)?.[1] ?? '0';
  return {
    id,
    name: `web-${id}`,
    state: options.state ?? 'ACTIVE',
    createdMs: NOW - (options.ageSec ?? 600) * SEC,
    servicenetAddress: options.address === undefined ? `10.0.0.${n}` : options.address,
    metadata,
    metadataLbs: parseMetadataLbs(metadata),
  };
}

export function node(
  nodeId: string,
  address: string,
  port: number,
  extra: Partial<Omit<ObservedClbNode, 'nodeId' | 'address' | 'port'>> = {},
): ObservedClbNode {
  return {
    nodeId,
    address,
    port,
    condition: 'ENABLED',
    weight: 1,
    type: 'PRIMARY',
    online: true,
    drainedAtMs: null,
    ...extra,
  };
}

export function clb(lbId: string, nodes: readonly ObservedClbNode[] = [], healthMonitor = false): ObservedClb {
  return { lbId, healthMonitor, nodes };
}

export function pool(poolId: string, serverIds: readonly string[] = []): ObservedRcV3Pool {
  return { poolId, members: serverIds.map((serverId, i) => ({ nodeId: `n${i}`, serverId })) };
}

export function observed(
  servers: readonly ObservedServer[],
  clbs: readonly ObservedClb[] = [],
  rcv3Pools: readonly ObservedRcV3Pool[] = [],
): ObservedState {
  return { servers, clbs, rcv3Pools };
}

/** A context with readable suffixes `as00000000`, `as00000001`, … and no step limits. */
export const CTX: PlanContext = {
  groupId: GROUP,
  serverSuffixes: (i) => `as${String(i).padStart(8, '0')}`,
  limits: {},
};

export function createStep(index: number, launchConfig: LaunchConfig = LC_PLAIN): Step {
  const { name, ...rest } = launchConfig.server;
  const suffix = `as${String(index).padStart(8, '0')}`;
  return {
    type: 'CreateServer',
    serverConfig: {
      server: {
        ...rest,
        name: name === undefined ? suffix : `${name}-${suffix}`,
        metadata: newServerMetadata(GROUP, launchConfig),
      },
    },
  };
}

export const del = (serverId: string): Step => ({ type: 'DeleteServer', serverId });
export const setMeta = (serverId: string, key: string, value: string): Step => ({
  type: 'SetMetadataItemOnServer',
  serverId,
  key,
  value,
});
export const removeClb = (lbId: string, ...nodeIds: string[]): Step => ({ type: 'RemoveNodesFromCLB', lbId, nodeIds });
export const drainNode = (
  lbId: string,
  nodeId: string,
  weight = 1,
  nodeType: 'PRIMARY' | 'SECONDARY' = 'PRIMARY',
): Step => ({
  type: 'ChangeCLBNode',
  lbId,
  nodeId,
  condition: 'DRAINING',
  weight,
  nodeType,
});
export const enableNode = (lbId: string, nodeId: string): Step => ({
  type: 'ChangeCLBNode',
  lbId,
  nodeId,
  condition: 'ENABLED',
  weight: 1,
  nodeType: 'PRIMARY',
});
export const addClb = (
  lbId: string,
  ...nodes: [address: string, port: number, condition?: 'ENABLED' | 'DRAINING'][]
): Step => ({
  type: 'AddNodesToCLB',
  lbId,
  nodes: nodes.map(([address, port, condition]) => ({
    address,
    port,
    condition: condition ?? 'ENABLED',
    weight: 1,
    type: 'PRIMARY',
  })),
});
export const rcv3Add = (...pairs: [poolId: string, serverId: string][]): Step => ({
  type: 'BulkAddToRCv3',
  pairs: pairs.map(([poolId, serverId]) => ({ poolId, serverId })),
});
export const rcv3Remove = (...pairs: [poolId: string, serverId: string][]): Step => ({
  type: 'BulkRemoveFromRCv3',
  pairs: pairs.map(([poolId, serverId]) => ({ poolId, serverId })),
});
