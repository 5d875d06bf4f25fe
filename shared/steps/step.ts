import { z } from 'zod';
import { ReasonSchema } from './step-result.js';

/**
 * The step catalog: plain readonly data, one variant per kind of work (otter `convergence/steps.py`).
 * `toRequests` (see `to-requests.ts`) turns a step into request descriptions and `classify` its outcome.
 *
 * Ids: CLB load-balancer and node ids are decimal strings (CLB routes take integers); RCv3 pool ids are
 * compared case-insensitively and lower-cased when requests are built; server ids are opaque.
 */

const serverId = z.string().min(1).max(200);
const clbId = z.string().regex(/^\d{1,19}$/, 'must be a decimal id');
const poolId = z.string().min(1).max(200);

export const CLB_NODE_CONDITIONS = ['ENABLED', 'DISABLED', 'DRAINING'] as const;
export const CLB_NODE_TYPES = ['PRIMARY', 'SECONDARY'] as const;
export const ClbNodeConditionSchema = z.enum(CLB_NODE_CONDITIONS);
export const ClbNodeTypeSchema = z.enum(CLB_NODE_TYPES);
export const ClbNodeWeightSchema = z.number().int().min(1).max(100);

/**
 * The Nova create-server body, `{"server": {...}}`. The caller gives the final `name` (names derive from
 * job ids or generated suffixes outside the pure core); everything else Nova accepts passes through.
 */
export const ServerConfigSchema = z
  .strictObject({
    server: z
      .looseObject({
        name: z.string().min(1).max(255),
        flavorRef: z.string().min(1).max(200),
        imageRef: z.string().max(200).nullable().optional(),
        metadata: z.record(z.string(), z.string()).optional(),
      })
      .readonly(),
  })
  .readonly();
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

export const CreateServerSchema = z
  .strictObject({ type: z.literal('CreateServer'), serverConfig: ServerConfigSchema })
  .readonly();

export const DeleteServerSchema = z.strictObject({ type: z.literal('DeleteServer'), serverId }).readonly();

export const SetMetadataItemOnServerSchema = z
  .strictObject({
    type: z.literal('SetMetadataItemOnServer'),
    serverId,
    key: z.string().min(1).max(255),
    value: z.string().max(255),
  })
  .readonly();

export const ClbNodeSchema = z
  .strictObject({
    address: z.string().min(1).max(100),
    port: z.number().int().min(1).max(65535),
    condition: ClbNodeConditionSchema.optional(),
    weight: ClbNodeWeightSchema.optional(),
    type: ClbNodeTypeSchema.optional(),
  })
  .readonly();
export type ClbNode = z.infer<typeof ClbNodeSchema>;

export const AddNodesToCLBSchema = z
  .strictObject({ type: z.literal('AddNodesToCLB'), lbId: clbId, nodes: z.array(ClbNodeSchema).min(1).readonly() })
  .readonly();

export const RemoveNodesFromCLBSchema = z
  .strictObject({ type: z.literal('RemoveNodesFromCLB'), lbId: clbId, nodeIds: z.array(clbId).min(1).readonly() })
  .readonly();

/** `nodeType` is CLB's node `type` (PRIMARY/SECONDARY), renamed because `type` discriminates steps. */
export const ChangeCLBNodeSchema = z
  .strictObject({
    type: z.literal('ChangeCLBNode'),
    lbId: clbId,
    nodeId: clbId,
    condition: ClbNodeConditionSchema,
    weight: ClbNodeWeightSchema,
    nodeType: ClbNodeTypeSchema,
  })
  .readonly();

export const RcV3PairSchema = z.strictObject({ poolId, serverId }).readonly();
export type RcV3Pair = z.infer<typeof RcV3PairSchema>;
const pairs = z.array(RcV3PairSchema).min(1).readonly();

export const BulkAddToRCv3Schema = z.strictObject({ type: z.literal('BulkAddToRCv3'), pairs }).readonly();
export const BulkRemoveFromRCv3Schema = z.strictObject({ type: z.literal('BulkRemoveFromRCv3'), pairs }).readonly();

/** No I/O: ask for another convergence cycle; `limited` ⇒ `limited-retry`. */
export const ConvergeLaterSchema = z
  .strictObject({ type: z.literal('ConvergeLater'), reasons: z.array(ReasonSchema).readonly(), limited: z.boolean() })
  .readonly();

/** No I/O: convergence cannot succeed; the group goes to ERROR with these reasons. */
export const FailConvergenceSchema = z
  .strictObject({ type: z.literal('FailConvergence'), reasons: z.array(ReasonSchema).readonly() })
  .readonly();

export const StepSchema = z.discriminatedUnion('type', [
  CreateServerSchema,
  DeleteServerSchema,
  SetMetadataItemOnServerSchema,
  AddNodesToCLBSchema,
  RemoveNodesFromCLBSchema,
  ChangeCLBNodeSchema,
  BulkAddToRCv3Schema,
  BulkRemoveFromRCv3Schema,
  ConvergeLaterSchema,
  FailConvergenceSchema,
]);

export type Step = z.infer<typeof StepSchema>;
export type StepType = Step['type'];
export type StepOfType<K extends StepType> = Extract<Step, { readonly type: K }>;

export type CreateServer = StepOfType<'CreateServer'>;
export type DeleteServer = StepOfType<'DeleteServer'>;
export type SetMetadataItemOnServer = StepOfType<'SetMetadataItemOnServer'>;
export type AddNodesToCLB = StepOfType<'AddNodesToCLB'>;
export type RemoveNodesFromCLB = StepOfType<'RemoveNodesFromCLB'>;
export type ChangeCLBNode = StepOfType<'ChangeCLBNode'>;
export type BulkAddToRCv3 = StepOfType<'BulkAddToRCv3'>;
export type BulkRemoveFromRCv3 = StepOfType<'BulkRemoveFromRCv3'>;
export type ConvergeLater = StepOfType<'ConvergeLater'>;
export type FailConvergence = StepOfType<'FailConvergence'>;

/** Every step type once; `satisfies` makes a missing or misspelt entry a compile error. */
const STEP_TYPE_SET = {
  CreateServer: 'nova',
  DeleteServer: 'nova',
  SetMetadataItemOnServer: 'nova',
  AddNodesToCLB: 'lb',
  RemoveNodesFromCLB: 'lb',
  ChangeCLBNode: 'lb',
  BulkAddToRCv3: 'lb',
  BulkRemoveFromRCv3: 'lb',
  ConvergeLater: 'none',
  FailConvergence: 'none',
} as const satisfies { readonly [K in StepType]: 'nova' | 'lb' | 'none' };

type PerformedBy<P> = { [K in StepType]: (typeof STEP_TYPE_SET)[K] extends P ? K : never }[StepType];
export type LbStepType = PerformedBy<'lb'>;
export type NovaStepType = PerformedBy<'nova'>;
export type LbStep = StepOfType<LbStepType>;
export type NovaStep = StepOfType<NovaStepType>;

export const STEP_TYPES = Object.keys(STEP_TYPE_SET) as readonly StepType[];
/** Steps the load-balancer service performs (every CLB and RCv3 call). */
export const LB_STEP_TYPES = STEP_TYPES.filter((t): t is LbStepType => STEP_TYPE_SET[t] === 'lb');
/** Steps that call Nova (performed by the supervisor). */
export const NOVA_STEP_TYPES = STEP_TYPES.filter((t): t is NovaStepType => STEP_TYPE_SET[t] === 'nova');

export function isLbStep(step: Step): step is LbStep {
  return STEP_TYPE_SET[step.type] === 'lb';
}

export function isNovaStep(step: Step): step is NovaStep {
  return STEP_TYPE_SET[step.type] === 'nova';
}
