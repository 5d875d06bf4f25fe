/**
 * Text-level helpers for building hostile JSON: things `JSON.stringify` cannot express (raw control
 * characters, `NaN`, `1e400`, own `__proto__` keys, deep nesting) are spliced into serialized text.
 */

/** `{"k":v,...}` with `rawKeyValue` (already JSON text, e.g. `"__proto__":{}`) as the first member. */
export function injectFirstMember(objectText: string, rawKeyValue: string): string {
  if (!objectText.startsWith('{')) throw new RangeError('not a JSON object text');
  return objectText === '{}' ? `{${rawKeyValue}}` : `{${rawKeyValue},${objectText.slice(1)}`;
}

/** The envelope's text with its payload replaced by `payloadText` (raw JSON text). */
export function envelopeWithRawPayload(envelope: Readonly<Record<string, unknown>>, payloadText: string): string {
  const marker = '__chaos_payload_marker__';
  return JSON.stringify({ ...envelope, payload: marker }).replace(JSON.stringify(marker), () => payloadText);
}

/** Replaces the first occurrence of the JSON string `"<marker>"` in `text` with raw `replacement`. */
export function replaceMarker(text: string, marker: string, replacement: string): string {
  return text.replace(JSON.stringify(marker), () => replacement);
}

/** Nested arrays `depth` levels deep: `[[[...]]]`. */
export function nestedArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A value of another JSON type than `value` (string ↔ number, object → string, array → object, ...). */
export function retyped(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return { items: value.length };
  if (value === null) return 0;
  return 'object';
}

/** A deep copy of a JSON-like record. */
export function cloneRecord(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return structuredClone(value);
}
