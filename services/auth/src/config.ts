import { z } from 'zod';
import { loadBaseConfig, type BaseConfig } from '../../../shared/config/base-config.js';
import { collectConfig, envField, parseEnv, type Env } from '../../../shared/config/parse-env.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import type { EndpointConfig } from '../../../shared/request/endpoint-resolver.js';
import { loadRequestConfig, type RequestConfig } from '../../../shared/request/request-config.js';

const AuthEnvSchema = z.object({
  AUTH_STRATEGY: z.enum(['impersonation', 'credentials']).default('impersonation'),
  IDENTITY_URL: envField.url().default('http://127.0.0.1:8900/identity/v2.0'),
  IDENTITY_ADMIN_URL: envField.url().optional(),
  IDENTITY_ADMIN_USERNAME: z.string().min(1).optional(),
  IDENTITY_ADMIN_PASSWORD: z.string().min(1).optional(),
  IDENTITY_ADMIN_API_KEY: z.string().min(1).optional(),
  AUTH_CREDENTIALS_FILE: z.string().min(1).optional(),
  AUTH_IMPERSONATION_EXPIRE_SECONDS: envField.int(10_800, 60, 86_400 * 7),
  AUTH_CACHE_TTL_MS: envField.int(1_800_000, 1_000, 86_400_000),
  AUTH_EXPIRY_MARGIN_MS: envField.int(300_000, 0, 86_400_000),
  AUTH_CACHE_MAX_TENANTS: envField.int(100_000, 1, 10_000_000),
  AUTH_RETRY_LIMIT: envField.int(3, 0, 20),
  AUTH_RETRY_INITIAL_DELAY_MS: envField.int(250, 1, 60_000),
  AUTH_RETRY_MAX_DELAY_MS: envField.int(5_000, 1, 600_000),
  IDENTITY_TIMEOUT_MS: envField.int(10_000, 100, 120_000),
  AUTH_PREFETCH: envField.int(200, 1, 10_000),
});

/** The identity admin account used to impersonate tenants. Holds secrets: never log it. */
export interface AdminCredentials {
  readonly username: string;
  readonly password: string | undefined;
  readonly apiKey: string | undefined;
}

export type AuthStrategyConfig =
  | { readonly kind: 'impersonation'; readonly admin: AdminCredentials; readonly expireInSeconds: number }
  | { readonly kind: 'credentials'; readonly credentialsFile: string };

export interface AuthConfig {
  readonly base: BaseConfig;
  /** Identity v2.0 root for token requests, e.g. `https://identity.api.rackspacecloud.com/v2.0`. */
  readonly identityUrl: string;
  /** Identity admin v2.0 root (impersonation, endpoints for token, mosso lookup). */
  readonly identityAdminUrl: string;
  readonly strategy: AuthStrategyConfig;
  /** Region and service names the request function looks up; checked in every catalog the service hands out. */
  readonly endpoints: EndpointConfig;
  readonly cache: { readonly ttlMs: number; readonly marginMs: number; readonly maxEntries: number };
  readonly retry: { readonly retries: number; readonly initialDelayMs: number; readonly maxDelayMs: number };
  readonly identityTimeoutMs: number;
  /** Callers give up after this; requests older than it are dropped unanswered. */
  readonly rpcTimeoutMs: number;
  readonly prefetch: number;
}

/** The auth service's configuration from the environment. Pure; throws one ConfigError listing every problem. */
export function loadAuthConfig(env: Env): AuthConfig {
  let base: BaseConfig | undefined;
  let request: RequestConfig | undefined;
  const own = collectConfig(
    () => loadOwnConfig(env),
    () => (base = loadBaseConfig(env)),
    () => (request = loadRequestConfig(env)),
  );
  if (base === undefined || request === undefined) throw new ConfigError(['(env): configuration incomplete']);
  return { ...own, base, endpoints: request.endpoints, rpcTimeoutMs: request.tokenSource.rpcTimeoutMs };
}

function loadOwnConfig(env: Env): Omit<AuthConfig, 'base' | 'endpoints' | 'rpcTimeoutMs'> {
  const problems = strategyProblems(env);
  let e: z.infer<typeof AuthEnvSchema>;
  try {
    e = parseEnv(AuthEnvSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...error.problems, ...problems]);
    throw error;
  }
  if (e.AUTH_STRATEGY === 'impersonation' && e.AUTH_IMPERSONATION_EXPIRE_SECONDS * 1000 <= e.AUTH_EXPIRY_MARGIN_MS)
    problems.push(
      'AUTH_IMPERSONATION_EXPIRE_SECONDS: must be longer than AUTH_EXPIRY_MARGIN_MS, or no token is ever cached',
    );
  if (e.AUTH_RETRY_MAX_DELAY_MS < e.AUTH_RETRY_INITIAL_DELAY_MS)
    problems.push('AUTH_RETRY_MAX_DELAY_MS: must be at least AUTH_RETRY_INITIAL_DELAY_MS');
  if (problems.length > 0) throw new ConfigError(problems);
  const strategy: AuthStrategyConfig =
    e.AUTH_STRATEGY === 'impersonation'
      ? {
          kind: 'impersonation',
          admin: {
            username: e.IDENTITY_ADMIN_USERNAME ?? '',
            password: e.IDENTITY_ADMIN_PASSWORD,
            apiKey: e.IDENTITY_ADMIN_API_KEY,
          },
          expireInSeconds: e.AUTH_IMPERSONATION_EXPIRE_SECONDS,
        }
      : { kind: 'credentials', credentialsFile: e.AUTH_CREDENTIALS_FILE ?? '' };
  return {
    identityUrl: trimSlash(e.IDENTITY_URL),
    identityAdminUrl: trimSlash(e.IDENTITY_ADMIN_URL ?? e.IDENTITY_URL),
    strategy,
    cache: { ttlMs: e.AUTH_CACHE_TTL_MS, marginMs: e.AUTH_EXPIRY_MARGIN_MS, maxEntries: e.AUTH_CACHE_MAX_TENANTS },
    retry: {
      retries: e.AUTH_RETRY_LIMIT,
      initialDelayMs: e.AUTH_RETRY_INITIAL_DELAY_MS,
      maxDelayMs: e.AUTH_RETRY_MAX_DELAY_MS,
    },
    identityTimeoutMs: e.IDENTITY_TIMEOUT_MS,
    prefetch: e.AUTH_PREFETCH,
  };
}

/** Variables the chosen strategy needs, checked on the raw environment so they are reported with every other problem. */
function strategyProblems(env: Env): string[] {
  const present = (name: string) => (env[name] ?? '') !== '';
  const strategy = env['AUTH_STRATEGY'] ?? 'impersonation';
  if (strategy === 'credentials') {
    return present('AUTH_CREDENTIALS_FILE') ? [] : ['AUTH_CREDENTIALS_FILE: required for AUTH_STRATEGY=credentials'];
  }
  if (strategy !== 'impersonation' && strategy !== '') return [];
  const problems: string[] = [];
  if (!present('IDENTITY_ADMIN_USERNAME'))
    problems.push('IDENTITY_ADMIN_USERNAME: required for AUTH_STRATEGY=impersonation');
  if (!present('IDENTITY_ADMIN_PASSWORD') && !present('IDENTITY_ADMIN_API_KEY'))
    problems.push('IDENTITY_ADMIN_PASSWORD or IDENTITY_ADMIN_API_KEY: one is required for AUTH_STRATEGY=impersonation');
  return problems;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
