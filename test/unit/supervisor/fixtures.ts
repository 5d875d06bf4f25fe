import type {
  JobAction,
  JobEventBody,
  JobInput,
  MachineContext,
  Transition,
} from '../../../services/supervisor/src/core/job-machine.js';
import type { JobSettings } from '../../../services/supervisor/src/core/job-settings.js';
import type { JobDefinition } from '../../../services/supervisor/src/jobs/job-definition.js';
import { stepResult, userReason, type StepResult } from '../../../shared/steps/step-result.js';

/** Small, distinct numbers so each wait in a table says which setting it came from. */
export const SETTINGS: JobSettings = {
  pollIntervalMs: 1_000,
  activeTimeoutMs: 60_000,
  errorReplacements: 2,
  createRetries: 2,
  createRetryDelayMs: 5_000,
  searchRetries: 2,
  lbRetries: 2,
  lbRetryDelayMs: 3_000,
  deleteRetries: 2,
  deleteRetryDelayMs: 2_000,
  deleteRetryMaxDelayMs: 60_000,
};

export const T0 = new Date('2026-01-01T00:00:00.000Z');
export const ADDRESSES = {
  private: [{ addr: '10.180.0.5', version: 4 }],
  public: [{ addr: '198.101.241.5', version: 4 }],
};

export const resume: JobInput = { kind: 'resume' };
export const lbTimeout: JobInput = { kind: 'lb-timeout' };

export function response(status: number, body: unknown = null): JobInput {
  return { kind: 'nova', outcome: { kind: 'response', status, body } };
}

export function transportError(message = 'socket hang up'): JobInput {
  return { kind: 'nova', outcome: { kind: 'transport-error', message } };
}

export function server(id: string, status: string, extra: Record<string, unknown> = {}): JobInput {
  return response(200, { server: { id, name: `name-${id}`, status, addresses: ADDRESSES, metadata: {}, ...extra } });
}

export function listed(servers: readonly Record<string, unknown>[]): JobInput {
  return response(200, { servers });
}

export function lbResult(result: StepResult): JobInput {
  return { kind: 'lb-step-result', result };
}

export const lbAdded = (output?: StepResult['output']): JobInput =>
  lbResult(stepResult('retry', [], { done: true, ...(output === undefined ? {} : { output }) }));
export const lbSucceeded: JobInput = lbResult(stepResult('success'));
export const lbRefused = (text: string): JobInput =>
  lbResult(stepResult('failure', [userReason(text, 'NoSuchCLBError')]));
export const lbNotYet = (text: string): JobInput => lbResult(stepResult('retry', [{ text, userFacing: false }]));

/** One line per action, e.g. `nova POST servers`, `lb AddNodesToCLB 10`, `wait 1000`, `finish failed`. */
export function describeAction(action: JobAction): string {
  switch (action.kind) {
    case 'nova': {
      const query =
        action.request.query === undefined
          ? ''
          : `?${new URLSearchParams(action.request.query as Record<string, string>).toString()}`;
      return `nova ${action.request.method} ${action.request.path.join('/')}${query}`;
    }
    case 'lb-step': {
      const step = action.step;
      const target =
        step.type === 'BulkAddToRCv3' || step.type === 'BulkRemoveFromRCv3'
          ? step.pairs.map((p) => `${p.poolId}/${p.serverId}`).join(',')
          : step.type === 'RemoveNodesFromCLB'
            ? `${step.lbId} ${step.nodeIds.join(',')}`
            : step.lbId;
      return `lb ${step.type} ${target}`;
    }
    case 'lb-read':
      return `read ${action.read.kind} ${'lbId' in action.read ? action.read.lbId : action.read.poolId}`;
    case 'wait':
      return `wait ${action.delayMs}`;
    case 'finish':
      return `finish ${action.outcome}`;
    case 'ignore':
      return 'ignore';
    default:
      return 'unknown';
  }
}

export function describeEvent(event: JobEventBody): string {
  switch (event.event) {
    case 'step-started':
    case 'step-finished':
      return `${event.event} ${event.step}`;
    case 'retrying':
      return `retrying ${event.step} #${event.attempt} in ${event.delayMs}`;
    case 'failed':
      return `failed: ${event.reasons.join(' | ')}`;
    case 'accepted':
    case 'succeeded':
      return event.event;
    default:
      return 'unknown';
  }
}

export interface Drive<S> {
  readonly transitions: readonly Transition<S>[];
  readonly actions: readonly string[];
  readonly events: readonly string[];
  readonly last: Transition<S>;
}

/**
 * Starts a job and feeds it inputs; `elapsedMs[i]` (default: 0) is how far the clock has moved when input
 * `i` arrives. Returns every transition and one-line summaries of actions and events.
 */
export function drive<J, S>(
  definition: JobDefinition<J, S>,
  job: J,
  inputs: readonly (JobInput | readonly [JobInput, number])[],
  settings: JobSettings = SETTINGS,
): Drive<S> {
  const ctx = (elapsed: number): MachineContext => ({ now: new Date(T0.getTime() + elapsed), settings });
  const transitions: Transition<S>[] = [definition.start(job, 'job-1', ctx(0))];
  for (const entry of inputs) {
    const [input, elapsed] = Array.isArray(entry) ? (entry as readonly [JobInput, number]) : [entry as JobInput, 0];
    const previous = transitions[transitions.length - 1];
    if (previous === undefined) throw new Error('no transition');
    transitions.push(definition.next(previous.state, input, ctx(elapsed)));
  }
  const last = transitions[transitions.length - 1];
  if (last === undefined) throw new Error('no transition');
  return {
    transitions,
    actions: transitions.map((t) => describeAction(t.action)),
    events: transitions.flatMap((t) => t.events.map(describeEvent)),
    last,
  };
}
