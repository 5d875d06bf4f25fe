/**
 * Note [Secrets scan]: the harness knows the actual secret values of a run (tokens the simulator issued,
 * seeded passwords and API keys, broker passwords). Every captured log line, event, metrics page and
 * health body is searched for each value, in the spellings it could take in text (raw, JSON-escaped,
 * URL-encoded), and for token-shaped strings (`patterns`) whose values the harness may not have seen.
 * A hit names the source, line and the secret's label, never the value.
 */
export interface Secret {
  /** What it is, e.g. `password of tenant t3`. Printed in reports; must not contain the value. */
  readonly label: string;
  readonly value: string;
}

export interface SecretPattern {
  readonly label: string;
  readonly pattern: RegExp;
}

export interface SecretHit {
  readonly source: string;
  /** 1-based line number in the source. */
  readonly line: number;
  readonly label: string;
}

export interface Needles {
  readonly matcher: RegExp | null;
  /** needle text → label */
  readonly labels: ReadonlyMap<string, string>;
  /** Secrets too short to search for without false hits (labels only). */
  readonly unscannable: readonly string[];
}

export const MIN_SECRET_LENGTH = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings of a value that could appear in a log line or a JSON document. */
export function spellingsOf(value: string): readonly string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [...new Set([value, json, encodeURIComponent(value)])];
}

/** One case-sensitive alternation over every spelling of every secret, longest first. */
export function buildNeedles(secrets: readonly Secret[], minLength = MIN_SECRET_LENGTH): Needles {
  const labels = new Map<string, string>();
  const unscannable: string[] = [];
  for (const secret of secrets) {
    if (secret.value.length < minLength) {
      unscannable.push(secret.label);
      continue;
    }
    for (const spelling of spellingsOf(secret.value)) if (!labels.has(spelling)) labels.set(spelling, secret.label);
  }
  const ordered = [...labels.keys()].sort((a, b) => b.length - a.length);
  const matcher = ordered.length === 0 ? null : new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  return { matcher, labels, unscannable };
}

/** Every hit in `text` (split into lines) of a needle or a pattern. */
export function scanText(
  source: string,
  text: string,
  needles: Needles,
  patterns: readonly SecretPattern[] = [],
): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const seen = new Set<string>();
    if (needles.matcher !== null) {
      for (const match of line.matchAll(needles.matcher)) {
        const label = needles.labels.get(match[0]) ?? 'secret';
        if (!seen.has(label)) hits.push({ source, line: index + 1, label });
        seen.add(label);
      }
    }
    for (const { label, pattern } of patterns) {
      const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
      for (const _match of line.matchAll(global)) {
        if (!seen.has(label)) hits.push({ source, line: index + 1, label });
        seen.add(label);
      }
    }
  }
  return hits;
}

/** `source:line (label)`, for reports. */
export function describeHit(hit: SecretHit): string {
  return `${hit.source}:${hit.line} (${hit.label})`;
}
