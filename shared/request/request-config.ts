import { z } from 'zod';
import type { TokenCachePolicy } from '../auth-contract/token-cache.js';
import { envField, parseEnv, type Env } from '../config/parse-env.js';
import type { EndpointConfig } from './endpoint-resolver.js';
import type { KyTransportOptions } from './ky-transport.js';
import type { ThrottleRule } from './throttle-rules.js';

const ThrottleRuleSchema = z
  .object({
    service: z.enum(['cloudServersOpenStack', 'cloudLoadBalancers', 'rackconnect']),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', '*']),
    perTenant: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(10_000).default(1),
    minIntervalMs: z.number().int().min(0).max(600_000).default(0),
  })
  .strict();

const jsonList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of throttle rules' });
      return z.NEVER;
    }
  })
  .pipe(z.array(ThrottleRuleSchema));

const RequestEnvSchema = z.object({
  CLOUD_REGION: z.string().min(1).default('ORD'),
  NOVA_SERVICE_NAME: z.string().min(1).default('cloudServersOpenStack'),
  CLB_SERVICE_NAME: z.string().min(1).default('cloudLoadBalancers'),
  RCV3_SERVICE_NAME: z.string().min(1).default('rackconnect'),
  NOVA_REGION: z.string().min(1).optional(),
  CLB_REGION: z.string().min(1).optional(),
  RCV3_REGION: z.string().min(1).optional(),
  NOVA_URL: envField.url().optional(),
  CLB_URL: envField.url().optional(),
  RCV3_URL: envField.url().optional(),
  HTTP_TIMEOUT_MS: envField.int(30_000, 100, 600_000),
  HTTP_RETRY_LIMIT: envField.int(2, 0, 10),
  HTTP_RETRY_DELAY_MS: envField.int(300, 0, 60_000),
  HTTP_BACKOFF_LIMIT_MS: envField.int(10_000, 0, 600_000),
  HTTP_MAX_RETRY_AFTER_MS: envField.int(30_000, 0, 600_000),
  HTTP_THROTTLES: jsonList.optional(),
  AUTH_RPC_TIMEOUT_MS: envField.int(5_000, 100, 120_000),
  TOKEN_LOCAL_CACHE_MAX: envField.int(10_000, 1, 1_000_000),
  TOKEN_LOCAL_MARGIN_MS: envField.int(120_000, 0, 86_400_000),
  TOKEN_LOCAL_TTL_MS: envField.int(600_000, 1_000, 86_400_000),
});

export interface RequestConfig {
  readonly endpoints: EndpointConfig;
  readonly http: Omit<KyTransportOptions, 'random' | 'fetch' | 'dispatcher'>;
  readonly throttles: readonly ThrottleRule[];
  readonly tokenSource: { readonly rpcTimeoutMs: number; readonly cache: TokenCachePolicy };
}

/** The request function's settings from the environment (see the README table). Pure; one ConfigError for all problems. */
export function loadRequestConfig(env: Env): RequestConfig {
  const e = parseEnv(RequestEnvSchema, env);
  return {
    endpoints: {
      cloudServersOpenStack: { name: e.NOVA_SERVICE_NAME, region: e.NOVA_REGION ?? e.CLOUD_REGION, url: e.NOVA_URL },
      cloudLoadBalancers: { name: e.CLB_SERVICE_NAME, region: e.CLB_REGION ?? e.CLOUD_REGION, url: e.CLB_URL },
      rackconnect: { name: e.RCV3_SERVICE_NAME, region: e.RCV3_REGION ?? e.CLOUD_REGION, url: e.RCV3_URL },
    },
    http: {
      timeoutMs: e.HTTP_TIMEOUT_MS,
      retryLimit: e.HTTP_RETRY_LIMIT,
      retryDelayMs: e.HTTP_RETRY_DELAY_MS,
      backoffLimitMs: e.HTTP_BACKOFF_LIMIT_MS,
      maxRetryAfterMs: e.HTTP_MAX_RETRY_AFTER_MS,
    },
    throttles: e.HTTP_THROTTLES ?? [],
    tokenSource: {
      rpcTimeoutMs: e.AUTH_RPC_TIMEOUT_MS,
      cache: { maxEntries: e.TOKEN_LOCAL_CACHE_MAX, marginMs: e.TOKEN_LOCAL_MARGIN_MS, ttlMs: e.TOKEN_LOCAL_TTL_MS },
    },
  };
}
