import test from 'ava';
import type { BuildPlan, ServerRecord } from '../../../services/cloud-sim/src/nova/server-record.js';
import { buildPhases, forceStatus, viewServer } from '../../../services/cloud-sim/src/nova/server-record.js';

const T0 = 1_000_000;

const phaseCases: [string, BuildPlan, number, { at: number; status: string }[]][] = [
  [
    'normal with build time',
    { kind: 'normal' },
    5000,
    [
      { at: T0, status: 'BUILD' },
      { at: T0 + 5000, status: 'ACTIVE' },
    ],
  ],
  ['normal with zero build time is ACTIVE at once', { kind: 'normal' }, 0, [{ at: T0, status: 'ACTIVE' }]],
  [
    'build overrides the build time',
    { kind: 'build', durationMs: 100 },
    5000,
    [
      { at: T0, status: 'BUILD' },
      { at: T0 + 100, status: 'ACTIVE' },
    ],
  ],
  ['error', { kind: 'error' }, 5000, [{ at: T0, status: 'ERROR' }]],
  [
    'active-then-error counts from ACTIVE',
    { kind: 'active-then-error', afterMs: 300 },
    1000,
    [
      { at: T0, status: 'BUILD' },
      { at: T0 + 1000, status: 'ACTIVE' },
      { at: T0 + 1300, status: 'ERROR' },
    ],
  ],
  [
    'error during build',
    { kind: 'error-during-build', durationMs: 700 },
    5000,
    [
      { at: T0, status: 'BUILD' },
      { at: T0 + 700, status: 'ERROR' },
    ],
  ],
  ['stuck in build', { kind: 'stuck-in-build' }, 5000, [{ at: T0, status: 'BUILD' }]],
];

for (const [name, plan, buildTime, expected] of phaseCases) {
  test(`buildPhases: ${name}`, (t) => {
    t.deepEqual(buildPhases(plan, T0, buildTime), expected);
  });
}

function server(overrides: Partial<ServerRecord> = {}): ServerRecord {
  return {
    id: 's1',
    tenantId: 't',
    region: 'ORD',
    name: 'n',
    imageRef: 'i',
    flavorRef: 'f',
    diskConfig: 'AUTO',
    keyName: null,
    adminPass: 'p',
    created: T0,
    seq: 1,
    addresses: { private4: '10.180.0.2', public4: '198.18.0.2', public6: '2001:db8::2' },
    hostId: 'h',
    metadata: {},
    metadataUpdatedAt: T0,
    phases: buildPhases({ kind: 'normal' }, T0, 5000),
    deleteRequestedAt: null,
    goneAt: null,
    version: 0,
    jsonCache: null,
    ...overrides,
  };
}

const viewCases: [string, Partial<ServerRecord>, number, Record<string, unknown>][] = [
  [
    'building',
    {},
    T0 + 1,
    { status: 'BUILD', vmState: 'building', taskState: 'spawning', progress: 0, updated: T0, gone: false },
  ],
  [
    'active after build',
    {},
    T0 + 5000,
    { status: 'ACTIVE', vmState: 'active', taskState: null, progress: 100, updated: T0 + 5000, gone: false },
  ],
  [
    'deleting keeps status and sets task_state',
    { deleteRequestedAt: T0 + 6000, goneAt: T0 + 7000 },
    T0 + 6500,
    { status: 'ACTIVE', vmState: 'active', taskState: 'deleting', progress: 100, updated: T0 + 6000, gone: false },
  ],
  [
    'gone after the delete window',
    { deleteRequestedAt: T0 + 6000, goneAt: T0 + 7000 },
    T0 + 7000,
    { status: 'DELETED', vmState: 'deleted', taskState: null, progress: 0, updated: T0 + 7000, gone: true },
  ],
  [
    'metadata change moves updated',
    { metadataUpdatedAt: T0 + 9000 },
    T0 + 9500,
    { status: 'ACTIVE', vmState: 'active', taskState: null, progress: 100, updated: T0 + 9000, gone: false },
  ],
];

for (const [name, overrides, now, expected] of viewCases) {
  test(`viewServer: ${name}`, (t) => {
    const v = viewServer(server(overrides), now);
    t.deepEqual(
      {
        status: v.status,
        vmState: v.vmState,
        taskState: v.taskState,
        progress: v.progress,
        updated: v.updated,
        gone: v.gone,
      },
      expected,
    );
  });
}

test('forceStatus replaces future phases from now on', (t) => {
  const s = server();
  forceStatus(s, 'ERROR', T0 + 1000);
  t.deepEqual(s.phases, [
    { at: T0, status: 'BUILD' },
    { at: T0 + 1000, status: 'ERROR' },
  ]);
  t.is(viewServer(s, T0 + 999_999).status, 'ERROR');
  t.is(s.version, 1);
});
