import type { RequestOutcome } from '../../../shared/request/service-request.js';
import type { StepResult } from '../../../shared/steps/step-result.js';

/** Test builders for request outcomes. */
export function response(status: number, body: unknown = null, headers?: Record<string, string>): RequestOutcome {
  return headers === undefined ? { kind: 'response', status, body } : { kind: 'response', status, body, headers };
}

export const transportError = (message = 'socket hang up'): RequestOutcome => ({ kind: 'transport-error', message });

/** A CLB error body `{"message": ..., "code": ...}`. */
export const clbBody = (status: number, message: string): unknown => ({ message, code: status });

/** A Nova error envelope `{type: {message, code}}`. */
export const novaBody = (type: string, status: number, message: string): unknown => ({
  [type]: { message, code: status },
});

/** The parts of a result a classification table asserts: status, done, user texts, error names. */
export function summary(result: StepResult): unknown {
  return {
    status: result.status,
    done: result.done,
    user: result.reasons.filter((r) => r.userFacing).map((r) => r.text),
    errors: result.reasons.map((r) => r.error ?? null),
  };
}
