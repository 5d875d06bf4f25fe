import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import type { SubmittedJob } from './job-outcomes.js';

/**
 * Valid jobs the scenarios submit (services/supervisor/README.md for the payloads; converge-group follows
 * ARCHITECTURE.md: `{ tenantId, groupId, desired }` with shared/convergence's desired group state). Pure:
 * ids and time are arguments.
 */
export type LbRef =
  | { readonly type: 'CloudLoadBalancer'; readonly loadBalancerId: number; readonly port: number }
  | { readonly type: 'RackConnectV3'; readonly loadBalancerId: string };

export interface LaunchSpec {
  readonly imageRef: string;
  readonly flavorRef: string;
  readonly loadBalancers: readonly LbRef[];
  /** Server name prefix. */
  readonly name?: string;
}

export interface BuiltJob {
  readonly submitted: SubmittedJob;
  readonly messageType: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export const JOB_TYPES = {
  launch: 'job.launch-server',
  delete: 'job.delete-server',
  converge: 'job.converge-group',
} as const;

function launchConfig(spec: LaunchSpec): Record<string, unknown> {
  return {
    server: {
      flavorRef: spec.flavorRef,
      imageRef: spec.imageRef,
      ...(spec.name === undefined ? {} : { name: spec.name }),
    },
    loadBalancers: spec.loadBalancers.map((lb) => ({ ...lb })),
  };
}

export function launchServerJob(jobId: string, tenantId: string, groupId: string, spec: LaunchSpec): BuiltJob {
  return {
    submitted: { jobId, tenantId, type: 'launch-server', groupId },
    messageType: JOB_TYPES.launch,
    payload: { tenantId, groupId, launchConfig: launchConfig(spec) },
  };
}

export function deleteServerJob(jobId: string, tenantId: string, groupId: string, serverId: string): BuiltJob {
  return {
    submitted: { jobId, tenantId, type: 'delete-server', groupId, serverId },
    messageType: JOB_TYPES.delete,
    payload: { tenantId, groupId, serverId },
  };
}

export function convergeGroupJob(
  jobId: string,
  tenantId: string,
  groupId: string,
  capacity: number,
  spec: LaunchSpec,
): BuiltJob {
  return {
    submitted: { jobId, tenantId, type: 'converge-group', groupId },
    messageType: JOB_TYPES.converge,
    payload: {
      tenantId,
      groupId,
      desired: { capacity, launchConfig: launchConfig(spec), drainingTimeoutSec: 0, buildTimeoutSec: 600 },
    },
  };
}

/** The envelope a producer publishes for a job. */
export function jobEnvelope(job: BuiltJob, messageId: string, now: Date): Envelope {
  return buildEnvelope(
    { type: job.messageType, tenantId: job.submitted.tenantId, jobId: job.submitted.jobId, payload: job.payload },
    messageId,
    now,
  );
}
