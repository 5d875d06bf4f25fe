import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { Logger } from '../../../shared/logging/logger.js';
import type { RequestOutcome, ServiceRequest } from '../../../shared/request/service-request.js';
import { errorReason, stepResult } from '../../../shared/steps/step-result.js';
import { batchItems, type Batch } from './core/batch.js';
import type { FlightDone, FlightPolicy } from './core/flight-common.js';
import { abandonFlight, nextFlight, startFlight } from './core/flight.js';
import { unperformableResult } from './core/unperformable.js';
import { debugLog } from './debug-log.js';
import type { LbMetrics } from './metrics.js';

/**
 * Performs one request for a tenant and returns its outcome as data; throws (AppError) only when the
 * request cannot be made at all (no endpoint, tenant rejected). `requestOutcome` of shared/request.
 */
export type PerformRequest = (
  tenantId: string,
  request: ServiceRequest,
  correlationId: string,
) => Promise<RequestOutcome>;

export interface PerformBatchDeps {
  readonly perform: PerformRequest;
  readonly policy: FlightPolicy;
  readonly maxRequests: number;
  readonly metrics: LbMetrics;
  readonly logger: Logger;
}

const statusLabel = (outcome: RequestOutcome): string =>
  outcome.kind === 'response' ? String(outcome.status) : 'transport';

/**
 * Sends a batch's requests one after another (the flight decides each next one) until every member is
 * settled. Never throws: a request that cannot be made settles the unfinished members.
 */
export async function performBatch(batch: Batch, deps: PerformBatchDeps): Promise<FlightDone> {
  const items = batchItems(batch);
  const correlationId = items[0]?.correlationId ?? 'lb-batch';
  deps.metrics.batch(batch.kind, items.length);
  let move = startFlight(batch);
  let sent = 0;
  while (move.kind === 'send') {
    if (sent >= deps.maxRequests) {
      deps.logger.error('lb-batch-request-limit', { kind: batch.kind, sent });
      const reason = errorReason(
        'LbServiceError',
        `${batch.kind}: more than ${deps.maxRequests} requests for one batch`,
      );
      return abandonFlight(move.flight, stepResult('retry', [reason]));
    }
    let outcome: RequestOutcome;
    try {
      outcome = await deps.perform(batch.tenantId, move.request, correlationId);
    } catch (error) {
      const appError = ensureAppError(error);
      deps.metrics.request(batch.kind, 'unperformable');
      deps.logger.warn('lb-request-unperformable', {
        kind: batch.kind,
        tenantId: batch.tenantId,
        error: appError.message,
      });
      return abandonFlight(move.flight, unperformableResult(appError));
    }
    sent += 1;
    deps.metrics.request(batch.kind, statusLabel(outcome));
    move = nextFlight(move.flight, outcome, deps.policy);
  }
  debugLog(deps.logger)('lb-batch-done', () => ({
    kind: batch.kind,
    tenantId: batch.tenantId,
    steps: items.length,
    requests: sent,
    correlationId,
  }));
  return move;
}
