import type { RequestOutcome } from '../../request/service-request.js';
import { faultOf, finish, send, type Attempt, type StepHandler } from '../attempt.js';
import { retryAfterMs } from '../fault.js';
import { parseRcv3BulkErrors } from '../rcv3-errors.js';
import { reportFault } from '../report-fault.js';
import type { BulkRemoveFromRCv3 } from '../step.js';
import { appliedRegather, errorReason, stepResult, userReason } from '../step-result.js';
import { pairsToResend, settledPairs } from './rcv3-partial.js';
import { normalizePairs, rcv3BulkRequest } from './rcv3-request.js';

const REMOVED = 'must re-gather after RCv3 LB change in order to update the active cache';

const request = (step: BulkRemoveFromRCv3) => rcv3BulkRequest('DELETE', step.pairs);

function unknownResponse(text: string, outcome: RequestOutcome): Attempt<BulkRemoveFromRCv3> {
  const reason = errorReason('UnknownBulkResponse', `UnknownBulkResponse: ${text}`);
  return finish(stepResult('retry', [reason], { retryAfterMs: retryAfterMs(outcome) }));
}

/** A 409: pairs not members, or whose pool or server is gone, are done; resend the rest. */
function onConflict(
  step: BulkRemoveFromRCv3,
  outcome: RequestOutcome & { kind: 'response' },
): Attempt<BulkRemoveFromRCv3> {
  const parsed = parseRcv3BulkErrors('remove', outcome.body);
  if ('unknown' in parsed) return unknownResponse(parsed.unknown, outcome);
  const inactive = parsed.errors.flatMap((e) => (e.kind === 'pool-inactive' ? [e] : []));
  if (inactive.length > 0) {
    return finish(
      stepResult(
        'failure',
        inactive.map((e) => userReason(e.message, 'LBInactive', { poolId: e.poolId })),
      ),
    );
  }
  if (parsed.errors.length === 0) return unknownResponse('409 without errors', outcome);
  const remaining = pairsToResend(step.pairs, settledPairs(step.pairs, parsed.errors));
  if (remaining === null) return unknownResponse('409 naming pairs that were not sent', outcome);
  if (remaining.length === 0) return finish(appliedRegather(REMOVED));
  const next = { ...step, pairs: remaining };
  return send(next, request(next));
}

/**
 * Success ⇒ retry (re-gather), done. Inactive pools ⇒ failure (otter `BulkErrors`); other statuses through
 * otter's failure reporter (raw 4xx ⇒ failure, else retry).
 */
export const bulkRemoveFromRcv3Handler: StepHandler<BulkRemoveFromRCv3> = {
  toRequests: (step) => [request(step)],
  start: (step) => send({ ...step, pairs: normalizePairs(step.pairs) }, request(step)),
  next: (step, sent, outcome) => {
    if (outcome.kind === 'response' && outcome.status === 204) return finish(appliedRegather(REMOVED));
    if (outcome.kind === 'response' && outcome.status === 409) return onConflict(step, outcome);
    return finish(reportFault(faultOf(sent, outcome, []), outcome, { terminal: [] }));
  },
};
