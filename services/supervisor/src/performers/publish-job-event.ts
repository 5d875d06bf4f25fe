import type { Bus } from '../../../../shared/amqp/bus.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import {
  EVENT_MESSAGE_TYPE,
  jobEventRoutingKey,
  type JobEventPayload,
} from '../../../../shared/messages/event-messages.js';
import type { JobEventBody } from '../core/job-machine.js';

export interface EventPublisherDeps {
  readonly bus: Pick<Bus, 'publishEvent'>;
  readonly newId: () => string;
  readonly clock: () => Date;
}

/** Publishes one job event (`job.<jobId>.<event>`), caused by `parent`, and resolves on the broker's confirm. */
export async function publishJobEvent(
  deps: EventPublisherDeps,
  parent: Envelope,
  jobType: string,
  body: JobEventBody,
): Promise<void> {
  const payload: JobEventPayload = { ...body, jobType };
  const envelope = buildChildEnvelope(parent, { type: EVENT_MESSAGE_TYPE, payload }, deps.newId(), deps.clock());
  await deps.bus.publishEvent(jobEventRoutingKey(parent.jobId, payload), envelope);
}
