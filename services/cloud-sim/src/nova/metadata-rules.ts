/**
 * Nova's server-metadata rules (pure): at most `MAX_METADATA_ITEMS` string values, keys 1–255 characters.
 * Texts are Nova's, as otter and mimic know them.
 */
import { isRecord } from '../http/body.js';
import type { NovaError } from './nova-errors.js';
import { novaError } from './nova-errors.js';

export const MAX_METADATA_ITEMS = 40;

export const METADATA_TEXTS = {
  malformed: 'Malformed request body',
  notObject: 'Malformed request body. metadata must be object',
  tooMany: `Maximum number of metadata items exceeds ${MAX_METADATA_ITEMS}`,
  notString: 'Invalid metadata: The input is not a string or unicode',
  keyLength: 'Invalid metadata key: keys must be 1 to 255 characters',
  valueLength: 'Metadata property value greater than 255 characters',
  tooManyItems: 'Request body contains too many items',
  uriMismatch: 'Request body and URI mismatch',
} as const;

export type MetadataCheck =
  { readonly ok: true; readonly metadata: Record<string, string> } | { readonly ok: false; readonly error: NovaError };

/** Validates a whole metadata object (create, PUT/POST metadata). */
export function checkMetadata(value: unknown): MetadataCheck {
  if (!isRecord(value)) return { ok: false, error: novaError(400, METADATA_TEXTS.notObject) };
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') return { ok: false, error: novaError(400, METADATA_TEXTS.notString) };
    if (key.length === 0 || key.length > 255) return { ok: false, error: novaError(400, METADATA_TEXTS.keyLength) };
    if (item.length > 255) return { ok: false, error: novaError(400, METADATA_TEXTS.valueLength) };
  }
  if (entries.length > MAX_METADATA_ITEMS) return { ok: false, error: novaError(403, METADATA_TEXTS.tooMany) };
  return { ok: true, metadata: { ...(value as Record<string, string>) } };
}

/** Validates a `PUT .../metadata/{key}` body `{"meta": {key: value}}` against the current metadata. */
export function checkMetadataItem(
  body: unknown,
  key: string,
  current: Readonly<Record<string, string>>,
): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: NovaError } {
  if (!isRecord(body) || !isRecord(body['meta'])) return { ok: false, error: novaError(400, METADATA_TEXTS.malformed) };
  const meta = body['meta'];
  const keys = Object.keys(meta);
  if (keys.length > 1) return { ok: false, error: novaError(400, METADATA_TEXTS.tooManyItems) };
  if (keys[0] !== key) return { ok: false, error: novaError(400, METADATA_TEXTS.uriMismatch) };
  const value = meta[key];
  if (typeof value !== 'string') return { ok: false, error: novaError(400, METADATA_TEXTS.notString) };
  if (key.length > 255) return { ok: false, error: novaError(400, METADATA_TEXTS.keyLength) };
  if (value.length > 255) return { ok: false, error: novaError(400, METADATA_TEXTS.valueLength) };
  if (!(key in current) && Object.keys(current).length >= MAX_METADATA_ITEMS) {
    return { ok: false, error: novaError(403, METADATA_TEXTS.tooMany) };
  }
  return { ok: true, value };
}
