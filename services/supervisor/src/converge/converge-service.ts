import type { ConsumerHandle, MessageHandler } from '../../../../shared/amqp/bus.js';
import type { GroupLock } from '../../../../shared/amqp/group-lock.js';
import { QUEUES } from '../../../../shared/messages/routing.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import type { RunningService, ServiceContext } from '../../../../shared/runtime/service-context.js';
import { acceptConvergeJob } from './accept-converge-job.js';
import type { ConvergeConfig } from './converge-config.js';
import { createConvergeMetrics } from './converge-metrics.js';
import { createConvergeCycleHandler, type ConvergeObserver } from './on-converge-cycle.js';

export interface ConvergeServiceDeps {
  /** The request function every Nova call goes through. */
  readonly request: RequestFunction;
  /**
   * The group lock: an `AmqpGroupLock` on the same broker (and topology prefix) as the bus whenever more
   * than one supervisor may run; a `MemoryGroupLock` only for one process on a `MemoryBus`.
   */
  readonly lock: GroupLock;
  readonly observer?: ConvergeObserver;
}

export interface RunningConverge extends RunningService {
  /** Starts a submitted `job.converge-group` (for the supervisor's job handler to route to). */
  readonly acceptJob: MessageHandler;
}

/**
 * Starts converge-group jobs on a started bus: consumes QUEUES.supervisorConverge (one delivery per cycle,
 * `prefetch` groups at once) and returns `acceptJob` for submitted jobs. `stop` stops consuming (cycles in
 * flight finish within the deadline; unfinished ones are requeued) and closes the group lock.
 */
export async function startConvergeService(
  ctx: ServiceContext,
  config: ConvergeConfig,
  deps: ConvergeServiceDeps,
): Promise<RunningConverge> {
  const logger = ctx.logger.child({ component: 'converge' });
  const metrics = createConvergeMetrics(ctx.registry);
  const common = { bus: ctx.bus, clock: ctx.clock, newId: ctx.newId, logger, metrics };
  const handler = createConvergeCycleHandler({
    ...common,
    request: deps.request,
    lock: deps.lock,
    config,
    ...(deps.observer === undefined ? {} : { observer: deps.observer }),
  });
  let consumer: ConsumerHandle | undefined = await ctx.bus.consume(QUEUES.supervisorConverge, handler, {
    prefetch: config.prefetch,
  });
  ctx.health.addCheck('converge', () => consumer !== undefined && ctx.bus.isReady());
  logger.info('converge-started', { prefetch: config.prefetch });
  return {
    acceptJob: (envelope) => acceptConvergeJob(common, envelope),
    async stop(deadlineMs) {
      const stopping = consumer;
      consumer = undefined;
      await stopping?.stop(deadlineMs);
      await deps.lock.close();
      logger.info('converge-stopped');
    },
  };
}
