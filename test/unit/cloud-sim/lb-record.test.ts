import test from 'ava';
import type { LbRecord } from '../../../services/cloud-sim/src/clb/lb-record.js';
import { forceLbStatus, lbStatusAt, markDeleted, markMutated } from '../../../services/cloud-sim/src/clb/lb-record.js';

const T0 = 1_000_000;

function lb(overrides: Partial<LbRecord> = {}): LbRecord {
  return {
    id: 7,
    tenantId: 't',
    region: 'ORD',
    name: 'lb',
    protocol: 'HTTP',
    port: 80,
    algorithm: 'RANDOM',
    timeout: 30,
    halfClosed: false,
    httpsRedirect: false,
    connectionLogging: false,
    created: T0,
    virtualIps: [],
    metadata: [],
    updated: T0,
    nodes: [],
    healthMonitor: null,
    buildUntil: T0 + 1000,
    busyUntil: 0,
    forcedStatus: null,
    deleteRequestedAt: null,
    deletedAt: null,
    purgeAt: null,
    ...overrides,
  };
}

const cases: [string, Partial<LbRecord>, number, 'underscore' | 'hyphen', Record<string, unknown>][] = [
  [
    'BUILD right after create',
    {},
    T0 + 999,
    'underscore',
    { status: 'BUILD', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'ACTIVE after build',
    {},
    T0 + 1000,
    'underscore',
    { status: 'ACTIVE', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'PENDING_UPDATE while busy',
    { busyUntil: T0 + 5000 },
    T0 + 4999,
    'underscore',
    { status: 'PENDING_UPDATE', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'hyphen spelling for parity runs',
    { busyUntil: T0 + 5000 },
    T0 + 4999,
    'hyphen',
    { status: 'PENDING-UPDATE', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'ACTIVE once the window passed',
    { busyUntil: T0 + 5000 },
    T0 + 5000,
    'underscore',
    { status: 'ACTIVE', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'forced status sticks',
    { forcedStatus: 'ERROR' },
    T0 + 99_999,
    'underscore',
    { status: 'ERROR', gone: false, beingDeleted: false, deleted: false },
  ],
  [
    'forced PENDING_DELETE counts as being deleted',
    { forcedStatus: 'PENDING_DELETE' },
    T0 + 5,
    'underscore',
    { status: 'PENDING_DELETE', gone: false, beingDeleted: true, deleted: false },
  ],
  [
    'PENDING_DELETE after delete',
    { deleteRequestedAt: T0 + 2000, deletedAt: T0 + 3000, purgeAt: T0 + 9000 },
    T0 + 2500,
    'underscore',
    { status: 'PENDING_DELETE', gone: false, beingDeleted: true, deleted: false },
  ],
  [
    'DELETED later',
    { deleteRequestedAt: T0 + 2000, deletedAt: T0 + 3000, purgeAt: T0 + 9000 },
    T0 + 3000,
    'underscore',
    { status: 'DELETED', gone: false, beingDeleted: true, deleted: true },
  ],
  [
    'purged at last',
    { deleteRequestedAt: T0 + 2000, deletedAt: T0 + 3000, purgeAt: T0 + 9000 },
    T0 + 9000,
    'underscore',
    { status: 'DELETED', gone: true, beingDeleted: true, deleted: true },
  ],
];

for (const [name, overrides, now, spelling, expected] of cases) {
  test(`lbStatusAt: ${name}`, (t) => t.deepEqual(lbStatusAt(lb(overrides), now, spelling), expected));
}

test('markMutated opens a PENDING_UPDATE window and moves updated', (t) => {
  const record = lb({ buildUntil: 0 });
  markMutated(record, T0 + 10, 500);
  t.deepEqual(
    [
      record.updated,
      lbStatusAt(record, T0 + 509, 'underscore').status,
      lbStatusAt(record, T0 + 510, 'underscore').status,
    ],
    [T0 + 10, 'PENDING_UPDATE', 'ACTIVE'],
  );
});

test('forcing ACTIVE clears a force and the BUILD/PENDING_UPDATE windows', (t) => {
  const record = lb({ busyUntil: T0 + 5000 });
  forceLbStatus(record, 'ERROR', T0);
  t.is(lbStatusAt(record, T0, 'underscore').status, 'ERROR');
  forceLbStatus(record, 'ACTIVE', T0);
  t.is(lbStatusAt(record, T0, 'underscore').status, 'ACTIVE');
});

test('markDeleted clears a forced status', (t) => {
  const record = lb({ forcedStatus: 'ERROR' });
  markDeleted(record, T0, 100, 1000);
  t.deepEqual(
    [record.deletedAt, record.purgeAt, lbStatusAt(record, T0, 'underscore').status],
    [T0 + 100, T0 + 1100, 'PENDING_DELETE'],
  );
});
