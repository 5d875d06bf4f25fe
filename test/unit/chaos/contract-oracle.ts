import { decodeEnvelope } from '../../../shared/messages/decode.js';
import { MAX_MESSAGE_BYTES } from '../../../shared/messages/envelope.js';
import { decodeAuthRequest } from '../../../shared/messages/auth-messages.js';
import { CONVERGE_MESSAGE_TYPES, ConvergeCyclePayloadSchema } from '../../../shared/messages/converge-messages.js';
import { decodeLbMessage } from '../../../services/load-balancer/src/core/decode-lb-message.js';
import { decodeWorkMessage } from '../../../services/supervisor/src/core/decode-work-message.js';
import { validateJob } from '../../../services/supervisor/src/core/validate-job.js';
import { jobForMessageType } from '../../../services/supervisor/src/jobs/registry.js';

/**
 * Whether a queue's contract (as the services' own pure decoders define it) accepts a body. A decoder that throws
 * (e.g. a validator overflowing its stack) counts as not accepting it.
 */
export function acceptedBy(queue: string, body: Uint8Array): boolean {
  const decoded = decodeEnvelope(body, MAX_MESSAGE_BYTES);
  if (!decoded.ok) return false;
  const envelope = decoded.envelope;
  try {
    switch (queue) {
      case 'kelp.supervisor.jobs':
        return validateJob(jobForMessageType(envelope.type), envelope).ok;
      case 'kelp.supervisor.converge':
        return (
          envelope.type === CONVERGE_MESSAGE_TYPES.cycle &&
          ConvergeCyclePayloadSchema.safeParse(envelope.payload).success
        );
      case 'kelp.supervisor.work':
        return decodeWorkMessage(envelope).ok;
      case 'kelp.lb.steps':
        return decodeLbMessage(envelope).kind !== 'invalid';
      case 'kelp.auth.rpc':
        return decodeAuthRequest(envelope).ok;
      default:
        return false;
    }
  } catch {
    return false;
  }
}
