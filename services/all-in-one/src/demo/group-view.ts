import { z } from 'zod';
import type { Inventory } from '../../../cloud-sim/src/index.js';

/** Kelp's group tag on a server (`shared/convergence/server-metadata.ts`). */
const GROUP_ID_KEY = 'rax:autoscale:group:id';

/** One server of the group and where the load balancers have it. */
export interface GroupServer {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly publicIp: string | undefined;
  /** The ServiceNet (private) IPv4 address, where the CLB sends traffic. */
  readonly serviceNetIp: string | undefined;
  /** The CLB node at this server's ServiceNet address, if any: `condition/status`. */
  readonly clbNode: string | undefined;
  /** The RCv3 node of this server in the pool, if any: its status. */
  readonly poolNode: string | undefined;
}

export interface GroupView {
  readonly tenantId: string;
  readonly groupId: string;
  readonly servers: readonly GroupServer[];
  readonly clb: { readonly id: string; readonly name: string; readonly status: string; readonly nodes: number };
  readonly pool: { readonly id: string; readonly name: string; readonly nodes: number };
}

export interface GroupWhere {
  readonly tenantId: string;
  readonly groupId: string;
  readonly clbId: string;
  readonly poolId: string;
}

const ClbSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string(),
  status: z.string(),
  nodes: z
    .array(z.looseObject({ address: z.string(), port: z.number(), condition: z.string(), status: z.string() }))
    .default([]),
});

const PoolSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  nodes: z.array(z.looseObject({ status: z.string(), cloud_server: z.looseObject({ id: z.string() }) })).default([]),
});

const firstAddress = (addresses: Inventory['servers'][number]['addresses'], network: string): string | undefined =>
  addresses[network]?.find((a) => a.version === 4)?.addr;

/**
 * The group as the simulator holds it (pure): its live servers (not deleted, not being deleted), each with
 * its addresses and its membership of the CLB and the RCv3 pool, and those two load balancers' totals.
 */
export function groupView(inventory: Inventory, where: GroupWhere): GroupView {
  const clbRaw = inventory.loadBalancers.find(
    (lb) => String(lb['id']) === where.clbId && lb['tenantId'] === where.tenantId,
  );
  const poolRaw = inventory.pools.find((pool) => pool['id'] === where.poolId && pool['tenantId'] === where.tenantId);
  const clb = clbRaw === undefined ? undefined : ClbSchema.parse(clbRaw);
  const pool = poolRaw === undefined ? undefined : PoolSchema.parse(poolRaw);
  const servers = inventory.servers
    .filter((s) => s.tenantId === where.tenantId && s.metadata[GROUP_ID_KEY] === where.groupId)
    .filter((s) => !s.gone && s.taskState !== 'deleting')
    .map((s): GroupServer => {
      const serviceNetIp = firstAddress(s.addresses, 'private');
      const node = clb?.nodes.find((n) => n.address === serviceNetIp);
      const member = pool?.nodes.find((n) => n.cloud_server.id === s.id);
      return {
        id: s.id,
        name: s.name,
        status: s.status,
        publicIp: firstAddress(s.addresses, 'public'),
        serviceNetIp,
        clbNode: node === undefined ? undefined : `${node.condition}/${node.status}`,
        poolNode: member?.status,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    tenantId: where.tenantId,
    groupId: where.groupId,
    servers,
    clb: {
      id: where.clbId,
      name: clb?.name ?? '(missing)',
      status: clb?.status ?? 'MISSING',
      nodes: clb?.nodes.length ?? 0,
    },
    pool: { id: where.poolId, name: pool?.name ?? '(missing)', nodes: pool?.nodes.length ?? 0 },
  };
}

/**
 * What is wrong with the group for a converged group of `capacity` servers (pure): every server ACTIVE,
 * in the CLB and in the pool, and nothing else in either. Empty when all is well.
 */
export function groupProblems(view: GroupView, capacity: number): string[] {
  const problems: string[] = [];
  if (view.servers.length !== capacity) problems.push(`expected ${capacity} servers, found ${view.servers.length}`);
  for (const server of view.servers) {
    if (server.status !== 'ACTIVE') problems.push(`server ${server.name} is ${server.status}, not ACTIVE`);
    if (server.clbNode === undefined) problems.push(`server ${server.name} is not in CLB ${view.clb.id}`);
    if (server.poolNode === undefined) problems.push(`server ${server.name} is not in RCv3 pool ${view.pool.id}`);
  }
  if (view.clb.nodes !== capacity)
    problems.push(`CLB ${view.clb.id} has ${view.clb.nodes} nodes, expected ${capacity}`);
  if (view.pool.nodes !== capacity)
    problems.push(`RCv3 pool ${view.pool.id} has ${view.pool.nodes} nodes, expected ${capacity}`);
  return problems;
}
