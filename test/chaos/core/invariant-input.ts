/**
 * What the invariant checker reads: the simulator's inventory (structurally, only the fields it needs),
 * the job outcomes the harness collected from events, the groups' desired states and a baseline of
 * resources that existed before the scenario started.
 */
export interface InventoryServerView {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly status: string;
  readonly taskState: string | null;
  /** Deleted and gone (GET answers 404). */
  readonly gone: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  readonly addresses: Readonly<Record<string, readonly { readonly addr: string }[]>>;
}

export interface ClbNodeView {
  readonly id: number | string;
  readonly address: string;
  readonly port: number;
}

export interface LoadBalancerView {
  readonly id: number | string;
  readonly tenantId: string;
  readonly nodes?: readonly ClbNodeView[];
}

export interface PoolView {
  readonly id: string;
  readonly tenantId: string;
  readonly nodes: readonly { readonly id: string; readonly cloud_server: { readonly id: string } }[];
}

export interface InventoryView {
  readonly servers: readonly InventoryServerView[];
  readonly loadBalancers: readonly LoadBalancerView[];
  readonly pools: readonly PoolView[];
}

export type TerminalOutcome = 'succeeded' | 'failed';

/** One submitted job and what its events said. */
export interface JobRecord {
  readonly jobId: string;
  readonly tenantId: string;
  /** `launch-server`, `delete-server` or `converge-group`. */
  readonly type: string;
  readonly groupId: string;
  /** For delete-server: the server it deletes. */
  readonly serverId?: string;
  /** Every terminal event seen, in order (at-least-once delivery may repeat one). */
  readonly outcomes: readonly TerminalOutcome[];
  /** The `result` of the last terminal event that had one. */
  readonly result?: Readonly<Record<string, unknown>>;
}

export interface GroupDesired {
  readonly tenantId: string;
  readonly groupId: string;
  /** Servers the group must have once converged; null: only account for its servers. */
  readonly capacity: number | null;
}

/** Resources that existed before the scenario (seeded nodes, servers of earlier scenarios). */
export interface Baseline {
  readonly serverIds: ReadonlySet<string>;
  /** `<lbId>/<nodeId>` */
  readonly clbNodes: ReadonlySet<string>;
  /** `<poolId>/<serverId>` */
  readonly rcv3Members: ReadonlySet<string>;
}

export interface MetadataKeys {
  /** The metadata key carrying the id of the job that created a server (the supervisor's). */
  readonly jobId: string;
  readonly groupId: string;
}

export interface InvariantInput {
  readonly inventory: InventoryView;
  readonly jobs: readonly JobRecord[];
  readonly groups: readonly GroupDesired[];
  readonly baseline: Baseline;
  readonly keys: MetadataKeys;
}

export const EMPTY_BASELINE: Baseline = { serverIds: new Set(), clbNodes: new Set(), rcv3Members: new Set() };

/** A baseline of everything in an inventory. */
export function baselineOf(inventory: InventoryView): Baseline {
  return {
    serverIds: new Set(inventory.servers.map((server) => server.id)),
    clbNodes: new Set(inventory.loadBalancers.flatMap((lb) => (lb.nodes ?? []).map((node) => `${lb.id}/${node.id}`))),
    rcv3Members: new Set(
      inventory.pools.flatMap((pool) => pool.nodes.map((node) => `${pool.id}/${node.cloud_server.id}`)),
    ),
  };
}
