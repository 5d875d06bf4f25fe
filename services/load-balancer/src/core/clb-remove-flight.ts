import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { faultOf } from '../../../../shared/steps/attempt.js';
import { removeNodesRequest } from '../../../../shared/steps/clb/remove-nodes-from-clb.js';
import { CLB_NOT_FOUND_ERRORS, REMOVE_NODES_ERRORS } from '../../../../shared/steps/clb-errors.js';
import { isClientApiError, okResponse } from '../../../../shared/steps/fault.js';
import { nextAttempt } from '../../../../shared/steps/run-step.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';
import type { Batch, RemoveMember } from './batch.js';
import { deferAll, done, isolate, resultOf, type FlightMove, type FlightPolicy } from './flight-common.js';
import type { FactEvent } from './lane-facts.js';
import { refusalOf } from './refusal.js';
import { reply, type Settled, type WorkItem } from './work-item.js';

/**
 * A merged bulk delete: `DELETE …/nodes?id=…` with the members' ids (at most 10). A 400 naming ids not on
 * the LB drops those ids and resends the rest at once (nothing was deleted); a gone LB counts as removed.
 */
export interface ClbRemoveFlight {
  readonly kind: 'clb-remove';
  readonly lbId: string;
  readonly members: readonly RemoveMember[];
  readonly request: ServiceRequest;
  readonly settled: readonly Settled[];
  readonly requeue: readonly WorkItem[];
  readonly facts: readonly FactEvent[];
}

const unionIds = (members: readonly RemoveMember[]): readonly string[] => [
  ...new Set(members.flatMap((m) => m.step.nodeIds)),
];

function send(flight: Omit<ClbRemoveFlight, 'request'>): FlightMove<ClbRemoveFlight> {
  const request = removeNodesRequest(flight.lbId, unionIds(flight.members));
  return { kind: 'send', flight: { ...flight, request }, request };
}

export function startClbRemove(batch: Extract<Batch, { kind: 'clb-remove' }>): FlightMove<ClbRemoveFlight> {
  return send({ kind: 'clb-remove', lbId: batch.lbId, members: batch.members, settled: [], requeue: [], facts: [] });
}

const ownRequest = (m: RemoveMember): ServiceRequest => removeNodesRequest(m.step.lbId, m.step.nodeIds);

/** A member whose ids in this request are done: answered, or back to the lane with its other ids. */
function partDone(m: RemoveMember, result: StepResult): { settled?: Settled; requeue?: WorkItem } {
  if (m.rest.length === 0 || result.status !== 'success') return { settled: reply(m.item, result) };
  return { requeue: { ...m.item, step: { ...m.step, nodeIds: m.rest } } };
}

function finishParts(flight: ClbRemoveFlight, parts: readonly { settled?: Settled; requeue?: WorkItem }[]) {
  return {
    settled: [...flight.settled, ...parts.flatMap((p) => (p.settled === undefined ? [] : [p.settled]))],
    requeue: [...flight.requeue, ...parts.flatMap((p) => (p.requeue === undefined ? [] : [p.requeue]))],
  };
}

export function nextClbRemove(
  flight: ClbRemoveFlight,
  outcome: RequestOutcome,
  policy: FlightPolicy,
): FlightMove<ClbRemoveFlight> {
  const { members } = flight;
  const ids = unionIds(members);
  if (okResponse(flight.request, outcome) !== undefined) {
    const out = finishParts(
      flight,
      members.map((m) => partDone(m, resultOf(m.step, ownRequest(m), outcome))),
    );
    return done(out.settled, out.requeue, [
      ...flight.facts,
      { kind: 'mutated' },
      { kind: 'nodes-removed', ids, applied: true },
    ]);
  }
  const fault = faultOf(flight.request, outcome, REMOVE_NODES_ERRORS);
  const refusal = refusalOf(fault, outcome, policy);
  if (refusal !== null) {
    const deferred = deferAll(members, refusal, policy, (m) => resultOf(m.step, ownRequest(m), outcome));
    return done([...flight.settled, ...deferred.settled], flight.requeue, [...flight.facts, ...deferred.facts]);
  }
  const gone = new Set((fault.nodeIds ?? []).filter((id) => ids.includes(id)));
  if (fault.error === 'CLBNodesNotOnLoadBalancer' && gone.size > 0) {
    return dropGone(flight, outcome, gone);
  }
  if (CLB_NOT_FOUND_ERRORS.includes(fault.error)) {
    // The LB is gone: every id of every member counts as removed, including those not sent yet.
    const settled = members.map((m) => reply(m.item, resultOf(m.step, ownRequest(m), outcome)));
    return done([...flight.settled, ...settled], flight.requeue, flight.facts);
  }
  if (members.length > 1 && isClientApiError(fault)) {
    return done(flight.settled, [...flight.requeue, ...isolate(members.map((m) => m.item))], flight.facts);
  }
  const settled = members.map((m) => reply(m.item, resultOf(m.step, ownRequest(m), outcome)));
  return done([...flight.settled, ...settled], flight.requeue, flight.facts);
}

/** CLB named ids that are not on the LB: they count as removed; resend what is left. */
function dropGone(
  flight: ClbRemoveFlight,
  outcome: RequestOutcome,
  gone: ReadonlySet<string>,
): FlightMove<ClbRemoveFlight> {
  const facts: readonly FactEvent[] = [...flight.facts, { kind: 'nodes-removed', ids: [...gone], applied: false }];
  const parts: { settled?: Settled; requeue?: WorkItem }[] = [];
  const left: RemoveMember[] = [];
  for (const m of flight.members) {
    if (!m.step.nodeIds.some((id) => gone.has(id))) {
      left.push(m);
      continue;
    }
    const attempt = nextAttempt(m.step, ownRequest(m), outcome);
    if (attempt.kind === 'done') parts.push(partDone(m, attempt.result));
    else left.push({ ...m, step: attempt.step });
  }
  const out = finishParts(flight, parts);
  if (left.length === 0) return done(out.settled, out.requeue, facts);
  return send({ ...flight, members: left, settled: out.settled, requeue: out.requeue, facts });
}
