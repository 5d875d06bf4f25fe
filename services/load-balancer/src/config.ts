import { z } from 'zod';
import { envField, parseEnv, type Env } from '../../../shared/config/parse-env.js';
import type { FactsPolicy } from './core/lane-facts.js';
import type { BatchLimits } from './core/plan-batch.js';

/** Settings of the load-balancer service (the README lists each variable). */
const LbEnvSchema = z.object({
  LB_PREFETCH: envField.int(100, 1, 10_000),
  LB_COALESCE: envField.bool(true),
  LB_COALESCE_WINDOW_MS: envField.int(50, 0, 10_000),
  LB_COALESCE_QUIET_MS: envField.int(5, 0, 10_000),
  LB_REFUSAL_MEMORY_MS: envField.int(60_000, 0, 86_400_000),
  LB_CLB_MAX_NODES_PER_ADD: envField.int(25, 1, 1_000),
  LB_CLB_NODE_LIMIT: envField.int(25, 1, 100_000),
  LB_CLB_MAX_IDS_PER_DELETE: envField.int(10, 1, 10),
  LB_RCV3_MAX_PAIRS: envField.int(100, 1, 10_000),
  LB_CLB_SETTLE_MS: envField.int(1_000, 0, 600_000),
  LB_CLB_SETTLE_MAX_MS: envField.int(10_000, 0, 600_000),
  LB_CLB_SETTLE_HOLD_MAX: envField.int(50, 1, 10_000),
  LB_IMMUTABLE_RETRY_MS: envField.int(1_000, 1, 600_000),
  LB_RATE_LIMIT_RETRY_MS: envField.int(5_000, 1, 600_000),
  LB_MAX_ATTEMPTS: envField.int(30, 0, 10_000),
  LB_MAX_REQUESTS_PER_BATCH: envField.int(20, 1, 1_000),
  LB_NODE_COUNT_TTL_MS: envField.int(30_000, 0, 86_400_000),
  LB_REMEMBER_REMOVED_MS: envField.int(600_000, 0, 86_400_000),
  LB_FACTS_TTL_MS: envField.int(600_000, 1_000, 86_400_000),
});

export interface LbConfig {
  /** Deliveries held at once: enough for the steps of one CLB to accumulate while a batch is in flight. */
  readonly prefetch: number;
  /** Merge steps per CLB / per tenant for RCv3. Off: every step is performed alone, at once (otter-like). */
  readonly coalesce: boolean;
  /** The longest the oldest waiting step of a lane waits for others to join its request. */
  readonly windowMs: number;
  /** A lane not refused lately sends once no step arrived for this long (0: at once when idle). */
  readonly quietMs: number;
  /** A lane that refused within this long waits the whole window (deferred steps come back spread out). */
  readonly refusalMemoryMs: number;
  readonly limits: BatchLimits;
  /** The most steps a lane holds while its CLB settles after a change (younger ones are deferred). */
  readonly settleHoldLimit: number;
  /** Delay before retrying steps refused by an immutable / not-ACTIVE CLB. */
  readonly immutableRetryMs: number;
  /** Delay before retrying after a rate limit without `Retry-After`. */
  readonly rateLimitRetryMs: number;
  /** After this many delayed retries a step is answered with its classification instead. */
  readonly maxAttempts: number;
  /** Guard: most requests one batch may send (partial resends included). */
  readonly maxRequestsPerBatch: number;
  readonly facts: FactsPolicy;
  /** Forget what was learnt about an idle lane after this long. */
  readonly factsTtlMs: number;
}

/** Pure: validates the environment; one ConfigError lists every problem. */
export function loadLbConfig(env: Env): LbConfig {
  const e = parseEnv(LbEnvSchema, env);
  return {
    prefetch: e.LB_PREFETCH,
    coalesce: e.LB_COALESCE,
    windowMs: e.LB_COALESCE_WINDOW_MS,
    quietMs: e.LB_COALESCE_QUIET_MS,
    refusalMemoryMs: e.LB_REFUSAL_MEMORY_MS,
    limits: {
      maxNodesPerAdd: e.LB_CLB_MAX_NODES_PER_ADD,
      defaultNodeLimit: e.LB_CLB_NODE_LIMIT,
      maxIdsPerRemove: e.LB_CLB_MAX_IDS_PER_DELETE,
      maxPairsPerBulk: e.LB_RCV3_MAX_PAIRS,
      nodeCountTtlMs: e.LB_NODE_COUNT_TTL_MS,
    },
    settleHoldLimit: e.LB_CLB_SETTLE_HOLD_MAX,
    immutableRetryMs: e.LB_IMMUTABLE_RETRY_MS,
    rateLimitRetryMs: e.LB_RATE_LIMIT_RETRY_MS,
    maxAttempts: e.LB_MAX_ATTEMPTS,
    maxRequestsPerBatch: e.LB_MAX_REQUESTS_PER_BATCH,
    facts: {
      rememberRemovedMs: e.LB_REMEMBER_REMOVED_MS,
      maxRemembered: 1_000,
      settleMs: e.LB_CLB_SETTLE_MS,
      maxSettleMs: Math.max(e.LB_CLB_SETTLE_MS, e.LB_CLB_SETTLE_MAX_MS),
    },
    factsTtlMs: e.LB_FACTS_TTL_MS,
  };
}
