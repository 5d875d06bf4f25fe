import type { JobEventPayload, JobResultJson } from '../messages/event-messages.js';

/** How a job ended, as its last event told. */
export interface JobOutcome {
  readonly jobId: string;
  readonly jobType: string;
  readonly status: 'succeeded' | 'failed';
  /** The job's result (`succeeded`), or what a failed job left behind, if anything. */
  readonly result?: JobResultJson;
  /** Why the job failed (empty when it succeeded). */
  readonly reasons: readonly string[];
}

/** The outcome a terminal event stands for; undefined for progress events. */
export function outcomeOfEvent(jobId: string, event: JobEventPayload): JobOutcome | undefined {
  if (event.event === 'succeeded')
    return { jobId, jobType: event.jobType, status: 'succeeded', result: event.result, reasons: [] };
  if (event.event === 'failed') {
    return event.result === undefined
      ? { jobId, jobType: event.jobType, status: 'failed', reasons: event.reasons }
      : { jobId, jobType: event.jobType, status: 'failed', result: event.result, reasons: event.reasons };
  }
  return undefined;
}
