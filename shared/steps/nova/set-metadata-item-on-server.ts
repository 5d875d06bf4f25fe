import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type StepHandler } from '../attempt.js';
import { okResponse } from '../fault.js';
import { SET_METADATA_ITEM_ERRORS } from '../nova-errors.js';
import { reportFault } from '../report-fault.js';
import type { SetMetadataItemOnServer } from '../step.js';
import { stepResult } from '../step-result.js';

/** `PUT servers/{id}/metadata/{key}` with `{"meta": {key: value}}`. Success ⇒ success; errors always retry. */
export function setMetadataItemRequest(step: SetMetadataItemOnServer): ServiceRequest {
  return {
    service: 'cloudServersOpenStack',
    method: 'PUT',
    path: ['servers', step.serverId, 'metadata', step.key],
    json: { meta: { [step.key]: step.value } },
    okStatus: [200],
    reauthStatus: [401],
  };
}

export const setMetadataItemOnServerHandler: StepHandler<SetMetadataItemOnServer> = {
  toRequests: (step) => [setMetadataItemRequest(step)],
  start: (step) => send(step, setMetadataItemRequest(step)),
  next: (_step, request, outcome) => {
    if (okResponse(request, outcome) !== undefined) return finish(stepResult('success'));
    const fault = faultOf(request, outcome, SET_METADATA_ITEM_ERRORS);
    return finish(reportFault(fault, outcome, { terminal: [], neverFail: true }));
  },
};
