import type { RequestOutcome } from '../../../shared/request/service-request.js';
import type { ClbNode, LbStep } from '../../../shared/steps/step.js';
import type { FlightPolicy } from '../../../services/load-balancer/src/core/flight-common.js';
import type { BatchLimits } from '../../../services/load-balancer/src/core/plan-batch.js';
import type { WorkItem } from '../../../services/load-balancer/src/core/work-item.js';

/** Shared builders for the load-balancer unit tests. */

export const TENANT = 't1';
export const LB = '5';

export const LIMITS: BatchLimits = {
  maxNodesPerAdd: 25,
  defaultNodeLimit: 25,
  maxIdsPerRemove: 10,
  maxPairsPerBulk: 100,
  nodeCountTtlMs: 30_000,
};

export const POLICY: FlightPolicy = { immutableRetryMs: 1000, rateLimitRetryMs: 5000, maxAttempts: 3 };

export function node(address: string, port = 80): ClbNode {
  return { address, port };
}

export function addStep(...addresses: string[]): LbStep {
  return { type: 'AddNodesToCLB', lbId: LB, nodes: addresses.map((a) => node(a)) };
}

export function removeStep(...nodeIds: string[]): LbStep {
  return { type: 'RemoveNodesFromCLB', lbId: LB, nodeIds };
}

export function changeStep(nodeId: string): LbStep {
  return { type: 'ChangeCLBNode', lbId: LB, nodeId, condition: 'DRAINING', weight: 1, nodeType: 'PRIMARY' };
}

export function rcv3Add(...pairs: [string, string][]): LbStep {
  return { type: 'BulkAddToRCv3', pairs: pairs.map(([poolId, serverId]) => ({ poolId, serverId })) };
}

export function rcv3Remove(...pairs: [string, string][]): LbStep {
  return { type: 'BulkRemoveFromRCv3', pairs: pairs.map(([poolId, serverId]) => ({ poolId, serverId })) };
}

export function item(id: string, step: LbStep, extra: Partial<WorkItem> = {}): WorkItem {
  return { id, tenantId: TENANT, correlationId: `job-${id}`, step, attempt: 0, arrivedAt: 0, ...extra };
}

export function response(status: number, body: unknown = null, headers?: Record<string, string>): RequestOutcome {
  return headers === undefined ? { kind: 'response', status, body } : { kind: 'response', status, body, headers };
}

export const transport: RequestOutcome = { kind: 'transport-error', message: 'connect ECONNREFUSED' };

export const CLB = {
  immutable: (status = 'PENDING_UPDATE') =>
    response(422, {
      message: `Load Balancer '${LB}' has a status of '${status}' and is considered immutable.`,
      code: 422,
    }),
  notActive: () => response(422, { message: 'LoadBalancer is not ACTIVE', code: 422 }),
  duplicate: () =>
    response(413, {
      message: 'Duplicate nodes detected. One or more nodes already configured on load balancer.',
      code: 413,
    }),
  nodeLimit: (limit = 25) => response(413, { message: `Nodes must not exceed ${limit} per load balancer.`, code: 413 }),
  overLimit: (retryAfter?: string) =>
    response(
      413,
      { overLimit: { message: 'OverLimit Retry...', code: 413 } },
      retryAfter === undefined ? undefined : { 'Retry-After': retryAfter },
    ),
  notFound: () => response(404, { message: 'Load balancer not found', code: 404 }),
  deleted: () => response(410, { message: 'The loadbalancer is marked as deleted.', code: 410 }),
  notOnLb: (...ids: string[]) =>
    response(400, {
      validationErrors: { messages: [`Node ids ${ids.join(',')} are not a part of your loadbalancer`] },
      message: 'Validation Failure',
      code: 400,
    }),
  added: (...nodes: { id: number; address: string; port?: number }[]) =>
    response(202, {
      nodes: nodes.map((n) => ({ id: n.id, address: n.address, port: n.port ?? 80, condition: 'ENABLED' })),
    }),
  nodes: (...nodes: { id: number; address: string; port?: number }[]) =>
    response(200, { nodes: nodes.map((n) => ({ id: n.id, address: n.address, port: n.port ?? 80 })) }),
};

export const RCV3 = {
  conflict: (...errors: string[]) => response(409, { errors }),
  already: (serverId: string, poolId: string) =>
    `Cloud Server ${serverId} is already a member of Load Balancer Pool ${poolId}`,
  notMember: (serverId: string, poolId: string) =>
    `Cloud Server ${serverId} is not a member of Load Balancer Pool ${poolId}`,
  inactive: (poolId: string) => `Load Balancer Pool ${poolId} is not in an ACTIVE state`,
  missing: (poolId: string) => `Load Balancer Pool ${poolId} does not exist`,
  created: (...pairs: [string, string][]) =>
    response(
      201,
      pairs.map(([poolId, serverId], i) => ({
        id: `node-${i}`,
        load_balancer_pool: { id: poolId },
        cloud_server: { id: serverId },
        status: 'ACTIVE',
      })),
    ),
};
