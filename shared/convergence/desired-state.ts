import { z } from 'zod';

/**
 * What a group should look like (otter `DesiredServerGroupState`, plus the build timeout Kelp carries per
 * group). The converge-group job payload embeds `DesiredGroupStateSchema`; the planner reads the parsed value.
 */

/** A CLB id as the launch config gives it (integer or decimal string); parsed to a decimal string. */
const clbIdInput = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,19}$/, 'must be a decimal id')])
  .transform((id) => String(id));

/** `{ loadBalancerId, port }`, `type` absent or `CloudLoadBalancer` (otter `json_to_LBConfigs`). */
export const ClbConfigSchema = z
  .object({
    type: z.literal('CloudLoadBalancer').optional(),
    loadBalancerId: clbIdInput,
    port: z.number().int().min(1).max(65535),
  })
  .readonly();
export type ClbConfig = z.infer<typeof ClbConfigSchema>;

/** `{ type: 'RackConnectV3', loadBalancerId }`: an RCv3 pool id (compared case-insensitively). */
export const RcV3ConfigSchema = z
  .object({ type: z.literal('RackConnectV3'), loadBalancerId: z.string().min(1).max(200) })
  .readonly();
export type RcV3Config = z.infer<typeof RcV3ConfigSchema>;

export const LoadBalancerConfigSchema = z.union([RcV3ConfigSchema, ClbConfigSchema]);
export type LoadBalancerConfig = z.infer<typeof LoadBalancerConfigSchema>;

export function isRcV3Config(config: LoadBalancerConfig): config is RcV3Config {
  return config.type === 'RackConnectV3';
}

/**
 * The Nova create-server body without the final name. `name`, when given, is the prefix of every server's
 * name (`<name>-as<8 hex>`); without it the name is just the suffix (otter `set_server_name`).
 */
export const LaunchServerSchema = z
  .looseObject({
    name: z.string().min(1).max(200).optional(),
    flavorRef: z.string().min(1).max(200),
    imageRef: z.string().max(200).nullable().optional(),
    metadata: z.record(z.string().min(1).max(255), z.string().max(255)).optional(),
  })
  .readonly();
export type LaunchServer = z.infer<typeof LaunchServerSchema>;

export const LaunchConfigSchema = z
  .object({
    server: LaunchServerSchema,
    loadBalancers: z.array(LoadBalancerConfigSchema).max(100).readonly().default([]),
  })
  .readonly();
export type LaunchConfig = z.infer<typeof LaunchConfigSchema>;

/** Otter's default `converger.build_timeout`. */
export const DEFAULT_BUILD_TIMEOUT_SEC = 3600;

export const DesiredGroupStateSchema = z
  .object({
    /** The group's desired server count (0 while the group is being deleted). */
    capacity: z.number().int().min(0).max(100_000),
    launchConfig: LaunchConfigSchema,
    /** Seconds a server's CLB nodes stay DRAINING before removal; 0 removes at once. */
    drainingTimeoutSec: z.number().min(0).max(86_400).default(0),
    /** Seconds a server may stay in BUILD before it is deleted and replaced. */
    buildTimeoutSec: z.number().positive().max(86_400).default(DEFAULT_BUILD_TIMEOUT_SEC),
  })
  .readonly();
export type DesiredGroupState = z.infer<typeof DesiredGroupStateSchema>;
