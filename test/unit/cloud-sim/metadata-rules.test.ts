import test from 'ava';
import {
  checkMetadata,
  checkMetadataItem,
  METADATA_TEXTS,
} from '../../../services/cloud-sim/src/nova/metadata-rules.js';

const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));

const wholeCases: [string, unknown, unknown][] = [
  ['a string map is accepted', { a: '1' }, { ok: true, metadata: { a: '1' } }],
  ['forty items are accepted', forty, { ok: true, metadata: forty }],
  [
    'null is not an object',
    null,
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.notObject } },
  ],
  [
    'a list is not an object',
    ['a'],
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.notObject } },
  ],
  [
    'non-string value',
    { a: 1 },
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.notString } },
  ],
  [
    'empty key',
    { '': 'x' },
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.keyLength } },
  ],
  [
    'long value',
    { a: 'x'.repeat(256) },
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.valueLength } },
  ],
  [
    '41 items',
    { ...forty, extra: 'v' },
    { ok: false, error: { status: 403, type: 'forbidden', message: 'Maximum number of metadata items exceeds 40' } },
  ],
];

for (const [name, input, expected] of wholeCases) {
  test(`checkMetadata: ${name}`, (t) => t.deepEqual(checkMetadata(input), expected));
}

const itemCases: [string, unknown, string, Record<string, string>, unknown][] = [
  ['sets a new key', { meta: { k: 'v' } }, 'k', {}, { ok: true, value: 'v' }],
  ['replaces a key at the limit', { meta: { k0: 'w' } }, 'k0', forty, { ok: true, value: 'w' }],
  [
    'a new key past the limit',
    { meta: { new: 'w' } },
    'new',
    forty,
    { ok: false, error: { status: 403, type: 'forbidden', message: METADATA_TEXTS.tooMany } },
  ],
  [
    'missing meta',
    { metadata: {} },
    'k',
    {},
    { ok: false, error: { status: 400, type: 'badRequest', message: 'Malformed request body' } },
  ],
  [
    'two items',
    { meta: { k: 'v', l: 'w' } },
    'k',
    {},
    { ok: false, error: { status: 400, type: 'badRequest', message: 'Request body contains too many items' } },
  ],
  [
    'key differs from the URI',
    { meta: { other: 'v' } },
    'k',
    {},
    { ok: false, error: { status: 400, type: 'badRequest', message: 'Request body and URI mismatch' } },
  ],
  [
    'value not a string',
    { meta: { k: 5 } },
    'k',
    {},
    { ok: false, error: { status: 400, type: 'badRequest', message: METADATA_TEXTS.notString } },
  ],
];

for (const [name, body, key, current, expected] of itemCases) {
  test(`checkMetadataItem: ${name}`, (t) => t.deepEqual(checkMetadataItem(body, key, current), expected));
}
