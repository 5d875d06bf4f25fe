import type { JobAction, JobEventBody } from '../../core/job-machine.js';

/**
 * A phase handler's answer: the new state with its events, and either the action to carry out or none,
 * meaning "enter the state's phase" (the job module does that, so phases need not import each other).
 */
export interface PhaseMove<S> {
  readonly state: S;
  readonly events: readonly JobEventBody[];
  readonly action?: JobAction;
}

export function phaseMove<S>(state: S, events: readonly JobEventBody[] = [], action?: JobAction): PhaseMove<S> {
  return action === undefined ? { state, events } : { state, events, action };
}

/** A step to try again later: the "retrying" event, then a wait of `delayMs` in `state`. */
export interface RetryLater {
  readonly reason: string;
  readonly attempt: number;
  readonly delayMs: number;
}

export function retryLater<S>(state: S, step: string, retry: RetryLater): PhaseMove<S> {
  const { reason, attempt, delayMs } = retry;
  return phaseMove(state, [{ event: 'retrying', step, reason, attempt, delayMs }], { kind: 'wait', delayMs });
}
