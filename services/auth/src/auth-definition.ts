import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import type { ServiceDefinition } from '../../../shared/runtime/run-service.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { loadAuthConfig, type AuthConfig } from './config.js';

/** A started auth service, with the authenticator the all-in-one runtime hands to its in-process token source. */
export interface RunningAuthService extends RunningService {
  readonly service: AuthService;
}

/** Starts the auth service on a runtime context: consumes the auth RPC queue, reports readiness. */
export async function startAuthService(ctx: ServiceContext, config: AuthConfig): Promise<RunningAuthService> {
  const service = await createAuthService({
    config,
    bus: ctx.bus,
    logger: ctx.logger,
    registry: ctx.registry,
    newId: ctx.newId,
    now: () => ctx.clock().getTime(),
  });
  ctx.health.addCheck('auth-rpc-consumer', () => service.isReady());
  await service.start();
  return { service, stop: (deadlineMs) => service.stop(deadlineMs) };
}

/** The auth service as `runService` runs it standalone (`services/auth/src/main.ts`). */
export const authServiceDefinition: ServiceDefinition<AuthConfig> = {
  name: 'auth',
  loadConfig: loadAuthConfig,
  start: (ctx, config) => startAuthService(ctx, config),
};
