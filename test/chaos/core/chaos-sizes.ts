/**
 * How big each scenario is. `full` is `npm run chaos` (the whole suite in under 15 minutes on the 2-core
 * machine); `reduced` is what CI runs for scenarios 4–6 (well under 2 minutes together).
 */
export interface ChaosSizes {
  readonly crash: {
    readonly launchJobs: number;
    readonly convergeJobs: number;
    readonly convergeCapacity: number;
    readonly timeoutMs: number;
  };
  readonly broker: {
    readonly launchJobs: number;
    readonly convergeJobs: number;
    readonly convergeCapacity: number;
    readonly timeoutMs: number;
  };
  readonly flaky: {
    readonly groups: number;
    readonly capacity: number;
    readonly launchJobs: number;
    readonly fault500: number;
    readonly fault413: number;
    /** Share of cloud calls after which a random tenant's tokens are revoked. */
    readonly tokenExpiry: number;
    readonly timeoutMs: number;
  };
  readonly hostile: {
    readonly perQueue: number;
    readonly oversizePerQueue: number;
    readonly oversizeBytes: number;
    readonly validJobs: number;
    readonly timeoutMs: number;
  };
  readonly secrets: { readonly launchJobs: number; readonly deleteJobs: number; readonly timeoutMs: number };
  readonly tenants: { readonly tenants: number; readonly jobsPerTenant: number; readonly timeoutMs: number };
  /** Simulated Nova build time. */
  readonly buildTimeMs: number;
}

export type ChaosMode = 'full' | 'reduced';

const MB = 1024 * 1024;

export const CHAOS_SIZES: Readonly<Record<ChaosMode, ChaosSizes>> = {
  full: {
    crash: { launchJobs: 50, convergeJobs: 2, convergeCapacity: 5, timeoutMs: 180_000 },
    broker: { launchJobs: 50, convergeJobs: 2, convergeCapacity: 5, timeoutMs: 180_000 },
    flaky: {
      groups: 3,
      capacity: 5,
      launchJobs: 30,
      fault500: 0.05,
      fault413: 0.05,
      tokenExpiry: 0.01,
      timeoutMs: 240_000,
    },
    hostile: { perQueue: 10_000, oversizePerQueue: 5, oversizeBytes: 10 * MB, validJobs: 50, timeoutMs: 180_000 },
    secrets: { launchJobs: 20, deleteJobs: 10, timeoutMs: 120_000 },
    tenants: { tenants: 20, jobsPerTenant: 3, timeoutMs: 120_000 },
    buildTimeMs: 2_000,
  },
  reduced: {
    crash: { launchJobs: 10, convergeJobs: 1, convergeCapacity: 2, timeoutMs: 60_000 },
    broker: { launchJobs: 10, convergeJobs: 1, convergeCapacity: 2, timeoutMs: 60_000 },
    flaky: {
      groups: 1,
      capacity: 3,
      launchJobs: 8,
      fault500: 0.05,
      fault413: 0.05,
      tokenExpiry: 0.01,
      timeoutMs: 60_000,
    },
    hostile: { perQueue: 300, oversizePerQueue: 1, oversizeBytes: 2 * MB, validJobs: 5, timeoutMs: 30_000 },
    secrets: { launchJobs: 4, deleteJobs: 2, timeoutMs: 30_000 },
    tenants: { tenants: 5, jobsPerTenant: 2, timeoutMs: 30_000 },
    buildTimeMs: 500,
  },
};
