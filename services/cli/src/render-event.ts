import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';

/** One line for an event, without timestamps: `add-to-clb started: Cloud Load Balancer 10 port 80`. */
export function describeEvent(event: JobEventPayload): string {
  switch (event.event) {
    case 'accepted':
      return `${event.jobType} job accepted`;
    case 'step-started':
      return `${event.step} started${event.detail === undefined ? '' : `: ${event.detail}`}`;
    case 'step-finished':
      return `${event.step} done${event.detail === undefined ? '' : `: ${event.detail}`}`;
    case 'retrying':
      return `${event.step} retrying (attempt ${event.attempt}, in ${formatSeconds(event.delayMs)}): ${event.reason}`;
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return `failed: ${event.reasons.join('; ')}`;
    default:
      return 'event';
  }
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The human summary of how a job ended. */
export function describeOutcome(outcome: JobOutcome): string[] {
  if (outcome.status === 'failed') {
    const lines = [`job ${outcome.jobId} failed:`, ...outcome.reasons.map((reason) => `  - ${reason}`)];
    const kept = outcome.result?.['kept'] === true ? outcome.result['serverId'] : undefined;
    if (typeof kept === 'string') lines.push(`  server ${kept} was kept`);
    return lines;
  }
  const result = outcome.result ?? {};
  const serverId = typeof result['serverId'] === 'string' ? result['serverId'] : '?';
  if (outcome.jobType === 'delete-server') {
    return [
      `job ${outcome.jobId} succeeded: server ${serverId} ${result['deleted'] === false ? 'was already gone' : 'deleted'}`,
    ];
  }
  const lines = [
    `job ${outcome.jobId} succeeded: server ${serverId} (${typeof result['name'] === 'string' ? result['name'] : '?'})`,
  ];
  const addresses = describeAddresses(result['addresses']);
  if (addresses !== '') lines.push(`  addresses: ${addresses}`);
  const lbs = describeLbs(result['loadBalancers']);
  if (lbs !== '') lines.push(`  load balancers: ${lbs}`);
  return lines;
}

function describeAddresses(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  return Object.entries(value as Record<string, unknown>)
    .flatMap(([network, list]) =>
      Array.isArray(list)
        ? (list as unknown[]).flatMap((entry) => {
            const addr = (entry as { addr?: unknown } | null)?.addr;
            return typeof addr === 'string' ? [`${network} ${addr}`] : [];
          })
        : [],
    )
    .join(', ');
}

function describeLbs(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return (value as unknown[])
    .map((lb) => {
      const m = lb as { type?: string; loadBalancerId?: string; port?: number; nodeId?: string };
      if (m.type === 'RackConnectV3') return `RCv3 pool ${m.loadBalancerId ?? '?'}`;
      const node = m.nodeId === undefined ? '' : ` (node ${m.nodeId})`;
      return `CLB ${m.loadBalancerId ?? '?'}:${m.port ?? '?'}${node}`;
    })
    .join(', ');
}

/** The `--json` document for an outcome. */
export function outcomeJson(outcome: JobOutcome): string {
  return JSON.stringify({
    jobId: outcome.jobId,
    type: outcome.jobType,
    status: outcome.status,
    ...(outcome.result === undefined ? {} : { result: outcome.result }),
    reasons: outcome.reasons,
  });
}
