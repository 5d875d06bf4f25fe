import { z } from 'zod';
import { envField, parseEnv, type Env } from '../../../shared/config/parse-env.js';
import type { JobSettings } from './core/job-settings.js';

/** Settings of the supervisor (services/supervisor/README.md lists each variable). */
const SupervisorEnvSchema = z.object({
  SUPERVISOR_JOB_PREFETCH: envField.int(20, 1, 10_000),
  SUPERVISOR_WORK_PREFETCH: envField.int(50, 1, 10_000),
  SUPERVISOR_POLL_INTERVAL_MS: envField.int(2_000, 1, 3_600_000),
  SUPERVISOR_ACTIVE_TIMEOUT_MS: envField.int(7_200_000, 1_000, 86_400_000),
  SUPERVISOR_ERROR_REPLACEMENTS: envField.int(3, 0, 100),
  SUPERVISOR_CREATE_RETRIES: envField.int(3, 0, 100),
  SUPERVISOR_CREATE_RETRY_DELAY_MS: envField.int(5_000, 0, 3_600_000),
  SUPERVISOR_SEARCH_RETRIES: envField.int(10, 0, 1_000),
  SUPERVISOR_LB_RETRIES: envField.int(10, 0, 1_000),
  SUPERVISOR_LB_RETRY_DELAY_MS: envField.int(5_000, 0, 3_600_000),
  SUPERVISOR_LB_STEP_TIMEOUT_MS: envField.int(300_000, 1_000, 86_400_000),
  SUPERVISOR_DELETE_RETRIES: envField.int(10, 0, 1_000),
  SUPERVISOR_DELETE_RETRY_DELAY_MS: envField.int(2_000, 0, 3_600_000),
  SUPERVISOR_DELETE_RETRY_MAX_DELAY_MS: envField.int(60_000, 0, 3_600_000),
  SUPERVISOR_MAX_INLINE_REQUESTS: envField.int(20, 1, 1_000),
  SUPERVISOR_DEDUP_JOBS: envField.int(50_000, 1, 10_000_000),
});

export interface SupervisorConfig {
  /** Deliveries of submitted jobs held at once. */
  readonly jobPrefetch: number;
  /** Deliveries of progression messages and LB replies held at once. */
  readonly workPrefetch: number;
  readonly jobs: JobSettings;
  /** A load-balancer step not answered within this long is sent again (counts as one LB retry). */
  readonly lbStepTimeoutMs: number;
  /** Nova requests one delivery may make before the job continues through a fresh message. */
  readonly maxInlineRequests: number;
  /** Jobs whose latest progression step the supervisor remembers to drop duplicate messages. */
  readonly dedupJobs: number;
}

/** Pure: validates the environment; one ConfigError lists every problem. */
export function loadSupervisorConfig(env: Env): SupervisorConfig {
  const e = parseEnv(SupervisorEnvSchema, env);
  return {
    jobPrefetch: e.SUPERVISOR_JOB_PREFETCH,
    workPrefetch: e.SUPERVISOR_WORK_PREFETCH,
    jobs: {
      pollIntervalMs: e.SUPERVISOR_POLL_INTERVAL_MS,
      activeTimeoutMs: e.SUPERVISOR_ACTIVE_TIMEOUT_MS,
      errorReplacements: e.SUPERVISOR_ERROR_REPLACEMENTS,
      createRetries: e.SUPERVISOR_CREATE_RETRIES,
      createRetryDelayMs: e.SUPERVISOR_CREATE_RETRY_DELAY_MS,
      searchRetries: e.SUPERVISOR_SEARCH_RETRIES,
      lbRetries: e.SUPERVISOR_LB_RETRIES,
      lbRetryDelayMs: e.SUPERVISOR_LB_RETRY_DELAY_MS,
      deleteRetries: e.SUPERVISOR_DELETE_RETRIES,
      deleteRetryDelayMs: e.SUPERVISOR_DELETE_RETRY_DELAY_MS,
      deleteRetryMaxDelayMs: e.SUPERVISOR_DELETE_RETRY_MAX_DELAY_MS,
    },
    lbStepTimeoutMs: e.SUPERVISOR_LB_STEP_TIMEOUT_MS,
    maxInlineRequests: e.SUPERVISOR_MAX_INLINE_REQUESTS,
    dedupJobs: e.SUPERVISOR_DEDUP_JOBS,
  };
}

/** The variables `loadSupervisorConfig` reads (for the README and `--help` output). */
export const SUPERVISOR_ENV_VARS: readonly string[] = Object.keys(SupervisorEnvSchema.shape);
