import type { Env } from '../../../shared/config/parse-env.js';

/** What the services need to know about the embedded simulator to use it as their cloud. */
export interface SimulatedCloud {
  /** The simulator's Identity v2.0 root, e.g. `http://127.0.0.1:8900/identity/v2.0`. */
  readonly identityUrl: string;
  /** The simulator's identity admin, used for impersonation. Holds a password: never log it. */
  readonly admin: { readonly username: string; readonly password: string };
  /** The region the simulator offers first (the services' default region when CLOUD_REGION is unset). */
  readonly region: string;
}

/** Variables the embedded simulator decides; a value set for them in the environment is replaced. */
const REPLACED = ['IDENTITY_URL', 'IDENTITY_ADMIN_USERNAME', 'IDENTITY_ADMIN_PASSWORD', 'AUTH_STRATEGY'] as const;

/** Variables that would point the services away from the simulator; they are dropped while it runs. */
const DROPPED = [
  'IDENTITY_ADMIN_URL',
  'IDENTITY_ADMIN_API_KEY',
  'AUTH_CREDENTIALS_FILE',
  'NOVA_URL',
  'CLB_URL',
  'RCV3_URL',
] as const;

export interface SimulatorEnv {
  /** The environment the services are configured from. */
  readonly env: Env;
  /** Names (never values) of variables that were set but do not apply while the simulator runs. */
  readonly ignored: readonly string[];
}

/**
 * The services' environment with the embedded simulator as their cloud (pure): Identity at the simulator,
 * impersonation with its admin, endpoints from its catalog, and CLOUD_REGION defaulting to its first region.
 */
export function simulatorEnv(env: Env, cloud: SimulatedCloud): SimulatorEnv {
  const replacement: Record<(typeof REPLACED)[number], string> = {
    IDENTITY_URL: cloud.identityUrl,
    IDENTITY_ADMIN_USERNAME: cloud.admin.username,
    IDENTITY_ADMIN_PASSWORD: cloud.admin.password,
    AUTH_STRATEGY: 'impersonation',
  };
  const isSet = (name: string): boolean => (env[name] ?? '') !== '';
  const ignored = [
    ...REPLACED.filter((name) => isSet(name) && env[name] !== replacement[name]),
    ...DROPPED.filter(isSet),
  ];
  const result: Record<string, string | undefined> = { ...env, ...replacement };
  for (const name of DROPPED) delete result[name];
  if (!isSet('CLOUD_REGION')) result['CLOUD_REGION'] = cloud.region;
  return { env: result, ignored };
}
