import { z } from 'zod';
import { DesiredGroupStateSchema } from '../convergence/desired-state.js';
import { STEP_TYPES, type StepType } from '../steps/step.js';
import { StepStatusSchema } from '../steps/step-result.js';
import { LaunchConfigSchema as JobLaunchConfigSchema } from './job-messages.js';

/**
 * Converge-group jobs (services/supervisor/src/converge/README.md): producers submit `job.converge-group`
 * on QUEUES.supervisorJobs; the supervisor runs the job as a chain of cycle messages on
 * QUEUES.supervisorConverge; progress goes out as job events (`job.<jobId>.<event>`), the standard ones
 * (event-messages.ts) plus the two below (`cycle`, `group-status`).
 */
export const CONVERGE_JOB_TYPE = 'converge-group';

export const CONVERGE_MESSAGE_TYPES = {
  job: 'job.converge-group',
  cycle: 'converge.cycle',
} as const;

const id = z.string().trim().min(1).max(200);

/**
 * `{ tenantId, groupId, desired: { capacity, launchConfig, drainingTimeoutSec?, buildTimeoutSec? } }`. The
 * launch config must also pass the launch-server job's rules (at most 5 load balancers, no duplicates,
 * ServiceNet with a CLB, imageRef unless booting from a volume), so one config is valid for both jobs.
 */
export const ConvergeGroupJobSchema = z
  .object({ tenantId: id, groupId: id, desired: DesiredGroupStateSchema })
  .strict()
  .superRefine((job, ctx) => {
    const strict = JobLaunchConfigSchema.safeParse(job.desired.launchConfig);
    if (strict.success) return;
    for (const issue of strict.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['desired', 'launchConfig', ...issue.path], message: issue.message });
    }
  });
export type ConvergeGroupJob = z.infer<typeof ConvergeGroupJobSchema>;
export type ConvergeGroupJobInput = z.input<typeof ConvergeGroupJobSchema>;

export const LoopStateSchema = z
  .object({
    cycle: z.number().int().min(0),
    limitedRetries: z.number().int().min(0),
    idleCycles: z.number().int().min(0),
  })
  .strict();

/**
 * One convergence cycle to run (the envelope's `jobId` is the job's; its `attempt` counts consecutive
 * tries that found the group locked). `acceptedAt` orders jobs of one group (the newest accepted wins, see
 * Note [Group lock]); `loop` is the retry budget used so far; `resume` marks a cycle sent again after it
 * may already have claimed the group (so the duplicate check lets it run).
 */
export const ConvergeCyclePayloadSchema = z
  .object({
    job: ConvergeGroupJobSchema,
    acceptedAt: z.iso.datetime(),
    loop: LoopStateSchema,
    resume: z.boolean().default(false),
  })
  .strict();
export type ConvergeCyclePayload = z.infer<typeof ConvergeCyclePayloadSchema>;
export type ConvergeCyclePayloadInput = z.input<typeof ConvergeCyclePayloadSchema>;

/** Most servers the group record remembers (each entry is about 60 bytes). */
export const MAX_RECORDED_SERVERS = 10_000;

/**
 * What the group lock's holder leaves for the next (shared/amqp/group-lock.ts): which job and cycle last
 * ran (supersession and duplicate detection), the servers it saw as `[id, ServiceNet address]` (otter's
 * server cache: one that vanishes from Nova is cleaned out of its load balancers) and the load balancers
 * it read (so their nodes are still found once a vanished server's metadata is gone).
 */
export const GroupRecordSchema = z
  .object({
    jobId: id,
    acceptedAt: z.iso.datetime(),
    cycle: z.number().int().min(0),
    servers: z
      .array(z.tuple([z.string().min(1), z.string().nullable()]))
      .max(MAX_RECORDED_SERVERS)
      .readonly(),
    lbs: z.object({ clb: z.array(z.string()).readonly(), rcv3: z.array(z.string()).readonly() }).strict(),
  })
  .strict();
export type GroupRecord = z.infer<typeof GroupRecordSchema>;

/** A group's status as convergence sees it. */
export const GROUP_STATUSES = ['CONVERGING', 'ACTIVE', 'ERROR'] as const;
export const GroupStatusSchema = z.enum(GROUP_STATUSES);
export type GroupStatus = z.infer<typeof GroupStatusSchema>;

const text = z.string().max(4000);
const StepTypeSchema = z.enum(STEP_TYPES as [StepType, ...StepType[]]);

/** One step of a cycle, as events show it: its type, a one-line description and how it ended. */
export const StepSummarySchema = z
  .object({ type: StepTypeSchema, detail: text, status: StepStatusSchema.optional() })
  .strict();
export type StepSummary = z.infer<typeof StepSummarySchema>;

/** Most steps listed one by one in a `cycle` event; `counts` covers all of them. */
export const MAX_LISTED_STEPS = 100;

export const CycleNextSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('continue'), delayMs: z.number().int().min(0) }).strict(),
  z.object({ action: z.literal('done'), groupStatus: z.enum(['ACTIVE', 'ERROR']) }).strict(),
]);
export type CycleNext = z.infer<typeof CycleNextSchema>;

/** `job.<jobId>.cycle`: what one cycle saw, did and decided. */
export const CycleEventSchema = z
  .object({
    event: z.literal('cycle'),
    jobType: z.literal(CONVERGE_JOB_TYPE),
    cycle: z.number().int().min(0),
    /** Group servers seen, by state (vanished ones as DELETED). */
    servers: z.record(z.string(), z.number().int().min(0)),
    /** Steps by type, all of them. */
    counts: z.record(z.string(), z.number().int().min(0)),
    steps: z.array(StepSummarySchema).max(MAX_LISTED_STEPS),
    /** Steps not listed in `steps`. */
    omitted: z.number().int().min(0),
    worst: StepStatusSchema,
    /** The reasons of the worst results (operator texts included), for logs and `kelp converge`. */
    reasons: z.array(text).max(50),
    next: CycleNextSchema,
  })
  .strict();
export type CycleEvent = z.infer<typeof CycleEventSchema>;

/** `job.<jobId>.group-status`: the group's status changed; `reasons` are user-facing (ERROR only). */
export const GroupStatusEventSchema = z
  .object({
    event: z.literal('group-status'),
    jobType: z.literal(CONVERGE_JOB_TYPE),
    tenantId: id,
    groupId: id,
    status: GroupStatusSchema,
    reasons: z.array(text),
  })
  .strict();
export type GroupStatusEvent = z.infer<typeof GroupStatusEventSchema>;

/** The converge-only events (the standard ones are in event-messages.ts). */
export const ConvergeEventPayloadSchema = z.discriminatedUnion('event', [CycleEventSchema, GroupStatusEventSchema]);
export type ConvergeEventPayload = z.infer<typeof ConvergeEventPayloadSchema>;

/** The `succeeded` result of a converge-group job. */
export interface ConvergeResult {
  readonly groupStatus: 'ACTIVE';
  readonly tenantId: string;
  readonly groupId: string;
  readonly capacity: number;
  readonly cycles: number;
  /** How many servers the group has (not deleted). */
  readonly serverCount: number;
  /** Their ids, the first MAX_RESULT_SERVERS of them (events stay small). */
  readonly servers: readonly string[];
}

/** Most server ids a `succeeded` result lists. */
export const MAX_RESULT_SERVERS = 1000;
