import { ACK, type Bus, type HandlerOutcome, type MessageHandler } from '../../../../shared/amqp/bus.js';
import type { GroupKey, GroupLease, GroupLock } from '../../../../shared/amqp/group-lock.js';
import { ensureAppError } from '../../../../shared/errors/app-error.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import {
  CONVERGE_JOB_TYPE,
  CONVERGE_MESSAGE_TYPES,
  ConvergeCyclePayloadSchema,
  type ConvergeCyclePayload,
} from '../../../../shared/messages/converge-messages.js';
import { buildChildEnvelope, type Envelope } from '../../../../shared/messages/envelope.js';
import { QUEUES } from '../../../../shared/messages/routing.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import { describeProblems } from '../core/describe-problems.js';
import type { ConvergeConfig } from './converge-config.js';
import type { ConvergeMetrics } from './converge-metrics.js';
import { announceCycle, lockTimeoutEvent, supersededEvent, type ConvergeEvent } from './core/announce-cycle.js';
import { createLbCaller } from './lb-caller.js';
import { publishConvergeEvents } from './publish-converge-event.js';
import { runCycle, type CycleRun } from './run-cycle.js';

/** Test hooks: called while a cycle acts on its group (between its claim and its release). */
export interface ConvergeObserver {
  cycleActing?(key: GroupKey, jobId: string, acting: boolean): void;
}

export interface ConvergeDeps {
  readonly bus: Pick<Bus, 'publish' | 'publishEvent' | 'call'>;
  readonly request: RequestFunction;
  readonly lock: GroupLock;
  readonly config: ConvergeConfig;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly metrics: ConvergeMetrics;
  readonly observer?: ConvergeObserver;
}

/**
 * The consumer of QUEUES.supervisorConverge: one delivery is one cycle of one converge-group job. Takes
 * the group lock (a locked group sends the cycle again after `lockRetryMs`, through the bus's delayed
 * retry), runs the cycle (`runCycle`), releases the lock, then publishes the cycle's events and the next
 * cycle, delayed by the backoff, before the delivery is acked. A crash anywhere repeats the cycle, which
 * is safe: convergence re-gathers, and the group record drops copies (see `decide-claim.ts`).
 */
export function createConvergeCycleHandler(deps: ConvergeDeps): MessageHandler {
  return async (envelope, ctx): Promise<HandlerOutcome> => {
    const log = deps.logger.child({ jobId: envelope.jobId, tenantId: envelope.tenantId });
    const parsed =
      envelope.type === CONVERGE_MESSAGE_TYPES.cycle
        ? ConvergeCyclePayloadSchema.safeParse(envelope.payload)
        : undefined;
    if (parsed?.success !== true) {
      const problems =
        parsed === undefined
          ? [`unknown message type ${envelope.type.slice(0, 100)}`]
          : describeProblems(parsed.error.issues);
      log.error('converge-cycle-invalid', { problems });
      deps.metrics.cycles.inc({ outcome: 'invalid' });
      await publishConvergeEvents(deps, envelope, [
        { event: 'failed', jobType: CONVERGE_JOB_TYPE, reasons: ['Internal error: invalid convergence cycle message'] },
      ]);
      return { action: 'dead-letter', reason: `invalid cycle: ${problems.join('; ')}`.slice(0, 1000) };
    }
    const payload = parsed.data;
    const key = { tenantId: payload.job.tenantId, groupId: payload.job.groupId };
    let lease: GroupLease | undefined;
    try {
      lease = await deps.lock.tryAcquire(key);
    } catch (error) {
      log.warn('group-lock-unavailable', { error: ensureAppError(error).message });
      return { action: 'retry', delayMs: deps.config.lockRetryMs, reason: 'group lock unavailable' };
    }
    if (lease === undefined) return onLocked(deps, envelope, log);
    const started = deps.clock().getTime();
    let run: CycleRun;
    try {
      run = await runCycle(cycleDeps(deps, envelope, key), envelope.jobId, payload, lease, ctx.redelivered);
    } finally {
      await lease.release();
    }
    deps.metrics.cycles.inc({ outcome: run.kind });
    switch (run.kind) {
      case 'dropped':
        log.info('converge-cycle-dropped', { cycle: payload.loop.cycle, why: run.why });
        return ACK;
      case 'superseded':
        log.info('converge-job-superseded', { cycle: payload.loop.cycle, by: run.by });
        deps.metrics.jobs.inc({ outcome: 'superseded' });
        await publishConvergeEvents(deps, envelope, [supersededEvent(run.by)]);
        return ACK;
      case 'lost':
        log.warn('group-lock-lost', { cycle: payload.loop.cycle });
        await publishCycle(deps, envelope, { ...payload, resume: true }, deps.config.lockRetryMs);
        return ACK;
      case 'ran': {
        deps.metrics.cycleSeconds.observe((deps.clock().getTime() - started) / 1000);
        run.plan.forEach((step, i) =>
          deps.metrics.steps.inc({ type: step.type, status: run.results[i]?.status ?? 'retry' }),
        );
        const announced = announceCycle(payload, run);
        log.info('converge-cycle', {
          cycle: payload.loop.cycle,
          steps: run.plan.length,
          outcome: announced.outcome,
          delayMs: announced.next?.delayMs,
        });
        await publishConvergeEvents(deps, envelope, announced.events);
        if (announced.next !== undefined)
          await publishCycle(deps, envelope, announced.next.payload, announced.next.delayMs);
        else deps.metrics.jobs.inc({ outcome: announced.outcome });
        return ACK;
      }
    }
  };
}

function cycleDeps(deps: ConvergeDeps, envelope: Envelope, key: GroupKey): Parameters<typeof runCycle>[0] {
  const lb = createLbCaller({
    bus: deps.bus,
    parent: envelope,
    newId: deps.newId,
    clock: deps.clock,
    readTimeoutMs: deps.config.lbReadTimeoutMs,
    stepTimeoutMs: deps.config.lbStepTimeoutMs,
  });
  const common = { request: deps.request, lb, correlationId: envelope.correlationId };
  const observer = deps.observer;
  return {
    gather: { ...common, novaPageSize: deps.config.novaPageSize, maxNovaPages: deps.config.maxNovaPages },
    execute: { ...common, tenantId: envelope.tenantId, maxParallel: deps.config.maxParallelSteps },
    config: deps.config,
    logger: deps.logger.child({ jobId: envelope.jobId, tenantId: envelope.tenantId }),
    now: () => deps.clock().getTime(),
    ...(observer?.cycleActing === undefined
      ? {}
      : { onActing: (acting: boolean) => observer.cycleActing?.(key, envelope.jobId, acting) }),
  };
}

async function onLocked(deps: ConvergeDeps, envelope: Envelope, log: Logger): Promise<HandlerOutcome> {
  deps.metrics.cycles.inc({ outcome: 'locked' });
  if (envelope.attempt + 1 >= deps.config.maxLockWaits) {
    log.warn('group-lock-wait-exhausted', { tries: envelope.attempt + 1 });
    deps.metrics.jobs.inc({ outcome: 'failed' });
    const events: ConvergeEvent[] = [lockTimeoutEvent(envelope.attempt + 1)];
    await publishConvergeEvents(deps, envelope, events);
    return ACK;
  }
  log.debug('group-locked', { tries: envelope.attempt + 1 });
  return { action: 'retry', delayMs: deps.config.lockRetryMs, reason: 'group locked by another convergence' };
}

/** Publishes a cycle message of this job (a child of `parent`), delayed. */
export async function publishCycle(
  deps: Pick<ConvergeDeps, 'bus' | 'newId' | 'clock'>,
  parent: Envelope,
  payload: ConvergeCyclePayload,
  delayMs: number,
): Promise<void> {
  const envelope = buildChildEnvelope(
    parent,
    { type: CONVERGE_MESSAGE_TYPES.cycle, payload },
    deps.newId(),
    deps.clock(),
  );
  await deps.bus.publish(QUEUES.supervisorConverge, envelope, delayMs > 0 ? { delayMs } : {});
}
