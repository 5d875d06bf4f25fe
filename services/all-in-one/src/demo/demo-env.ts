import type { Env } from '../../../../shared/config/parse-env.js';

/**
 * Settings the demo always runs with: the embedded simulator on an ephemeral port with short simulated
 * times (a 3 s build, a 0.5 s CLB immutable period), short convergence delays, no health port to collide.
 */
export const DEMO_SETTINGS: Readonly<Record<string, string>> = {
  KELP_SIMULATOR: 'on',
  SIM_PORT: '0',
  SIM_CLOCK: 'real',
  SIM_BUILD_TIME_MS: '3000',
  SIM_DELETE_TIME_MS: '500',
  SIM_CLB_IMMUTABLE_MS: '500',
  SIM_RCV3_ADD_TIME_MS: '0',
  SIM_LATENCY_MS: '0',
  HEALTH_PORT: '0',
  CONVERGE_INITIAL_DELAY_MS: '500',
  CONVERGE_MAX_DELAY_MS: '1000',
  LB_IMMUTABLE_RETRY_MS: '250',
  HTTP_RETRY_DELAY_MS: '50',
};

/**
 * The demo's environment (pure): the caller's, minus AMQP_URL (the demo always runs on the in-process bus,
 * so it never meets a stack already consuming the broker's queues), with DEMO_SETTINGS on top and logs at
 * `warn` unless LOG_LEVEL says otherwise.
 */
export function demoEnv(env: Env): Env {
  const { AMQP_URL: _ignored, ...rest } = env;
  return { ...rest, LOG_LEVEL: env['LOG_LEVEL'] ?? 'warn', ...DEMO_SETTINGS };
}
