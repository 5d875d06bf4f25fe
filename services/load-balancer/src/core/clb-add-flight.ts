import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { faultOf } from '../../../../shared/steps/attempt.js';
import { addNodesRequest } from '../../../../shared/steps/clb/add-nodes-to-clb.js';
import { ADD_NODES_ERRORS } from '../../../../shared/steps/clb-errors.js';
import { isClientApiError, okResponse } from '../../../../shared/steps/fault.js';
import type { AddNodesToCLB } from '../../../../shared/steps/step.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';
import type { Batch, Member } from './batch.js';
import { deferAll, done, isolate, ownOutput, resultOf, type FlightMove, type FlightPolicy } from './flight-common.js';
import type { FactEvent } from './lane-facts.js';
import { nodeAddressKey } from './node-address.js';
import { clbNodesOf, clbNodesRequest } from './read-requests.js';
import { refusalOf } from './refusal.js';
import { reply, type Settled } from './work-item.js';

type AddMember = Member<AddNodesToCLB>;

/**
 * A merged add: one `POST …/nodes` carrying every member's nodes. CLB adds all or nothing, so when a
 * merged add is refused as a duplicate the flight reads the LB's nodes once (`probe`), answers the
 * members whose nodes are already there as they would have been answered alone, and resends the rest.
 */
export interface ClbAddFlight {
  readonly kind: 'clb-add';
  readonly lbId: string;
  readonly members: readonly AddMember[];
  readonly phase: 'post' | 'probe';
  /** The duplicate answer that started the probe. */
  readonly duplicate: RequestOutcome | null;
  readonly probed: boolean;
  readonly request: ServiceRequest;
  readonly settled: readonly Settled[];
  readonly facts: readonly FactEvent[];
}

export function mergedAddStep(lbId: string, members: readonly AddMember[]): AddNodesToCLB {
  return { type: 'AddNodesToCLB', lbId, nodes: members.flatMap((member) => member.step.nodes) };
}

function post(flight: Omit<ClbAddFlight, 'request' | 'phase'>): FlightMove<ClbAddFlight> {
  const request = addNodesRequest(mergedAddStep(flight.lbId, flight.members));
  return { kind: 'send', flight: { ...flight, phase: 'post', request }, request };
}

export function startClbAdd(batch: Extract<Batch, { kind: 'clb-add' }>): FlightMove<ClbAddFlight> {
  return post({
    kind: 'clb-add',
    lbId: batch.lbId,
    members: batch.members,
    duplicate: null,
    probed: false,
    settled: [],
    facts: [],
  });
}

/** A member's answer: its own classification of the shared outcome, with only its own created nodes. */
function answer(member: AddMember, outcome: RequestOutcome): StepResult {
  const mine = new Set(member.step.nodes.map(nodeAddressKey));
  return ownOutput(resultOf(member.step, addNodesRequest(member.step), outcome), (node) => {
    const { address, port } = node;
    return typeof address === 'string' && typeof port === 'number' && mine.has(nodeAddressKey({ address, port }));
  });
}

export function nextClbAdd(
  flight: ClbAddFlight,
  outcome: RequestOutcome,
  policy: FlightPolicy,
): FlightMove<ClbAddFlight> {
  return flight.phase === 'probe' ? afterProbe(flight, outcome) : afterPost(flight, outcome, policy);
}

function afterPost(flight: ClbAddFlight, outcome: RequestOutcome, policy: FlightPolicy): FlightMove<ClbAddFlight> {
  const { members } = flight;
  const answerAll = (): readonly Settled[] => members.map((m) => reply(m.item, answer(m, outcome)));
  if (okResponse(flight.request, outcome) !== undefined) {
    const added = members.reduce((n, m) => n + m.step.nodes.length, 0);
    return done(
      [...flight.settled, ...answerAll()],
      [],
      [...flight.facts, { kind: 'mutated' }, { kind: 'nodes-added', count: added }],
    );
  }
  const fault = faultOf(flight.request, outcome, ADD_NODES_ERRORS);
  const limitFacts: readonly FactEvent[] =
    fault.nodeLimit === undefined ? [] : [{ kind: 'node-limit', limit: fault.nodeLimit }];
  const refusal = refusalOf(fault, outcome, policy);
  if (refusal !== null) {
    const deferred = deferAll(members, refusal, policy, (m) => answer(m, outcome));
    return done([...flight.settled, ...deferred.settled], [], [...flight.facts, ...deferred.facts]);
  }
  if (members.length > 1) {
    if (fault.error === 'CLBDuplicateNodesError' && !flight.probed) {
      const request = clbNodesRequest(flight.lbId);
      return { kind: 'send', flight: { ...flight, phase: 'probe', duplicate: outcome, request }, request };
    }
    if (fault.error === 'CLBDuplicateNodesError' || fault.error === 'CLBNodeLimitError' || isClientApiError(fault)) {
      return done(flight.settled, isolate(members.map((m) => m.item)), [...flight.facts, ...limitFacts]);
    }
  }
  return done([...flight.settled, ...answerAll()], [], [...flight.facts, ...limitFacts]);
}

function afterProbe(flight: ClbAddFlight, outcome: RequestOutcome): FlightMove<ClbAddFlight> {
  const seen =
    okResponse(flight.request, outcome) === undefined ? null : clbNodesOf((outcome as { body: unknown }).body);
  const duplicate = flight.duplicate;
  if (seen === null || duplicate === null) {
    return done(flight.settled, isolate(flight.members.map((m) => m.item)), flight.facts);
  }
  const facts: readonly FactEvent[] = [...flight.facts, { kind: 'node-count', count: seen.count }];
  const present = (m: AddMember): boolean => m.step.nodes.some((node) => seen.addresses.has(nodeAddressKey(node)));
  const settled = [
    ...flight.settled,
    ...flight.members.filter(present).map((m) => reply(m.item, answer(m, duplicate))),
  ];
  const others = flight.members.filter((m) => !present(m));
  if (others.length === 0) return done(settled, [], facts);
  return post({ ...flight, members: others, probed: true, settled, facts });
}
