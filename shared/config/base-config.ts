import { z } from 'zod';
import { envField, parseEnv, type Env } from './parse-env.js';

/**
 * Settings every runtime shares. Each service's own config (services/<name>/src/config.ts) adds its
 * settings with `parseEnv` and merges problems with `collectConfig`.
 */
const BaseEnvSchema = z.object({
  AMQP_URL: envField.url().optional(),
  AMQP_DECLARE_TOPOLOGY: envField.bool(true),
  KELP_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, 'lower-case letters, digits and dashes')
    .default('kelp'),
  LOG_LEVEL: envField.logLevel(),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  HEALTH_PORT: envField.port(0),
  HEALTH_HOST: z.string().default('127.0.0.1'),
  SHUTDOWN_DEADLINE_MS: envField.int(10_000, 0, 600_000),
  PREFETCH: envField.int(20, 1, 10_000),
  DELIVERY_LIMIT: envField.int(5, 1, 1000),
  MAX_MESSAGE_BYTES: envField.int(1024 * 1024, 1024, 64 * 1024 * 1024),
});

export interface BaseConfig {
  /** Broker URL; unset means the in-process bus (all-in-one runtime only). Contains a password: never log it. */
  readonly amqpUrl: string | undefined;
  /** Declare queues and exchanges at start; false where a definitions file did (least-privilege users). */
  readonly declareTopology: boolean;
  readonly namespace: string;
  readonly logLevel: 'error' | 'warn' | 'info' | 'debug';
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly healthPort: number;
  readonly healthHost: string;
  readonly shutdownDeadlineMs: number;
  readonly prefetch: number;
  readonly deliveryLimit: number;
  readonly maxMessageBytes: number;
}

export function loadBaseConfig(env: Env): BaseConfig {
  const e = parseEnv(BaseEnvSchema, env);
  return {
    amqpUrl: e.AMQP_URL,
    declareTopology: e.AMQP_DECLARE_TOPOLOGY,
    namespace: e.KELP_NAMESPACE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    prefetch: e.PREFETCH,
    deliveryLimit: e.DELIVERY_LIMIT,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
  };
}
