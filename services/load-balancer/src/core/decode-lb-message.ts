import { describeIssues } from '../../../../shared/messages/decode.js';
import type { Envelope } from '../../../../shared/messages/envelope.js';
import {
  LB_MESSAGE_TYPES,
  LbReadPayloadSchema,
  LbStepPayloadSchema,
  type LbRead,
  type LbReadResultPayload,
  type LbStepResultPayload,
} from '../../../../shared/messages/lb-messages.js';
import type { LbStep } from '../../../../shared/steps/step.js';
import { errorReason, stepResult } from '../../../../shared/steps/step-result.js';

export type DecodedLbMessage =
  | { readonly kind: 'step'; readonly step: LbStep }
  | { readonly kind: 'read'; readonly read: LbRead }
  | {
      readonly kind: 'invalid';
      readonly reason: string;
      /** The failure reply the requester gets (if it gave a replyTo). */
      readonly reply:
        | { readonly type: typeof LB_MESSAGE_TYPES.stepResult; readonly payload: LbStepResultPayload }
        | { readonly type: typeof LB_MESSAGE_TYPES.readResult; readonly payload: LbReadResultPayload };
    };

function invalidStep(reason: string): DecodedLbMessage {
  return {
    kind: 'invalid',
    reason,
    reply: {
      type: LB_MESSAGE_TYPES.stepResult,
      payload: { result: stepResult('failure', [errorReason('InvalidLbMessage', reason)]) },
    },
  };
}

function invalidRead(reason: string): DecodedLbMessage {
  return {
    kind: 'invalid',
    reason,
    reply: { type: LB_MESSAGE_TYPES.readResult, payload: { ok: false, error: { kind: 'decode', message: reason } } },
  };
}

/**
 * Reads an envelope on the LB queue: a step, a read, or invalid with the reason and the failure reply.
 * An unknown message type is answered as a failed step (the requester of anything else on this queue
 * waits for a step result). Pure.
 */
export function decodeLbMessage(envelope: Envelope): DecodedLbMessage {
  switch (envelope.type) {
    case LB_MESSAGE_TYPES.step: {
      const parsed = LbStepPayloadSchema.safeParse(envelope.payload);
      return parsed.success
        ? { kind: 'step', step: parsed.data.step }
        : invalidStep(`invalid ${envelope.type} payload: ${describeIssues(parsed.error.issues)}`);
    }
    case LB_MESSAGE_TYPES.read: {
      const parsed = LbReadPayloadSchema.safeParse(envelope.payload);
      return parsed.success
        ? { kind: 'read', read: parsed.data.read }
        : invalidRead(`invalid ${envelope.type} payload: ${describeIssues(parsed.error.issues)}`);
    }
    default:
      return invalidStep(`unknown message type ${JSON.stringify(envelope.type.slice(0, 100))} on the LB queue`);
  }
}
