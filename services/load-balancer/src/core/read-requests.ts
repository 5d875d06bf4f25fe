import type { LbRead, LbReadResultPayload } from '../../../../shared/messages/lb-messages.js';
import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { CLB_COMMON_ERRORS } from '../../../../shared/steps/clb-errors.js';
import { faultOf } from '../../../../shared/steps/attempt.js';
import { okResponse } from '../../../../shared/steps/fault.js';
import { valueAt } from '../../../../shared/steps/match-errors.js';
import { nodeAddressKey } from './node-address.js';

/** `GET loadbalancers/{lb}/nodes`: also the probe a merged add uses to find duplicates. */
export function clbNodesRequest(lbId: string): ServiceRequest {
  return {
    service: 'cloudLoadBalancers',
    method: 'GET',
    path: ['loadbalancers', lbId, 'nodes'],
    okStatus: [200],
    reauthStatus: [401, 403],
  };
}

/** The request answering a gathering read. */
export function readRequest(read: LbRead): ServiceRequest {
  switch (read.kind) {
    case 'clb-nodes':
      return clbNodesRequest(read.lbId);
    case 'clb-health-monitor':
      return {
        service: 'cloudLoadBalancers',
        method: 'GET',
        path: ['loadbalancers', read.lbId, 'healthmonitor'],
        okStatus: [200],
        reauthStatus: [401, 403],
      };
    case 'rcv3-pool-nodes':
      return {
        service: 'rackconnect',
        method: 'GET',
        path: ['load_balancer_pools', read.poolId.toLowerCase(), 'nodes'],
        okStatus: [200],
        reauthStatus: [401, 403],
      };
  }
}

/**
 * The reply to a read: the body on success, otherwise the error as data, named by the CLB error table
 * (`NoSuchCLBError`, `CLBDeletedError`, …), `APIError` or `TransportError`. Pure.
 */
export function readResult(read: LbRead, request: ServiceRequest, outcome: RequestOutcome): LbReadResultPayload {
  const ok = okResponse(request, outcome);
  if (ok !== undefined) return { ok: true, body: ok.body };
  const fault = faultOf(request, outcome, read.kind === 'rcv3-pool-nodes' ? [] : CLB_COMMON_ERRORS);
  return {
    ok: false,
    error: {
      kind: fault.error,
      message: fault.message,
      ...(outcome.kind === 'response' ? { status: outcome.status } : {}),
    },
  };
}

/** The node addresses (`address:port`) and count in a `GET …/nodes` body, or null when it has no node list. */
export function clbNodesOf(body: unknown): { readonly addresses: ReadonlySet<string>; readonly count: number } | null {
  const nodes = valueAt(body, ['nodes']);
  if (!Array.isArray(nodes)) return null;
  const addresses = new Set<string>();
  for (const node of nodes as readonly unknown[]) {
    const address = valueAt(node, ['address']);
    const port = valueAt(node, ['port']);
    if (typeof address === 'string' && typeof port === 'number') addresses.add(nodeAddressKey({ address, port }));
  }
  return { addresses, count: nodes.length };
}
