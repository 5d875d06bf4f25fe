import { UNKNOWN_ERROR_TEXT, type Reason } from '../../../../shared/steps/step-result.js';

/**
 * The reasons a job's producer sees: the user-facing texts when there are any (otter's rendering),
 * otherwise every reason's text — a job's producer is an operator's program, and "Unknown error occurred"
 * alone would hide what went wrong. Texts never carry secrets (the step catalog writes them from statuses
 * and API messages). Duplicates are dropped; order is kept.
 */
export function reasonsForUser(reasons: readonly Reason[]): string[] {
  const shown = reasons.filter((r) => r.userFacing);
  const texts = [...new Set((shown.length > 0 ? shown : reasons).map((r) => r.text))];
  return texts.length === 0 ? [UNKNOWN_ERROR_TEXT] : texts;
}

/** The first reason's text, for "retrying" events and logs. */
export function firstReasonText(reasons: readonly Reason[], fallback: string): string {
  return reasons[0]?.text ?? fallback;
}
