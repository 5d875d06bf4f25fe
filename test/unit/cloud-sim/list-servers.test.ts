import test from 'ava';
import type { ListQuery } from '../../../services/cloud-sim/src/nova/list-servers.js';
import { LIST_TEXTS, listServers } from '../../../services/cloud-sim/src/nova/list-servers.js';
import type { ServerRecord } from '../../../services/cloud-sim/src/nova/server-record.js';

const T0 = Date.UTC(2026, 0, 1);

function make(seq: number, name: string, extra: Partial<ServerRecord> = {}): ServerRecord {
  return {
    id: `id${seq}`,
    tenantId: 't',
    region: 'ORD',
    name,
    imageRef: 'i',
    flavorRef: 'f',
    diskConfig: 'AUTO',
    keyName: null,
    adminPass: 'p',
    created: T0 + seq * 1000,
    seq,
    addresses: { private4: '', public4: '', public6: '' },
    hostId: 'h',
    metadata: {},
    metadataUpdatedAt: T0 + seq * 1000,
    phases: [{ at: T0 + seq * 1000, status: seq === 3 ? 'ERROR' : 'ACTIVE' }],
    deleteRequestedAt: null,
    goneAt: null,
    version: 0,
    jsonCache: null,
    ...extra,
  };
}

const servers = [
  make(1, 'web-1'),
  make(2, 'web-2'),
  make(3, 'db-1'),
  make(4, 'web-3', { deleteRequestedAt: T0 + 10_000, goneAt: T0 + 11_000 }),
  make(5, 'web-4'),
];
const NOW = T0 + 60_000;

const cases: [string, ListQuery, string[] | string, string | null][] = [
  ['everything but gone servers, in creation order', {}, ['id1', 'id2', 'id3', 'id5'], null],
  ['limit gives a next marker when the page is full', { limit: '2' }, ['id1', 'id2'], 'id2'],
  ['marker starts after that server', { limit: '2', marker: 'id2' }, ['id3', 'id5'], 'id5'],
  ['last page shorter than the limit has no next', { limit: '3', marker: 'id2' }, ['id3', 'id5'], null],
  ['a gone server still works as a marker', { marker: 'id4' }, ['id5'], null],
  ['name is a regex searched anywhere', { name: '^web-[12]$' }, ['id1', 'id2'], null],
  ['name that is not a valid regex is a substring', { name: 'web-(' }, [], null],
  ['status filter', { status: 'ERROR' }, ['id3'], null],
  ['changes-since includes deleted servers', { changesSince: new Date(T0 + 4000).toISOString() }, ['id4', 'id5'], null],
  ['limit 0 means the maximum', { limit: '0' }, ['id1', 'id2', 'id3', 'id5'], null],
  ['non-integer limit', { limit: 'x' }, LIST_TEXTS.limitNotInteger, null],
  ['negative limit', { limit: '-1' }, LIST_TEXTS.limitNegative, null],
  ['unknown marker', { marker: 'nope' }, LIST_TEXTS.markerNotFound('nope'), null],
  ['bad changes-since', { changesSince: 'yesterday' }, LIST_TEXTS.badChangesSince, null],
];

for (const [name, query, expected, next] of cases) {
  test(`listServers: ${name}`, (t) => {
    const result = listServers(servers, NOW, query, 1000);
    if (typeof expected === 'string') {
      t.deepEqual(result, { ok: false, message: expected });
      return;
    }
    t.true(result.ok);
    if (!result.ok) return;
    t.deepEqual(
      result.page.map((s) => s.server.id),
      expected,
    );
    t.is(result.nextMarker, next);
  });
}

test('listServers marks servers from changes-since as DELETED', (t) => {
  const result = listServers(servers, NOW, { changesSince: new Date(T0).toISOString() }, 1000);
  t.true(result.ok);
  if (result.ok)
    t.deepEqual(
      result.page.map((s) => s.view.status),
      ['ACTIVE', 'ACTIVE', 'ERROR', 'DELETED', 'ACTIVE'],
    );
});

test('listServers caps pages at the maximum limit and links the next page', (t) => {
  const result = listServers(servers, NOW, {}, 2);
  t.true(result.ok);
  if (result.ok) t.deepEqual([result.page.length, result.nextMarker], [2, 'id2']);
});
