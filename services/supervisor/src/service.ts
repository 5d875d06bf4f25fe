import type { ConsumerHandle, MessageHandler } from '../../../shared/amqp/bus.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import type { SupervisorConfig } from './config.js';
import { JobProgressTracker } from './core/job-progress-tracker.js';
import { createJobMessageHandler } from './handlers/on-job-message.js';
import { createWorkMessageHandler } from './handlers/on-work-message.js';
import { JobRunner } from './performers/job-runner.js';
import { createSupervisorMetrics } from './supervisor-metrics.js';

export interface SupervisorDeps {
  /** The request function every Nova call goes through (authenticated as the job's tenant). */
  readonly request: RequestFunction;
  /**
   * Submitted message types handled outside the supervisor's job registry, by message type — e.g.
   * `{ 'job.converge-group': converge.acceptJob }` from `startConvergeService`.
   */
  readonly acceptors?: Readonly<Record<string, MessageHandler>>;
}

/**
 * Starts the supervisor on a started bus: consumes submitted jobs (QUEUES.supervisorJobs) and its own
 * progression messages and LB replies (QUEUES.supervisorWork); registers the `supervisor` readiness check
 * and the `kelp_supervisor_*` metrics.
 */
export async function startSupervisorService(
  ctx: ServiceContext,
  config: SupervisorConfig,
  deps: SupervisorDeps,
): Promise<RunningService> {
  const logger = ctx.logger.child({ component: 'supervisor' });
  const metrics = createSupervisorMetrics(ctx.registry);
  const tracker = new JobProgressTracker(config.dedupJobs);
  const runner = new JobRunner({
    bus: ctx.bus,
    request: deps.request,
    logger,
    clock: ctx.clock,
    newId: ctx.newId,
    metrics,
    tracker,
    settings: config.jobs,
    lbStepTimeoutMs: config.lbStepTimeoutMs,
    maxInlineRequests: config.maxInlineRequests,
  });
  const common = { bus: ctx.bus, newId: ctx.newId, clock: ctx.clock, runner, logger, metrics };
  const consumers: ConsumerHandle[] = [];
  let running = false;
  ctx.health.addCheck('supervisor', () => running && ctx.bus.isReady());
  consumers.push(
    await ctx.bus.consume(QUEUES.supervisorWork, createWorkMessageHandler({ ...common, tracker }), {
      prefetch: config.workPrefetch,
    }),
  );
  const acceptors = deps.acceptors === undefined ? {} : { acceptors: deps.acceptors };
  consumers.push(
    await ctx.bus.consume(QUEUES.supervisorJobs, createJobMessageHandler({ ...common, ...acceptors }), {
      prefetch: config.jobPrefetch,
    }),
  );
  running = true;
  logger.info('supervisor-started', { jobPrefetch: config.jobPrefetch, workPrefetch: config.workPrefetch });
  return {
    async stop(deadlineMs) {
      running = false;
      await Promise.all(consumers.splice(0).map((consumer) => consumer.stop(deadlineMs)));
      logger.info('supervisor-stopped');
    },
  };
}
