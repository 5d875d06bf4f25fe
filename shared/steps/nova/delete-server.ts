import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type StepHandler } from '../attempt.js';
import { valueAt } from '../match-errors.js';
import { GET_SERVER_ERRORS, NOVA_STANDARD_ERRORS } from '../nova-errors.js';
import { reportFault } from '../report-fault.js';
import type { DeleteServer } from '../step.js';
import { appliedRegather, errorReason, stepResult } from '../step-result.js';

/**
 * Delete, then verify (otter `delete_and_verify`): DELETE answers 404 ⇒ gone; 204 ⇒ GET the server:
 * 404, task_state `deleting` (or status DELETED) ⇒ gone; anything else ⇒ retry. Never `failure`.
 * Otter retried up to 3 times inside the step; Kelp retries the step by a delayed message instead.
 */
export function deleteServerRequests(serverId: string): {
  readonly delete: ServiceRequest;
  readonly verify: ServiceRequest;
} {
  const path = ['servers', serverId];
  return {
    delete: {
      service: 'cloudServersOpenStack',
      method: 'DELETE',
      path,
      okStatus: [204, 404],
      reauthStatus: [401, 403],
    },
    verify: { service: 'cloudServersOpenStack', method: 'GET', path, okStatus: [200, 404], reauthStatus: [401, 403] },
  };
}

const DELETED = 'must re-gather after deletion in order to update the active cache';

/** True when a GET body shows the server on its way out. */
export function isServerDeleting(body: unknown): boolean {
  const taskState = valueAt(body, ['server', 'OS-EXT-STS:task_state']);
  const status = valueAt(body, ['server', 'status']);
  return (
    (typeof taskState === 'string' && taskState.trim().toLowerCase() === 'deleting') ||
    (typeof status === 'string' && status.trim().toUpperCase() === 'DELETED')
  );
}

export const deleteServerHandler: StepHandler<DeleteServer> = {
  toRequests: (step) => {
    const { delete: del, verify } = deleteServerRequests(step.serverId);
    return [del, verify];
  },
  start: (step) => send(step, deleteServerRequests(step.serverId).delete),
  next: (step, request, outcome) => {
    const requests = deleteServerRequests(step.serverId);
    const verifying = request.method === 'GET';
    if (outcome.kind === 'response' && outcome.status === 404) return finish(appliedRegather(DELETED));
    if (outcome.kind === 'response' && outcome.status === 204 && !verifying) return send(step, requests.verify);
    if (outcome.kind === 'response' && outcome.status === 200 && verifying) {
      if (isServerDeleting(outcome.body)) return finish(appliedRegather(DELETED));
      const state = valueAt(outcome.body, ['server', 'OS-EXT-STS:task_state']);
      const text = `UnexpectedServerStatus: server ${step.serverId} still exists after DELETE (task_state ${JSON.stringify(state ?? null)})`;
      return finish(stepResult('retry', [errorReason('UnexpectedServerStatus', text, { serverId: step.serverId })]));
    }
    const fault = faultOf(request, outcome, verifying ? GET_SERVER_ERRORS : NOVA_STANDARD_ERRORS);
    return finish(reportFault(fault, outcome, { terminal: [], neverFail: true }));
  },
};
