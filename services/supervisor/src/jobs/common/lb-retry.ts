import type { JobSettings } from '../../core/job-settings.js';

export type LbRetryDecision =
  | { readonly kind: 'retry'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'exhausted'; readonly attempts: number };

/**
 * Whether a load-balancer step that did not take effect is tried again: up to `lbRetries` retries, each
 * after `lbRetryDelayMs` unless the API asked for longer (otter retried every error but a deleted CLB).
 */
export function decideLbRetry(attempt: number, settings: JobSettings, retryAfterMs?: number): LbRetryDecision {
  const next = attempt + 1;
  if (next > settings.lbRetries) return { kind: 'exhausted', attempts: next };
  return { kind: 'retry', attempt: next, delayMs: Math.max(retryAfterMs ?? 0, settings.lbRetryDelayMs) };
}

/** The text of a load-balancer membership for events and reasons: `CLB 123 port 80`, `RCv3 pool abc`. */
export function describeLb(lb: {
  readonly type: string;
  readonly loadBalancerId: string;
  readonly port?: number;
}): string {
  return lb.type === 'RackConnectV3'
    ? `RackConnect v3 pool ${lb.loadBalancerId}`
    : `Cloud Load Balancer ${lb.loadBalancerId}${lb.port === undefined ? '' : ` port ${lb.port}`}`;
}
