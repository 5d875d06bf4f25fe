import { z } from 'zod';
import type { RequestOutcome, ServiceRequest } from '../../../../../shared/request/service-request.js';
import { deleteServerRequests } from '../../../../../shared/steps/nova/delete-server.js';
import { nextAttempt } from '../../../../../shared/steps/run-step.js';
import type { DeleteServer } from '../../../../../shared/steps/step.js';
import type { Reason } from '../../../../../shared/steps/step-result.js';
import { deleteRetryDelay, type JobSettings } from '../../core/job-settings.js';
import { firstReasonText } from '../../core/user-reasons.js';

/**
 * Deleting one server and verifying it is gone (otter `verified_delete`): DELETE, then GET until 404 or
 * task_state `deleting`, through the catalog's DeleteServer step; a failed attempt is retried after an
 * exponential backoff, up to `deleteRetries` times.
 */
export const VerifiedDeleteSchema = z
  .object({ serverId: z.string().min(1), attempt: z.number().int().min(0), verifying: z.boolean() })
  .strict();
export type VerifiedDelete = z.infer<typeof VerifiedDeleteSchema>;

export function startVerifiedDelete(serverId: string): VerifiedDelete {
  return { serverId, attempt: 0, verifying: false };
}

export function verifiedDeleteRequest(progress: VerifiedDelete): ServiceRequest {
  const requests = deleteServerRequests(progress.serverId);
  return progress.verifying ? requests.verify : requests.delete;
}

export type DeleteMove =
  | { readonly kind: 'send'; readonly progress: VerifiedDelete; readonly request: ServiceRequest }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'retry'; readonly progress: VerifiedDelete; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'gave-up'; readonly reasons: readonly Reason[] };

export function onVerifiedDeleteOutcome(
  progress: VerifiedDelete,
  outcome: RequestOutcome,
  settings: JobSettings,
): DeleteMove {
  const step: DeleteServer = { type: 'DeleteServer', serverId: progress.serverId };
  const next = nextAttempt(step, verifiedDeleteRequest(progress), outcome);
  if (next.kind === 'send') {
    return { kind: 'send', progress: { ...progress, verifying: next.request.method === 'GET' }, request: next.request };
  }
  if (next.result.done) return { kind: 'deleted' };
  const attempt = progress.attempt + 1;
  if (attempt > settings.deleteRetries) return { kind: 'gave-up', reasons: next.result.reasons };
  return {
    kind: 'retry',
    progress: { serverId: progress.serverId, attempt, verifying: false },
    delayMs: Math.max(next.result.retryAfterMs ?? 0, deleteRetryDelay(settings, attempt)),
    reason: firstReasonText(next.result.reasons, `server ${progress.serverId} is not deleted yet`),
  };
}
