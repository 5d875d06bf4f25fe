import type { LbRead, LbReadResultPayload } from '../../../../shared/messages/lb-messages.js';
import type { JobEventPayload } from '../../../../shared/messages/event-messages.js';
import type { RequestOutcome, ServiceRequest } from '../../../../shared/request/service-request.js';
import type { LbStep } from '../../../../shared/steps/step.js';
import type { Reason, StepResult } from '../../../../shared/steps/step-result.js';
import type { JobSettings } from './job-settings.js';

/**
 * Note [Job machines]: a job is a pure state machine `(state, input) → { state, events, action }`. The
 * shell (performers/run-job.ts) carries out exactly one action per transition:
 * - `nova`: performs the request now and feeds the outcome back as the next input;
 * - `lb-step` / `lb-read`: publishes to the load-balancer service with this job's state in `echo`, replying
 *   to the supervisor's durable work queue; the reply is the next input;
 * - `wait`: publishes the state to the work queue, delayed; its arrival is a `resume` input;
 * - `finish`: the job is over (its last event is among `events`);
 * - `ignore`: the input does not belong to the state (a duplicate); nothing is published.
 * A `resume` always (re)starts the current phase's action, so a redelivered message repeats the last
 * action, which every phase makes safe to repeat.
 */
export type JobInput =
  | { readonly kind: 'resume' }
  | { readonly kind: 'nova'; readonly outcome: RequestOutcome }
  /** The request function could not try (tenant unknown or refused, no endpoint): terminal. */
  | { readonly kind: 'nova-fatal'; readonly reason: Reason }
  | { readonly kind: 'lb-step-result'; readonly result: StepResult }
  | { readonly kind: 'lb-read-result'; readonly result: LbReadResult }
  /** The load-balancer service did not answer within the LB step timeout. */
  | { readonly kind: 'lb-timeout' };

export type LbReadResult = DistributiveOmit<LbReadResultPayload, 'echo'>;

export type JobAction =
  | { readonly kind: 'nova'; readonly request: ServiceRequest }
  | { readonly kind: 'lb-step'; readonly step: LbStep }
  | { readonly kind: 'lb-read'; readonly read: LbRead }
  | { readonly kind: 'wait'; readonly delayMs: number }
  | { readonly kind: 'finish'; readonly outcome: 'succeeded' | 'failed' }
  | { readonly kind: 'ignore'; readonly why: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a machine emits it; the shell adds the job type. */
export type JobEventBody = DistributiveOmit<JobEventPayload, 'jobType'>;

export interface Transition<S> {
  readonly state: S;
  readonly events: readonly JobEventBody[];
  readonly action: JobAction;
}

/** What a transition may read besides state and input: the time and the job settings. */
export interface MachineContext {
  readonly now: Date;
  readonly settings: JobSettings;
}

export function transition<S>(state: S, action: JobAction, events: readonly JobEventBody[] = []): Transition<S> {
  return { state, events, action };
}

/** Prepends events to a transition (e.g. "step-finished" before the next phase's "step-started"). */
export function withEvents<S>(events: readonly JobEventBody[], next: Transition<S>): Transition<S> {
  return events.length === 0 ? next : { ...next, events: [...events, ...next.events] };
}

export function ignore<S>(state: S, input: JobInput, phase: string): Transition<S> {
  return transition(state, { kind: 'ignore', why: `input ${input.kind} does not apply in phase ${phase}` });
}
