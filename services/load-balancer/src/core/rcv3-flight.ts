import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import { faultOf } from '../../../../shared/steps/attempt.js';
import { isClientApiError, okResponse } from '../../../../shared/steps/fault.js';
import { parseRcv3BulkErrors, type Rcv3BulkError } from '../../../../shared/steps/rcv3-errors.js';
import { normalizePairs, pairKey, rcv3BulkRequest } from '../../../../shared/steps/rcv3/rcv3-request.js';
import { firstAttempt, nextAttempt } from '../../../../shared/steps/run-step.js';
import type { BulkAddToRCv3, BulkRemoveFromRCv3, RcV3Pair } from '../../../../shared/steps/step.js';
import type { StepResult } from '../../../../shared/steps/step-result.js';
import type { Batch } from './batch.js';
import { deferAll, done, isolate, ownOutput, resultOf, type FlightMove, type FlightPolicy } from './flight-common.js';
import { refusalOf } from './refusal.js';
import { reply, type Settled, type WorkItem } from './work-item.js';

type Rcv3Step = BulkAddToRCv3 | BulkRemoveFromRCv3;

/** A member as its own state machine stands: the pairs still to do and the request it would send. */
interface Rcv3Member {
  readonly item: WorkItem;
  readonly step: Rcv3Step;
  readonly request: ServiceRequest;
}

/**
 * One bulk call for all of a tenant's waiting RCv3 steps of one direction. RCv3 answers all or nothing
 * with a 409 listing per-pair errors: each error goes to the members whose pairs it names, each member
 * classifies only its own errors (otter's rules), and the members left with work are resent together.
 */
export interface Rcv3Flight {
  readonly kind: 'rcv3-add' | 'rcv3-remove';
  readonly members: readonly Rcv3Member[];
  readonly request: ServiceRequest;
  readonly settled: readonly Settled[];
}

const methodOf = (kind: Rcv3Flight['kind']): 'POST' | 'DELETE' => (kind === 'rcv3-add' ? 'POST' : 'DELETE');

function send(
  kind: Rcv3Flight['kind'],
  members: readonly Rcv3Member[],
  settled: readonly Settled[],
): FlightMove<Rcv3Flight> {
  const request = rcv3BulkRequest(
    methodOf(kind),
    members.flatMap((m) => m.step.pairs),
  );
  return { kind: 'send', flight: { kind, members, request, settled }, request };
}

export function startRcv3(batch: Extract<Batch, { kind: 'rcv3-add' | 'rcv3-remove' }>): FlightMove<Rcv3Flight> {
  const members = batch.members.flatMap((m): Rcv3Member[] => {
    const attempt = firstAttempt<Rcv3Step>(m.step);
    return attempt.kind === 'send' ? [{ item: m.item, step: attempt.step, request: attempt.request }] : [];
  });
  return send(batch.kind, members, []);
}

/** Keeps only the created nodes of the member's own pairs. */
function answer(m: Rcv3Member, outcome: RequestOutcome): StepResult {
  const mine = new Set(normalizePairs(m.step.pairs).map(pairKey));
  return ownOutput(resultOf(m.step, m.request, outcome), (node) => {
    const { poolId, serverId } = node;
    return typeof poolId === 'string' && typeof serverId === 'string' && mine.has(pairKey({ poolId, serverId }));
  });
}

interface NamedError {
  readonly text: string;
  readonly error: Rcv3BulkError;
}

/** Each error string of a 409 with its parse, or null when one is not understood (or there is no list). */
function namedErrors(direction: 'add' | 'remove', body: unknown): readonly NamedError[] | null {
  const list = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return null;
  const named: NamedError[] = [];
  for (const text of list as readonly unknown[]) {
    if (typeof text !== 'string') return null;
    const parsed = parseRcv3BulkErrors(direction, { errors: [text] });
    const error = 'errors' in parsed ? parsed.errors[0] : undefined;
    if (error === undefined) return null;
    named.push({ text, error });
  }
  return named;
}

/** Whether an error is about one of the pairs (pool ids compared lower-cased). */
function concerns(error: Rcv3BulkError, pairs: readonly RcV3Pair[]): boolean {
  return pairs.some((pair) => {
    const pool = pair.poolId.toLowerCase();
    switch (error.kind) {
      case 'already-member':
      case 'not-member':
        return error.serverId === pair.serverId && error.poolId.toLowerCase() === pool;
      case 'pool-inactive':
      case 'pool-missing':
        return error.poolId.toLowerCase() === pool;
      case 'server-missing':
      case 'server-unprocessable':
        return error.serverId === pair.serverId;
    }
  });
}

export function nextRcv3(flight: Rcv3Flight, outcome: RequestOutcome, policy: FlightPolicy): FlightMove<Rcv3Flight> {
  const { members } = flight;
  const answerAll = (): readonly Settled[] => members.map((m) => reply(m.item, answer(m, outcome)));
  if (outcome.kind === 'response' && outcome.status === 409) {
    const named = namedErrors(flight.kind === 'rcv3-add' ? 'add' : 'remove', outcome.body);
    if (named === null || named.length === 0) return done([...flight.settled, ...answerAll()]);
    return splitConflict(flight, outcome, named);
  }
  if (okResponse(flight.request, outcome) !== undefined) return done([...flight.settled, ...answerAll()]);
  const fault = faultOf(flight.request, outcome, []);
  const refusal = refusalOf(fault, outcome, policy);
  if (refusal !== null) {
    const deferred = deferAll(members, refusal, policy, (m) => answer(m, outcome));
    return done([...flight.settled, ...deferred.settled], [], deferred.facts);
  }
  if (members.length > 1 && isClientApiError(fault)) {
    return done(flight.settled, isolate(members.map((m) => m.item)));
  }
  return done([...flight.settled, ...answerAll()]);
}

/** Gives each member the 409 it would have got alone; resends the members that still have pairs to do. */
function splitConflict(
  flight: Rcv3Flight,
  outcome: RequestOutcome & { kind: 'response' },
  named: readonly NamedError[],
): FlightMove<Rcv3Flight> {
  const settled: Settled[] = [...flight.settled];
  const left: Rcv3Member[] = [];
  for (const m of flight.members) {
    const own = named.filter((n) => concerns(n.error, m.step.pairs)).map((n) => n.text);
    if (own.length === 0) {
      left.push(m);
      continue;
    }
    const attempt = nextAttempt(m.step, m.request, { ...outcome, body: { errors: own } });
    if (attempt.kind === 'done') settled.push(reply(m.item, attempt.result));
    else left.push({ item: m.item, step: attempt.step, request: attempt.request });
  }
  if (left.length === 0) return done(settled);
  const before = new Set(flight.members.flatMap((m) => normalizePairs(m.step.pairs).map(pairKey)));
  const after = new Set(left.flatMap((m) => normalizePairs(m.step.pairs).map(pairKey)));
  if (after.size >= before.size) {
    // Nothing the 409 said shrank the request: answer rather than resend the same call.
    return done([...settled, ...left.map((m) => reply(m.item, answer(m, outcome)))]);
  }
  return send(flight.kind, left, settled);
}
