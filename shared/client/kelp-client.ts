import { randomUUID } from 'node:crypto';
import type { Bus, Subscription } from '../amqp/bus.js';
import { AppError } from '../errors/app-error.js';
import { buildEnvelope, type Envelope } from '../messages/envelope.js';
import { JobEventPayloadSchema, jobEventPattern, type JobEventPayload } from '../messages/event-messages.js';
import { QUEUES } from '../messages/routing.js';
import { outcomeOfEvent, type JobOutcome } from './job-outcome.js';
import { MESSAGE_TYPE_OF, submissionProblems, type JobSubmission } from './job-submission.js';

export interface KelpClientOptions {
  /** A started bus (the producer's own connection). */
  readonly bus: Pick<Bus, 'publish' | 'subscribe'>;
  readonly clock?: () => Date;
  readonly newId?: () => string;
}

/** Called with every event of a followed job, in arrival order. */
export type JobEventListener = (event: JobEventPayload, envelope: Envelope) => void;

export interface WaitOptions {
  /** Reject with AppError kind `timeout` when the job has not ended by then. */
  readonly timeoutMs: number;
  readonly onEvent?: JobEventListener;
}

/**
 * The producers' library: submit a job (resolves once the broker confirmed it, with the job id), follow
 * its events, wait for its outcome. `submitAndWait` subscribes before submitting, so no event is missed.
 */
export class KelpClient {
  readonly #bus: Pick<Bus, 'publish' | 'subscribe'>;
  readonly #clock: () => Date;
  readonly #newId: () => string;

  constructor(options: KelpClientOptions) {
    this.#bus = options.bus;
    this.#clock = options.clock ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** A job id for a submission that names none. */
  newJobId(): string {
    return this.#newId();
  }

  /**
   * Validates the job (AppError kind `decode` listing every problem in `details.problems`), publishes it
   * to the supervisor's job queue, and resolves with the job id on the broker's confirm.
   */
  async submit(submission: JobSubmission): Promise<string> {
    const problems = submissionProblems(submission);
    if (problems.length > 0) {
      throw AppError.nonRetryable('decode', `invalid ${submission.type} job: ${problems.join('; ')}`, {
        details: { problems },
      });
    }
    const jobId = submission.jobId ?? this.#newId();
    const envelope = buildEnvelope(
      { type: MESSAGE_TYPE_OF[submission.type], tenantId: submission.job.tenantId, jobId, payload: submission.job },
      this.#newId(),
      this.#clock(),
    );
    await this.#bus.publish(QUEUES.supervisorJobs, envelope);
    return jobId;
  }

  /** Follows a job's events from now on (earlier events are not replayed). */
  follow(jobId: string, listener: JobEventListener): Promise<Subscription> {
    return this.#bus.subscribe(jobEventPattern(jobId), (envelope) => {
      const parsed = JobEventPayloadSchema.safeParse(envelope.payload);
      if (parsed.success && envelope.jobId === jobId) listener(parsed.data, envelope);
    });
  }

  /**
   * Waits for a job's outcome from its events. Only events from now on count: for a job submitted
   * earlier that already ended, this times out (use `submitAndWait` to never miss the end).
   */
  async waitForOutcome(jobId: string, options: WaitOptions): Promise<JobOutcome> {
    const waiter = await this.#startWaiting(jobId, options);
    return waiter.outcome;
  }

  /** Subscribes to the job's events, submits it, and resolves with its outcome. */
  async submitAndWait(submission: JobSubmission, options: WaitOptions): Promise<JobOutcome> {
    const jobId = submission.jobId ?? this.#newId();
    const waiter = await this.#startWaiting(jobId, options);
    try {
      await this.submit({ ...submission, jobId });
    } catch (error) {
      await waiter.cancel();
      throw error;
    }
    return waiter.outcome;
  }

  async #startWaiting(
    jobId: string,
    options: WaitOptions,
  ): Promise<{ outcome: Promise<JobOutcome>; cancel(): Promise<void> }> {
    let settle: ((outcome: JobOutcome) => void) | undefined;
    let fail: ((error: unknown) => void) | undefined;
    const outcome = new Promise<JobOutcome>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    let done = false;
    const subscription = await this.follow(jobId, (event, envelope) => {
      if (done) return;
      options.onEvent?.(event, envelope);
      const ended = outcomeOfEvent(jobId, event);
      if (ended !== undefined) finish(() => settle?.(ended));
    });
    const timer = setTimeout(() => {
      finish(() => fail?.(AppError.nonRetryable('timeout', `job ${jobId} did not end within ${options.timeoutMs} ms`)));
    }, options.timeoutMs);
    function finish(then: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.close().then(then, then);
    }
    return {
      outcome,
      cancel: async () => {
        done = true;
        clearTimeout(timer);
        await subscription.close();
      },
    };
  }
}
