import { countViolations, type Violation } from './invariants.js';

/** A scenario-specific check beyond the invariants (DLQ reasons, zero mismatches, zero secret hits, ...). */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface ScenarioResult {
  /** e.g. `1 crash`. */
  readonly name: string;
  readonly status: ScenarioStatus;
  /** Jobs submitted and jobs that reached a terminal state. */
  readonly load: { readonly submitted: number; readonly terminal: number };
  /** Faults the system went through (kills, broker restarts, injected HTTP faults, expired tokens). */
  readonly faults: { readonly survived: number; readonly detail: string };
  readonly badInputs: number;
  readonly violations: readonly Violation[];
  readonly checks: readonly CheckResult[];
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/** Passed when no invariant is violated and every check holds. */
export function statusOf(violations: readonly Violation[], checks: readonly CheckResult[]): ScenarioStatus {
  return violations.length === 0 && checks.every((check) => check.ok) ? 'passed' : 'failed';
}

/** A result for a scenario that could not run (missing prerequisite) or crashed in the harness. */
export function unranResult(name: string, status: 'skipped' | 'error', reason: string, durationMs = 0): ScenarioResult {
  return {
    name,
    status,
    load: { submitted: 0, terminal: 0 },
    faults: { survived: 0, detail: '' },
    badInputs: 0,
    violations: [],
    checks: [],
    notes: [reason],
    durationMs,
  };
}

/** The suite passes when every scenario that ran passed and none errored. */
export function suitePassed(results: readonly ScenarioResult[]): boolean {
  return results.every((result) => result.status === 'passed' || result.status === 'skipped');
}

export function totalsOf(results: readonly ScenarioResult[]): {
  readonly jobsLost: number;
  readonly serversDuplicated: number;
  readonly resourcesLeaked: number;
} {
  let jobsLost = 0;
  let serversDuplicated = 0;
  let resourcesLeaked = 0;
  for (const result of results) {
    const counts = countViolations(result.violations);
    jobsLost += counts.jobsLost;
    serversDuplicated += counts.serversDuplicated;
    resourcesLeaked += counts.resourcesLeaked;
  }
  return { jobsLost, serversDuplicated, resourcesLeaked };
}
