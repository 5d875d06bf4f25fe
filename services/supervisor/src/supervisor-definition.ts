import { AmqpGroupLock } from '../../../shared/amqp/amqp-group-lock.js';
import { collectConfig } from '../../../shared/config/parse-env.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { CONVERGE_MESSAGE_TYPES } from '../../../shared/messages/converge-messages.js';
import { loadRequestConfig, type RequestConfig } from '../../../shared/request/request-config.js';
import type { ServiceDefinition } from '../../../shared/runtime/run-service.js';
import { createRpcRequestFunction } from '../../../shared/runtime/rpc-request-function.js';
import { loadSupervisorConfig, type SupervisorConfig } from './config.js';
import { loadConvergeConfig, type ConvergeConfig } from './converge/converge-config.js';
import { startConvergeService } from './converge/converge-service.js';
import { startSupervisorService } from './service.js';

export interface SupervisorServiceConfig {
  readonly supervisor: SupervisorConfig;
  readonly converge: ConvergeConfig;
  readonly request: RequestConfig;
}

/**
 * The supervisor as `runService` runs it standalone (`services/supervisor/src/main.ts`): launch and delete
 * jobs, and converge-group jobs with the broker-held group lock (at most one convergence per group across
 * every supervisor on the broker).
 */
export const supervisorServiceDefinition: ServiceDefinition<SupervisorServiceConfig> = {
  name: 'supervisor',
  loadConfig: (env) => {
    let request: RequestConfig | undefined;
    let converge: ConvergeConfig | undefined;
    const supervisor = collectConfig(
      () => loadSupervisorConfig(env),
      () => (request = loadRequestConfig(env)),
      () => (converge = loadConvergeConfig(env)),
    );
    if (request === undefined || converge === undefined) throw new ConfigError(['(env): configuration incomplete']);
    return { supervisor, request, converge };
  },
  async start(ctx, config, base) {
    if (base.amqpUrl === undefined) throw new ConfigError(['AMQP_URL: required for the standalone supervisor']);
    const request = createRpcRequestFunction(ctx, config.request);
    const lock = new AmqpGroupLock({
      url: base.amqpUrl,
      prefix: base.namespace,
      logger: ctx.logger,
      connectionName: 'supervisor/group-lock',
      recordTtlMs: config.converge.recordTtlMs,
    });
    const converge = await startConvergeService(ctx, config.converge, { request, lock });
    const supervisor = await startSupervisorService(ctx, config.supervisor, {
      request,
      acceptors: { [CONVERGE_MESSAGE_TYPES.job]: converge.acceptJob },
    });
    return {
      async stop(deadlineMs) {
        await supervisor.stop(deadlineMs);
        await converge.stop(deadlineMs);
      },
    };
  },
};
