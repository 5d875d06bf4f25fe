import test from 'ava';
import type { GroupView } from '../../../services/all-in-one/src/demo/group-view.js';
import { renderGroup, renderTable } from '../../../services/all-in-one/src/demo/render-group.js';
import { elapsedLabel, renderProgress } from '../../../services/all-in-one/src/demo/render-progress.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';

test('renderTable pads every column but the last', (t) => {
  t.deepEqual(
    renderTable([
      ['A', 'BBB', 'C'],
      ['AAAA', 'B', 'CC'],
    ]),
    ['A     BBB  C', 'AAAA  B    CC'],
  );
});

const VIEW: GroupView = {
  tenantId: '123456',
  groupId: 'demo-group',
  servers: [
    {
      id: 's-1',
      name: 'demo-as1',
      status: 'ACTIVE',
      publicIp: '198.18.0.1',
      serviceNetIp: '10.0.0.1',
      clbNode: 'ENABLED/ONLINE',
      poolNode: 'ACTIVE',
    },
    {
      id: 's-2',
      name: 'demo-as2',
      status: 'BUILD',
      publicIp: undefined,
      serviceNetIp: undefined,
      clbNode: undefined,
      poolNode: undefined,
    },
  ],
  clb: { id: '7', name: 'demo-clb', status: 'ACTIVE', nodes: 1 },
  pool: { id: 'p-1', name: 'demo-pool', nodes: 1 },
};

test('renderGroup prints a line per server and the load balancers totals', (t) => {
  t.deepEqual(renderGroup(VIEW), [
    'Group demo-group (tenant 123456): 2 servers',
    '  SERVER  NAME      STATUS  PUBLIC IP   SERVICENET IP  CLB 7           RCv3 POOL',
    '  s-1     demo-as1  ACTIVE  198.18.0.1  10.0.0.1       ENABLED/ONLINE  ACTIVE',
    '  s-2     demo-as2  BUILD   -           -              not a node      not a member',
    '  CLB 7 "demo-clb" (ACTIVE): 1 node',
    '  RCv3 pool p-1 "demo-pool": 1 node',
  ]);
});

test('renderGroup prints an empty group without a table', (t) => {
  t.deepEqual(renderGroup({ ...VIEW, servers: [], clb: { ...VIEW.clb, nodes: 0 }, pool: { ...VIEW.pool, nodes: 0 } }), [
    'Group demo-group (tenant 123456): 0 servers',
    '  CLB 7 "demo-clb" (ACTIVE): 0 nodes',
    '  RCv3 pool p-1 "demo-pool": 0 nodes',
  ]);
});

test('elapsedLabel shows seconds with one decimal, right-aligned', (t) => {
  t.deepEqual([elapsedLabel(0), elapsedLabel(1234), elapsedLabel(123_456)], ['[  0.0s]', '[  1.2s]', '[123.5s]']);
});

const progressCases: readonly [JobEventPayload, string | undefined][] = [
  [{ event: 'accepted', jobType: 'converge-group' }, '  [  1.5s] job accepted'],
  [{ event: 'step-started', jobType: 'converge-group', step: 'cycle 0' }, undefined],
  [
    {
      event: 'step-finished',
      jobType: 'converge-group',
      step: 'cycle 0',
      detail: '3 CreateServer; next cycle in 0.5s',
    },
    '  [  1.5s] cycle 0: 3 CreateServer; next cycle in 0.5s',
  ],
  [{ event: 'step-finished', jobType: 'converge-group', step: 'cycle 1' }, '  [  1.5s] cycle 1'],
  [
    {
      event: 'retrying',
      jobType: 'converge-group',
      step: 'cycle 2',
      reason: 'CLB immutable',
      attempt: 1,
      delayMs: 500,
    },
    '  [  1.5s] cycle 2: retrying in 0.5s (CLB immutable)',
  ],
  [
    { event: 'succeeded', jobType: 'converge-group', result: { groupStatus: 'ACTIVE', cycles: 6 } },
    '  [  1.5s] succeeded: group ACTIVE after 6 cycles',
  ],
  [{ event: 'succeeded', jobType: 'converge-group', result: {} }, '  [  1.5s] succeeded: group done'],
  [
    { event: 'failed', jobType: 'converge-group', reasons: ['quota exceeded', 'CLB deleted'] },
    '  [  1.5s] failed: quota exceeded; CLB deleted',
  ],
];

for (const [i, [event, expected]] of progressCases.entries()) {
  test(`renderProgress renders ${event.event} event #${i}`, (t) => {
    t.is(renderProgress(event, 1500), expected);
  });
}
