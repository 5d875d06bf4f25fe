import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { faultOf } from '../../../../shared/steps/attempt.js';
import { changeNodeRequest } from '../../../../shared/steps/clb/change-clb-node.js';
import { CHANGE_NODE_ERRORS } from '../../../../shared/steps/clb-errors.js';
import type { ChangeCLBNode } from '../../../../shared/steps/step.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';
import type { Batch, Member } from './batch.js';
import { nextClbAdd, startClbAdd, type ClbAddFlight } from './clb-add-flight.js';
import { nextClbRemove, startClbRemove, type ClbRemoveFlight } from './clb-remove-flight.js';
import {
  abandon,
  deferAll,
  done,
  resultOf,
  type FlightDone,
  type FlightMove,
  type FlightPolicy,
} from './flight-common.js';
import { nextRcv3, startRcv3, type Rcv3Flight } from './rcv3-flight.js';
import { refusalOf } from './refusal.js';
import { reply, type WorkItem } from './work-item.js';

/** A node change: one `PUT …/nodes/{id}`, never merged (CLB has no bulk update). */
export interface ClbChangeFlight {
  readonly kind: 'clb-change';
  readonly member: Member<ChangeCLBNode>;
  readonly request: ServiceRequest;
}

/** A batch being performed: the requests it sends one after another, until every member is settled. */
export type Flight = ClbAddFlight | ClbRemoveFlight | ClbChangeFlight | Rcv3Flight;

/** The first request of a batch. Pure. */
export function startFlight(batch: Batch): FlightMove<Flight> {
  switch (batch.kind) {
    case 'clb-add':
      return startClbAdd(batch);
    case 'clb-remove':
      return startClbRemove(batch);
    case 'clb-change': {
      const [member] = batch.members;
      const request = changeNodeRequest(member.step);
      return { kind: 'send', flight: { kind: 'clb-change', member, request }, request };
    }
    case 'rcv3-add':
    case 'rcv3-remove':
      return startRcv3(batch);
  }
}

/** The move after the flight's last request ended with `outcome`: another request, or done. Pure. */
export function nextFlight(flight: Flight, outcome: RequestOutcome, policy: FlightPolicy): FlightMove<Flight> {
  switch (flight.kind) {
    case 'clb-add':
      return nextClbAdd(flight, outcome, policy);
    case 'clb-remove':
      return nextClbRemove(flight, outcome, policy);
    case 'clb-change':
      return nextChange(flight, outcome, policy);
    case 'rcv3-add':
    case 'rcv3-remove':
      return nextRcv3(flight, outcome, policy);
  }
}

function nextChange(flight: ClbChangeFlight, outcome: RequestOutcome, policy: FlightPolicy): FlightDone {
  const { member } = flight;
  const answer = (): StepResult => resultOf(member.step, flight.request, outcome);
  const refusal = refusalOf(faultOf(flight.request, outcome, CHANGE_NODE_ERRORS), outcome, policy);
  if (refusal !== null) {
    const deferred = deferAll([member], refusal, policy, answer);
    return done(deferred.settled, [], deferred.facts);
  }
  const facts = answer().done ? [{ kind: 'mutated' } as const] : [];
  return done([reply(member.item, answer())], [], facts);
}

/** The steps a flight has not settled yet (what to answer if it cannot go on). */
export function unsettledItems(flight: Flight): readonly WorkItem[] {
  return flight.kind === 'clb-change' ? [flight.member.item] : flight.members.map((m) => m.item);
}

/**
 * Ends a flight that cannot go on (the request function threw, or too many requests): every unsettled
 * member gets `result`; what was settled already stands.
 */
export function abandonFlight(flight: Flight, result: StepResult): FlightDone {
  const settledAlready = flight.kind === 'clb-change' ? [] : flight.settled;
  const requeued = flight.kind === 'clb-remove' ? flight.requeue : [];
  const rest = abandon(unsettledItems(flight), result);
  return done([...settledAlready, ...rest.settled], requeued, flight.kind === 'clb-change' ? [] : factsOf(flight));
}

function factsOf(flight: Exclude<Flight, ClbChangeFlight>) {
  return 'facts' in flight ? flight.facts : [];
}
