import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Bus } from '../amqp/bus.js';
import type { Logger } from '../logging/logger.js';
import { createKyTransport } from './ky-transport.js';
import type { RequestConfig } from './request-config.js';
import { createRequestFunction, type RequestFunction } from './request-fn.js';
import { createRequestHistogram } from './request-metrics.js';
import { RpcTokenSource } from './rpc-token-source.js';
import type { TokenSource } from './token-source.js';

/** A service's request function from its config: ky transport, endpoints, throttles, metrics in `registry`. */
export function createCloudRequestFunction(deps: {
  readonly config: RequestConfig;
  readonly tokens: TokenSource;
  readonly logger: Logger;
  readonly registry: Registry;
}): RequestFunction {
  return createRequestFunction({
    tokens: deps.tokens,
    endpoints: deps.config.endpoints,
    transport: createKyTransport(deps.config.http),
    logger: deps.logger,
    histogram: createRequestHistogram(deps.registry),
    throttles: deps.config.throttles,
  });
}

/** The token source of a service that talks to the auth service over the bus. */
export function createRpcTokenSource(deps: {
  readonly config: RequestConfig;
  readonly bus: Pick<Bus, 'call'>;
  readonly now?: () => number;
  readonly newId?: () => string;
}): RpcTokenSource {
  return new RpcTokenSource({
    bus: deps.bus,
    timeoutMs: deps.config.tokenSource.rpcTimeoutMs,
    cache: deps.config.tokenSource.cache,
    now: deps.now ?? Date.now,
    newId: deps.newId ?? randomUUID,
  });
}
