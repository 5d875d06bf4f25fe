import { loadRequestConfig, type RequestConfig } from '../../../shared/request/request-config.js';
import { collectConfig } from '../../../shared/config/parse-env.js';
import type { ServiceDefinition } from '../../../shared/runtime/run-service.js';
import { createRpcRequestFunction } from '../../../shared/runtime/rpc-request-function.js';
import { loadLbConfig, type LbConfig } from './config.js';
import { startLoadBalancerService } from './service.js';

export interface LbServiceConfig {
  readonly lb: LbConfig;
  readonly request: RequestConfig;
}

/** The load-balancer service as `runService` runs it standalone (`services/load-balancer/src/main.ts`). */
export const lbServiceDefinition: ServiceDefinition<LbServiceConfig> = {
  name: 'load-balancer',
  loadConfig: (env) => {
    let request: RequestConfig | undefined;
    const lb = collectConfig(
      () => loadLbConfig(env),
      () => (request = loadRequestConfig(env)),
    );
    return { lb, request: request ?? loadRequestConfig(env) };
  },
  start: (ctx, config) =>
    startLoadBalancerService({ ...ctx, requestFn: createRpcRequestFunction(ctx, config.request) }, config.lb),
};
