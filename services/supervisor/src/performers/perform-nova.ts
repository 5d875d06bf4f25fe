import { type AppError, ensureAppError } from '../../../../shared/errors/app-error.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import { requestOutcome } from '../../../../shared/request/request-outcome.js';
import type { ServiceRequest } from '../../../../shared/request/service-request.js';
import { noSuchEndpointResult } from '../../../../shared/steps/fault-reason.js';
import { errorReason, userReason, type Reason } from '../../../../shared/steps/step-result.js';
import type { JobInput } from '../core/job-machine.js';

/**
 * Performs a job's Nova request through the request function. Any HTTP answer, and failures worth
 * retrying later, are an outcome for the machine; errors retrying cannot fix (tenant unknown or refused,
 * no endpoint in the catalog) are `nova-fatal` with a reason the producer can act on.
 */
export async function performNova(
  request: RequestFunction,
  tenantId: string,
  serviceRequest: ServiceRequest,
  correlationId: string,
  logger: Logger,
): Promise<JobInput> {
  try {
    return { kind: 'nova', outcome: await requestOutcome(request, tenantId, serviceRequest, { correlationId }) };
  } catch (error) {
    const appError = ensureAppError(error);
    logger.warn('nova-request-impossible', { kind: appError.kind, error: appError.message });
    return { kind: 'nova-fatal', reason: fatalReason(appError, tenantId) };
  }
}

export function fatalReason(error: AppError, tenantId: string): Reason {
  if (error.kind === 'endpoint') {
    const serviceName = error.details['serviceName'];
    const reason = noSuchEndpointResult(typeof serviceName === 'string' ? serviceName : 'cloudServersOpenStack')
      .reasons[0];
    if (reason !== undefined) return reason;
  }
  if (error.kind === 'auth') {
    return userReason(`Tenant ${tenantId} could not be authenticated: ${error.message}`, 'AuthenticationError');
  }
  return errorReason('RequestError', `The request could not be made: ${error.message}`);
}
