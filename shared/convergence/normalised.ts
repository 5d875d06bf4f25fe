/**
 * What a normaliser returns: the records it could read, and one line per entry it skipped (for the caller
 * to log). Normalisers never throw on bad input; a bad entry is skipped, a bad optional field defaulted.
 */
export interface Normalised<T> {
  readonly items: readonly T[];
  readonly problems: readonly string[];
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-empty string, or a finite integer rendered as a decimal string (ids arrive as either). */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
