import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { LbRead, LbReadResultPayload } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import { requestOutcome } from '../../../shared/request/request-outcome.js';
import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import { Coalescer, REAL_TIMERS, type Timers } from './coalescer.js';
import type { LbConfig } from './config.js';
import { clbNodesOf, readRequest, readResult } from './core/read-requests.js';
import { unperformableRead } from './core/unperformable.js';
import { createLbHandler } from './handle-lb-message.js';
import { createLbMetrics } from './metrics.js';
import { performBatch, type PerformRequest } from './perform-batch.js';

/** The runtime context plus the request function every cloud call goes through. */
export interface LoadBalancerServiceContext extends ServiceContext {
  readonly requestFn: RequestFunction;
}

export interface LoadBalancerServiceOptions {
  /** Monotonic milliseconds for windows and delays (default `performance.now`; not the wall clock). */
  readonly now?: () => number;
  readonly timers?: Timers;
}

/**
 * Starts consuming LB steps and reads. Readiness (`load-balancer`) holds while the consumer runs on a
 * ready bus. `stop` stops taking deliveries, hands back steps still waiting in a lane (requeued), lets
 * requests in flight finish within the deadline, and releases the consumer.
 */
export async function startLoadBalancerService(
  ctx: LoadBalancerServiceContext,
  config: LbConfig,
  options: LoadBalancerServiceOptions = {},
): Promise<RunningService> {
  const logger = ctx.logger.child({ component: 'load-balancer' });
  const metrics = createLbMetrics(ctx.registry);
  const perform: PerformRequest = (tenantId, request, correlationId) =>
    requestOutcome(ctx.requestFn, tenantId, request, { correlationId });
  const coalescer = new Coalescer({
    schedule: {
      windowMs: config.windowMs,
      quietMs: config.quietMs,
      refusalMemoryMs: config.refusalMemoryMs,
      limits: config.limits,
      maxAttempts: config.maxAttempts,
      settleHoldLimit: config.settleHoldLimit,
    },
    facts: config.facts,
    factsTtlMs: config.factsTtlMs,
    coalesce: config.coalesce,
    now: options.now ?? (() => performance.now()),
    timers: options.timers ?? REAL_TIMERS,
    metrics,
    logger,
    performBatch: (batch) =>
      performBatch(batch, {
        perform,
        policy: {
          immutableRetryMs: config.immutableRetryMs,
          rateLimitRetryMs: config.rateLimitRetryMs,
          maxAttempts: config.maxAttempts,
        },
        maxRequests: config.maxRequestsPerBatch,
        metrics,
        logger,
      }),
  });

  const performRead = async (tenantId: string, read: LbRead, correlationId: string): Promise<LbReadResultPayload> => {
    const request = readRequest(read);
    try {
      const outcome = await perform(tenantId, request, correlationId);
      metrics.request(`read-${read.kind}`, outcome.kind === 'response' ? String(outcome.status) : 'transport');
      const result = readResult(read, request, outcome);
      const nodes = result.ok && read.kind === 'clb-nodes' ? clbNodesOf(result.body) : null;
      if (nodes !== null && read.kind === 'clb-nodes') {
        coalescer.learn(tenantId, read.lbId, [{ kind: 'node-count', count: nodes.count }]);
      }
      return result;
    } catch (error) {
      metrics.request(`read-${read.kind}`, 'unperformable');
      return unperformableRead(ensureAppError(error));
    }
  };

  const handler = createLbHandler({ coalescer, performRead, newId: ctx.newId, clock: ctx.clock, metrics, logger });
  const consumer = await ctx.bus.consume(QUEUES.lbSteps, handler, { prefetch: config.prefetch });
  let consuming = true;
  ctx.health.addCheck('load-balancer', () => consuming && ctx.bus.isReady());
  logger.info('lb-service-started', {
    coalesce: config.coalesce,
    windowMs: config.windowMs,
    quietMs: config.quietMs,
    settleMs: config.facts.settleMs,
    prefetch: config.prefetch,
  });

  return {
    async stop(deadlineMs: number): Promise<void> {
      if (!consuming) return;
      consuming = false;
      coalescer.close();
      await consumer.stop(deadlineMs);
      logger.info('lb-service-stopped', { held: coalescer.heldCount() });
    },
  };
}
