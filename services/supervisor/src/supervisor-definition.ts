import { collectConfig } from '../../../shared/config/parse-env.js';
import { loadRequestConfig, type RequestConfig } from '../../../shared/request/request-config.js';
import type { ServiceDefinition } from '../../../shared/runtime/run-service.js';
import { createRpcRequestFunction } from '../../../shared/runtime/rpc-request-function.js';
import { loadSupervisorConfig, type SupervisorConfig } from './config.js';
import { startSupervisorService } from './service.js';

export interface SupervisorServiceConfig {
  readonly supervisor: SupervisorConfig;
  readonly request: RequestConfig;
}

/** The supervisor as `runService` runs it standalone (`services/supervisor/src/main.ts`). */
export const supervisorServiceDefinition: ServiceDefinition<SupervisorServiceConfig> = {
  name: 'supervisor',
  loadConfig: (env) => {
    let request: RequestConfig | undefined;
    const supervisor = collectConfig(
      () => loadSupervisorConfig(env),
      () => (request = loadRequestConfig(env)),
    );
    return { supervisor, request: request ?? loadRequestConfig(env) };
  },
  start: (ctx, config) =>
    startSupervisorService(ctx, config.supervisor, { request: createRpcRequestFunction(ctx, config.request) }),
};
