import { createCloudRequestFunction, createRpcTokenSource } from '../request/create-cloud-request.js';
import type { RequestConfig } from '../request/request-config.js';
import type { RequestFunction } from '../request/request-fn.js';
import type { ServiceContext } from './service-context.js';

/** The request function of a standalone service: tokens from the auth service over the bus. */
export function createRpcRequestFunction(ctx: ServiceContext, config: RequestConfig): RequestFunction {
  const tokens = createRpcTokenSource({ config, bus: ctx.bus, newId: ctx.newId });
  return createCloudRequestFunction({ config, tokens, logger: ctx.logger, registry: ctx.registry });
}
