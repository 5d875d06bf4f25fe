import { ACK, type HandlerOutcome, type MessageHandler } from '../../../../shared/amqp/bus.js';
import type { Envelope } from '../../../../shared/messages/envelope.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import { decodeWorkMessage } from '../core/decode-work-message.js';
import { describeProblems } from '../core/describe-problems.js';
import type { JobProgressTracker } from '../core/job-progress-tracker.js';
import { jobForType } from '../jobs/registry.js';
import type { JobRunner } from '../performers/job-runner.js';
import { publishJobEvent, type EventPublisherDeps } from '../performers/publish-job-event.js';
import type { SupervisorMetrics } from '../supervisor-metrics.js';

export interface WorkMessageDeps extends EventPublisherDeps {
  readonly runner: JobRunner;
  readonly logger: Logger;
  readonly metrics: SupervisorMetrics;
  readonly tracker: JobProgressTracker;
}

/**
 * The supervisor's work queue: a job's delayed `resume`, an LB-step timeout, or the load-balancer
 * service's reply. Decodes the job from the message, drops copies of messages already processed, runs the
 * job's transitions, and acks once the next message is confirmed. A message that cannot be read ends its
 * job with a `failed` event and is dead-lettered (the job's progress lived in it).
 */
export function createWorkMessageHandler(deps: WorkMessageDeps): MessageHandler {
  return async (envelope, delivery) => {
    const decoded = decodeWorkMessage(envelope);
    const definition = decoded.ok ? jobForType(decoded.jobType) : undefined;
    if (!decoded.ok || definition === undefined) {
      const reason = decoded.ok ? `unknown job type ${JSON.stringify(decoded.jobType)}` : decoded.reason;
      return unreadable(deps, envelope, decoded.ok ? decoded.jobType : 'unknown', reason);
    }
    const { jobId, tenantId, seq, input } = decoded;
    const logger = deps.logger.child({ jobId, tenantId, jobType: definition.type });
    if (input.kind === 'lb-timeout' && !deps.tracker.isAwaitingLb(jobId, seq)) {
      logger.debug('lb-timeout-dropped', { seq });
      return ACK;
    }
    if (!deps.tracker.claim(jobId, seq)) {
      deps.metrics.duplicates.inc();
      logger.info('duplicate-progress-dropped', { seq, input: input.kind, redelivered: delivery.redelivered });
      return ACK;
    }
    const state = definition.stateSchema.safeParse(decoded.state);
    if (!state.success) {
      return unreadable(
        deps,
        envelope,
        definition.type,
        `invalid job state: ${describeProblems(state.error.issues).join('; ')}`,
      );
    }
    if (input.kind === 'lb-timeout') logger.warn('lb-step-timed-out', { seq });
    try {
      const first = definition.next(state.data, input, deps.runner.machineContext());
      await deps.runner.run({ definition, parent: envelope, jobId, tenantId, seq }, first);
    } catch (error) {
      deps.tracker.release(jobId, seq);
      throw error;
    }
    return ACK;
  };
}

/** A message whose job cannot be read: the job cannot go on, so it fails, and the message is dead-lettered. */
async function unreadable(
  deps: WorkMessageDeps,
  envelope: Envelope,
  jobType: string,
  reason: string,
): Promise<HandlerOutcome> {
  deps.logger.error('work-message-unreadable', { jobId: envelope.jobId, type: envelope.type, reason });
  await publishJobEvent(deps, envelope, jobType, {
    event: 'failed',
    reasons: [`internal: the job's progress could not be read (${reason.slice(0, 300)})`],
  });
  deps.metrics.jobs.inc({ type: jobForType(jobType)?.type ?? 'unknown', outcome: 'failed' });
  return { action: 'dead-letter', reason: reason.slice(0, 1000) };
}
