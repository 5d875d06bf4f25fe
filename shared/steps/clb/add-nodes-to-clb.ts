import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type StepHandler } from '../attempt.js';
import { ADD_NODES_ERRORS } from '../clb-errors.js';
import { okResponse } from '../fault.js';
import { valueAt } from '../match-errors.js';
import { reportFault } from '../report-fault.js';
import type { AddNodesToCLB } from '../step.js';
import { appliedRegather, type StepOutput } from '../step-result.js';

export const ADD_NODES_TERMINAL = ['NoSuchCLBError', 'CLBDeletedError', 'CLBNodeLimitError'] as const;
const ADDED = 'must re-gather after adding to CLB in order to update the active cache';

/** `POST loadbalancers/{lb}/nodes` with `{"nodes": [...]}`; optional node fields are sent only when given. */
export function addNodesRequest(step: AddNodesToCLB): ServiceRequest {
  return {
    service: 'cloudLoadBalancers',
    method: 'POST',
    path: ['loadbalancers', step.lbId, 'nodes'],
    json: { nodes: step.nodes.map((node) => ({ ...node })) },
    okStatus: [202],
    reauthStatus: [401, 403],
  };
}

/** The created nodes `{id, address, port}` so callers (and coalesced steps) can find theirs. */
function createdNodes(body: unknown): StepOutput | undefined {
  const nodes = valueAt(body, ['nodes']);
  if (!Array.isArray(nodes)) return undefined;
  const out = (nodes as readonly unknown[]).flatMap((node) => {
    const id = valueAt(node, ['id']);
    const address = valueAt(node, ['address']);
    const port = valueAt(node, ['port']);
    return (typeof id === 'number' || typeof id === 'string') && typeof address === 'string' && typeof port === 'number'
      ? [{ id: String(id), address, port }]
      : [];
  });
  return { nodes: out };
}

/**
 * Success ⇒ retry (re-gather), done. Duplicate nodes: CLB adds nothing and does not say which node is the
 * duplicate, so a one-node step counts as done (its node is there) while a multi-node step retries not
 * done (the LB service may split it into one-node steps).
 */
export const addNodesToClbHandler: StepHandler<AddNodesToCLB> = {
  toRequests: (step) => [addNodesRequest(step)],
  start: (step) => send(step, addNodesRequest(step)),
  next: (step, request, outcome) => {
    const ok = okResponse(request, outcome);
    if (ok !== undefined) return finish(appliedRegather(ADDED, createdNodes(ok.body)));
    const fault = faultOf(request, outcome, ADD_NODES_ERRORS);
    if (fault.error === 'CLBDuplicateNodesError' && step.nodes.length === 1) return finish(appliedRegather(ADDED));
    return finish(reportFault(fault, outcome, { terminal: ADD_NODES_TERMINAL, context: { lbId: step.lbId } }));
  },
};
