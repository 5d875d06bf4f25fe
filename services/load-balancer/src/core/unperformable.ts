import type { AppError } from '../../../../shared/errors/app-error.js';
import type { LbReadResultPayload } from '../../../../shared/messages/lb-messages.js';
import { noSuchEndpointResult } from '../../../../shared/steps/fault-reason.js';
import { errorReason, stepResult, type StepResult } from '../../../../shared/steps/step-result.js';

/**
 * The answer for steps whose request could not be made at all (the request function threw instead of
 * returning an outcome): no endpoint in the catalog is terminal and user-visible (otter `NoSuchEndpoint`);
 * anything else (tenant rejected by Identity, a programming error) is retried by convergence, as otter's
 * executor did with errors escaping a step. Pure.
 */
export function unperformableResult(error: AppError): StepResult {
  if (error.kind === 'endpoint') {
    const name = error.details['serviceName'];
    return noSuchEndpointResult(typeof name === 'string' ? name : 'unknown');
  }
  return stepResult('retry', [errorReason(errorName(error), `${error.kind}: ${error.message}`)]);
}

/** The read reply for a read whose request could not be made. */
export function unperformableRead(error: AppError): LbReadResultPayload {
  return { ok: false, error: { kind: error.kind, message: error.message } };
}

function errorName(error: AppError): string {
  return error.kind === 'auth' ? 'AuthenticationError' : 'LbServiceError';
}
