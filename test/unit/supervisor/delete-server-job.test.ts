import test from 'ava';
import { deleteServerJob } from '../../../services/supervisor/src/jobs/delete-server/delete-server-job.js';
import type { JobInput } from '../../../services/supervisor/src/core/job-machine.js';
import { DeleteServerJobSchema, type DeleteServerJob } from '../../../shared/messages/job-messages.js';
import {
  drive,
  lbRefused,
  lbSucceeded,
  lbNotYet,
  lbTimeout,
  response,
  resume,
  server,
  transportError,
} from './fixtures.js';

const JOB: DeleteServerJob = DeleteServerJobSchema.parse({ tenantId: 't1', groupId: 'g1', serverId: 's1' });
const METADATA = {
  'rax:autoscale:group:id': 'g1',
  'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}, {"port": 8080}]',
  'rax:autoscale:lb:RackConnectV3:pool-a': '',
};
const inGroup = server('s1', 'ACTIVE', { metadata: METADATA });
const nodes = (list: readonly { id: number; address: string; port: number }[]): JobInput => ({
  kind: 'lb-read-result',
  result: { ok: true, body: { nodes: list } },
});

interface Row {
  readonly title: string;
  readonly job?: DeleteServerJob;
  readonly inputs: readonly JobInput[];
  readonly actions: readonly string[];
}

const rows: readonly Row[] = [
  {
    title: 'a delete leaves every load balancer named in metadata, then deletes and verifies',
    inputs: [
      inGroup,
      nodes([
        { id: 6, address: '10.180.0.5', port: 80 },
        { id: 7, address: '10.180.0.5', port: 8080 },
        { id: 8, address: '10.1.1.1', port: 80 },
      ]),
      lbSucceeded,
      nodes([
        { id: 6, address: '10.180.0.5', port: 80 },
        { id: 7, address: '10.180.0.5', port: 8080 },
      ]),
      lbSucceeded,
      lbSucceeded,
      response(204),
      server('s1', 'ACTIVE', { 'OS-EXT-STS:task_state': 'deleting' }),
    ],
    actions: [
      'nova GET servers/s1',
      'read clb-nodes 10',
      'lb RemoveNodesFromCLB 10 6',
      'read clb-nodes 10',
      'lb RemoveNodesFromCLB 10 7',
      'lb BulkRemoveFromRCv3 pool-a/s1',
      'nova DELETE servers/s1',
      'nova GET servers/s1',
      'finish succeeded',
    ],
  },
  {
    title: 'node ids the job lists are removed without reading the CLB',
    job: { ...JOB, loadBalancers: [{ type: 'CloudLoadBalancer', loadBalancerId: '10', port: 80, nodeId: '6' }] },
    inputs: [
      server('s1', 'ACTIVE', {
        metadata: { 'rax:autoscale:group:id': 'g1', 'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]' },
      }),
      lbSucceeded,
      response(404),
    ],
    actions: ['nova GET servers/s1', 'lb RemoveNodesFromCLB 10 6', 'nova DELETE servers/s1', 'finish succeeded'],
  },
  {
    title: 'a CLB without a node of this server needs no removal',
    inputs: [
      server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]' } }),
      nodes([]),
      response(404),
    ],
    actions: ['nova GET servers/s1', 'read clb-nodes 10', 'nova DELETE servers/s1', 'finish succeeded'],
  },
  {
    title: 'a CLB that no longer exists counts as left',
    inputs: [
      server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]' } }),
      {
        kind: 'lb-read-result',
        result: { ok: false, error: { kind: 'api', message: 'Load balancer not found', status: 404 } },
      },
      response(404),
    ],
    actions: ['nova GET servers/s1', 'read clb-nodes 10', 'nova DELETE servers/s1', 'finish succeeded'],
  },
  {
    title: 'a CLB being deleted counts as left',
    inputs: [
      server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}]' } }),
      {
        kind: 'lb-read-result',
        result: { ok: false, error: { kind: 'CLBDeletedError', message: 'The load balancer is deleted', status: 422 } },
      },
      response(404),
    ],
    actions: ['nova GET servers/s1', 'read clb-nodes 10', 'nova DELETE servers/s1', 'finish succeeded'],
  },
  {
    title: 'a load balancer that refuses for good fails the job and keeps the server',
    inputs: [
      server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } }),
      lbRefused('RCv3 pool pool-a is not active'),
    ],
    actions: ['nova GET servers/s1', 'lb BulkRemoveFromRCv3 pool-a/s1', 'finish failed'],
  },
  {
    title: 'a load balancer that keeps answering "later" is retried, then the job fails keeping the server',
    inputs: [
      server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } }),
      lbNotYet('busy'),
      resume,
      lbTimeout,
      resume,
      lbNotYet('busy'),
    ],
    actions: [
      'nova GET servers/s1',
      'lb BulkRemoveFromRCv3 pool-a/s1',
      'wait 3000',
      'lb BulkRemoveFromRCv3 pool-a/s1',
      'wait 3000',
      'lb BulkRemoveFromRCv3 pool-a/s1',
      'finish failed',
    ],
  },
  {
    title: 'a server of another group is not deleted',
    inputs: [server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:group:id': 'other' } })],
    actions: ['nova GET servers/s1', 'finish failed'],
  },
  {
    title: 'a server already gone still leaves the listed load balancers and succeeds',
    job: { ...JOB, loadBalancers: [{ type: 'RackConnectV3', loadBalancerId: 'pool-a' }] },
    inputs: [response(404), lbSucceeded, response(404)],
    actions: ['nova GET servers/s1', 'lb BulkRemoveFromRCv3 pool-a/s1', 'nova DELETE servers/s1', 'finish succeeded'],
  },
  {
    title: 'a failed read of the server is retried with backoff',
    inputs: [transportError(), resume, response(500, 'x'), resume, server('s1', 'ACTIVE')],
    actions: [
      'nova GET servers/s1',
      'wait 2000',
      'nova GET servers/s1',
      'wait 4000',
      'nova GET servers/s1',
      'nova DELETE servers/s1',
    ],
  },
  {
    title: 'a delete Nova keeps refusing is retried with backoff, then the job fails',
    inputs: [server('s1', 'ACTIVE'), response(500, ''), resume, response(500, ''), resume, response(500, '')],
    actions: [
      'nova GET servers/s1',
      'nova DELETE servers/s1',
      'wait 2000',
      'nova DELETE servers/s1',
      'wait 4000',
      'nova DELETE servers/s1',
      'finish failed',
    ],
  },
  {
    title: 'a server that still exists after DELETE without task_state deleting is deleted again',
    inputs: [server('s1', 'ACTIVE'), response(204), server('s1', 'ACTIVE'), resume, response(404)],
    actions: [
      'nova GET servers/s1',
      'nova DELETE servers/s1',
      'nova GET servers/s1',
      'wait 2000',
      'nova DELETE servers/s1',
      'finish succeeded',
    ],
  },
  {
    title: 'an unknown tenant fails the job',
    inputs: [
      {
        kind: 'nova-fatal',
        reason: { text: 'Tenant t1 could not be authenticated: unknown tenant', userFacing: true },
      },
    ],
    actions: ['nova GET servers/s1', 'finish failed'],
  },
];

for (const row of rows) {
  test(`delete: ${row.title}`, (t) => {
    t.deepEqual(drive(deleteServerJob, row.job ?? JOB, row.inputs).actions, row.actions);
  });
}

test('delete: the result lists the load balancers left and says the server was deleted', (t) => {
  const run = drive(deleteServerJob, JOB, [
    server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } }),
    lbSucceeded,
    response(404),
  ]);
  t.deepEqual(run.last.events.at(-1), {
    event: 'succeeded',
    result: { serverId: 's1', deleted: true, loadBalancers: [{ type: 'RackConnectV3', loadBalancerId: 'pool-a' }] },
  });
});

test('delete: a refusing load balancer is named, and so is the kept server', (t) => {
  const run = drive(deleteServerJob, JOB, [
    server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } }),
    lbRefused('RCv3 pool pool-a is not active'),
  ]);
  t.deepEqual(run.last.events.at(-1), {
    event: 'failed',
    reasons: [
      'RCv3 pool pool-a is not active',
      'Server s1 was kept so that no load balancer points at a deleted server',
    ],
    result: { serverId: 's1', deleted: false, loadBalancers: [] },
  });
});

test('delete: events name each load balancer left', (t) => {
  const run = drive(deleteServerJob, JOB, [
    server('s1', 'ACTIVE', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } }),
    lbSucceeded,
    response(404),
  ]);
  t.deepEqual(run.events, [
    'step-started inspect-server',
    'step-finished inspect-server',
    'step-started remove-from-rcv3',
    'step-finished remove-from-rcv3',
    'step-started delete-server',
    'step-finished delete-server',
    'succeeded',
  ]);
});
