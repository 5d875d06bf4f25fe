import { AppError } from '../../../../../shared/errors/app-error.js';
import { transition, type Transition } from '../../core/job-machine.js';
import type { PhaseMove } from './phase-move.js';

interface PhasedState {
  readonly jobId: string;
  readonly phase: { readonly name: string };
}

/** One handler for each phase a job state can be in; a handler answers undefined when it does not apply. */
export type PhaseHandlers<S extends PhasedState, A extends readonly unknown[] = []> = {
  readonly [N in S['phase']['name']]: (state: S, ...args: A) => PhaseMove<S> | undefined;
};

/** The move of the handler for the state's phase; undefined when it has none or it does not apply. */
export function byPhase<S extends PhasedState, A extends readonly unknown[]>(
  handlers: PhaseHandlers<S, A>,
  state: S,
  ...args: A
): PhaseMove<S> | undefined {
  const handler = (handlers as Partial<Record<string, (state: S, ...args: A) => PhaseMove<S> | undefined>>)[
    state.phase.name
  ];
  return handler === undefined ? undefined : handler(state, ...args);
}

/** Enters phases until a move names an action (a phase change alone does not). */
export function settlePhases<S extends PhasedState>(
  first: PhaseMove<S>,
  enter: (state: S) => PhaseMove<S>,
  jobName: string,
): Transition<S> {
  let current = first;
  const events = [...first.events];
  for (let guard = 0; guard < 50; guard += 1) {
    if (current.action !== undefined) return transition(current.state, current.action, events);
    current = enter(current.state);
    events.push(...current.events);
  }
  throw new AppError('internal', `${jobName} job ${first.state.jobId}: phases did not settle on an action`);
}
