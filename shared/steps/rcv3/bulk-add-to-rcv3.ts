import type { RequestOutcome } from '../../request/service-request.js';
import { faultOf, finish, send, type Attempt, type StepHandler } from '../attempt.js';
import { retryAfterMs } from '../fault.js';
import { faultReason } from '../fault-reason.js';
import { valueAt } from '../match-errors.js';
import { parseRcv3BulkErrors } from '../rcv3-errors.js';
import type { BulkAddToRCv3 } from '../step.js';
import { appliedRegather, errorReason, stepResult, userReason, type StepOutput } from '../step-result.js';
import { pairsToResend, settledPairs } from './rcv3-partial.js';
import { normalizePairs, rcv3BulkRequest } from './rcv3-request.js';

const ADDED = 'must re-gather after LB add in order to update the active cache';

const request = (step: BulkAddToRCv3) => rcv3BulkRequest('POST', step.pairs);

function createdNodes(body: unknown): StepOutput | undefined {
  if (!Array.isArray(body)) return undefined;
  const nodes = (body as readonly unknown[]).flatMap((node) => {
    const id = valueAt(node, ['id']);
    const poolId = valueAt(node, ['load_balancer_pool', 'id']);
    const serverId = valueAt(node, ['cloud_server', 'id']);
    return typeof id === 'string' && typeof poolId === 'string' && typeof serverId === 'string'
      ? [{ id, poolId: poolId.toLowerCase(), serverId }]
      : [];
  });
  return { nodes };
}

function unknownResponse(text: string, outcome: RequestOutcome): Attempt<BulkAddToRCv3> {
  const reason = errorReason('UnknownBulkResponse', `UnknownBulkResponse: ${text}`);
  return finish(stepResult('retry', [reason], { retryAfterMs: retryAfterMs(outcome) }));
}

/** A 409: drop already-member pairs and resend the rest; other per-pair errors end the step. */
function onConflict(step: BulkAddToRCv3, outcome: RequestOutcome & { kind: 'response' }): Attempt<BulkAddToRCv3> {
  const parsed = parseRcv3BulkErrors('add', outcome.body);
  if ('unknown' in parsed) return unknownResponse(parsed.unknown, outcome);
  const already = parsed.errors.filter((e) => e.kind === 'already-member');
  const problems = parsed.errors.flatMap((e) =>
    e.kind === 'pool-inactive' || e.kind === 'pool-missing' || e.kind === 'server-unprocessable' ? [e] : [],
  );
  if (problems.length > 0) {
    const fatal = problems.filter((e) => e.kind !== 'server-unprocessable');
    if (fatal.length === 0) {
      return finish(
        stepResult(
          'retry',
          problems.map((e) => errorReason('ServerUnprocessableError', e.message)),
        ),
      );
    }
    const errorName = (kind: string) => (kind === 'pool-missing' ? 'NoSuchLBError' : 'LBInactive');
    return finish(
      stepResult(
        'failure',
        fatal.map((e) => userReason(e.message, errorName(e.kind), { poolId: e.poolId })),
      ),
    );
  }
  if (already.length === 0) return unknownResponse('409 without errors', outcome);
  const remaining = pairsToResend(step.pairs, settledPairs(step.pairs, already));
  if (remaining === null) return unknownResponse('409 naming pairs that were not sent', outcome);
  if (remaining.length === 0) return finish(appliedRegather(ADDED));
  const next = { ...step, pairs: remaining };
  return send(next, request(next));
}

/**
 * Success (including "all already members") ⇒ retry (re-gather), done. Errors other than "server
 * unprocessable" ⇒ failure listing them; only unprocessable servers ⇒ retry. Anything else (unknown 409
 * texts, other statuses, transport) ⇒ retry, as otter's executor did.
 */
export const bulkAddToRcv3Handler: StepHandler<BulkAddToRCv3> = {
  toRequests: (step) => [request(step)],
  start: (step) => send({ ...step, pairs: normalizePairs(step.pairs) }, request(step)),
  next: (step, sent, outcome) => {
    if (outcome.kind === 'response' && outcome.status === 201) {
      return finish(appliedRegather(ADDED, createdNodes(outcome.body)));
    }
    if (outcome.kind === 'response' && outcome.status === 409) return onConflict(step, outcome);
    const reason = faultReason(faultOf(sent, outcome, []));
    return finish(stepResult('retry', [reason], { retryAfterMs: retryAfterMs(outcome) }));
  },
};
