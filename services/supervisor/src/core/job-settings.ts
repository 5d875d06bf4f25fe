/** Timings and limits of the launch and delete jobs (from the supervisor's config). */
export interface JobSettings {
  /** Wait between checks of a building server. */
  readonly pollIntervalMs: number;
  /** How long a server may take to become ACTIVE (otter: 2 h). */
  readonly activeTimeoutMs: number;
  /** Servers that go to ERROR are deleted and recreated at most this many times (otter: 3). */
  readonly errorReplacements: number;
  /** Create attempts after the first one that fail without a server (otter: 3). */
  readonly createRetries: number;
  /** Wait before looking for the server of a failed create and trying again (otter: 5 s, then 15 s). */
  readonly createRetryDelayMs: number;
  /**
   * Retries of a search for the job's server that failed for a passing reason (5xx, 413/429 rate limit, no
   * answer), before it counts as a failed create attempt (otter fails the job when the search fails).
   */
  readonly searchRetries: number;
  /** Retries of one load-balancer step after the first attempt (otter: 10). */
  readonly lbRetries: number;
  /** Wait between tries of a load-balancer step unless the API asked for longer (otter: 10–15 s). */
  readonly lbRetryDelayMs: number;
  /** Retries of a server delete after the first attempt (otter: 10). */
  readonly deleteRetries: number;
  /** First wait between delete attempts; doubles each time (otter: 2 s). */
  readonly deleteRetryDelayMs: number;
  /** Longest wait between delete attempts. */
  readonly deleteRetryMaxDelayMs: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  pollIntervalMs: 2_000,
  activeTimeoutMs: 7_200_000,
  errorReplacements: 3,
  createRetries: 3,
  createRetryDelayMs: 5_000,
  searchRetries: 10,
  lbRetries: 10,
  lbRetryDelayMs: 5_000,
  deleteRetries: 10,
  deleteRetryDelayMs: 2_000,
  deleteRetryMaxDelayMs: 60_000,
};

/** Exponential backoff for delete attempt `attempt` (1-based): base, 2·base, 4·base, … capped. */
export function deleteRetryDelay(settings: JobSettings, attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(settings.deleteRetryDelayMs * 2 ** exponent, settings.deleteRetryMaxDelayMs);
}
