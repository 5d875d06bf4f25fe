import type { RequestOutcome, ServiceRequest } from '../../../shared/request/service-request.js';
import type { StepResult } from '../../../shared/steps/step-result.js';
import type { Batch } from '../../../services/load-balancer/src/core/batch.js';
import type { FlightDone, FlightPolicy } from '../../../services/load-balancer/src/core/flight-common.js';
import { nextFlight, startFlight } from '../../../services/load-balancer/src/core/flight.js';
import type { Disposition } from '../../../services/load-balancer/src/core/work-item.js';
import { POLICY } from './fixtures.js';

/** `DELETE loadbalancers/5/nodes?id=1&id=2`: a request as a short line. */
export function requestLine(request: ServiceRequest): string {
  const query = Object.entries(request.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`))
    .join('&');
  return `${request.method} ${request.path.join('/')}${query === '' ? '' : `?${query}`}`;
}

export interface FlightRun {
  readonly requests: readonly string[];
  readonly bodies: readonly unknown[];
  readonly done: FlightDone;
}

/** Runs a batch's flight against scripted answers, one per request, in order. */
export function runFlight(batch: Batch, outcomes: readonly RequestOutcome[], policy: FlightPolicy = POLICY): FlightRun {
  const requests: string[] = [];
  const bodies: unknown[] = [];
  let move = startFlight(batch);
  for (const outcome of outcomes) {
    if (move.kind === 'done') break;
    requests.push(requestLine(move.request));
    bodies.push(move.request.json);
    move = nextFlight(move.flight, outcome, policy);
  }
  if (move.kind === 'send') throw new Error(`flight wants more answers after ${requests.join(' | ')}`);
  return { requests, bodies, done: move };
}

/** Each settled step as `id: status[/done]` or `id: retry-in <ms>` / `id: requeue`, for tables. */
export function dispositions(done: FlightDone): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { item, disposition } of done.settled) out[item.id] = describeDisposition(disposition);
  return out;
}

export function describeDisposition(disposition: Disposition): string {
  switch (disposition.kind) {
    case 'reply':
      return describeResult(disposition.result);
    case 'retry':
      return `deferred ${disposition.delayMs}`;
    case 'requeue':
      return 'requeue';
  }
}

export function describeResult(result: StepResult): string {
  return `${result.status}${result.done ? '/done' : ''}`;
}

/** The answered result of one step. */
export function resultFor(done: FlightDone, id: string): StepResult | undefined {
  const found = done.settled.find((s) => s.item.id === id)?.disposition;
  return found?.kind === 'reply' ? found.result : undefined;
}
