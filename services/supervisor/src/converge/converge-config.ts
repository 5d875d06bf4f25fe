import { z } from 'zod';
import { envField, parseEnv, type Env } from '../../../../shared/config/parse-env.js';
import type { LoopLimits } from '../../../../shared/convergence/decide-next.js';
import type { StepLimits } from '../../../../shared/convergence/limit-steps.js';

/** Settings of converge-group jobs (services/supervisor/src/converge/README.md lists each variable). */
const ConvergeEnvSchema = z.object({
  CONVERGE_PREFETCH: envField.int(20, 1, 10_000),
  CONVERGE_MAX_CREATES_PER_CYCLE: envField.int(100, 1, 100_000),
  CONVERGE_ONE_CLB_CHANGE_PER_CYCLE: envField.bool(false),
  CONVERGE_INITIAL_DELAY_MS: envField.int(500, 0, 3_600_000),
  CONVERGE_MAX_DELAY_MS: envField.int(10_000, 0, 3_600_000),
  CONVERGE_BACKOFF_MULTIPLIER: z.coerce.number().min(1).max(10).default(1.5),
  CONVERGE_MAX_CYCLES: envField.int(1_000, 1, 1_000_000),
  CONVERGE_LIMITED_RETRY_CYCLES: envField.int(10, 0, 100_000),
  CONVERGE_LOCK_RETRY_MS: envField.int(500, 1, 60_000),
  CONVERGE_MAX_LOCK_WAITS: envField.int(1_000, 1, 1_000_000),
  CONVERGE_NOVA_PAGE_SIZE: envField.int(1_000, 1, 10_000),
  CONVERGE_MAX_NOVA_PAGES: envField.int(100, 1, 10_000),
  CONVERGE_LB_READ_TIMEOUT_MS: envField.int(30_000, 100, 3_600_000),
  CONVERGE_LB_STEP_TIMEOUT_MS: envField.int(120_000, 100, 3_600_000),
  CONVERGE_MAX_PARALLEL_STEPS: envField.int(500, 1, 100_000),
  CONVERGE_RECORD_TTL_MS: envField.int(86_400_000, 60_000, 2_147_483_647),
});

export interface ConvergeConfig {
  /** Cycles (each of a different group) run at once by one supervisor. */
  readonly prefetch: number;
  /** Per-cycle step limits (`CreateServer`). */
  readonly stepLimits: StepLimits;
  /** Otter's `one_clb_step`: one mutation per CLB per cycle (off: the LB service serialises them). */
  readonly oneClbChangePerCycle: boolean;
  readonly loop: LoopLimits;
  /** Wait before a cycle that found its group locked tries again. */
  readonly lockRetryMs: number;
  /** Consecutive locked tries before the job gives up (group ERROR, "Timed out"). */
  readonly maxLockWaits: number;
  /** `limit` of each Nova `servers/detail` page, and most pages read per gather. */
  readonly novaPageSize: number;
  readonly maxNovaPages: number;
  /** Deadline of one LB read (RPC to the load-balancer service). */
  readonly lbReadTimeoutMs: number;
  /** Deadline of one LB step (it may wait out immutable CLBs in the LB service). */
  readonly lbStepTimeoutMs: number;
  /** Steps of one cycle in flight at once. */
  readonly maxParallelSteps: number;
  /** Idle group records expire after this long (broker `x-expires`). */
  readonly recordTtlMs: number;
}

/** Pure: validates the environment; one ConfigError lists every problem. */
export function loadConvergeConfig(env: Env): ConvergeConfig {
  const e = parseEnv(ConvergeEnvSchema, env);
  return {
    prefetch: e.CONVERGE_PREFETCH,
    stepLimits: { CreateServer: e.CONVERGE_MAX_CREATES_PER_CYCLE },
    oneClbChangePerCycle: e.CONVERGE_ONE_CLB_CHANGE_PER_CYCLE,
    loop: {
      maxCycles: e.CONVERGE_MAX_CYCLES,
      limitedRetryCycles: e.CONVERGE_LIMITED_RETRY_CYCLES,
      initialDelayMs: e.CONVERGE_INITIAL_DELAY_MS,
      maxDelayMs: Math.max(e.CONVERGE_MAX_DELAY_MS, e.CONVERGE_INITIAL_DELAY_MS),
      backoffMultiplier: e.CONVERGE_BACKOFF_MULTIPLIER,
    },
    lockRetryMs: e.CONVERGE_LOCK_RETRY_MS,
    maxLockWaits: e.CONVERGE_MAX_LOCK_WAITS,
    novaPageSize: e.CONVERGE_NOVA_PAGE_SIZE,
    maxNovaPages: e.CONVERGE_MAX_NOVA_PAGES,
    lbReadTimeoutMs: e.CONVERGE_LB_READ_TIMEOUT_MS,
    lbStepTimeoutMs: e.CONVERGE_LB_STEP_TIMEOUT_MS,
    maxParallelSteps: e.CONVERGE_MAX_PARALLEL_STEPS,
    recordTtlMs: e.CONVERGE_RECORD_TTL_MS,
  };
}

/** The variables `loadConvergeConfig` reads. */
export const CONVERGE_ENV_VARS: readonly string[] = Object.keys(ConvergeEnvSchema.shape);
