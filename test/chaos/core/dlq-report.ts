import type { HostileCategory } from './hostile-input.js';

/**
 * Note [DLQ report]: what the DLQs hold after hostile input, matched to what was sent. A message Kelp
 * dead-lettered itself carries Kelp's reason header; one the broker dead-lettered carries the broker's
 * reason (`delivery_limit`: a handler failed on every delivery, i.e. it threw or crashed on the input).
 */
export interface SentHostile {
  readonly queue: string;
  readonly category: HostileCategory;
  readonly variant: string;
}

export interface DeadLetter {
  readonly dlq: string;
  readonly chaosId: string | null;
  readonly validId: string | null;
  readonly reason: string;
  readonly bytes: number;
}

export const BROKER_REASONS: readonly string[] = ['delivery_limit', 'rejected', 'expired', 'maxlen'];

/** Per queue: hostile messages sent, dead-lettered by Kelp (with its reason), by the broker, and missing. */
export interface QueueTally {
  sent: number;
  kelp: number;
  broker: number;
  missing: number;
}

export interface DlqReport {
  readonly byQueue: Readonly<Record<string, QueueTally>>;
  readonly deadLettered: number;
  readonly missing: readonly (SentHostile & { readonly id: string })[];
  readonly duplicates: number;
  readonly withoutReason: readonly string[];
  /** `category/variant` → count, for hostile messages the broker (not Kelp) dead-lettered. */
  readonly brokerDeadLettered: Readonly<Record<string, number>>;
  readonly validDeadLettered: readonly string[];
  readonly unmatched: number;
  /** category → the first word of the reason (e.g. `schema:`) → count. */
  readonly reasonsByCategory: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The reason up to its first `:` (or its first three words), e.g. `invalid-json`, `unknown auth request`. */
export function reasonKey(reason: string): string {
  const head = reason.split(':', 1)[0] ?? reason;
  return head.split(/\s+/).slice(0, 3).join(' ').slice(0, 40);
}

export function summariseDeadLetters(
  sent: ReadonlyMap<string, SentHostile>,
  letters: readonly DeadLetter[],
  valid: ReadonlySet<string>,
): DlqReport {
  const seen = new Set<string>();
  const reasons = new Map<string, string>();
  let duplicates = 0;
  let unmatched = 0;
  const withoutReason: string[] = [];
  const brokerDeadLettered: Record<string, number> = {};
  const validDeadLettered: string[] = [];
  const reasonsByCategory: Record<string, Record<string, number>> = {};
  for (const letter of letters) {
    if (letter.validId !== null && valid.has(letter.validId)) {
      validDeadLettered.push(letter.validId);
      continue;
    }
    const hostile = letter.chaosId === null ? undefined : sent.get(letter.chaosId);
    if (hostile === undefined || letter.chaosId === null) {
      unmatched += 1;
      continue;
    }
    if (seen.has(letter.chaosId)) {
      duplicates += 1;
      continue;
    }
    seen.add(letter.chaosId);
    reasons.set(letter.chaosId, letter.reason);
    if (letter.reason.trim() === '' || letter.reason === 'unknown') withoutReason.push(letter.chaosId);
    if (BROKER_REASONS.includes(letter.reason)) {
      const key = `${hostile.category}/${hostile.variant}`;
      brokerDeadLettered[key] = (brokerDeadLettered[key] ?? 0) + 1;
    }
    const byReason = (reasonsByCategory[hostile.category] ??= {});
    const key = reasonKey(letter.reason);
    byReason[key] = (byReason[key] ?? 0) + 1;
  }
  const missing = [...sent].filter(([id]) => !seen.has(id)).map(([id, hostile]) => ({ id, ...hostile }));
  const byQueue: Record<string, QueueTally> = {};
  const tally = (queue: string): QueueTally => (byQueue[queue] ??= { sent: 0, kelp: 0, broker: 0, missing: 0 });
  for (const [id, hostile] of sent) {
    const entry = tally(hostile.queue);
    entry.sent += 1;
    const reason = reasons.get(id);
    if (reason === undefined) entry.missing += 1;
    else if (BROKER_REASONS.includes(reason)) entry.broker += 1;
    else entry.kelp += 1;
  }
  return {
    byQueue,
    deadLettered: seen.size,
    missing,
    duplicates,
    withoutReason,
    brokerDeadLettered,
    validDeadLettered,
    unmatched,
    reasonsByCategory,
  };
}
