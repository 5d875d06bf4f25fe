/**
 * Every exchange and queue name Kelp uses, in one place. Each work queue has an exchange of the same
 * name (direct, bound with the queue name as key) so broker permissions can be granted per queue; see
 * `shared/amqp/topology.ts` for the arguments each is declared with.
 */
export const QUEUES = {
  /** Jobs submitted by producers: launch-server, delete-server, converge-group. */
  supervisorJobs: 'kelp.supervisor.jobs',
  /** The supervisor's own progression messages (re-checks, next steps, converge cycles). */
  supervisorWork: 'kelp.supervisor.work',
  /** Converge-group cycles (gather → plan → execute), one message per running convergence. */
  supervisorConverge: 'kelp.supervisor.converge',
  /** Load-balancer steps and LB reads, answered to the message's replyTo. */
  lbSteps: 'kelp.lb.steps',
  /** Token requests to the auth service (RPC). */
  authRpc: 'kelp.auth.rpc',
} as const;

export type WorkQueue = (typeof QUEUES)[keyof typeof QUEUES];

export const WORK_QUEUES: readonly WorkQueue[] = Object.values(QUEUES);

export const EXCHANGES = {
  /** Job events, topic keys `job.<jobId>.<event>`. */
  events: 'kelp.events',
  /** Headers exchange routing to the delay tier queues by the `x-kelp-delay-tier` header. */
  delay: 'kelp.delay',
  /** Direct exchange the delay tiers dead-letter into; each work queue is bound by its own name. */
  redeliver: 'kelp.redeliver',
  /** Dead-letter exchange; each work queue's DLQ is bound by the work queue's name. */
  deadLetter: 'kelp.dlx',
  /**
   * RPC replies: each requesting process binds its exclusive reply queue (`kelp.reply.<id>`) by its own
   * name, and RPC servers answer here, so no service needs to publish to the default exchange.
   */
  replies: 'kelp.replies',
  /** The supervisor's group-record queues (`kelp.group.*`), each bound by its own name. */
  groupRecords: 'kelp.group-records',
} as const;

/** The dead-letter queue of a work queue. */
export function deadLetterQueueOf(queue: WorkQueue): string {
  return `${queue}.dlq`;
}

/** Topic routing key of a job event. */
export function eventRoutingKey(jobId: string, event: string): string {
  return `job.${jobId}.${event}`;
}

/** Headers Kelp sets on messages it dead-letters itself. */
export const HEADERS = {
  deadLetterReason: 'x-kelp-dead-letter-reason',
  deadLetterQueue: 'x-kelp-dead-letter-queue',
  delayTier: 'x-kelp-delay-tier',
  attempt: 'x-kelp-attempt',
} as const;
