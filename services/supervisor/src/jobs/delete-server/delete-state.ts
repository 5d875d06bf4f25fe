import { z } from 'zod';
import {
  DeleteServerJobSchema,
  LbMembershipSchema,
  type DeleteServerJob,
} from '../../../../../shared/messages/job-messages.js';
import { LeaveProgressSchema } from '../common/leave-load-balancer.js';
import { phaseMove, type PhaseMove } from '../common/phase-move.js';
import { VerifiedDeleteSchema } from '../common/verified-delete.js';

const count = z.number().int().min(0);

/**
 * Where a delete job stands: `inspect` (GET the server: metadata says which load balancers it is in, and
 * its ServiceNet address finds its CLB nodes) → `leave` each load balancer → `delete` and verify.
 */
export const DeletePhaseSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('inspect'), attempt: count }).strict(),
  z.object({ name: z.literal('leave'), index: count, leave: LeaveProgressSchema }).strict(),
  z.object({ name: z.literal('delete'), delete: VerifiedDeleteSchema }).strict(),
]);

export const DeleteStateSchema = z
  .object({
    jobId: z.string().min(1),
    job: DeleteServerJobSchema,
    startedAt: z.iso.datetime(),
    /** The server was already gone (404) when the job looked. */
    gone: z.boolean(),
    address: z.string().optional(),
    /** Load balancers to leave, in order. */
    memberships: z.array(LbMembershipSchema),
    /** Load balancers left so far. */
    left: z.array(LbMembershipSchema),
    phase: DeletePhaseSchema,
  })
  .strict();
export type DeleteState = z.infer<typeof DeleteStateSchema>;

export type DeleteMove = PhaseMove<DeleteState>;

export const deleteMove = phaseMove<DeleteState>;

export function initialDeleteState(job: DeleteServerJob, jobId: string, now: Date): DeleteState {
  return {
    jobId,
    job,
    startedAt: now.toISOString(),
    gone: false,
    memberships: [],
    left: [],
    phase: { name: 'inspect', attempt: 0 },
  };
}
