import type { Registry } from 'prom-client';
import { createAuthService } from '../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../services/auth/src/config.js';
import { DEFAULT_ADMIN } from '../services/cloud-sim/src/index.js';
import type { Logger } from '../shared/logging/logger.js';
import { createCloudRequestFunction } from '../shared/request/create-cloud-request.js';
import { createInProcessTokenSource } from '../shared/request/in-process-token-source.js';
import { loadRequestConfig } from '../shared/request/request-config.js';
import type { RequestFunction } from '../shared/request/request-fn.js';

/**
 * The request function benchmarks use against a simulator: tokens from an in-process auth service
 * (impersonating with the simulator's admin account), so no auth RPC is part of what is measured.
 */
export async function createSimRequestFunction(
  simUrl: string,
  region: string,
  logger: Logger,
  registry: Registry,
): Promise<RequestFunction> {
  const env = {
    IDENTITY_URL: `${simUrl}/identity/v2.0`,
    IDENTITY_ADMIN_USERNAME: DEFAULT_ADMIN.username,
    IDENTITY_ADMIN_PASSWORD: DEFAULT_ADMIN.password,
    CLOUD_REGION: region,
  };
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: { consume: () => Promise.reject(new Error('in-process')), isReady: () => false },
    logger,
    registry,
  });
  const tokens = createInProcessTokenSource(auth.authenticator);
  return createCloudRequestFunction({ config: loadRequestConfig(env), tokens, logger, registry });
}
