/**
 * Options for the standalone simulator from environment variables (pure: the environment is an argument;
 * only `main.ts` reads `process.env`). Every variable is listed in the README.
 */
import { AppError } from '../../../shared/errors/app-error.js';
import type { ClbPendingSpelling, CloudSimOptions, SimService } from './config.js';

type Env = Readonly<Record<string, string | undefined>>;

const DURATIONS = {
  SIM_BUILD_TIME_MS: 'buildTimeMs',
  SIM_DELETE_TIME_MS: 'deleteTimeMs',
  SIM_CLB_IMMUTABLE_MS: 'clbImmutableMs',
  SIM_CLB_DELETED_RETENTION_MS: 'clbDeletedRetentionMs',
  SIM_RCV3_ADD_TIME_MS: 'rcv3AddTimeMs',
  SIM_TOKEN_TTL_MS: 'tokenTtlMs',
  SIM_SERVER_QUOTA: 'serverQuota',
  SIM_CLB_NODE_LIMIT: 'clbNodeLimit',
} as const;

const LATENCIES: Readonly<Record<string, SimService>> = {
  SIM_IDENTITY_LATENCY_MS: 'identity',
  SIM_NOVA_LATENCY_MS: 'nova',
  SIM_CLB_LATENCY_MS: 'clb',
  SIM_RCV3_LATENCY_MS: 'rcv3',
};

export function parseSimEnv(env: Env): CloudSimOptions {
  const problems: string[] = [];
  const int = (name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return undefined;
    }
    return value;
  };
  const options: Record<string, unknown> = {
    port: int('SIM_PORT', 0, 65535) ?? 8900,
    host: env['SIM_HOST'] ?? '127.0.0.1',
    seed: env['SIM_SEED'] ?? 'kelp',
    clock: env['SIM_CLOCK'] ?? 'real',
  };
  if (options['clock'] !== 'real' && options['clock'] !== 'virtual')
    problems.push('SIM_CLOCK must be "real" or "virtual"');
  for (const [name, key] of Object.entries(DURATIONS)) {
    const value = int(name);
    if (value !== undefined) options[key] = value;
  }
  const latency: Partial<Record<SimService, number>> = {};
  const all = int('SIM_LATENCY_MS');
  for (const [name, service] of Object.entries(LATENCIES)) {
    const value = int(name) ?? all;
    if (value !== undefined) latency[service] = value;
  }
  if (Object.keys(latency).length > 0) options['latencyMs'] = latency;
  const spelling = env['SIM_CLB_PENDING_SPELLING'];
  if (spelling !== undefined && spelling !== '') {
    if (spelling === 'underscore' || spelling === 'hyphen')
      options['clbPendingSpelling'] = spelling satisfies ClbPendingSpelling;
    else problems.push('SIM_CLB_PENDING_SPELLING must be "underscore" or "hyphen"');
  }
  const list = (name: string): string[] | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === ''
      ? undefined
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  };
  const regions = list('SIM_REGIONS');
  if (regions !== undefined) options['regions'] = regions;
  const tenants = list('SIM_TENANTS');
  if (tenants !== undefined) options['tenants'] = tenants;
  const admin: Record<string, string> = {};
  if (env['SIM_ADMIN_USERNAME']) admin['username'] = env['SIM_ADMIN_USERNAME'];
  if (env['SIM_ADMIN_PASSWORD']) admin['password'] = env['SIM_ADMIN_PASSWORD'];
  if (env['SIM_ADMIN_API_KEY']) admin['apiKey'] = env['SIM_ADMIN_API_KEY'];
  if (Object.keys(admin).length > 0) options['admin'] = admin;
  if (env['SIM_CATALOG_DECOYS'] === 'false') options['catalogDecoys'] = false;
  if (problems.length > 0)
    throw AppError.nonRetryable('config', `invalid simulator configuration: ${problems.join('; ')}`);
  return options;
}
