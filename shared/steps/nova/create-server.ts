import type { ServiceRequest } from '../../request/service-request.js';
import { faultOf, finish, send, type StepHandler } from '../attempt.js';
import { okResponse } from '../fault.js';
import { valueAt } from '../match-errors.js';
import { CREATE_SERVER_ERRORS } from '../nova-errors.js';
import { reportFault } from '../report-fault.js';
import type { CreateServer } from '../step.js';
import { appliedRegather, type StepOutput } from '../step-result.js';

export const CREATE_SERVER_TERMINAL = ['CreateServerConfigurationError', 'CreateServerOverQuoteError'] as const;

/** `POST servers` with the full body; the name is already in `serverConfig.server.name`. */
export function createServerRequest(step: CreateServer): ServiceRequest {
  return {
    service: 'cloudServersOpenStack',
    method: 'POST',
    path: ['servers'],
    json: step.serverConfig,
    okStatus: [202],
    reauthStatus: [401],
  };
}

/** The new server's id and name for the caller (never `adminPass`). */
function createdServer(body: unknown, step: CreateServer): StepOutput | undefined {
  const id = valueAt(body, ['server', 'id']);
  return typeof id === 'string' ? { serverId: id, name: step.serverConfig.server.name } : undefined;
}

export const createServerHandler: StepHandler<CreateServer> = {
  toRequests: (step) => [createServerRequest(step)],
  start: (step) => send(step, createServerRequest(step)),
  next: (step, request, outcome) => {
    const ok = okResponse(request, outcome);
    if (ok !== undefined) {
      return finish(appliedRegather('waiting for server to become active', createdServer(ok.body, step)));
    }
    const fault = faultOf(request, outcome, CREATE_SERVER_ERRORS);
    return finish(reportFault(fault, outcome, { terminal: CREATE_SERVER_TERMINAL }));
  },
};
