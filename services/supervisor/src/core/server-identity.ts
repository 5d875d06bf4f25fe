import { createHash } from 'node:crypto';

/**
 * Note [Server identity]: a launch job's servers are found again from the job alone. The name suffix is
 * `as` + 8 hex characters of SHA-256 over (job id, generation) — the generation counts ERROR replacements —
 * and the server carries the job id in metadata. A redelivered or retried create first lists servers by
 * that name and adopts the one whose job-id metadata matches, so one job never makes two servers for one
 * generation.
 */
export const JOB_ID_METADATA_KEY = 'rax:autoscale:job:id';
export const GROUP_ID_METADATA_KEY = 'rax:autoscale:group:id';
export const LEGACY_GROUP_ID_METADATA_KEY = 'rax:auto_scaling_group_id';
export const CLB_METADATA_PREFIX = 'rax:autoscale:lb:CloudLoadBalancer:';
export const RCV3_METADATA_PREFIX = 'rax:autoscale:lb:RackConnectV3:';

/** `as1a2b3c4d`, stable for a (job, generation). */
export function serverNameSuffix(jobId: string, generation: number): string {
  return `as${createHash('sha256').update(`${jobId}#${generation}`).digest('hex').slice(0, 8)}`;
}

/** `<prefix>-<suffix>`, or the suffix alone without a prefix (otter `set_server_name`). */
export function serverNameFor(jobId: string, generation: number, prefix?: string): string {
  const suffix = serverNameSuffix(jobId, generation);
  return prefix === undefined || prefix === '' ? suffix : `${prefix}-${suffix}`;
}
