import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { createAuthService } from '../../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import type { Env } from '../../../shared/config/parse-env.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { createInProcessTokenSource } from '../../../shared/request/in-process-token-source.js';
import { createKyTransport } from '../../../shared/request/ky-transport.js';
import { loadRequestConfig } from '../../../shared/request/request-config.js';
import { createRequestFunction, type RequestFunction } from '../../../shared/request/request-fn.js';
import { createRequestHistogram } from '../../../shared/request/request-metrics.js';

const NO_BUS: Pick<Bus, 'consume' | 'isReady'> = {
  consume: () => Promise.reject(new Error('the auth service is used in-process here')),
  isReady: () => false,
};

/** The env that points auth and the request function at a simulator (impersonation with its admin). */
export function simEnv(sim: {
  identityUrl: string;
  admin: { username: string; password: string };
}): Record<string, string> {
  return {
    IDENTITY_URL: sim.identityUrl,
    IDENTITY_ADMIN_USERNAME: sim.admin.username,
    IDENTITY_ADMIN_PASSWORD: sim.admin.password,
    CLOUD_REGION: 'ORD',
    HTTP_RETRY_DELAY_MS: '10',
  };
}

/** An in-process auth service and the request function on top of it (what services share in one process). */
export async function createRequestStack(env: Env, logger: Logger, registry: Registry): Promise<RequestFunction> {
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: NO_BUS,
    logger,
    registry,
    newId: randomUUID,
  });
  const requestConfig = loadRequestConfig(env);
  return createRequestFunction({
    tokens: createInProcessTokenSource(auth.authenticator),
    endpoints: requestConfig.endpoints,
    transport: createKyTransport(requestConfig.http),
    logger,
    histogram: createRequestHistogram(registry),
  });
}
