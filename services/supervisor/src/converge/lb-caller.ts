import type { Bus } from '../../../../shared/amqp/bus.js';
import { ensureAppError } from '../../../../shared/errors/app-error.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import {
  LB_MESSAGE_TYPES,
  LbReadResultPayloadSchema,
  LbStepResultPayloadSchema,
  type LbRead,
  type LbReadResultPayload,
} from '../../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../../shared/messages/routing.js';
import { errorReason, stepResult, type StepResult } from '../../../../shared/steps/step-result.js';
import type { LbStep } from '../../../../shared/steps/step.js';

/** LB reads and steps for one cycle, as RPC to the load-balancer service (it answers every request once). */
export interface LbCaller {
  /** Never rejects: an RPC failure is a read error of kind `RpcError`. */
  read(read: LbRead): Promise<LbReadResultPayload>;
  /** Never rejects: an RPC failure (e.g. no answer in time) is a not-done `retry`. */
  step(step: LbStep): Promise<StepResult>;
}

export interface LbCallerDeps {
  readonly bus: Pick<Bus, 'call'>;
  /** The cycle message: tenant, job and correlation ids of every request. */
  readonly parent: Envelope;
  readonly newId: () => string;
  readonly clock: () => Date;
  readonly readTimeoutMs: number;
  readonly stepTimeoutMs: number;
}

export function createLbCaller(deps: LbCallerDeps): LbCaller {
  const call = async (type: string, payload: unknown, timeoutMs: number): Promise<Envelope> => {
    const request = buildChildEnvelope(deps.parent, { type, payload }, deps.newId(), deps.clock());
    return deps.bus.call(QUEUES.lbSteps, request, { timeoutMs });
  };
  return {
    async read(read) {
      try {
        const reply = await call(LB_MESSAGE_TYPES.read, { read }, deps.readTimeoutMs);
        const parsed = LbReadResultPayloadSchema.safeParse(reply.payload);
        if (parsed.success) return parsed.data;
        return { ok: false, error: { kind: 'RpcError', message: `unreadable ${reply.type} reply` } };
      } catch (error) {
        const message = `load-balancer service: ${ensureAppError(error).message}`;
        return { ok: false, error: { kind: 'RpcError', message } };
      }
    },
    async step(step) {
      try {
        const reply = await call(LB_MESSAGE_TYPES.step, { step }, deps.stepTimeoutMs);
        const parsed = LbStepResultPayloadSchema.safeParse(reply.payload);
        if (parsed.success) return parsed.data.result;
        return stepResult('retry', [errorReason('LbServiceError', `unreadable ${reply.type} reply to ${step.type}`)]);
      } catch (error) {
        const text = `${step.type}: the load-balancer service did not answer: ${ensureAppError(error).message}`;
        return stepResult('retry', [errorReason('LbServiceError', text)]);
      }
    },
  };
}
