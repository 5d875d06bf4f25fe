import type { z } from 'zod';
import { EnvelopeSchema, type Envelope } from './envelope.js';

/** Why a body was refused: too large (never parsed), not JSON, or JSON that is not an envelope. */
export type DecodeFailureKind = 'oversize' | 'invalid-json' | 'schema';

export type DecodeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | { readonly ok: false; readonly kind: DecodeFailureKind; readonly reason: string };

/** Longest reason returned; reasons travel in AMQP headers and log lines. */
export const MAX_REASON_LENGTH = 1000;
/** Longest rendering of one schema issue (paths and messages can echo attacker-chosen keys). */
const MAX_ISSUE_LENGTH = 160;

/**
 * Decodes a message body into an envelope. Pure and total: any input yields a result, never a throw.
 * The size is checked before anything is parsed; a schema failure lists every issue (path: message),
 * truncated to `MAX_REASON_LENGTH` characters with control characters escaped.
 */
export function decodeEnvelope(bytes: Uint8Array, maxBytes: number): DecodeResult {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, kind: 'oversize', reason: `oversize: ${bytes.byteLength} bytes > limit ${maxBytes}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      kind: 'invalid-json',
      reason: truncate(`invalid-json: ${sanitize(detail)}`, MAX_REASON_LENGTH),
    };
  }
  if (nestingExceeds(value, MAX_NESTING)) {
    return { ok: false, kind: 'schema', reason: `nesting deeper than ${MAX_NESTING} levels` };
  }
  const parsed = EnvelopeSchema.safeParse(value);
  if (parsed.success) return { ok: true, envelope: parsed.data };
  return { ok: false, kind: 'schema', reason: describeIssues(parsed.error.issues) };
}

/** `schema: id: Too small; createdAt: Invalid ISO datetime` — every issue, truncated sensibly. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const prefix = 'schema: ';
  let reason = prefix;
  for (let index = 0; index < issues.length; index += 1) {
    const issue = issues[index];
    if (issue === undefined) continue;
    const rendered = truncate(sanitize(`${renderPath(issue.path)}: ${issue.message}`), MAX_ISSUE_LENGTH);
    const separator = reason === prefix ? '' : '; ';
    const remaining = issues.length - index;
    const suffix = ` (+${remaining} more)`;
    if (reason.length + separator.length + rendered.length + suffix.length > MAX_REASON_LENGTH) {
      return `${reason}${suffix}`;
    }
    reason += separator + rendered;
  }
  return reason;
}

function renderPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key) => (typeof key === 'symbol' ? key.toString() : String(key))).join('.');
}

/** Control characters (C0, DEL, C1) and line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Escapes control characters so a reason is one printable line. */
function sanitize(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Deeper documents are refused before validation: recursive schemas (`z.json()`) would overflow the stack. */
export const MAX_NESTING = 64;

/** True when `value` nests arrays/objects deeper than `limit` (iterative: safe on any depth). */
export function nestingExceeds(value: unknown, limit: number): boolean {
  const stack: { readonly node: unknown; readonly depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { readonly node: unknown; readonly depth: number };
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
