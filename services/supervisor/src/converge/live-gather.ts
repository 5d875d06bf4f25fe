import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { AmqpBus } from '../../../../shared/amqp/amqp-bus.js';
import type { Env } from '../../../../shared/config/parse-env.js';
import { createSilentLogger } from '../../../../shared/logging/create-logger.js';
import type { ConvergeGroupJob } from '../../../../shared/messages/converge-messages.js';
import { buildEnvelope } from '../../../../shared/messages/envelope.js';
import { createCloudRequestFunction, createRpcTokenSource } from '../../../../shared/request/create-cloud-request.js';
import { loadRequestConfig } from '../../../../shared/request/request-config.js';
import { loadConvergeConfig } from './converge-config.js';
import { gatherGroup, type GatherResult } from './gather-group.js';
import { createLbCaller } from './lb-caller.js';

/** Gathers groups' observed state from outside the supervisor (`kelp plan --tenant … --group …`). */
export interface LiveGatherer {
  gather(job: Pick<ConvergeGroupJob, 'tenantId' | 'groupId' | 'desired'>): Promise<GatherResult>;
  close(): Promise<void>;
}

const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Connects to the broker (AMQP_URL, KELP_NAMESPACE) and gathers exactly as a convergence cycle does: Nova
 * through a request function whose tokens come from the auth service, load balancers through the
 * load-balancer service. Read-only: it takes no group lock and reads no group record, so servers that
 * vanished from Nova are not listed.
 */
export async function connectLiveGatherer(env: Env): Promise<LiveGatherer> {
  const request = loadRequestConfig(env);
  const converge = loadConvergeConfig(env);
  const logger = createSilentLogger();
  const namespace = env['KELP_NAMESPACE'];
  const bus = new AmqpBus({
    url: env['AMQP_URL'] ?? DEFAULT_AMQP_URL,
    logger,
    connectionName: 'kelp-cli-plan',
    startRetries: 1,
    ...(namespace === undefined || namespace === '' ? {} : { prefix: namespace }),
  });
  await bus.start();
  const tokens = createRpcTokenSource({ config: request, bus });
  const requestFn = createCloudRequestFunction({ config: request, tokens, logger, registry: new Registry() });
  return {
    gather: (job) => {
      const jobId = `plan-${randomUUID()}`;
      const parent = buildEnvelope(
        { type: 'kelp.plan', tenantId: job.tenantId, jobId, payload: null },
        randomUUID(),
        new Date(),
      );
      const lb = createLbCaller({
        bus,
        parent,
        newId: randomUUID,
        clock: () => new Date(),
        readTimeoutMs: converge.lbReadTimeoutMs,
        stepTimeoutMs: converge.lbStepTimeoutMs,
      });
      const deps = {
        request: requestFn,
        lb,
        novaPageSize: converge.novaPageSize,
        maxNovaPages: converge.maxNovaPages,
        correlationId: jobId,
      };
      return gatherGroup(deps, job, undefined);
    },
    close: () => bus.close(2_000),
  };
}
