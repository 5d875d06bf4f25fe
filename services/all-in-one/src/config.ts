import { z } from 'zod';
import type { CloudSimOptions } from '../../cloud-sim/src/index.js';
import { DEFAULT_ADMIN, DEFAULT_REGIONS } from '../../cloud-sim/src/index.js';
import { parseSimEnv } from '../../cloud-sim/src/env-options.js';
import { loadBaseConfig, type BaseConfig } from '../../../shared/config/base-config.js';
import { parseEnv, type Env } from '../../../shared/config/parse-env.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { loadServiceConfigs } from './service-configs.js';
import { simulatorEnv, type SimulatedCloud } from './simulator-env.js';

const AllInOneEnvSchema = z.object({
  KELP_SIMULATOR: z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])
    .default('on')
    .transform((v) => v === 'on' || v === 'true' || v === '1' || v === 'yes'),
  KELP_DEMO_TENANT: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, '1-100 letters, digits, "_" or "-"')
    .default('123456'),
});

/** The all-in-one runtime's own settings (each service's settings are loaded by `loadServiceConfigs`). */
export interface AllInOneConfig {
  readonly base: BaseConfig;
  /** The embedded simulator's options (the SIM_* variables); undefined with KELP_SIMULATOR=off. */
  readonly simulator: CloudSimOptions | undefined;
  /** The tenant seeded in the embedded simulator, with one CLB and one RCv3 pool. */
  readonly demoTenantId: string;
}

/**
 * The all-in-one runtime's configuration from the environment (pure). Also validates every service's
 * configuration, with the embedded simulator standing in for the cloud when it is on, so one ConfigError
 * lists every problem before anything starts.
 */
export function loadAllInOneConfig(env: Env): AllInOneConfig {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else if (AppError.isKind(error, 'config')) problems.push(error.message);
      else throw error;
      return undefined;
    }
  };
  const own = attempt(() => parseEnv(AllInOneEnvSchema, env));
  const base = attempt(() => loadBaseConfig(env));
  const simulator = own?.KELP_SIMULATOR === false ? undefined : attempt(() => parseSimEnv(env));
  const servicesEnv = own?.KELP_SIMULATOR === false ? env : simulatorEnv(env, placeholderCloud(simulator ?? {})).env;
  attempt(() => loadServiceConfigs(servicesEnv));
  if (problems.length > 0 || own === undefined || base === undefined) throw new ConfigError([...new Set(problems)]);
  return { base, simulator: own.KELP_SIMULATOR ? simulator : undefined, demoTenantId: own.KELP_DEMO_TENANT };
}

/** The simulator as the services will see it, before it listens (its port may still be unknown). */
export function placeholderCloud(options: CloudSimOptions): SimulatedCloud {
  const host = options.host ?? '127.0.0.1';
  return {
    identityUrl: `http://${host.includes(':') ? `[${host}]` : host}:${options.port ?? 8900}/identity/v2.0`,
    admin: {
      username: options.admin?.username ?? DEFAULT_ADMIN.username,
      password: options.admin?.password ?? DEFAULT_ADMIN.password,
    },
    region: options.regions?.[0] ?? DEFAULT_REGIONS[0] ?? 'ORD',
  };
}
