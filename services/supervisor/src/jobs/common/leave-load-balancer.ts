import { z } from 'zod';
import { LbMembershipSchema, type LbMembership } from '../../../../../shared/messages/job-messages.js';
import type { JobAction, JobInput } from '../../core/job-machine.js';
import type { JobSettings } from '../../core/job-settings.js';
import { firstReasonText, reasonsForUser } from '../../core/user-reasons.js';
import { decideLbRetry, describeLb } from './lb-retry.js';

/**
 * Leaving one load balancer: RCv3 by a bulk delete of (pool, server); CLB by removing the node — its id
 * from the launch result, else found among the CLB's nodes by the server's ServiceNet address and port.
 * A CLB or node that is already gone counts as left (the step catalog says so).
 */
/** Read errors meaning the CLB is gone, so nothing of the server is left on it. */
const CLB_GONE: ReadonlySet<string> = new Set(['NoSuchCLBError', 'CLBDeletedError']);

export const LeaveProgressSchema = z
  .object({
    membership: LbMembershipSchema,
    attempt: z.number().int().min(0),
    nodeIds: z.array(z.string().regex(/^\d{1,19}$/)).optional(),
  })
  .strict();
export type LeaveProgress = z.infer<typeof LeaveProgressSchema>;

export interface LeaveTarget {
  readonly serverId: string;
  /** The server's ServiceNet address; undefined when the server is gone or has none. */
  readonly address: string | undefined;
}

export type LeaveMove =
  | { readonly kind: 'act'; readonly progress: LeaveProgress; readonly action: JobAction }
  | { readonly kind: 'left'; readonly note?: string }
  | { readonly kind: 'retry'; readonly progress: LeaveProgress; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'failed'; readonly reasons: readonly string[] };

export function startLeave(membership: LbMembership): LeaveProgress {
  return { membership, attempt: 0 };
}

/** The move that (re)starts leaving: the removal when node ids are known, else the read that finds them. */
export function resumeLeave(progress: LeaveProgress, target: LeaveTarget): LeaveMove {
  const m = progress.membership;
  if (m.type === 'RackConnectV3') {
    return {
      kind: 'act',
      progress,
      action: {
        kind: 'lb-step',
        step: { type: 'BulkRemoveFromRCv3', pairs: [{ poolId: m.loadBalancerId, serverId: target.serverId }] },
      },
    };
  }
  const nodeIds = progress.nodeIds ?? (m.nodeId === undefined ? undefined : [m.nodeId]);
  if (nodeIds !== undefined) {
    if (nodeIds.length === 0) return { kind: 'left', note: `no node of this server on ${describeLb(m)}` };
    return {
      kind: 'act',
      progress: { ...progress, nodeIds },
      action: { kind: 'lb-step', step: { type: 'RemoveNodesFromCLB', lbId: m.loadBalancerId, nodeIds } },
    };
  }
  if (target.address === undefined) {
    return { kind: 'left', note: `node on ${describeLb(m)} cannot be found without the server's ServiceNet address` };
  }
  return { kind: 'act', progress, action: { kind: 'lb-read', read: { kind: 'clb-nodes', lbId: m.loadBalancerId } } };
}

/** The move after an input; undefined when the input does not belong to leaving. */
export function onLeaveInput(
  progress: LeaveProgress,
  input: JobInput,
  target: LeaveTarget,
  settings: JobSettings,
): LeaveMove | undefined {
  const m = progress.membership;
  switch (input.kind) {
    case 'resume':
      return resumeLeave(progress, target);
    case 'lb-timeout':
      return retry(progress, settings, `the load-balancer service did not answer for ${describeLb(m)}`);
    case 'lb-read-result': {
      if (m.type !== 'CloudLoadBalancer' || progress.nodeIds !== undefined) return undefined;
      const read = input.result;
      if (!read.ok) {
        if (read.error.status === 404 || CLB_GONE.has(read.error.kind)) {
          return { kind: 'left', note: `${describeLb(m)} no longer exists` };
        }
        return retry(progress, settings, read.error.message);
      }
      const nodeIds = matchingNodeIds(read.body, target.address, m.port);
      return resumeLeave({ ...progress, nodeIds }, target);
    }
    case 'lb-step-result': {
      const result = input.result;
      if (result.status === 'success' || result.done) return { kind: 'left' };
      if (result.status === 'failure') return { kind: 'failed', reasons: reasonsForUser(result.reasons) };
      return retry(progress, settings, firstReasonText(result.reasons, 'not removed yet'), result.retryAfterMs);
    }
    case 'nova':
    case 'nova-fatal':
      return undefined;
    default:
      return undefined;
  }
}

function retry(progress: LeaveProgress, settings: JobSettings, reason: string, retryAfterMs?: number): LeaveMove {
  const decision = decideLbRetry(progress.attempt, settings, retryAfterMs);
  if (decision.kind === 'exhausted') {
    return {
      kind: 'failed',
      reasons: [`Could not leave ${describeLb(progress.membership)} after ${decision.attempts} attempts: ${reason}`],
    };
  }
  // A retry re-reads the CLB's nodes: the node may have gone meanwhile.
  const { nodeIds: _known, ...rest } = progress;
  const next =
    progress.membership.type === 'CloudLoadBalancer' && progress.membership.nodeId === undefined ? rest : progress;
  return { kind: 'retry', progress: { ...next, attempt: decision.attempt }, delayMs: decision.delayMs, reason };
}

/** Ids of the nodes at `address`:`port` in a CLB nodes body (`{nodes: [{id, address, port}]}`). */
export function matchingNodeIds(body: unknown, address: string | undefined, port: number): string[] {
  if (address === undefined || typeof body !== 'object' || body === null) return [];
  const nodes = (body as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return [];
  return (nodes as unknown[]).flatMap((node) => {
    if (typeof node !== 'object' || node === null) return [];
    const n = node as { id?: unknown; address?: unknown; port?: unknown };
    return n.address === address && n.port === port && (typeof n.id === 'number' || typeof n.id === 'string')
      ? [String(n.id)]
      : [];
  });
}
