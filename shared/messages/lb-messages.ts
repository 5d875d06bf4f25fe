import { z } from 'zod';
import {
  AddNodesToCLBSchema,
  BulkAddToRCv3Schema,
  BulkRemoveFromRCv3Schema,
  ChangeCLBNodeSchema,
  RemoveNodesFromCLBSchema,
  type LbStep,
} from '../steps/step.js';
import { StepResultSchema } from '../steps/step-result.js';

/**
 * Messages between the supervisor and the load-balancer service, on QUEUES.lbSteps. Each request carries a
 * replyTo; the service answers every request with exactly one reply of the matching `*-result` type.
 */
export const LB_MESSAGE_TYPES = {
  step: 'lb.step',
  stepResult: 'lb.step-result',
  read: 'lb.read',
  readResult: 'lb.read-result',
} as const;

/** Exactly the steps the load-balancer service performs (`LbStep` in shared/steps). */
export const LbStepSchema = z.discriminatedUnion('type', [
  AddNodesToCLBSchema,
  RemoveNodesFromCLBSchema,
  ChangeCLBNodeSchema,
  BulkAddToRCv3Schema,
  BulkRemoveFromRCv3Schema,
]);

/**
 * `echo` is opaque to the load-balancer service and copied into the reply unchanged: a requester that
 * replies to a durable queue (the supervisor) keeps its job state there instead of in memory.
 */
const echo = z.json().optional();

export const LbStepPayloadSchema = z.object({ step: LbStepSchema, echo }).strict();
export type LbStepPayload = z.infer<typeof LbStepPayloadSchema>;

export const LbStepResultPayloadSchema = z.object({ result: StepResultSchema, echo }).strict();
export type LbStepResultPayload = z.infer<typeof LbStepResultPayloadSchema>;

/** Reads the supervisor uses to gather a group's observed state. */
export const LbReadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clb-nodes'), lbId: z.string().regex(/^\d{1,19}$/) }).strict(),
  z.object({ kind: z.literal('clb-health-monitor'), lbId: z.string().regex(/^\d{1,19}$/) }).strict(),
  z.object({ kind: z.literal('rcv3-pool-nodes'), poolId: z.string().min(1).max(200) }).strict(),
]);
export type LbRead = z.infer<typeof LbReadSchema>;

export const LbReadPayloadSchema = z.object({ read: LbReadSchema, echo }).strict();
export type LbReadPayload = z.infer<typeof LbReadPayloadSchema>;

/**
 * The answer to a read: the API's JSON body on success, or an error as data. `status` is the HTTP status
 * when the API answered (e.g. 404 for a deleted CLB), absent for transport failures.
 */
export const LbReadResultPayloadSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), body: z.unknown(), echo }).strict(),
  z
    .object({
      ok: z.literal(false),
      error: z.object({ kind: z.string(), message: z.string(), status: z.number().int().optional() }).strict(),
      echo,
    })
    .strict(),
]);
export type LbReadResultPayload = z.infer<typeof LbReadResultPayloadSchema>;

/** Compile-time check that LbStepSchema covers exactly shared/steps' LbStep. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _lbStepsMatch: Same<LbStepPayload['step'], LbStep> = true;
void _lbStepsMatch;
