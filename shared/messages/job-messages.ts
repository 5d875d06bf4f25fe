import { z } from 'zod';

/**
 * Jobs producers submit on QUEUES.supervisorJobs (otter-behaviour §3.3 for the launch-config rules). The
 * envelope's `type` names the job (`JOB_MESSAGE_TYPES`), its `jobId` identifies it and its `tenantId` must
 * equal the payload's.
 */
export const JOB_MESSAGE_TYPES = {
  launchServer: 'job.launch-server',
  deleteServer: 'job.delete-server',
} as const;

/** The job type a message type stands for: `job.launch-server` → `launch-server`. */
export function jobTypeOfMessage(messageType: string): string {
  return messageType.startsWith('job.') ? messageType.slice('job.'.length) : messageType;
}

/** Nova's ServiceNet network: required in `networks` when a CLB is configured (§3.3). */
export const SERVICENET_NETWORK_ID = '11111111-1111-1111-1111-111111111111';
/** Most load balancers one launch config may name. */
export const MAX_LOAD_BALANCERS = 5;

const id = z.string().trim().min(1).max(200);
const clbId = z
  .union(
    [
      z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      z
        .string()
        .trim()
        .regex(/^\d{1,19}$/, 'must be a decimal id (a number or a string of digits)'),
    ],
    {
      error: 'must be a decimal id (a number or a string of digits)',
    },
  )
  .transform((value) => String(value));

export const ClbConfigSchema = z
  .object({
    type: z.literal('CloudLoadBalancer'),
    loadBalancerId: clbId,
    port: z.number().int().min(1).max(65535),
  })
  .strict();

export const Rcv3ConfigSchema = z.object({ type: z.literal('RackConnectV3'), loadBalancerId: id }).strict();

/** `{type: "CloudLoadBalancer", loadBalancerId, port}` (type may be omitted) or `{type: "RackConnectV3", loadBalancerId}`. */
export const LoadBalancerConfigSchema = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && !('type' in value)
      ? { ...value, type: 'CloudLoadBalancer' }
      : value,
  z.discriminatedUnion('type', [ClbConfigSchema, Rcv3ConfigSchema]),
);
export type LoadBalancerConfig = z.infer<typeof LoadBalancerConfigSchema>;
export type ClbConfig = z.infer<typeof ClbConfigSchema>;
export type Rcv3Config = z.infer<typeof Rcv3ConfigSchema>;

const metadataKey = z.string().regex(/^[a-zA-Z0-9\-_:. ]{1,255}$/, 'metadata keys are 1-255 of [a-zA-Z0-9-_:. ]');

/** The Nova server args of a launch config. Keys not named here pass through to Nova unchanged. */
export const LaunchServerArgsSchema = z
  .looseObject({
    /** Name prefix: the server is named `<name>-<suffix derived from the job id>`. */
    name: z.string().trim().min(1).max(200).optional(),
    flavorRef: z.string().trim().min(1, 'must not be blank').max(200),
    imageRef: z.string().max(200).nullable().optional(),
    metadata: z.record(metadataKey, z.string().max(255)).optional(),
    networks: z.array(z.looseObject({ uuid: z.string().optional() })).optional(),
    personality: z.array(z.object({ path: z.string().min(1).max(255), contents: z.string() }).strict()).optional(),
    block_device_mapping: z.unknown().optional(),
    block_device_mapping_v2: z.unknown().optional(),
  })
  .superRefine((server, ctx) => {
    const bootFromVolume = server.block_device_mapping !== undefined || server.block_device_mapping_v2 !== undefined;
    const image = server.imageRef ?? '';
    if (!bootFromVolume && image.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['imageRef'], message: 'required unless booting from a volume' });
    }
    if (bootFromVolume && image.trim() !== '') {
      ctx.addIssue({ code: 'custom', path: ['imageRef'], message: 'must be empty when booting from a volume' });
    }
  });
export type LaunchServerArgs = z.infer<typeof LaunchServerArgsSchema>;

export const LaunchConfigSchema = z
  .object({
    server: LaunchServerArgsSchema,
    loadBalancers: z.array(LoadBalancerConfigSchema).max(MAX_LOAD_BALANCERS).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.loadBalancers.forEach((lb, index) => {
      const key = JSON.stringify(lb);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['loadBalancers', index], message: 'duplicate load balancer' });
      seen.add(key);
    });
    const hasClb = config.loadBalancers.some((lb) => lb.type === 'CloudLoadBalancer');
    const networks = config.server.networks;
    if (hasClb && networks !== undefined && !networks.some((n) => n.uuid === SERVICENET_NETWORK_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'networks'],
        message: 'ServiceNet network must be present if one or more Cloud Load Balancers are configured.',
      });
    }
  });
export type LaunchConfig = z.infer<typeof LaunchConfigSchema>;

export const LaunchServerJobSchema = z.object({ tenantId: id, groupId: id, launchConfig: LaunchConfigSchema }).strict();
export type LaunchServerJob = z.infer<typeof LaunchServerJobSchema>;
export type LaunchServerJobInput = z.input<typeof LaunchServerJobSchema>;

/**
 * A load balancer a server is in: what a launch result reports and a delete job may pass back. `nodeId`
 * (CLB) is known when the add answered with it; without it the node is found by address and port.
 */
export const LbMembershipSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('CloudLoadBalancer'),
      loadBalancerId: clbId,
      port: z.number().int().min(1).max(65535),
      nodeId: z
        .string()
        .regex(/^\d{1,19}$/)
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('RackConnectV3'), loadBalancerId: id }).strict(),
]);
export type LbMembership = z.infer<typeof LbMembershipSchema>;

/**
 * Delete a server of a group. The load balancers to leave are read from the server's metadata; a producer
 * may add the `loadBalancers` of the launch result (needed when the server's metadata was scrubbed).
 */
export const DeleteServerJobSchema = z
  .object({
    tenantId: id,
    groupId: id,
    serverId: id,
    loadBalancers: z.array(LbMembershipSchema).max(50).optional(),
  })
  .strict();
export type DeleteServerJob = z.infer<typeof DeleteServerJobSchema>;
export type DeleteServerJobInput = z.input<typeof DeleteServerJobSchema>;

/** A Nova `addresses` map: network label → addresses. */
export const AddressesSchema = z.record(
  z.string(),
  z.array(z.looseObject({ addr: z.string(), version: z.number().int().optional() })),
);
export type Addresses = z.infer<typeof AddressesSchema>;

export const LaunchServerResultSchema = z
  .object({
    serverId: z.string(),
    name: z.string(),
    addresses: AddressesSchema,
    loadBalancers: z.array(LbMembershipSchema),
  })
  .strict();
export type LaunchServerResult = z.infer<typeof LaunchServerResultSchema>;

export const DeleteServerResultSchema = z
  .object({
    serverId: z.string(),
    /** False when the server was already gone before the job deleted it. */
    deleted: z.boolean(),
    loadBalancers: z.array(LbMembershipSchema),
  })
  .strict();
export type DeleteServerResult = z.infer<typeof DeleteServerResultSchema>;

/** Schemas of every job type the supervisor accepts, by message type. */
export const JOB_SCHEMAS = {
  [JOB_MESSAGE_TYPES.launchServer]: LaunchServerJobSchema,
  [JOB_MESSAGE_TYPES.deleteServer]: DeleteServerJobSchema,
} as const;
