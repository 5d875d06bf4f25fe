import { type z } from 'zod';
import {
  CONVERGE_MESSAGE_TYPES,
  ConvergeGroupJobSchema,
  type ConvergeGroupJobInput,
} from '../messages/converge-messages.js';
import {
  DeleteServerJobSchema,
  JOB_MESSAGE_TYPES,
  LaunchServerJobSchema,
  type DeleteServerJobInput,
  type LaunchServerJobInput,
} from '../messages/job-messages.js';

/** A job a producer submits: its type and payload, and optionally its id (a fresh UUID otherwise). */
export type JobSubmission =
  | { readonly type: 'launch-server'; readonly job: LaunchServerJobInput; readonly jobId?: string }
  | { readonly type: 'delete-server'; readonly job: DeleteServerJobInput; readonly jobId?: string }
  | { readonly type: 'converge-group'; readonly job: ConvergeGroupJobInput; readonly jobId?: string };

export type JobType = JobSubmission['type'];
export const JOB_TYPES: readonly JobType[] = ['launch-server', 'delete-server', 'converge-group'];

const SCHEMAS: { readonly [K in JobType]: z.ZodType } = {
  'launch-server': LaunchServerJobSchema,
  'delete-server': DeleteServerJobSchema,
  'converge-group': ConvergeGroupJobSchema,
};

export const MESSAGE_TYPE_OF: { readonly [K in JobType]: string } = {
  'launch-server': JOB_MESSAGE_TYPES.launchServer,
  'delete-server': JOB_MESSAGE_TYPES.deleteServer,
  'converge-group': CONVERGE_MESSAGE_TYPES.job,
};

/** What a producer may name a job: it becomes a routing-key word and seeds server names. */
export const CLIENT_JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Checks a submission before it is sent (pure): the same schema the supervisor applies. Returns every
 * problem as `path: message`, or none.
 */
export function submissionProblems(submission: JobSubmission): string[] {
  const problems: string[] = [];
  if (submission.jobId !== undefined && !CLIENT_JOB_ID_PATTERN.test(submission.jobId)) {
    problems.push('jobId: must be 1-100 letters, digits, "_" or "-"');
  }
  const schema = SCHEMAS[submission.type] as z.ZodType | undefined;
  if (schema === undefined) return [...problems, `type: unknown job type ${JSON.stringify(submission.type)}`];
  const parsed = schema.safeParse(submission.job);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((key) => String(key)).join('.');
      problems.push(`${path === '' ? '(job)' : path}: ${issue.message}`);
    }
  }
  const tenantId = (submission.job as { tenantId?: unknown }).tenantId;
  if (typeof tenantId !== 'string' || tenantId.trim() === '') problems.push('tenantId: required');
  return [...new Set(problems)];
}
