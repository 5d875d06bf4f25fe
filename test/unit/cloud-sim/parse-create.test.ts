import test from 'ava';
import { CREATE_TEXTS, parseCreateServer } from '../../../services/cloud-sim/src/nova/parse-create.js';

const images = new Set(['img']);
const flavors = new Set(['2', 'general1-1']);
const ok = { name: 'n', imageRef: 'img', flavorRef: 'general1-1' };

const cases: [string, unknown, string | Record<string, unknown>][] = [
  [
    'minimal server',
    { server: ok },
    { name: 'n', imageRef: 'img', flavorRef: 'general1-1', diskConfig: 'AUTO', metadata: {}, keyName: null },
  ],
  [
    'numeric flavor, MANUAL disk, key name and metadata',
    {
      server: { ...ok, flavorRef: 2, 'OS-DCF:diskConfig': 'MANUAL', key_name: 'k', metadata: { a: 'b' }, networks: [] },
    },
    { name: 'n', imageRef: 'img', flavorRef: '2', diskConfig: 'MANUAL', metadata: { a: 'b' }, keyName: 'k' },
  ],
  ['not an object', [], CREATE_TEXTS.malformed],
  ['no server key', { servers: ok }, CREATE_TEXTS.malformed],
  ['no name', { server: { ...ok, name: undefined } }, CREATE_TEXTS.noName],
  ['name not a string', { server: { ...ok, name: 5 } }, CREATE_TEXTS.nameNotString],
  ['no imageRef', { server: { ...ok, imageRef: undefined } }, CREATE_TEXTS.noImage],
  ['empty imageRef', { server: { ...ok, imageRef: '' } }, CREATE_TEXTS.noImage],
  ['imageRef not a string', { server: { ...ok, imageRef: {} } }, CREATE_TEXTS.badImageRef],
  ['unknown image', { server: { ...ok, imageRef: 'other' } }, CREATE_TEXTS.unknownImage],
  ['no flavorRef', { server: { ...ok, flavorRef: null } }, CREATE_TEXTS.noFlavor],
  ['unknown flavor', { server: { ...ok, flavorRef: 'huge' } }, CREATE_TEXTS.unknownFlavor],
  ['bad disk config', { server: { ...ok, 'OS-DCF:diskConfig': 'auto' } }, CREATE_TEXTS.diskConfig],
  ['bad key_name', { server: { ...ok, key_name: 1 } }, CREATE_TEXTS.keyName],
  ['bad metadata', { server: { ...ok, metadata: { a: 1 } } }, 'Invalid metadata: The input is not a string or unicode'],
];

for (const [name, body, expected] of cases) {
  test(`parseCreateServer: ${name}`, (t) => {
    const result = parseCreateServer(body, images, flavors);
    if (typeof expected === 'string') {
      t.deepEqual(result, { ok: false, error: { status: 400, type: 'badRequest', message: expected } });
    } else {
      t.deepEqual(result, { ok: true, input: expected });
    }
  });
}
