import test from 'ava';
import { JobEventPayloadSchema } from '../../../shared/messages/event-messages.js';
import { launchServerJob } from '../../../services/supervisor/src/jobs/launch-server/launch-server-job.js';
import { JOB_ID_METADATA_KEY, serverNameFor } from '../../../services/supervisor/src/core/server-identity.js';
import type { JobInput } from '../../../services/supervisor/src/core/job-machine.js';
import { LaunchServerJobSchema, type LaunchServerJob } from '../../../shared/messages/job-messages.js';
import {
  ADDRESSES,
  drive,
  lbAdded,
  lbNotYet,
  lbRefused,
  lbSucceeded,
  lbTimeout,
  listed,
  response,
  resume,
  server,
  transportError,
} from './fixtures.js';

const JOB: LaunchServerJob = LaunchServerJobSchema.parse({
  tenantId: 't1',
  groupId: 'g1',
  launchConfig: {
    server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img-1' },
    loadBalancers: [
      { type: 'CloudLoadBalancer', loadBalancerId: 10, port: 80 },
      { type: 'RackConnectV3', loadBalancerId: 'pool-a' },
    ],
  },
});
const NO_LBS: LaunchServerJob = { ...JOB, launchConfig: { ...JOB.launchConfig, loadBalancers: [] } };
const name = (generation: number) => serverNameFor('job-1', generation, 'web');
const LIST0 = `nova GET servers/detail?name=${name(0)}`;
const LIST1 = `nova GET servers/detail?name=${name(1)}`;
const mine = (id: string, generation = 0) => ({
  id,
  name: name(generation),
  status: 'BUILD',
  metadata: { [JOB_ID_METADATA_KEY]: 'job-1' },
});
const created = (id: string): JobInput => response(202, { server: { id, links: [] } });
const novaFault = (status: number, body: unknown): JobInput => response(status, body);
const clbNode = { nodes: [{ id: '77', address: '10.180.0.5', port: 80 }] };
const rateLimited = (seconds: number): JobInput => ({
  kind: 'nova',
  outcome: {
    kind: 'response',
    status: 413,
    body: { overLimit: { code: 413, message: 'OverLimit Retry...' } },
    headers: { 'Retry-After': String(seconds) },
  },
});

interface Row {
  readonly title: string;
  readonly job?: LaunchServerJob;
  readonly inputs: readonly (JobInput | readonly [JobInput, number])[];
  readonly actions: readonly string[];
}

const rows: readonly Row[] = [
  {
    title: 'a launch creates, waits for ACTIVE, then joins the CLB and the RCv3 pool in order',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'BUILD'),
      resume,
      server('s1', 'ACTIVE'),
      lbAdded(clbNode),
      lbAdded(),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'wait 1000',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'lb BulkAddToRCv3 pool-a/s1',
      'finish succeeded',
    ],
  },
  {
    title: 'a create that fails twice is retried after a search each time, then succeeds',
    inputs: [
      listed([]),
      novaFault(500, { computeFault: { message: 'boom' } }),
      resume,
      listed([]),
      transportError(),
      resume,
      listed([]),
      created('s1'),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'wait 5000',
      LIST0,
      'nova POST servers',
      'wait 5000',
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
    ],
  },
  {
    title: 'a create that errored but made the server adopts that server instead of creating another',
    inputs: [
      listed([]),
      novaFault(500, { computeFault: { message: 'boom' } }),
      resume,
      listed([mine('s1'), { ...mine('other'), metadata: {} }]),
    ],
    actions: [LIST0, 'nova POST servers', 'wait 5000', LIST0, 'nova GET servers/s1'],
  },
  {
    title: 'a redelivered start finds the server it made and never posts again',
    inputs: [listed([mine('s1')]), server('s1', 'ACTIVE')],
    actions: [LIST0, 'nova GET servers/s1', 'lb AddNodesToCLB 10'],
  },
  {
    title: 'a create that keeps failing gives up after the retries',
    inputs: [
      listed([]),
      novaFault(503, 'busy'),
      resume,
      listed([]),
      novaFault(503, 'busy'),
      resume,
      listed([]),
      novaFault(503, 'busy'),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'wait 5000',
      LIST0,
      'nova POST servers',
      'wait 5000',
      LIST0,
      'nova POST servers',
      'finish failed',
    ],
  },
  {
    title: "Nova's 400 fails the job at once with nothing to undo",
    inputs: [listed([]), novaFault(400, { badRequest: { message: 'Invalid flavorRef', code: 400 } })],
    actions: [LIST0, 'nova POST servers', 'finish failed'],
  },
  {
    title: 'a server that goes to ERROR is deleted, verified gone, and replaced by the next generation',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ERROR'),
      response(204),
      response(404),
      listed([]),
      created('s2'),
      server('s2', 'ACTIVE'),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'nova DELETE servers/s1',
      'nova GET servers/s1',
      LIST1,
      'nova POST servers',
      'nova GET servers/s2',
      'lb AddNodesToCLB 10',
    ],
  },
  {
    title: 'servers that keep going to ERROR are replaced up to the limit, then the job fails and deletes the last',
    job: NO_LBS,
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ERROR'),
      response(404),
      listed([]),
      created('s2'),
      server('s2', 'ERROR'),
      response(404),
      listed([]),
      created('s3'),
      server('s3', 'ERROR'),
      response(204),
      response(404),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'nova DELETE servers/s1',
      LIST1,
      'nova POST servers',
      'nova GET servers/s2',
      'nova DELETE servers/s2',
      `nova GET servers/detail?name=${name(2)}`,
      'nova POST servers',
      'nova GET servers/s3',
      'nova DELETE servers/s3',
      'nova GET servers/s3',
      'finish failed',
    ],
  },
  {
    title: 'a CLB that refuses for good rolls back: the server is deleted and the job fails',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ACTIVE'),
      lbRefused('Cloud Load Balancer does not exist: 10'),
      response(204),
      response(404),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'nova DELETE servers/s1',
      'nova GET servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'a failure after joining the CLB leaves it (by node id) before deleting the server',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ACTIVE'),
      lbAdded(clbNode),
      lbRefused('RCv3 pool is gone'),
      lbSucceeded,
      response(404),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'lb BulkAddToRCv3 pool-a/s1',
      'lb RemoveNodesFromCLB 10 77',
      'nova DELETE servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'rollback finds the CLB node by address and port when the add did not report its id',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ACTIVE'),
      lbAdded(),
      lbRefused('RCv3 pool is gone'),
      {
        kind: 'lb-read-result',
        result: {
          ok: true,
          body: {
            nodes: [
              { id: 5, address: '10.1.1.1', port: 80 },
              { id: 6, address: '10.180.0.5', port: 80 },
            ],
          },
        },
      },
      lbSucceeded,
      response(404),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'lb BulkAddToRCv3 pool-a/s1',
      'read clb-nodes 10',
      'lb RemoveNodesFromCLB 10 6',
      'nova DELETE servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'a CLB that will not let go during rollback keeps the server',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ACTIVE'),
      lbAdded(clbNode),
      lbRefused('RCv3 pool is gone'),
      lbRefused('CLB refuses'),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'lb BulkAddToRCv3 pool-a/s1',
      'lb RemoveNodesFromCLB 10 77',
      'finish failed',
    ],
  },
  {
    title: 'an LB step that does not take effect is retried after the LB retry delay, then given up',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'ACTIVE'),
      lbNotYet('immutable'),
      resume,
      lbTimeout,
      resume,
      lbNotYet('immutable'),
      response(404),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
      'wait 3000',
      'lb AddNodesToCLB 10',
      'wait 3000',
      'lb AddNodesToCLB 10',
      'nova DELETE servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'a server still building at the deadline fails the job and is deleted',
    inputs: [
      listed([]),
      created('s1'),
      server('s1', 'BUILD'),
      resume,
      [server('s1', 'BUILD'), 61_000],
      [response(404), 61_000],
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'wait 1000',
      'nova GET servers/s1',
      'nova DELETE servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'failed reads while waiting are transient',
    inputs: [
      listed([]),
      created('s1'),
      response(500, 'oops'),
      resume,
      transportError(),
      resume,
      server('s1', 'ACTIVE'),
    ],
    actions: [
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
      'wait 1000',
      'nova GET servers/s1',
      'wait 1000',
      'nova GET servers/s1',
      'lb AddNodesToCLB 10',
    ],
  },
  {
    title: 'a server deleted while building fails the job',
    job: NO_LBS,
    inputs: [listed([]), created('s1'), response(404), response(404)],
    actions: [LIST0, 'nova POST servers', 'nova GET servers/s1', 'nova DELETE servers/s1', 'finish failed'],
  },
  {
    title: 'an unknown tenant fails the job with nothing created',
    inputs: [
      {
        kind: 'nova-fatal',
        reason: { text: 'Tenant t1 could not be authenticated: unknown tenant', userFacing: true },
      },
    ],
    actions: [LIST0, 'finish failed'],
  },
  {
    title: 'a rate-limited search waits its Retry-After and searches again without spending a create attempt',
    inputs: [
      rateLimited(7),
      resume,
      novaFault(500, { computeFault: { message: 'boom' } }),
      resume,
      transportError(),
      resume,
      listed([]),
      created('s1'),
    ],
    actions: [
      LIST0,
      'wait 7000',
      LIST0,
      'wait 5000',
      LIST0,
      'wait 5000',
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
    ],
  },
  {
    title: 'a search that keeps failing counts as a failed attempt once its retries are used up',
    inputs: [rateLimited(1), resume, rateLimited(1), resume, rateLimited(1), resume, listed([]), created('s1')],
    // SETTINGS.searchRetries is 2: the third failure spends attempt 1 and the search starts over.
    actions: [
      LIST0,
      'wait 5000',
      LIST0,
      'wait 5000',
      LIST0,
      'wait 5000',
      LIST0,
      'nova POST servers',
      'nova GET servers/s1',
    ],
  },
  {
    title: 'searches failing every time give up after the create attempts, each with its search retries',
    inputs: Array.from({ length: 9 }, () => [rateLimited(1), resume] as const)
      .flat()
      .slice(0, -1),
    actions: [
      ...Array.from({ length: 9 }, () => [LIST0, 'wait 5000'])
        .flat()
        .slice(0, -1),
      'finish failed',
    ],
  },
  {
    title: 'a search answered with a client error is not retried as a search: it counts as an attempt',
    inputs: [novaFault(404, { itemNotFound: { message: 'gone' } }), resume, listed([]), created('s1')],
    actions: [LIST0, 'wait 5000', LIST0, 'nova POST servers', 'nova GET servers/s1'],
  },
  {
    title: 'a resumed create looks for the server again before posting',
    inputs: [listed([]), resume, listed([])],
    actions: [LIST0, 'nova POST servers', LIST0, 'nova POST servers'],
  },
  {
    title: 'an input that does not belong to the phase is ignored',
    inputs: [lbSucceeded],
    actions: [LIST0, 'ignore'],
  },
  {
    title: 'a job without load balancers succeeds once the server is ACTIVE',
    job: NO_LBS,
    inputs: [listed([]), created('s1'), server('s1', 'ACTIVE')],
    actions: [LIST0, 'nova POST servers', 'nova GET servers/s1', 'finish succeeded'],
  },
];

for (const row of rows) {
  test(`launch: ${row.title}`, (t) => {
    t.deepEqual(drive(launchServerJob, row.job ?? JOB, row.inputs).actions, row.actions);
  });
}

test('launch: every event of every table row passes the published event schema', (t) => {
  const events = rows.flatMap((row) =>
    drive(launchServerJob, row.job ?? JOB, row.inputs).transitions.flatMap((transition) => transition.events),
  );
  const invalid = events.filter(
    (event) => !JobEventPayloadSchema.safeParse({ ...event, jobType: 'launch-server' }).success,
  );
  t.deepEqual(invalid, []);
  t.true(events.length > 100);
});

test('launch: a rate-limited search is reported as a find-server retry honouring Retry-After', (t) => {
  const run = drive(launchServerJob, JOB, [rateLimited(7), resume, listed([]), created('s1')]);
  t.deepEqual(run.events.slice(0, 2), ['step-started create-server', 'retrying find-server #1 in 7000']);
});

test('launch: a successful job reports server, addresses and every load balancer with the CLB node id', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'ACTIVE'),
    lbAdded(clbNode),
    lbAdded(),
  ]);
  const last = run.last.events.at(-1);
  t.deepEqual(last, {
    event: 'succeeded',
    result: {
      serverId: 's1',
      name: name(0),
      addresses: ADDRESSES,
      loadBalancers: [
        { type: 'CloudLoadBalancer', loadBalancerId: '10', port: 80, nodeId: '77' },
        { type: 'RackConnectV3', loadBalancerId: 'pool-a' },
      ],
    },
  });
});

test('launch: events tell the story of a launch', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'BUILD'),
    resume,
    server('s1', 'ACTIVE'),
    lbAdded(clbNode),
    lbNotYet('later'),
    resume,
    lbAdded(),
  ]);
  t.deepEqual(run.events, [
    'step-started create-server',
    'step-finished create-server',
    'step-started wait-for-active',
    'step-finished wait-for-active',
    'step-started add-to-clb',
    'step-finished add-to-clb',
    'step-started add-to-rcv3',
    'retrying add-to-rcv3 #1 in 3000',
    'step-finished add-to-rcv3',
    'succeeded',
  ]);
});

test("launch: Nova's 400 message reaches the producer", (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    response(400, { badRequest: { message: 'Invalid imageRef provided.', code: 400 } }),
  ]);
  t.deepEqual(run.last.events.at(-1), {
    event: 'failed',
    reasons: ['Server launch configuration is invalid: Invalid imageRef provided.'],
  });
});

test('launch: a refused CLB is the reason the job failed after rollback', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'ACTIVE'),
    lbRefused('Cloud Load Balancer does not exist: 10'),
    response(404),
  ]);
  t.deepEqual(run.last.events.at(-1), { event: 'failed', reasons: ['Cloud Load Balancer does not exist: 10'] });
});

test('launch: a kept server is reported with the reasons', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'ACTIVE'),
    lbAdded(clbNode),
    lbRefused('RCv3 pool is gone'),
    lbRefused('CLB refuses'),
  ]);
  const failed = run.last.events.at(-1);
  t.is(failed?.event, 'failed');
  if (failed?.event !== 'failed') return;
  t.deepEqual(failed.reasons, ['RCv3 pool is gone', 'Server s1 was kept: CLB refuses']);
  t.like(failed.result, { serverId: 's1', kept: true });
});

test('launch: the create body carries the derived name and the group, job and LB metadata', (t) => {
  const run = drive(launchServerJob, JOB, [listed([])]);
  const action = run.last.action;
  t.is(action.kind, 'nova');
  if (action.kind !== 'nova') return;
  t.deepEqual(action.request.json, {
    server: {
      flavorRef: 'general1-1',
      imageRef: 'img-1',
      name: name(0),
      metadata: {
        'rax:auto_scaling_group_id': 'g1',
        'rax:autoscale:group:id': 'g1',
        'rax:autoscale:job:id': 'job-1',
        'rax:autoscale:lb:RackConnectV3:pool-a': '',
        'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]',
      },
    },
  });
});

test('launch: a server without a ServiceNet address cannot join a CLB', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'ACTIVE', { addresses: { public: [{ addr: '198.1.1.1', version: 4 }] } }),
    response(404),
  ]);
  t.deepEqual(run.last.events.at(-1), {
    event: 'failed',
    reasons: ['Server s1 has no ServiceNet address, so it cannot join Cloud Load Balancer 10 port 80'],
  });
});

test('launch: every state a transition produces passes the state schema', (t) => {
  const run = drive(launchServerJob, JOB, [
    listed([]),
    created('s1'),
    server('s1', 'ERROR'),
    response(204),
    response(404),
    listed([]),
    created('s2'),
    server('s2', 'ACTIVE'),
    lbAdded(clbNode),
    lbRefused('x'),
    lbSucceeded,
    response(404),
  ]);
  for (const transition of run.transitions)
    t.true(launchServerJob.stateSchema.safeParse(JSON.parse(JSON.stringify(transition.state))).success);
});
