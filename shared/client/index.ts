/** The producers' library: submit jobs to Kelp, follow their events, wait for their outcome. */
export { KelpClient, type JobEventListener, type KelpClientOptions, type WaitOptions } from './kelp-client.js';
export { JOB_TYPES, submissionProblems, type JobSubmission, type JobType } from './job-submission.js';
export { outcomeOfEvent, type JobOutcome } from './job-outcome.js';
export type { JobEventPayload } from '../messages/event-messages.js';
