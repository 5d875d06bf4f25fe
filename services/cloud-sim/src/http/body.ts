/**
 * Reading request bodies with a size cap, and parsing JSON without ever throwing.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'too-large' };

/**
 * Reads the whole body. Past `limit` bytes the rest is drained and discarded (so keep-alive connections
 * stay usable) and the result is `too-large`.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (req.headers['content-length'] === '0') return Promise.resolve({ kind: 'ok', text: '' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }),
    );
    req.on('error', () => resolve({ kind: 'too-large' }));
    req.on('close', () => resolve({ kind: 'too-large' }));
  });
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** Parses JSON text; an empty or malformed body is `{ok: false}`. */
export function parseJson(text: string | null): JsonParse {
  if (text === null || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
