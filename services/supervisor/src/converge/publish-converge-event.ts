import type { Bus } from '../../../../shared/amqp/bus.js';
import type { ConvergeEventPayload } from '../../../../shared/messages/converge-messages.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import { EVENT_MESSAGE_TYPE, type JobEventPayload } from '../../../../shared/messages/event-messages.js';
import { eventRoutingKey } from '../../../../shared/messages/routing.js';

export interface ConvergeEventDeps {
  readonly bus: Pick<Bus, 'publishEvent'>;
  readonly newId: () => string;
  readonly clock: () => Date;
}

/**
 * Publishes events of a converge-group job (`job.<jobId>.<event>`), caused by `parent`, in order, each on
 * the broker's confirm: standard job events (accepted, step-finished, succeeded, failed) and the
 * converge-only `cycle` and `group-status`.
 */
export async function publishConvergeEvents(
  deps: ConvergeEventDeps,
  parent: Envelope,
  payloads: readonly (JobEventPayload | ConvergeEventPayload)[],
): Promise<void> {
  for (const payload of payloads) {
    const envelope = buildChildEnvelope(parent, { type: EVENT_MESSAGE_TYPE, payload }, deps.newId(), deps.clock());
    await deps.bus.publishEvent(eventRoutingKey(parent.jobId, payload.event), envelope);
  }
}
