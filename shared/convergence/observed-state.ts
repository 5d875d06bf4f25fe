import { z } from 'zod';
import { ClbNodeConditionSchema, ClbNodeTypeSchema } from '../steps/step.js';
import { type MetadataLbs, parseMetadataLbs } from './metadata-lbs.js';

/**
 * What gathering saw (otter `NovaServer`, `CLBNode`, `RCv3Node`, `lbs` map), JSON-friendly so `kelp plan`
 * can read it from a file. Times are epoch milliseconds. Build records with the normalisers
 * (`normalise-servers.ts`, `normalise-lb.ts`) rather than by hand.
 */

/** Nova statuses Kelp knows; anything else becomes `UNKNOWN_TO_KELP` (otter `UNKNOWN_TO_OTTER`). */
export const SERVER_STATES = [
  'ACTIVE',
  'BUILD',
  'DELETED',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'PASSWORD',
  'PAUSED',
  'REBOOT',
  'REBUILD',
  'RESCUE',
  'RESIZE',
  'REVERT_RESIZE',
  'SHUTOFF',
  'SUSPENDED',
  'UNKNOWN',
  'VERIFY_RESIZE',
  'UNKNOWN_TO_KELP',
] as const;
export const ServerStateSchema = z.enum(SERVER_STATES);
export type ServerState = z.infer<typeof ServerStateSchema>;

export interface ObservedServer {
  readonly id: string;
  readonly name: string;
  readonly state: ServerState;
  readonly createdMs: number;
  /** First private IPv4 starting with `10.`, or null (otter `_servicenet_address`). */
  readonly servicenetAddress: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  /** Always `parseMetadataLbs(metadata)`: the load balancers the metadata records. */
  readonly metadataLbs: MetadataLbs;
}

/** Reads a server from JSON (e.g. for `kelp plan`); `metadataLbs` is always derived from `metadata`. */
export const ObservedServerSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    state: ServerStateSchema,
    createdMs: z.number(),
    servicenetAddress: z.string().min(1).nullable(),
    metadata: z.record(z.string(), z.string()),
  })
  .transform((server): ObservedServer => ({ ...server, metadataLbs: parseMetadataLbs(server.metadata) }));

export const ObservedClbNodeSchema = z
  .object({
    nodeId: z.string().regex(/^\d{1,19}$/),
    address: z.string().min(1),
    port: z.number().int(),
    condition: ClbNodeConditionSchema,
    weight: z.number().int().min(1).max(100),
    type: ClbNodeTypeSchema,
    /** `status === 'ONLINE'` (health-monitor verdict). */
    online: z.boolean(),
    /** When the node went DRAINING (from its atom feed), or null when unknown. */
    drainedAtMs: z.number().nullable(),
  })
  .readonly();
export type ObservedClbNode = z.infer<typeof ObservedClbNodeSchema>;

/** A CLB that exists: its health-monitor flag and every node on it. An LB that is absent does not exist. */
export const ObservedClbSchema = z
  .object({
    lbId: z.string().regex(/^\d{1,19}$/),
    healthMonitor: z.boolean(),
    nodes: z.array(ObservedClbNodeSchema).readonly(),
  })
  .readonly();
export type ObservedClb = z.infer<typeof ObservedClbSchema>;

export const ObservedRcV3MemberSchema = z.object({ nodeId: z.string(), serverId: z.string().min(1) }).readonly();
export type ObservedRcV3Member = z.infer<typeof ObservedRcV3MemberSchema>;

/** An RCv3 pool that exists (id lower-cased) and its cloud-server members. */
export const ObservedRcV3PoolSchema = z
  .object({ poolId: z.string().min(1), members: z.array(ObservedRcV3MemberSchema).readonly() })
  .readonly();
export type ObservedRcV3Pool = z.infer<typeof ObservedRcV3PoolSchema>;

/**
 * Everything the planner looks at. `servers` are the group's servers only. `clbs` and `rcv3Pools` must hold
 * at least every LB the launch config or any group server's metadata names (gathering usually lists all of
 * the tenant's); an LB missing here is taken not to exist.
 */
export const ObservedStateSchema = z
  .object({
    servers: z.array(ObservedServerSchema).readonly(),
    clbs: z.array(ObservedClbSchema).readonly(),
    rcv3Pools: z.array(ObservedRcV3PoolSchema).readonly(),
  })
  .readonly();
export type ObservedState = z.infer<typeof ObservedStateSchema>;
