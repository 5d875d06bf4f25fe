import type { InventoryServerView, InvariantInput, JobRecord } from './invariant-input.js';

/**
 * Note [Invariants]: checked after every scenario.
 * 1. every job reached a terminal state, and never both `succeeded` and `failed`;
 * 2. no two live servers carry one launch job's id (the supervisor's job-id metadata key);
 * 3. every live server, CLB node and RCv3 member is accounted for: a server by the baseline, by the
 *    launch job whose result names it (succeeded, or failed but reporting it kept), by a launch job still
 *    running (already a violation of 1), or by a group whose desired state is given; a server a
 *    succeeded delete-server job removed must not be live. A CLB node is accounted for when its address
 *    belongs to an accounted live server, an RCv3 member when its server is one;
 * 4. a group with a desired capacity has exactly that many live servers.
 * A server is live unless it is gone, deleting or DELETED.
 */
export type Violation =
  | { readonly kind: 'job-not-terminal'; readonly jobId: string; readonly detail: string }
  | { readonly kind: 'job-conflicting-outcomes'; readonly jobId: string; readonly detail: string }
  | { readonly kind: 'duplicate-server'; readonly jobId: string; readonly serverIds: readonly string[] }
  | { readonly kind: 'leaked-server'; readonly serverId: string; readonly detail: string }
  | { readonly kind: 'leaked-clb-node'; readonly lbId: string; readonly nodeId: string; readonly detail: string }
  | { readonly kind: 'leaked-rcv3-member'; readonly poolId: string; readonly serverId: string; readonly detail: string }
  | { readonly kind: 'group-not-converged'; readonly groupId: string; readonly detail: string };

export type ViolationKind = Violation['kind'];

export function isLive(server: InventoryServerView): boolean {
  return !server.gone && server.taskState !== 'deleting' && server.status !== 'DELETED';
}

export function checkInvariants(input: InvariantInput): readonly Violation[] {
  const { inventory, jobs, groups, baseline, keys } = input;
  const violations: Violation[] = [];
  const jobsById = new Map(jobs.map((job) => [job.jobId, job]));

  for (const job of jobs) {
    if (job.outcomes.length === 0) {
      violations.push({
        kind: 'job-not-terminal',
        jobId: job.jobId,
        detail: `${job.type} for ${job.tenantId}/${job.groupId}`,
      });
    } else if (new Set(job.outcomes).size > 1) {
      violations.push({ kind: 'job-conflicting-outcomes', jobId: job.jobId, detail: job.outcomes.join(', ') });
    }
  }

  const live = inventory.servers.filter(isLive);
  const byJob = new Map<string, string[]>();
  for (const server of live) {
    const jobId = server.metadata[keys.jobId];
    if (jobId === undefined || jobsById.get(jobId)?.type === 'converge-group') continue;
    byJob.set(jobId, [...(byJob.get(jobId) ?? []), server.id]);
  }
  for (const [jobId, serverIds] of byJob) {
    if (serverIds.length > 1) violations.push({ kind: 'duplicate-server', jobId, serverIds: [...serverIds].sort() });
  }

  const deletedBy = new Map<string, string>();
  for (const job of jobs) {
    if (job.type === 'delete-server' && job.serverId !== undefined && job.outcomes.includes('succeeded')) {
      deletedBy.set(job.serverId, job.jobId);
    }
  }
  const groupKeys = new Set(groups.map((group) => `${group.tenantId}/${group.groupId}`));
  const accounted = new Set<string>();
  for (const server of live) {
    const why = leakReason(server, input, jobsById, groupKeys, deletedBy.get(server.id));
    if (why === null) accounted.add(server.id);
    else violations.push({ kind: 'leaked-server', serverId: server.id, detail: why });
  }

  const accountedAddresses = new Set(
    live.filter((server) => accounted.has(server.id)).flatMap((server) => addressesOf(server)),
  );
  for (const lb of inventory.loadBalancers) {
    for (const node of lb.nodes ?? []) {
      const key = `${lb.id}/${node.id}`;
      if (baseline.clbNodes.has(key) || accountedAddresses.has(node.address)) continue;
      violations.push({
        kind: 'leaked-clb-node',
        lbId: String(lb.id),
        nodeId: String(node.id),
        detail: `${node.address}:${node.port} matches no accounted live server`,
      });
    }
  }
  for (const pool of inventory.pools) {
    for (const node of pool.nodes) {
      const serverId = node.cloud_server.id;
      if (baseline.rcv3Members.has(`${pool.id}/${serverId}`) || accounted.has(serverId)) continue;
      violations.push({
        kind: 'leaked-rcv3-member',
        poolId: pool.id,
        serverId,
        detail: 'server is not an accounted live server',
      });
    }
  }

  for (const group of groups) {
    if (group.capacity === null) continue;
    const count = live.filter(
      (server) => server.tenantId === group.tenantId && server.metadata[keys.groupId] === group.groupId,
    ).length;
    if (count !== group.capacity) {
      violations.push({
        kind: 'group-not-converged',
        groupId: group.groupId,
        detail: `${count} live servers, desired ${group.capacity}`,
      });
    }
  }
  return violations;
}

/** Why a live server is not accounted for, or null when it is. */
function leakReason(
  server: InventoryServerView,
  input: InvariantInput,
  jobsById: ReadonlyMap<string, JobRecord>,
  groupKeys: ReadonlySet<string>,
  deletedByJob: string | undefined,
): string | null {
  if (deletedByJob !== undefined) return `delete-server job ${deletedByJob} succeeded but the server is live`;
  if (input.baseline.serverIds.has(server.id)) return null;
  const groupId = server.metadata[input.keys.groupId];
  if (groupId !== undefined && groupKeys.has(`${server.tenantId}/${groupId}`)) return null;
  const jobId = server.metadata[input.keys.jobId];
  if (jobId === undefined) return `${server.name}: no job-id metadata and no known group`;
  const job = jobsById.get(jobId);
  if (job === undefined) return `${server.name}: job ${jobId} was never submitted`;
  if (job.outcomes.length === 0) return null;
  if (job.result?.['serverId'] === server.id) return null;
  const outcome = job.outcomes.at(-1) ?? 'unknown';
  return `${server.name}: job ${jobId} ${outcome} without naming this server`;
}

function addressesOf(server: InventoryServerView): string[] {
  return Object.values(server.addresses).flatMap((list) => list.map((entry) => entry.addr));
}

/** The table's counters from a list of violations. */
export interface ViolationCounts {
  readonly jobsLost: number;
  readonly serversDuplicated: number;
  readonly resourcesLeaked: number;
  readonly other: number;
}

export function countViolations(violations: readonly Violation[]): ViolationCounts {
  let jobsLost = 0;
  let serversDuplicated = 0;
  let resourcesLeaked = 0;
  let other = 0;
  for (const violation of violations) {
    switch (violation.kind) {
      case 'job-not-terminal':
        jobsLost += 1;
        break;
      case 'duplicate-server':
        serversDuplicated += violation.serverIds.length - 1;
        break;
      case 'leaked-server':
      case 'leaked-clb-node':
      case 'leaked-rcv3-member':
        resourcesLeaked += 1;
        break;
      case 'job-conflicting-outcomes':
      case 'group-not-converged':
        other += 1;
        break;
    }
  }
  return { jobsLost, serversDuplicated, resourcesLeaked, other };
}

/** One line per violation, for reports. */
export function describeViolation(violation: Violation): string {
  switch (violation.kind) {
    case 'job-not-terminal':
    case 'job-conflicting-outcomes':
      return `${violation.kind}: job ${violation.jobId} (${violation.detail})`;
    case 'duplicate-server':
      return `duplicate-server: job ${violation.jobId} has ${violation.serverIds.length} live servers (${violation.serverIds.join(', ')})`;
    case 'leaked-server':
      return `leaked-server: ${violation.serverId} (${violation.detail})`;
    case 'leaked-clb-node':
      return `leaked-clb-node: CLB ${violation.lbId} node ${violation.nodeId} (${violation.detail})`;
    case 'leaked-rcv3-member':
      return `leaked-rcv3-member: pool ${violation.poolId} server ${violation.serverId} (${violation.detail})`;
    case 'group-not-converged':
      return `group-not-converged: ${violation.groupId} (${violation.detail})`;
  }
}
