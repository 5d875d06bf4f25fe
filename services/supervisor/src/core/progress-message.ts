import { z } from 'zod';

/**
 * The supervisor's own messages on QUEUES.supervisorWork. A job's state travels in them — in a
 * progression message (`resume`: carry on after a wait; `lb-timeout`: the LB service did not answer), or
 * in the `echo` of an LB step/read, which the load-balancer service returns in its reply to the same queue.
 *
 * `seq` numbers a job's messages: each transition that publishes gives its message the next number. Two
 * messages with one (job, seq) are copies (a redelivery after a crash between publish and ack); the
 * supervisor processes the first and drops the rest (see `JobProgressTracker`).
 */
export const PROGRESS_MESSAGE_TYPE = 'supervisor.progress';

const jobType = z.string().min(1).max(100);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ProgressPayloadSchema = z
  .object({ jobType, seq, input: z.enum(['resume', 'lb-timeout']), state: z.unknown() })
  .strict();
export type ProgressPayload = z.infer<typeof ProgressPayloadSchema>;

/** Job and tenant ride in the echo too, so a reply is routed to its job whatever envelope it comes in. */
export const JobEchoSchema = z
  .object({ jobType, jobId: z.string().min(1).max(200), tenantId: z.string().min(1).max(200), seq, state: z.unknown() })
  .strict();
export type JobEcho = z.infer<typeof JobEchoSchema>;
