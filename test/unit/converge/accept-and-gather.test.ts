import test from 'ava';
import { Registry } from 'prom-client';
import { acceptConvergeJob } from '../../../services/supervisor/src/converge/accept-converge-job.js';
import { createConvergeMetrics } from '../../../services/supervisor/src/converge/converge-metrics.js';
import { executePlan } from '../../../services/supervisor/src/converge/execute-plan.js';
import { gatherGroup } from '../../../services/supervisor/src/converge/gather-group.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import {
  ConvergeCyclePayloadSchema,
  ConvergeGroupJobSchema,
  type GroupRecord,
} from '../../../shared/messages/converge-messages.js';
import type { LbRead, LbReadResultPayload } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { appliedRegather, infoReason, stepResult, userReason } from '../../../shared/steps/step-result.js';
import type { LbStep, Step } from '../../../shared/steps/step.js';
import { NOW, TENANT, eventsOf, fakeBus, fakeRequest, job, jobEnvelope, novaRoute, novaServer } from './fakes.js';

function acceptDeps(bus: ReturnType<typeof fakeBus>) {
  return {
    bus,
    newId: () => 'id',
    clock: () => new Date(NOW),
    logger: createSilentLogger(),
    metrics: createConvergeMetrics(new Registry()),
  };
}

test('an accepted converge-group job announces itself and sends its first cycle', async (t) => {
  const bus = fakeBus();
  const outcome = await acceptConvergeJob(acceptDeps(bus), jobEnvelope(job({ capacity: 3 })));
  t.deepEqual(outcome, { action: 'ack' });
  t.deepEqual(eventsOf(bus), [
    { event: 'accepted', jobType: 'converge-group' },
    {
      event: 'group-status',
      jobType: 'converge-group',
      tenantId: TENANT,
      groupId: 'group-1',
      status: 'CONVERGING',
      reasons: [],
    },
  ]);
  t.is(bus.published.length, 1);
  t.is(bus.published[0]?.queue, QUEUES.supervisorConverge);
  t.deepEqual(bus.published[0]?.options, {});
  t.deepEqual(ConvergeCyclePayloadSchema.parse(bus.published[0]?.envelope.payload), {
    job: ConvergeGroupJobSchema.parse(job({ capacity: 3 })),
    acceptedAt: new Date(NOW).toISOString(),
    loop: { cycle: 0, limitedRetries: 0, idleCycles: 0 },
    resume: false,
  });
});

test('an invalid converge-group job fails listing every problem and is dead-lettered', async (t) => {
  const bus = fakeBus();
  const invalid = {
    ...job(),
    tenantId: 'someone-else',
    desired: {
      capacity: 2.5,
      launchConfig: {
        server: { flavorRef: 'f', imageRef: 'i' },
        loadBalancers: [
          { loadBalancerId: 1, port: 80 },
          { loadBalancerId: 1, port: 80 },
        ],
      },
    },
  };
  const outcome = await acceptConvergeJob(acceptDeps(bus), jobEnvelope(invalid, 'bad id!'));
  t.is(outcome.action, 'dead-letter');
  t.is(bus.published.length, 0);
  t.deepEqual(eventsOf(bus), [
    {
      event: 'failed',
      jobType: 'converge-group',
      reasons: [
        'jobId: must be 1-100 letters, digits, "_" or "-"',
        'desired.capacity: Invalid input: expected int, received number',
        'desired.launchConfig.loadBalancers.1: duplicate load balancer',
      ],
    },
  ]);
});

test('a converge-group job for another tenant than its message is refused', async (t) => {
  const bus = fakeBus();
  await acceptConvergeJob(acceptDeps(bus), jobEnvelope({ ...job(), tenantId: '999' }));
  t.like(eventsOf(bus)[0], {
    event: 'failed',
    reasons: [`tenantId: the job's tenant "999" differs from the message's "${TENANT}"`],
  });
});

const parsedJob = (desired: Parameters<typeof job>[0] = {}) => ConvergeGroupJobSchema.parse(job(desired));

function reader(answers: Record<string, LbReadResultPayload>) {
  const reads: LbRead[] = [];
  return {
    reads,
    read: (read: LbRead) => {
      reads.push(read);
      const key = read.kind === 'rcv3-pool-nodes' ? `${read.kind}:${read.poolId}` : `${read.kind}:${read.lbId}`;
      const missing: LbReadResultPayload = { ok: false, error: { kind: 'APIError', message: 'nope', status: 404 } };
      return Promise.resolve(answers[key] ?? missing);
    },
  };
}

test('gathering follows Nova’s pages and keeps the group’s servers', async (t) => {
  const next = 'http://nova/v2/123/servers/detail?limit=2&marker=s2';
  const request = fakeRequest((r) =>
    r.query?.['marker'] === undefined
      ? {
          status: 200,
          body: {
            servers: [novaServer('s1'), novaServer('s2', { groupId: 'other' })],
            servers_links: [{ rel: 'next', href: next }],
          },
        }
      : { status: 200, body: { servers: [novaServer('s3', { status: 'BUILD' })] } },
  );
  const lb = reader({});
  const result = await gatherGroup(
    { request, lb, novaPageSize: 2, maxNovaPages: 10, correlationId: 'c' },
    parsedJob(),
    undefined,
  );
  t.deepEqual(
    request.calls.map((r) => r.query),
    [{ limit: 2 }, { limit: '2', marker: 's2' }],
  );
  t.true(result.ok);
  if (!result.ok) return;
  t.deepEqual(
    result.observed.servers.map((s) => [s.id, s.state]),
    [
      ['s1', 'ACTIVE'],
      ['s3', 'BUILD'],
    ],
  );
  t.deepEqual(lb.reads, []);
});

test('gathering reads the load balancers of the config, the metadata and the record; vanished servers become DELETED', async (t) => {
  const launchConfig = { server: { flavorRef: 'f', imageRef: 'i' }, loadBalancers: [{ loadBalancerId: 10, port: 80 }] };
  const servers = [novaServer('s1', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-m': '' } })];
  const record: GroupRecord = {
    jobId: 'old',
    acceptedAt: '2026-01-01T00:00:00.000Z',
    cycle: 4,
    servers: [
      ['s1', '10.0.0.1'],
      ['gone', '10.0.0.7'],
    ],
    lbs: { clb: ['77'], rcv3: [] },
  };
  const lb = reader({
    'clb-nodes:10': { ok: true, body: { nodes: [{ id: 1, address: '10.0.0.7', port: 80, status: 'ONLINE' }] } },
    'clb-health-monitor:10': { ok: true, body: { healthMonitor: {} } },
    'rcv3-pool-nodes:pool-m': { ok: true, body: [] },
  });
  const result = await gatherGroup(
    { request: fakeRequest(novaRoute(() => servers)), lb, novaPageSize: 100, maxNovaPages: 10, correlationId: 'c' },
    parsedJob({ launchConfig }),
    record,
  );
  t.deepEqual(lb.reads.map((r) => `${r.kind}:${r.kind === 'rcv3-pool-nodes' ? r.poolId : r.lbId}`).sort(), [
    'clb-health-monitor:10',
    'clb-health-monitor:77',
    'clb-nodes:10',
    'clb-nodes:77',
    'rcv3-pool-nodes:pool-m',
  ]);
  if (!result.ok) return t.fail(result.reason.text);
  t.deepEqual(
    result.observed.servers.map((s) => [s.id, s.state, s.servicenetAddress]),
    [
      ['s1', 'ACTIVE', '10.0.0.1'],
      ['gone', 'DELETED', '10.0.0.7'],
    ],
  );
  t.deepEqual(result.lbs, { clbs: ['10'], pools: ['pool-m'] }, 'CLB 77 no longer exists');
  t.deepEqual(
    result.observed.clbs.map((c) => c.lbId),
    ['10'],
  );
});

test('gathering fails as a whole when a load balancer cannot be read', async (t) => {
  const launchConfig = { server: { flavorRef: 'f', imageRef: 'i' }, loadBalancers: [{ loadBalancerId: 10, port: 80 }] };
  const lb = reader({
    'clb-nodes:10': { ok: false, error: { kind: 'RpcError', message: 'no answer' } },
    'clb-health-monitor:10': { ok: true, body: {} },
  });
  const result = await gatherGroup(
    { request: fakeRequest(novaRoute(() => [])), lb, novaPageSize: 100, maxNovaPages: 10, correlationId: 'c' },
    parsedJob({ launchConfig }),
    undefined,
  );
  t.like(result, {
    ok: false,
    fatal: false,
    reason: { text: 'reading the nodes of Cloud Load Balancer 10 failed: no answer' },
  });
});

test('gathering stops at maxNovaPages', async (t) => {
  const request = fakeRequest((r) => ({
    status: 200,
    body: {
      servers: [novaServer('s1')],
      servers_links: [{ rel: 'next', href: `http://n/?marker=m${String(r.query?.['marker'] ?? '')}x` }],
    },
  }));
  const result = await gatherGroup(
    { request, lb: reader({}), novaPageSize: 1, maxNovaPages: 3, correlationId: 'c' },
    parsedJob(),
    undefined,
  );
  t.like(result, { ok: false, fatal: false, reason: { text: 'Nova listed more than 3 pages' } });
  t.is(request.calls.length, 3);
});

test('executePlan performs every step and returns the results in plan order', async (t) => {
  const lbSteps: LbStep[] = [];
  const request = fakeRequest(novaRoute(() => []));
  const plan: Step[] = [
    { type: 'BulkAddToRCv3', pairs: [{ poolId: 'p', serverId: 's1' }] },
    { type: 'DeleteServer', serverId: 's9' },
    { type: 'ConvergeLater', reasons: [infoReason('wait')], limited: true },
    { type: 'FailConvergence', reasons: [userReason('broken')] },
  ];
  const results = await executePlan(plan, {
    request,
    lb: {
      step: (step) => {
        lbSteps.push(step);
        return Promise.resolve(appliedRegather('added'));
      },
    },
    tenantId: TENANT,
    correlationId: 'c',
    maxParallel: 2,
  });
  t.deepEqual(results, [
    appliedRegather('added'),
    appliedRegather('must re-gather after deletion in order to update the active cache'),
    stepResult('limited-retry', [infoReason('wait')], { done: true }),
    stepResult('failure', [userReason('broken')]),
  ]);
  t.deepEqual(lbSteps, [plan[0]]);
  t.deepEqual(
    request.calls.map((r) => `${r.method} ${r.path.join('/')}`),
    ['DELETE servers/s9'],
  );
});

test('executePlan turns an impossible Nova request into a result: no endpoint fails, other errors retry', async (t) => {
  const create: Step = { type: 'CreateServer', serverConfig: { server: { name: 'n', flavorRef: 'f' } } };
  const run = (error: AppError) =>
    executePlan([create], {
      request: fakeRequest(() => error),
      lb: { step: () => Promise.reject(new Error('unused')) },
      tenantId: TENANT,
      correlationId: 'c',
      maxParallel: 1,
    });
  const [missing] = await run(
    AppError.nonRetryable('endpoint', 'x', { details: { serviceName: 'cloudServersOpenStack' } }),
  );
  t.like(missing, { status: 'failure', reasons: [{ error: 'NoSuchEndpoint' }] });
  const [refused] = await run(AppError.nonRetryable('auth', 'tenant disabled'));
  t.like(refused, { status: 'retry', reasons: [{ text: 'CreateServer: auth: tenant disabled' }] });
});
