import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type Attempt, type StepHandler } from '../attempt.js';
import { CLB_NOT_FOUND_ERRORS, REMOVE_NODES_ERRORS } from '../clb-errors.js';
import { apiFault, okResponse } from '../fault.js';
import { reportFault } from '../report-fault.js';
import type { RemoveNodesFromCLB } from '../step.js';
import { infoReason, stepResult } from '../step-result.js';

/** CLB's bulk-delete limit (`CLB_BATCH_DELETE_LIMIT`). */
export const CLB_BATCH_DELETE_LIMIT = 10;

const unique = (ids: readonly string[]): readonly string[] => [...new Set(ids)];

/** The ids of the step in batches of at most 10, in order. */
export function removalBatches(nodeIds: readonly string[]): readonly (readonly string[])[] {
  const ids = unique(nodeIds);
  const batches: (readonly string[])[] = [];
  for (let i = 0; i < ids.length; i += CLB_BATCH_DELETE_LIMIT) batches.push(ids.slice(i, i + CLB_BATCH_DELETE_LIMIT));
  return batches;
}

/** `DELETE loadbalancers/{lb}/nodes?id=..&id=..` for one batch. */
export function removeNodesRequest(lbId: string, batch: readonly string[]): ServiceRequest {
  return {
    service: 'cloudLoadBalancers',
    method: 'DELETE',
    path: ['loadbalancers', lbId, 'nodes'],
    query: { id: batch },
    okStatus: [202],
    reauthStatus: [401, 403],
  };
}

/** The move for what is left of the step: the next batch, or success when nothing is left. */
function continueWith(step: RemoveNodesFromCLB, nodeIds: readonly string[]): Attempt<RemoveNodesFromCLB> {
  const [batch] = removalBatches(nodeIds);
  if (batch === undefined) return finish(stepResult('success'));
  return send({ ...step, nodeIds: unique(nodeIds) }, removeNodesRequest(step.lbId, batch));
}

/**
 * Removes the ids batch by batch (sequentially: one mutation in flight per CLB). A 400 listing ids not on
 * the LB resends the batch without them; a missing or deleted LB counts as removed. Otherwise otter's
 * failure reporter: raw 4xx ⇒ failure; immutable, rate-limited, 5xx ⇒ retry (the step in the last
 * `send` holds what is still to remove).
 */
export const removeNodesFromClbHandler: StepHandler<RemoveNodesFromCLB> = {
  toRequests: (step) => removalBatches(step.nodeIds).map((batch) => removeNodesRequest(step.lbId, batch)),
  start: (step) => continueWith(step, step.nodeIds),
  next: (step, request, outcome) => {
    const ids = unique(step.nodeIds);
    const batch = ids.slice(0, CLB_BATCH_DELETE_LIMIT);
    if (okResponse(request, outcome) !== undefined) return continueWith(step, ids.slice(CLB_BATCH_DELETE_LIMIT));
    const fault = faultOf(request, outcome, REMOVE_NODES_ERRORS);
    if (CLB_NOT_FOUND_ERRORS.includes(fault.error)) {
      const text = `load balancer ${step.lbId} is gone (${fault.error}); its nodes count as removed`;
      return finish(stepResult('success', [infoReason(text)]));
    }
    if (fault.error === 'CLBNodesNotOnLoadBalancer') {
      const gone = new Set((fault.nodeIds ?? []).filter((id) => batch.includes(id)));
      if (gone.size > 0)
        return continueWith(
          step,
          ids.filter((id) => !gone.has(id)),
        );
      const status = outcome.kind === 'response' ? outcome.status : 400;
      const body = outcome.kind === 'response' ? outcome.body : null;
      return finish(reportFault(apiFault(request, status, body), outcome, { terminal: [] }));
    }
    return finish(reportFault(fault, outcome, { terminal: [], context: { lbId: step.lbId } }));
  },
};
