/**
 * Otter's `match_errors`: a table of (status, JSON key path, pattern) rows turned into typed faults.
 * A row matches when the status is equal, the key path exists with a non-null value, and the pattern
 * (case-insensitive, anchored at the start only — Python `re.match`) matches that value. The first
 * matching row wins. Anything unmatched stays a raw API error (the caller decides).
 */

export type JsonPath = readonly (string | number)[];

export interface ErrorRule<F> {
  readonly status: number;
  /** Where the message lives in the JSON body; `[]` means the body itself (e.g. plain-text bodies). */
  readonly path: JsonPath;
  /** Compiled from the row's pattern source; `null` matches any non-null value at `path`. */
  readonly regex: RegExp | null;
  readonly toFault: (message: string, groups: readonly (string | undefined)[]) => F;
}

/** Compiles a pattern source as Python's `re.match(pattern, text, re.I)` would apply it. */
export function startAnchored(source: string): RegExp {
  return new RegExp(`^(?:${source})`, 'i');
}

/** One table row. `pattern` is a regex source (as in otter), or null for "any message". */
export function errorRule<F>(
  status: number,
  path: JsonPath,
  pattern: string | null,
  toFault: (message: string, groups: readonly (string | undefined)[]) => F,
): ErrorRule<F> {
  return { status, path, regex: pattern === null ? null : startAnchored(pattern), toFault };
}

/** The value at `path`, or undefined when any segment is missing. */
export function valueAt(body: unknown, path: JsonPath): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = (current as readonly unknown[])[key];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/**
 * Parses a body for matching: JSON text is parsed (error bodies may arrive unparsed), other text stays a
 * string, anything already parsed is returned as is.
 */
export function jsonBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const trimmed = body.trim();
  if (!/^[[{"]/.test(trimmed)) return body;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return body;
  }
}

export function matchErrors<F>(rules: readonly ErrorRule<F>[], status: number, body: unknown): F | undefined {
  const parsed = jsonBody(body);
  for (const rule of rules) {
    if (rule.status !== status) continue;
    const value = valueAt(parsed, rule.path);
    if (value === undefined || value === null) continue;
    if (rule.regex === null) {
      return rule.toFault(typeof value === 'string' ? value : JSON.stringify(value), []);
    }
    if (typeof value !== 'string') continue;
    const match = rule.regex.exec(value);
    if (match !== null) return rule.toFault(value, match.slice(1));
  }
  return undefined;
}
