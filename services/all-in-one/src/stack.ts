import { startAuthService } from '../../auth/src/auth-definition.js';
import { startCloudSim, type CloudSim } from '../../cloud-sim/src/index.js';
import { startLoadBalancerService } from '../../load-balancer/src/service.js';
import { startConvergeService } from '../../supervisor/src/converge/converge-service.js';
import { startSupervisorService } from '../../supervisor/src/service.js';
import type { BaseConfig } from '../../../shared/config/base-config.js';
import type { Env } from '../../../shared/config/parse-env.js';
import { CONVERGE_MESSAGE_TYPES } from '../../../shared/messages/converge-messages.js';
import { createCloudRequestFunction } from '../../../shared/request/create-cloud-request.js';
import { createInProcessTokenSource } from '../../../shared/request/in-process-token-source.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RunningService, ServiceContext } from '../../../shared/runtime/service-context.js';
import type { AllInOneConfig } from './config.js';
import { seedDemoTenant, type DemoTenant } from './demo-tenant.js';
import { loadServiceConfigs } from './service-configs.js';
import { simulatorEnv } from './simulator-env.js';
import { createStackGroupLock } from './stack-group-lock.js';

/** Every Kelp service (and by default the cloud simulator) running in this process on one bus. */
export interface Stack extends RunningService {
  /** The embedded simulator; undefined with KELP_SIMULATOR=off. */
  readonly sim: CloudSim | undefined;
  /** The tenant seeded in the embedded simulator. */
  readonly demoTenant: DemoTenant | undefined;
  /** The request function the services share (tokens straight from the auth service's authenticator). */
  readonly request: RequestFunction;
}

/**
 * Starts the stack on a context whose bus is started: the simulator (seeded with the demo tenant), then
 * auth, the load-balancer service, converge and the supervisor, all sharing `ctx` (bus, registry, health
 * checks, logger). If a service fails to start, the ones already started are stopped and the error thrown.
 * `stop` stops them in reverse order (producers of work first), then closes the simulator.
 */
export async function startStack(
  ctx: ServiceContext,
  config: AllInOneConfig,
  base: BaseConfig,
  env: Env,
): Promise<Stack> {
  const started: { name: string; service: RunningService }[] = [];
  const stop = async (deadlineMs: number): Promise<void> => {
    for (const { name, service } of started.splice(0).reverse()) {
      try {
        await service.stop(deadlineMs);
      } catch (error) {
        ctx.logger.error('stack-stop-failed', { part: name, error });
      }
    }
  };
  try {
    let sim: CloudSim | undefined;
    let demoTenant: DemoTenant | undefined;
    let servicesEnv = env;
    if (config.simulator !== undefined) {
      const running = await startCloudSim({
        ...config.simulator,
        logger: ctx.logger.child({ component: 'cloud-sim' }),
      });
      sim = running;
      started.push({ name: 'cloud-sim', service: { stop: () => running.close() } });
      const region = config.simulator.regions?.[0] ?? 'ORD';
      const derived = simulatorEnv(env, { identityUrl: running.identityUrl, admin: running.admin, region });
      if (derived.ignored.length > 0) ctx.logger.warn('simulator-ignores-variables', { variables: derived.ignored });
      servicesEnv = derived.env;
      demoTenant = seedDemoTenant(running, config.demoTenantId, region);
    }
    const configs = loadServiceConfigs(servicesEnv);
    const auth = await startAuthService(ctx, configs.auth);
    started.push({ name: 'auth', service: auth });
    const request = createCloudRequestFunction({
      config: configs.request,
      tokens: createInProcessTokenSource(auth.service.authenticator),
      logger: ctx.logger,
      registry: ctx.registry,
    });
    started.push({
      name: 'load-balancer',
      service: await startLoadBalancerService({ ...ctx, requestFn: request }, configs.lb),
    });
    const lock = createStackGroupLock(base, ctx.logger, configs.converge.recordTtlMs);
    const converge = await startConvergeService(ctx, configs.converge, { request, lock });
    started.push({ name: 'converge', service: converge });
    const supervisor = await startSupervisorService(ctx, configs.supervisor, {
      request,
      acceptors: { [CONVERGE_MESSAGE_TYPES.job]: converge.acceptJob },
    });
    started.push({ name: 'supervisor', service: supervisor });
    ctx.logger.info('all-in-one-started', {
      simulator: sim?.url ?? 'off',
      ...(demoTenant === undefined ? {} : { demoTenant }),
    });
    return { sim, demoTenant, request, stop };
  } catch (error) {
    await stop(base.shutdownDeadlineMs);
    throw error;
  }
}
