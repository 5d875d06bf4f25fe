import test from 'ava';
import {
  announceCycle,
  lockTimeoutEvent,
  supersededEvent,
} from '../../../services/supervisor/src/converge/core/announce-cycle.js';
import {
  cycleEvent,
  cycleSummaryLine,
  describeStep,
} from '../../../services/supervisor/src/converge/core/cycle-report.js';
import { deferredByLimits, hurryDeferred } from '../../../services/supervisor/src/converge/core/deferred-work.js';
import {
  buildRecord,
  recordedServers,
  serversToRecord,
} from '../../../services/supervisor/src/converge/core/server-cache.js';
import type { NextDecision } from '../../../shared/convergence/decide-next.js';
import type { ObservedServer, ObservedState } from '../../../shared/convergence/observed-state.js';
import { MAX_LISTED_STEPS } from '../../../shared/messages/converge-messages.js';
import { appliedRegather, infoReason, stepResult, userReason } from '../../../shared/steps/step-result.js';
import type { Step } from '../../../shared/steps/step.js';
import { ACCEPTED_AT, cyclePayload, GROUP, TENANT } from './fakes.js';

function server(id: string, state: ObservedServer['state'], address: string | null): ObservedServer {
  return {
    id,
    name: id,
    state,
    createdMs: 0,
    servicenetAddress: address,
    metadata: {},
    metadataLbs: { clb: [], rcv3: [] },
  };
}

const stepCases: [Step, string][] = [
  [{ type: 'CreateServer', serverConfig: { server: { name: 'web-as0000000a', flavorRef: 'f' } } }, 'web-as0000000a'],
  [{ type: 'DeleteServer', serverId: 's1' }, 's1'],
  [{ type: 'SetMetadataItemOnServer', serverId: 's1', key: 'k', value: 'v' }, 's1: k="v"'],
  [
    {
      type: 'AddNodesToCLB',
      lbId: '10',
      nodes: ['1', '2', '3', '4'].map((n) => ({ address: `10.0.0.${n}`, port: 80 })),
    },
    'CLB 10: 10.0.0.1:80, 10.0.0.2:80, 10.0.0.3:80 and 1 more',
  ],
  [
    { type: 'AddNodesToCLB', lbId: '10', nodes: [{ address: '10.0.0.1', port: 80, condition: 'DRAINING' }] },
    'CLB 10: 10.0.0.1:80 DRAINING',
  ],
  [{ type: 'RemoveNodesFromCLB', lbId: '10', nodeIds: ['5', '6'] }, 'CLB 10: node 5, 6'],
  [
    { type: 'ChangeCLBNode', lbId: '10', nodeId: '5', condition: 'DRAINING', weight: 1, nodeType: 'PRIMARY' },
    'CLB 10 node 5 → DRAINING, weight 1, PRIMARY',
  ],
  [{ type: 'BulkAddToRCv3', pairs: [{ poolId: 'p', serverId: 's1' }] }, 's1 → pool p'],
  [{ type: 'BulkRemoveFromRCv3', pairs: [{ poolId: 'p', serverId: 's1' }] }, 's1 ← pool p'],
  [{ type: 'ConvergeLater', reasons: [infoReason('a'), infoReason('b')], limited: true }, '(limited) a; b'],
  [{ type: 'FailConvergence', reasons: [userReason('broken')] }, 'broken'],
];
for (const [step, expected] of stepCases) {
  test(`describeStep describes ${step.type}: ${expected}`, (t) => {
    t.is(describeStep(step), expected);
  });
}

test('cycleEvent counts servers by state and steps by type, listing at most MAX_LISTED_STEPS', (t) => {
  const plan: Step[] = Array.from({ length: MAX_LISTED_STEPS + 2 }, (_, i) => ({
    type: 'DeleteServer',
    serverId: `s${i}`,
  }));
  const results = plan.map(() => appliedRegather('gone'));
  const observed: ObservedState = {
    servers: [server('a', 'ACTIVE', null), server('b', 'ACTIVE', null), server('c', 'BUILD', null)],
    clbs: [],
    rcv3Pools: [],
  };
  const event = cycleEvent({
    cycle: 4,
    observed,
    plan,
    results,
    worst: 'retry',
    reasons: [infoReason('gone')],
    next: { action: 'continue', delayMs: 1500 },
  });
  t.deepEqual(event.servers, { ACTIVE: 2, BUILD: 1 });
  t.deepEqual(event.counts, { DeleteServer: MAX_LISTED_STEPS + 2 });
  t.is(event.steps.length, MAX_LISTED_STEPS);
  t.is(event.omitted, 2);
  t.deepEqual(event.steps[0], { type: 'DeleteServer', detail: 's0', status: 'retry' });
  t.is(cycleSummaryLine(event), `${MAX_LISTED_STEPS + 2} DeleteServer; next cycle in 1.5s (gone)`);
});

test('cycleSummaryLine says when a cycle ends the job', (t) => {
  const event = cycleEvent({
    cycle: 0,
    observed: undefined,
    plan: [],
    results: [],
    worst: 'success',
    reasons: [],
    next: { action: 'done', groupStatus: 'ACTIVE' },
  });
  t.is(cycleSummaryLine(event), 'no steps; group ACTIVE');
});

const create: Step = { type: 'CreateServer', serverConfig: { server: { name: 'web-as1', flavorRef: 'f' } } };
const state = { cycle: 3, limitedRetries: 0, idleCycles: 0 };

test('announceCycle continues with the next cycle after the decided delay', (t) => {
  const decision: NextDecision = { action: 'continue', delayMs: 200, worst: 'retry', detail: [], state };
  const announced = announceCycle(cyclePayload({ loop: { cycle: 2, limitedRetries: 0, idleCycles: 1 } }), {
    observed: undefined,
    plan: [create],
    results: [appliedRegather('waiting for server to become active')],
    decision,
  });
  t.is(announced.outcome, 'continue');
  t.deepEqual(
    announced.events.map((e) => e.event),
    ['cycle', 'step-finished'],
  );
  t.like(announced.events[1], {
    step: 'cycle 2',
    detail: '1 CreateServer; next cycle in 0.2s (waiting for server to become active)',
  });
  t.deepEqual(announced.next, { payload: cyclePayload({ loop: state }), delayMs: 200 });
});

test('announceCycle ends an empty plan with group ACTIVE and the group’s servers', (t) => {
  const observed: ObservedState = {
    servers: [server('a', 'ACTIVE', null), server('gone', 'DELETED', null)],
    clbs: [],
    rcv3Pools: [],
  };
  const announced = announceCycle(cyclePayload({ loop: state }), {
    observed,
    plan: [],
    results: [],
    decision: { action: 'done', groupStatus: 'ACTIVE', state },
  });
  t.is(announced.outcome, 'succeeded');
  t.is(announced.next, undefined);
  t.deepEqual(announced.events.slice(2), [
    {
      event: 'group-status',
      jobType: 'converge-group',
      tenantId: TENANT,
      groupId: GROUP,
      status: 'ACTIVE',
      reasons: [],
    },
    {
      event: 'succeeded',
      jobType: 'converge-group',
      result: {
        groupStatus: 'ACTIVE',
        tenantId: TENANT,
        groupId: GROUP,
        capacity: 1,
        cycles: 4,
        serverCount: 1,
        servers: ['a'],
      },
    },
  ]);
});

test('announceCycle ends a failure with group ERROR and the user-facing reasons', (t) => {
  const reasons = ['Cloud Load Balancer does not exist: 10'];
  const announced = announceCycle(cyclePayload(), {
    observed: undefined,
    plan: [{ type: 'FailConvergence', reasons: [userReason(reasons[0] ?? '')] }],
    results: [stepResult('failure', [userReason(reasons[0] ?? '')])],
    decision: { action: 'done', groupStatus: 'ERROR', reasons, detail: [], state: { ...state, cycle: 1 } },
  });
  t.is(announced.outcome, 'failed');
  t.deepEqual(announced.events.slice(2), [
    { event: 'group-status', jobType: 'converge-group', tenantId: TENANT, groupId: GROUP, status: 'ERROR', reasons },
    {
      event: 'failed',
      jobType: 'converge-group',
      reasons,
      result: { groupStatus: 'ERROR', tenantId: TENANT, groupId: GROUP, cycles: 1 },
    },
  ]);
});

test('superseded and lock time-out events name why the job ended', (t) => {
  t.deepEqual(supersededEvent('job-9'), {
    event: 'failed',
    jobType: 'converge-group',
    reasons: ['Superseded by converge-group job job-9, accepted later for the same group'],
    result: { superseded: true, supersededBy: 'job-9' },
  });
  t.deepEqual(lockTimeoutEvent(5), {
    event: 'failed',
    jobType: 'converge-group',
    reasons: ['Timed out: another convergence of this group held it through 5 tries'],
  });
});

test('deferredByLimits counts the steps over each limit; waits and failures are never limited', (t) => {
  const plan: Step[] = [
    create,
    create,
    create,
    { type: 'DeleteServer', serverId: 's' },
    { type: 'ConvergeLater', reasons: [], limited: false },
  ];
  t.is(deferredByLimits(plan, { CreateServer: 2 }), 1);
  t.is(deferredByLimits(plan, { CreateServer: 3 }), 0);
  t.is(deferredByLimits(plan, { CreateServer: 1, DeleteServer: 0, ConvergeLater: 0 }), 3);
});

test('hurryDeferred sends the next cycle at once only after progress with deferred steps', (t) => {
  const moving: NextDecision = { action: 'continue', delayMs: 500, worst: 'retry', detail: [], state };
  t.is((hurryDeferred(moving, 3) as { delayMs: number }).delayMs, 0);
  t.is(hurryDeferred(moving, 0), moving);
  const idle: NextDecision = { ...moving, state: { ...state, idleCycles: 2 } };
  t.is(hurryDeferred(idle, 3), idle);
  const done: NextDecision = { action: 'done', groupStatus: 'ACTIVE', state };
  t.is(hurryDeferred(done, 3), done);
});

test('the server cache keeps live servers and vanished ones still in a load balancer', (t) => {
  const observed: ObservedState = {
    servers: [
      server('live', 'ACTIVE', '10.0.0.1'),
      server('building', 'BUILD', null),
      server('gone-clb', 'DELETED', '10.0.0.3'),
      server('gone-rcv3', 'DELETED', null),
      server('gone-clean', 'DELETED', '10.0.0.5'),
    ],
    clbs: [
      {
        lbId: '10',
        healthMonitor: false,
        nodes: [
          {
            nodeId: '1',
            address: '10.0.0.3',
            port: 80,
            condition: 'ENABLED',
            weight: 1,
            type: 'PRIMARY',
            online: true,
            drainedAtMs: null,
          },
        ],
      },
    ],
    rcv3Pools: [{ poolId: 'p', members: [{ nodeId: 'n', serverId: 'gone-rcv3' }] }],
  };
  const servers = serversToRecord(observed);
  t.deepEqual(servers, [
    ['live', '10.0.0.1'],
    ['building', null],
    ['gone-clb', '10.0.0.3'],
    ['gone-rcv3', null],
  ]);
  const record = buildRecord(
    { jobId: 'j', acceptedAt: ACCEPTED_AT, cycle: 2 },
    observed,
    { clbs: ['10'], pools: ['p'] },
    undefined,
  );
  t.deepEqual(record, { jobId: 'j', acceptedAt: ACCEPTED_AT, cycle: 2, servers, lbs: { clb: ['10'], rcv3: ['p'] } });
  t.deepEqual(recordedServers(record)[0], { ...server('live', 'DELETED', '10.0.0.1'), name: '' });
});

test('a record written after a failed gather keeps the previous server cache', (t) => {
  const previous = {
    jobId: 'j',
    acceptedAt: ACCEPTED_AT,
    cycle: 1,
    servers: [['s1', null]] as [string, string | null][],
    lbs: { clb: [], rcv3: [] },
  };
  t.deepEqual(
    buildRecord({ jobId: 'j', acceptedAt: ACCEPTED_AT, cycle: 2 }, undefined, { clbs: [], pools: [] }, previous)
      .servers,
    [['s1', null]],
  );
});
