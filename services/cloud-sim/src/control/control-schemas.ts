/**
 * Input shapes of the control operations, validated at run time (the HTTP control API and the in-process
 * accessors share them). Types are inferred from the schemas.
 */
import { z } from 'zod';
import { FORCEABLE_LB_STATUSES } from '../clb/lb-record.js';
import { SIM_SERVICES } from '../config.js';

const id = z.string().min(1);
const region = z.string().min(1).optional();
const ms = z.number().int().nonnegative();

export const seedTenantSchema = z.object({
  tenantId: id,
  username: id.optional(),
  password: id.optional(),
  apiKey: id.optional(),
  /** Create a "default" RCv3 pool in every region (default true). */
  pools: z.boolean().optional(),
});
export type SeedTenantInput = z.input<typeof seedTenantSchema>;

export const seedAdminSchema = z.object({ username: id.optional(), password: id.optional(), apiKey: id.optional() });
export type SeedAdminInput = z.input<typeof seedAdminSchema>;

export const seedImageSchema = z.object({ id, name: z.string().optional() });
export type SeedImageInput = z.input<typeof seedImageSchema>;

export const seedPoolSchema = z.object({
  tenantId: id,
  region,
  id: z.uuid().optional(),
  name: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  status: z.string().min(1).optional(),
});
export type SeedPoolInput = z.input<typeof seedPoolSchema>;

const nodeSchema = z.object({
  address: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  condition: z.enum(['ENABLED', 'DISABLED', 'DRAINING']).optional(),
  type: z.enum(['PRIMARY', 'SECONDARY']).optional(),
  weight: z.number().int().min(1).max(100).optional(),
});

export const lbStatusSchema = z.enum(FORCEABLE_LB_STATUSES);

export const seedLoadBalancerSchema = z.object({
  tenantId: id,
  region,
  name: z.string().min(1).optional(),
  protocol: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  nodes: z.array(nodeSchema).optional(),
  status: lbStatusSchema.optional(),
  healthMonitor: z.record(z.string(), z.unknown()).optional(),
});
export type SeedLoadBalancerInput = z.input<typeof seedLoadBalancerSchema>;

const behaviourFields = {
  criteria: z.array(z.unknown()).optional(),
  name: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).optional(),
  /** Beyond mimic: the behaviour removes itself after this many matching events. */
  times: z.number().int().positive().optional(),
};

export const novaBehaviourSchema = z.object({ tenantId: id, region, ...behaviourFields });
export type NovaBehaviourInput = z.input<typeof novaBehaviourSchema>;

export const identityBehaviourSchema = z.object(behaviourFields);
export type IdentityBehaviourInput = z.input<typeof identityBehaviourSchema>;

export const deleteFailureSchema = z.object({
  tenantId: id,
  region,
  /** Only this server; any server of the tenant and region when left out. */
  serverId: id.optional(),
  times: z.number().int().positive().optional(),
  status: z.number().int().min(400).max(599).optional(),
  body: z.unknown().optional(),
});
export type DeleteFailureInput = z.input<typeof deleteFailureSchema>;

export const faultSchema = z.object({
  service: z.enum(SIM_SERVICES as [string, ...string[]]).optional(),
  method: z.string().min(1).optional(),
  route: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  tenantId: id.optional(),
  status: z.number().int().min(400).max(599),
  body: z.unknown().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().gt(0).lte(1).optional(),
});
export type FaultInput = z.input<typeof faultSchema>;

export const configPatchSchema = z.object({
  buildTimeMs: ms.optional(),
  deleteTimeMs: ms.optional(),
  clbImmutableMs: ms.optional(),
  clbDeletedRetentionMs: ms.optional(),
  rcv3AddTimeMs: ms.optional(),
  tokenTtlMs: ms.optional(),
  serverQuota: ms.optional(),
  clbNodeLimit: z.number().int().positive().optional(),
  clbPendingSpelling: z.enum(['underscore', 'hyphen']).optional(),
  novaMaxLimit: z.number().int().positive().optional(),
  latencyMs: z
    .object({ identity: ms.optional(), nova: ms.optional(), clb: ms.optional(), rcv3: ms.optional() })
    .optional(),
});
export type ConfigPatchInput = z.input<typeof configPatchSchema>;

export const statusSchema = z.object({ status: z.string().min(1) });
export const lbForceSchema = z.object({ status: lbStatusSchema.nullable() });
export const nodeStatusSchema = z.object({ status: z.enum(['ONLINE', 'OFFLINE']) });
export const advanceSchema = z.object({ ms });
export const inventoryFilterSchema = z.object({ tenantId: id.optional(), region });
export type InventoryFilter = z.input<typeof inventoryFilterSchema>;
