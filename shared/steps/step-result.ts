import { z } from 'zod';

/**
 * How a step ended, in convergence's terms (otter `StepResult`):
 * - `success`: done, nothing to re-check;
 * - `retry`: done or not, converge again (re-gather) — also the answer for transient errors;
 * - `limited-retry`: retry, but only until the group's retry budget/timeout runs out;
 * - `failure`: terminal; the group goes to ERROR with the user-facing reasons.
 */
export const STEP_STATUSES = ['success', 'retry', 'limited-retry', 'failure'] as const;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/**
 * Why a step ended the way it did. `text` is always readable; `userFacing` says whether it may be shown to
 * the group's owner (otter's `UserMessage` and table-rendered exceptions) or is operator-only (otter's
 * `String`/`Structured`/unrendered exceptions, which users only ever see as "Unknown error occurred").
 * `error` names the classified error (e.g. `NoSuchCLBError`) and `detail` carries structured context.
 */
export const ReasonSchema = z
  .strictObject({
    text: z.string().min(1).max(4000),
    userFacing: z.boolean(),
    error: z.string().min(1).max(100).optional(),
    detail: z.record(z.string(), z.json()).optional(),
  })
  .readonly();
export type Reason = z.infer<typeof ReasonSchema>;

export const StepResultSchema = z
  .strictObject({
    status: StepStatusSchema,
    reasons: z.array(ReasonSchema).readonly(),
    /**
     * Whether the step's effect is in place as far as the API said. Convergence reads only `status`
     * (otter answers `retry` after a successful create/add so that it re-gathers); jobs that perform steps
     * one by one read `done` to tell "applied, re-gather" from "not applied, try again".
     * Invariants: `success` ⇒ done; `failure` ⇒ not done.
     */
    done: z.boolean(),
    /**
     * A hint for when to retry (ms), from `Retry-After` on the answer. Only on not-done `retry` results;
     * the bus's delayed retry may honour it.
     */
    retryAfterMs: z.number().int().min(0).optional(),
    /** What the API returned that a caller needs (e.g. `serverId`, created CLB `nodes`); never secrets. */
    output: z.record(z.string(), z.json()).optional(),
  })
  .readonly();
export type StepResult = z.infer<typeof StepResultSchema>;
export type StepOutput = NonNullable<StepResult['output']>;

/** The text users see when no user-facing reason survives (otter `errors.py`). */
export const UNKNOWN_ERROR_TEXT = 'Unknown error occurred';

/** An operator-only reason (otter `String`). */
export function infoReason(text: string, detail?: Reason['detail']): Reason {
  return detail === undefined ? { text, userFacing: false } : { text, userFacing: false, detail };
}

/** A reason users may see (otter `UserMessage` or a table-rendered exception). */
export function userReason(text: string, error?: string, detail?: Reason['detail']): Reason {
  return {
    text,
    userFacing: true,
    ...(error === undefined ? {} : { error }),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** The reason for an error that is not rendered to users (otter: exceptions outside the table). */
export function errorReason(error: string, text: string, detail?: Reason['detail']): Reason {
  return { text, userFacing: false, error, ...(detail === undefined ? {} : { detail }) };
}

/**
 * Renders reasons for a group's status as otter does: user-facing texts only, sorted, with
 * "Unknown error occurred" when none survives; `timedOut` prefixes each with "Timed out: ".
 */
export function renderUserReasons(reasons: readonly Reason[], timedOut = false): readonly string[] {
  const texts = [...new Set(reasons.filter((r) => r.userFacing).map((r) => r.text))].sort();
  const shown = texts.length === 0 ? [UNKNOWN_ERROR_TEXT] : texts;
  return timedOut ? shown.map((t) => `Timed out: ${t}`) : shown;
}

export interface StepResultExtras {
  readonly done?: boolean;
  readonly retryAfterMs?: number | undefined;
  readonly output?: StepOutput | undefined;
}

/** Builds a result; `done` defaults to `status === 'success'`. */
export function stepResult(
  status: StepStatus,
  reasons: readonly Reason[] = [],
  extras: StepResultExtras = {},
): StepResult {
  return {
    status,
    reasons,
    done: extras.done ?? status === 'success',
    ...(extras.retryAfterMs === undefined ? {} : { retryAfterMs: extras.retryAfterMs }),
    ...(extras.output === undefined ? {} : { output: extras.output }),
  };
}

/**
 * Otter's success reporter: the call worked but convergence must re-gather to see it, so the status is
 * `retry` while `done` is true.
 */
export function appliedRegather(text: string, output?: StepOutput): StepResult {
  return stepResult('retry', [infoReason(text)], { done: true, output });
}
