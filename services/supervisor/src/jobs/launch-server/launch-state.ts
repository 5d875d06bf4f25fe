import { z } from 'zod';
import {
  AddressesSchema,
  LaunchServerJobSchema,
  LbMembershipSchema,
  type LaunchServerJob,
} from '../../../../../shared/messages/job-messages.js';
import { LeaveProgressSchema } from '../common/leave-load-balancer.js';
import { phaseMove, type PhaseMove } from '../common/phase-move.js';
import { VerifiedDeleteSchema } from '../common/verified-delete.js';

const count = z.number().int().min(0);

/**
 * Where a launch job stands. Phases, in order: `find` (look for this generation's server) → `create` →
 * `wait-active` → `join` (each load balancer in config order) → succeeded. A server in ERROR goes to
 * `discard` (delete it) and back to `find` with the next generation. A failure sets `failure` and rolls
 * back: `undo-leave` (the joined load balancers, last first), then `discard` (every server of the job).
 */
export const LaunchPhaseSchema = z.discriminatedUnion('name', [
  /** `searchRetries`: failed searches of this attempt retried so far (absent = none). */
  z.object({ name: z.literal('find'), attempt: count, searchRetries: count.optional() }).strict(),
  z.object({ name: z.literal('create'), attempt: count }).strict(),
  z.object({ name: z.literal('wait-active'), deadline: z.iso.datetime(), polls: count }).strict(),
  z.object({ name: z.literal('discard'), delete: VerifiedDeleteSchema }).strict(),
  z.object({ name: z.literal('join'), index: count, attempt: count }).strict(),
  z.object({ name: z.literal('undo-leave'), index: count, leave: LeaveProgressSchema }).strict(),
]);
export type LaunchPhase = z.infer<typeof LaunchPhaseSchema>;

export const LaunchStateSchema = z
  .object({
    jobId: z.string().min(1),
    job: LaunchServerJobSchema,
    startedAt: z.iso.datetime(),
    /** ERROR replacements so far; part of the server name. */
    generation: count,
    server: z
      .object({ id: z.string().min(1), name: z.string().min(1) })
      .strict()
      .optional(),
    /** When the current server must be ACTIVE by. */
    activeDeadline: z.iso.datetime().optional(),
    addresses: AddressesSchema.optional(),
    /** Load balancers joined so far, in order (rollback leaves them last first). */
    joined: z.array(LbMembershipSchema),
    /** Servers of this job to delete: replaced after ERROR, duplicates, or everything on rollback. */
    discard: z.array(z.string().min(1)),
    /** Set once the job has failed: the reasons, and whether the server is kept (an LB refused to let go). */
    failure: z
      .object({ reasons: z.array(z.string()).min(1), keptServer: z.boolean() })
      .strict()
      .optional(),
    phase: LaunchPhaseSchema,
  })
  .strict();
export type LaunchState = z.infer<typeof LaunchStateSchema>;

/** A launch phase handler's answer (see PhaseMove). */
export type LaunchMove = PhaseMove<LaunchState>;

export const move = phaseMove<LaunchState>;

export function initialLaunchState(job: LaunchServerJob, jobId: string, now: Date): LaunchState {
  return {
    jobId,
    job,
    startedAt: now.toISOString(),
    generation: 0,
    joined: [],
    discard: [],
    phase: { name: 'find', attempt: 0 },
  };
}
