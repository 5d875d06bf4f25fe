import { ACK, type MessageHandler } from '../../../../shared/amqp/bus.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import { jobTypeOfMessage } from '../../../../shared/messages/job-messages.js';
import { validateJob } from '../core/validate-job.js';
import { jobForMessageType } from '../jobs/registry.js';
import type { JobRunner } from '../performers/job-runner.js';
import { publishJobEvent, type EventPublisherDeps } from '../performers/publish-job-event.js';
import type { SupervisorMetrics } from '../supervisor-metrics.js';

export interface JobMessageDeps extends EventPublisherDeps {
  readonly runner: JobRunner;
  /** Handlers of job types that run outside the state-machine registry (e.g. `job.converge-group`). */
  readonly acceptors?: Readonly<Record<string, MessageHandler>>;
  readonly logger: Logger;
  readonly metrics: SupervisorMetrics;
}

/**
 * A submitted job: validate it (an invalid job gets a `failed` event listing every problem and is
 * dead-lettered), announce `accepted`, then run its first transitions. The delivery is acked only once the
 * job's next message is confirmed by the broker, so a crash before that re-runs the start, which is safe.
 */
export function createJobMessageHandler(deps: JobMessageDeps): MessageHandler {
  return async (envelope, delivery) => {
    // Own keys only: a message typed `constructor` or `__proto__` must not reach Object.prototype.
    const acceptors = deps.acceptors ?? {};
    const acceptor = Object.hasOwn(acceptors, envelope.type) ? acceptors[envelope.type] : undefined;
    if (acceptor !== undefined) return acceptor(envelope, delivery);
    const definition = jobForMessageType(envelope.type);
    const validation = validateJob(definition, envelope);
    const logger = deps.logger.child({
      jobId: envelope.jobId,
      tenantId: envelope.tenantId,
      messageType: envelope.type,
    });
    if (!validation.ok) {
      const jobType = definition?.type ?? jobTypeOfMessage(envelope.type).slice(0, 100);
      deps.metrics.jobs.inc({ type: definition?.type ?? 'unknown', outcome: 'invalid' });
      logger.warn('job-invalid', { problems: validation.problems });
      await publishJobEvent(deps, envelope, jobType || 'unknown', {
        event: 'failed',
        reasons: [...validation.problems],
      });
      return { action: 'dead-letter', reason: `invalid job: ${validation.problems.join('; ')}`.slice(0, 1000) };
    }
    if (definition === undefined) return ACK;
    deps.metrics.jobs.inc({ type: definition.type, outcome: 'accepted' });
    logger.info('job-accepted', { redelivered: false });
    await publishJobEvent(deps, envelope, definition.type, { event: 'accepted' });
    const first = definition.start(validation.job, envelope.jobId, deps.runner.machineContext());
    await deps.runner.run(
      { definition, parent: envelope, jobId: envelope.jobId, tenantId: validation.tenantId, seq: 0 },
      first,
    );
    return ACK;
  };
}
