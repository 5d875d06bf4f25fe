import 'reflect-metadata';
import { Container } from 'inversify';
import type { Registry } from 'prom-client';
import type { Bus } from '../amqp/bus.js';
import type { BaseConfig } from '../config/base-config.js';
import type { HealthServer } from '../health/health-server.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceContext } from '../runtime/service-context.js';
import { TOKENS } from './tokens.js';

export interface ServiceParts {
  readonly base: BaseConfig;
  readonly logger: Logger;
  readonly bus: Bus;
  readonly registry: Registry;
  readonly health: HealthServer;
  readonly clock: () => Date;
  readonly newId: () => string;
}

/**
 * The composition root's container: one singleton per shared part, bound to the tokens of
 * `shared/di/tokens.ts`. Services resolve their context from it; tests and the all-in-one runtime bind
 * their own parts (an in-process bus, a virtual clock) the same way.
 */
export function createServiceContainer(parts: ServiceParts): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(parts.base);
  container.bind(TOKENS.Logger).toConstantValue(parts.logger);
  container.bind(TOKENS.Bus).toConstantValue(parts.bus);
  container.bind(TOKENS.Metrics).toConstantValue(parts.registry);
  container.bind(TOKENS.Health).toConstantValue(parts.health);
  container.bind(TOKENS.Clock).toConstantValue(parts.clock);
  container.bind(TOKENS.IdSource).toConstantValue(parts.newId);
  container.bind<ServiceContext>(TOKENS.ServiceContext).toDynamicValue((context) => ({
    logger: context.get<Logger>(TOKENS.Logger),
    bus: context.get<Bus>(TOKENS.Bus),
    registry: context.get<Registry>(TOKENS.Metrics),
    health: context.get<HealthServer>(TOKENS.Health),
    clock: context.get<() => Date>(TOKENS.Clock),
    newId: context.get<() => string>(TOKENS.IdSource),
  }));
  return container;
}
