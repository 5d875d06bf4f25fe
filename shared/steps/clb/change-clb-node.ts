import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type StepHandler } from '../attempt.js';
import { CHANGE_NODE_ERRORS } from '../clb-errors.js';
import { okResponse } from '../fault.js';
import { reportFault } from '../report-fault.js';
import type { ChangeCLBNode } from '../step.js';
import { appliedRegather } from '../step-result.js';

export const CHANGE_NODE_TERMINAL = ['NoSuchCLBError', 'CLBDeletedError', 'NoSuchCLBNodeError'] as const;

/** `PUT loadbalancers/{lb}/nodes/{node}` with exactly `{"node": {condition, weight, type}}`. */
export function changeNodeRequest(step: ChangeCLBNode): ServiceRequest {
  return {
    service: 'cloudLoadBalancers',
    method: 'PUT',
    path: ['loadbalancers', step.lbId, 'nodes', step.nodeId],
    json: { node: { condition: step.condition, weight: step.weight, type: step.nodeType } },
    okStatus: [202],
    reauthStatus: [401, 403],
  };
}

export const changeClbNodeHandler: StepHandler<ChangeCLBNode> = {
  toRequests: (step) => [changeNodeRequest(step)],
  start: (step) => send(step, changeNodeRequest(step)),
  next: (step, request, outcome) => {
    if (okResponse(request, outcome) !== undefined) {
      return finish(appliedRegather('must re-gather after CLB change in order to update the active cache'));
    }
    const fault = faultOf(request, outcome, CHANGE_NODE_ERRORS);
    const context = { lbId: step.lbId, nodeId: step.nodeId };
    return finish(reportFault(fault, outcome, { terminal: CHANGE_NODE_TERMINAL, context }));
  },
};
