import { loadAuthConfig, type AuthConfig } from '../../auth/src/config.js';
import { loadLbConfig, type LbConfig } from '../../load-balancer/src/config.js';
import { loadSupervisorConfig, type SupervisorConfig } from '../../supervisor/src/config.js';
import { loadConvergeConfig, type ConvergeConfig } from '../../supervisor/src/converge/converge-config.js';
import type { Env } from '../../../shared/config/parse-env.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { loadRequestConfig, type RequestConfig } from '../../../shared/request/request-config.js';

/** The configuration of every service the all-in-one runtime runs, from one environment. */
export interface ServiceConfigs {
  readonly auth: AuthConfig;
  readonly request: RequestConfig;
  readonly lb: LbConfig;
  readonly supervisor: SupervisorConfig;
  readonly converge: ConvergeConfig;
}

/**
 * Loads every service's configuration (pure). Throws one ConfigError listing every problem once, even when
 * several services read the same variable.
 */
export function loadServiceConfigs(env: Env): ServiceConfigs {
  const problems: string[] = [];
  const load = <T>(loader: (env: Env) => T): T | undefined => {
    try {
      return loader(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const auth = load(loadAuthConfig);
  const request = load(loadRequestConfig);
  const lb = load(loadLbConfig);
  const supervisor = load(loadSupervisorConfig);
  const converge = load(loadConvergeConfig);
  if (
    auth === undefined ||
    request === undefined ||
    lb === undefined ||
    supervisor === undefined ||
    converge === undefined
  ) {
    throw new ConfigError([...new Set(problems)]);
  }
  return { auth, request, lb, supervisor, converge };
}
