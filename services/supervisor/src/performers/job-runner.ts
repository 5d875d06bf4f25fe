import type { Bus } from '../../../../shared/amqp/bus.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import { LB_MESSAGE_TYPES, type LbReadPayload, type LbStepPayload } from '../../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../../shared/messages/routing.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import type { JobAction, JobEventBody, MachineContext, Transition } from '../core/job-machine.js';
import type { JobProgressTracker } from '../core/job-progress-tracker.js';
import type { JobSettings } from '../core/job-settings.js';
import { PROGRESS_MESSAGE_TYPE, type JobEcho, type ProgressPayload } from '../core/progress-message.js';
import type { AnyJobDefinition } from '../jobs/job-definition.js';
import type { SupervisorMetrics } from '../supervisor-metrics.js';
import { performNova } from './perform-nova.js';
import { publishJobEvent } from './publish-job-event.js';

export interface JobRunnerDeps {
  readonly bus: Pick<Bus, 'publish' | 'publishEvent'>;
  readonly request: RequestFunction;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly metrics: SupervisorMetrics;
  readonly tracker: JobProgressTracker;
  readonly settings: JobSettings;
  readonly lbStepTimeoutMs: number;
  readonly maxInlineRequests: number;
}

/** One delivery's worth of a job: the message being handled and its seq (0 for the submitted job). */
export interface JobRun {
  readonly definition: AnyJobDefinition;
  readonly parent: Envelope;
  readonly jobId: string;
  readonly tenantId: string;
  readonly seq: number;
}

type JsonValue = NonNullable<LbStepPayload['echo']>;

/**
 * Carries out a job's transitions for one delivery: publishes each transition's events, performs Nova
 * requests inline (feeding outcomes back to the machine), and ends by publishing the job's next message —
 * an LB request with the state in `echo`, or a delayed `resume` — each a confirmed publish, so it resolves
 * only once the broker holds the next message. The caller acks the delivery after that.
 */
export class JobRunner {
  readonly #deps: JobRunnerDeps;

  constructor(deps: JobRunnerDeps) {
    this.#deps = deps;
  }

  machineContext(): MachineContext {
    return { now: this.#deps.clock(), settings: this.#deps.settings };
  }

  async run(run: JobRun, first: Transition<unknown>): Promise<void> {
    const logger = this.#deps.logger.child({ jobId: run.jobId, tenantId: run.tenantId, jobType: run.definition.type });
    let current = first;
    for (let requests = 0; ;) {
      await this.#publishEvents(run, current.events);
      const action = current.action;
      this.#deps.metrics.transitions.inc({ action: action.kind });
      if (action.kind !== 'nova') return this.#conclude(run, current.state, action, logger);
      if (requests >= this.#deps.maxInlineRequests) {
        // Let other work in: the job carries on from a fresh message (resume repeats this phase's request).
        return this.#publishProgress(run, current.state, 'resume', 0);
      }
      requests += 1;
      const input = await performNova(this.#deps.request, run.tenantId, action.request, run.jobId, logger);
      current = run.definition.next(current.state, input, this.machineContext());
    }
  }

  async #conclude(
    run: JobRun,
    state: unknown,
    action: Exclude<JobAction, { kind: 'nova' }>,
    logger: Logger,
  ): Promise<void> {
    switch (action.kind) {
      case 'wait':
        return this.#publishProgress(run, state, 'resume', action.delayMs);
      case 'lb-step':
        return this.#publishLb(run, state, { type: LB_MESSAGE_TYPES.step, payload: { step: action.step } });
      case 'lb-read':
        return this.#publishLb(run, state, { type: LB_MESSAGE_TYPES.read, payload: { read: action.read } });
      case 'finish': {
        const seconds = Math.max(
          0,
          (this.#deps.clock().getTime() - Date.parse(run.definition.startedAt(state))) / 1000,
        );
        this.#deps.metrics.jobs.inc({ type: run.definition.type, outcome: action.outcome });
        this.#deps.metrics.jobDuration.observe({ type: run.definition.type, outcome: action.outcome }, seconds);
        this.#deps.tracker.finished(run.jobId);
        logger.info(`job-${action.outcome}`, { seconds });
        return;
      }
      case 'ignore':
        logger.warn('job-input-ignored', { why: action.why, seq: run.seq });
        return;
      default:
        return;
    }
  }

  async #publishEvents(run: JobRun, events: readonly JobEventBody[]): Promise<void> {
    for (const body of events) await publishJobEvent(this.#deps, run.parent, run.definition.type, body);
  }

  async #publishProgress(run: JobRun, state: unknown, input: ProgressPayload['input'], delayMs: number): Promise<void> {
    const payload: ProgressPayload = { jobType: run.definition.type, seq: run.seq + 1, input, state };
    const envelope = buildChildEnvelope(
      run.parent,
      { type: PROGRESS_MESSAGE_TYPE, payload },
      this.#deps.newId(),
      this.#deps.clock(),
    );
    await this.#deps.bus.publish(QUEUES.supervisorWork, envelope, delayMs > 0 ? { delayMs } : {});
  }

  /** The LB request replies to the work queue; a delayed `lb-timeout` with the same seq guards against no reply. */
  async #publishLb(
    run: JobRun,
    state: unknown,
    request: { readonly type: string; readonly payload: Omit<LbStepPayload, 'echo'> | Omit<LbReadPayload, 'echo'> },
  ): Promise<void> {
    const seq = run.seq + 1;
    const echo: JobEcho = { jobType: run.definition.type, jobId: run.jobId, tenantId: run.tenantId, seq, state };
    const payload = { ...request.payload, echo: echo as JsonValue };
    const envelope = buildChildEnvelope(
      run.parent,
      { type: request.type, payload },
      this.#deps.newId(),
      this.#deps.clock(),
    );
    this.#deps.tracker.awaitLb(run.jobId, seq);
    await this.#deps.bus.publish(QUEUES.lbSteps, envelope, { replyTo: QUEUES.supervisorWork });
    await this.#publishProgress(run, state, 'lb-timeout', this.#deps.lbStepTimeoutMs);
  }
}
