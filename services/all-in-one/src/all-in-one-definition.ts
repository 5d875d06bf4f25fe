import type { Env } from '../../../shared/config/parse-env.js';
import type { ServiceDefinition } from '../../../shared/runtime/run-service.js';
import { loadAllInOneConfig, type AllInOneConfig } from './config.js';
import { startStack } from './stack.js';

/**
 * The all-in-one runtime as `runService` runs it (`npm start`): one process, one bus, one registry, one
 * health server, every service plus (by default) the cloud simulator. `env` is the whole environment: the
 * services read their own variables from it.
 */
export function allInOneDefinition(env: Env): ServiceDefinition<AllInOneConfig> {
  return {
    name: 'all-in-one',
    loadConfig: loadAllInOneConfig,
    start: (ctx, config, base) => startStack(ctx, config, base, env),
  };
}
