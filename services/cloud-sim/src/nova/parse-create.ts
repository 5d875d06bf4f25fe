/**
 * Validation of `POST /servers` (pure). Beyond mimic: missing or unknown image/flavor are 400s, not 500s
 * or silently accepted.
 */
import { isRecord } from '../http/body.js';
import type { NovaError } from './nova-errors.js';
import { novaError } from './nova-errors.js';
import { checkMetadata } from './metadata-rules.js';

export interface CreateServerInput {
  readonly name: string;
  readonly imageRef: string;
  readonly flavorRef: string;
  readonly diskConfig: string;
  readonly metadata: Record<string, string>;
  readonly keyName: string | null;
}

export const CREATE_TEXTS = {
  malformed: 'Malformed request body',
  noName: 'Server name is not defined',
  nameNotString: 'Server name is not a string or unicode',
  noImage: 'Missing imageRef attribute',
  badImageRef: 'Invalid imageRef provided.',
  unknownImage: 'Can not find requested image',
  noFlavor: 'Missing flavorRef attribute',
  unknownFlavor: 'Invalid flavorRef provided.',
  diskConfig: "OS-DCF:diskConfig must be either 'MANUAL' or 'AUTO'.",
  keyName: 'Invalid key_name provided.',
} as const;

export type ParseCreate =
  { readonly ok: true; readonly input: CreateServerInput } | { readonly ok: false; readonly error: NovaError };

const fail = (message: string): ParseCreate => ({ ok: false, error: novaError(400, message) });

export function parseCreateServer(
  body: unknown,
  images: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  flavors: ReadonlySet<string>,
): ParseCreate {
  if (!isRecord(body) || !isRecord(body['server'])) return fail(CREATE_TEXTS.malformed);
  const server = body['server'];
  const { name, imageRef, flavorRef } = server;
  if (name === undefined || name === null || name === '') return fail(CREATE_TEXTS.noName);
  if (typeof name !== 'string') return fail(CREATE_TEXTS.nameNotString);
  if (imageRef === undefined || imageRef === null || imageRef === '') return fail(CREATE_TEXTS.noImage);
  if (typeof imageRef !== 'string') return fail(CREATE_TEXTS.badImageRef);
  if (!images.has(imageRef)) return fail(CREATE_TEXTS.unknownImage);
  if (flavorRef === undefined || flavorRef === null || flavorRef === '') return fail(CREATE_TEXTS.noFlavor);
  if (typeof flavorRef !== 'string' && typeof flavorRef !== 'number') return fail(CREATE_TEXTS.unknownFlavor);
  if (!flavors.has(String(flavorRef))) return fail(CREATE_TEXTS.unknownFlavor);
  const diskConfig = server['OS-DCF:diskConfig'] ?? 'AUTO';
  if (diskConfig !== 'AUTO' && diskConfig !== 'MANUAL') return fail(CREATE_TEXTS.diskConfig);
  const keyName = server['key_name'] ?? null;
  if (keyName !== null && typeof keyName !== 'string') return fail(CREATE_TEXTS.keyName);
  let metadata: Record<string, string> = {};
  if (server['metadata'] !== undefined) {
    const checked = checkMetadata(server['metadata']);
    if (!checked.ok) return checked;
    metadata = checked.metadata;
  }
  return { ok: true, input: { name, imageRef, flavorRef: String(flavorRef), diskConfig, metadata, keyName } };
}
