import type { JobRecord, TerminalOutcome } from './invariant-input.js';

/** A job the harness submitted. */
export interface SubmittedJob {
  readonly jobId: string;
  readonly tenantId: string;
  /** `launch-server`, `delete-server` or `converge-group`. */
  readonly type: string;
  readonly groupId: string;
  readonly serverId?: string;
}

/** The part of a job event the outcome needs. */
export interface JobEventView {
  readonly jobId: string;
  readonly event: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const TERMINAL: readonly string[] = ['succeeded', 'failed'];

/** Each submitted job with its terminal events (in arrival order) and the last result they carried. Pure. */
export function jobRecordsFrom(submitted: readonly SubmittedJob[], events: readonly JobEventView[]): JobRecord[] {
  const byJob = new Map<string, JobEventView[]>();
  for (const event of events) {
    if (!TERMINAL.includes(event.event)) continue;
    byJob.set(event.jobId, [...(byJob.get(event.jobId) ?? []), event]);
  }
  return submitted.map((job) => {
    const terminal = byJob.get(job.jobId) ?? [];
    const withResult = terminal.filter((event) => isRecord(event.payload['result'])).at(-1);
    return {
      ...job,
      outcomes: terminal.map((event) => event.event as TerminalOutcome),
      ...(withResult === undefined ? {} : { result: withResult.payload['result'] as Record<string, unknown> }),
    };
  });
}

/** Jobs with at least one terminal event. */
export function terminalCount(records: readonly JobRecord[]): number {
  return records.filter((record) => record.outcomes.length > 0).length;
}

/** `retrying` events per job type, for the flaky-cloud report. */
export function retryCounts(
  events: readonly JobEventView[],
  typeOf: (jobId: string) => string | undefined,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) {
    if (event.event !== 'retrying') continue;
    const type = typeOf(event.jobId) ?? 'unknown';
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
