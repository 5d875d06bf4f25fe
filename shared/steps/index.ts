/** The step catalog: data types, the request/classification protocol, error tables. */
export * from './step.js';
export * from './step-result.js';
export type { Attempt, StepHandler } from './attempt.js';
export type { Fault } from './fault.js';
export { STEP_HANDLERS, type StepHandlers } from './handlers.js';
export { toRequests, firstAttempt, nextAttempt, classify, replay, performStep, type StepRun } from './run-step.js';
export { noSuchEndpointResult, clbHealthInfoNotFoundText } from './fault-reason.js';
export { CLB_BATCH_DELETE_LIMIT, removalBatches } from './clb/remove-nodes-from-clb.js';
export { normalizePairs } from './rcv3/rcv3-request.js';
export { stepJsonSchemas } from './json-schemas.js';
