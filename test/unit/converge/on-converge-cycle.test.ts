import test from 'ava';
import { createConvergeCycleHandler } from '../../../services/supervisor/src/converge/on-converge-cycle.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { ConvergeCyclePayloadSchema, type GroupRecord } from '../../../shared/messages/converge-messages.js';
import { LB_MESSAGE_TYPES } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { appliedRegather } from '../../../shared/steps/step-result.js';
import {
  ACCEPTED_AT,
  FAST_CONFIG,
  GROUP,
  TENANT,
  convergeDeps,
  cycleEnvelope,
  cyclePayload,
  delivery,
  eventsOf,
  fakeBus,
  fakeRequest,
  job,
  novaRoute,
  novaServer,
} from './fakes.js';

const KEY = { tenantId: TENANT, groupId: GROUP };

function record(jobId: string, acceptedAt: string, cycle: number): GroupRecord {
  return { jobId, acceptedAt, cycle, servers: [], lbs: { clb: [], rcv3: [] } };
}

async function withRecord(lock: ReturnType<typeof convergeDeps>['lock'], value: GroupRecord): Promise<void> {
  const lease = await lock.tryAcquire(KEY);
  await lease?.writeRecord(value);
  await lease?.release();
}

test('a cycle of an empty group creates its servers, claims the group and schedules the next cycle', async (t) => {
  const bus = fakeBus();
  const request = fakeRequest(novaRoute(() => []));
  const deps = convergeDeps({ bus, request });
  const outcome = await createConvergeCycleHandler(deps)(
    cycleEnvelope(cyclePayload({ job: job({ capacity: 2 }) })),
    delivery(),
  );
  t.deepEqual(outcome, { action: 'ack' });
  t.deepEqual(
    request.calls.map((r) => `${r.method} ${r.path.join('/')}`),
    ['GET servers/detail', 'POST servers', 'POST servers'],
  );
  t.deepEqual(request.calls[0]?.query, { limit: FAST_CONFIG.novaPageSize });
  t.is(bus.published.length, 1);
  const next = bus.published[0];
  t.is(next?.queue, QUEUES.supervisorConverge);
  t.deepEqual(next?.options, { delayMs: FAST_CONFIG.loop.initialDelayMs });
  t.is(next?.envelope.jobId, 'job-1');
  t.deepEqual(ConvergeCyclePayloadSchema.parse(next?.envelope.payload).loop, {
    cycle: 1,
    limitedRetries: 0,
    idleCycles: 0,
  });
  t.deepEqual(
    eventsOf(bus).map((e) => e.event),
    ['cycle', 'step-finished'],
  );
  t.like(deps.lock.recordOf(KEY), { jobId: 'job-1', acceptedAt: ACCEPTED_AT, cycle: 0, servers: [] });
});

test('a group that matches its desired state ends the job: group ACTIVE and succeeded', async (t) => {
  const bus = fakeBus();
  const deps = convergeDeps({
    bus,
    request: fakeRequest(novaRoute(() => [novaServer('s1'), novaServer('x9', { groupId: 'other' })])),
  });
  await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery());
  t.is(bus.published.length, 0);
  const events = eventsOf(bus);
  t.deepEqual(
    events.map((e) => e.event),
    ['cycle', 'step-finished', 'group-status', 'succeeded'],
  );
  t.like(events[3], { result: { groupStatus: 'ACTIVE', servers: ['s1'], cycles: 1 } });
  t.like(deps.lock.recordOf(KEY), { servers: [['s1', '10.0.0.1']] });
});

test('a cycle that finds its group locked is sent again after lockRetryMs, doing nothing', async (t) => {
  const bus = fakeBus();
  const request = fakeRequest(novaRoute(() => []));
  const deps = convergeDeps({ bus, request });
  const held = await deps.lock.tryAcquire(KEY);
  const outcome = await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery());
  t.deepEqual(outcome, {
    action: 'retry',
    delayMs: FAST_CONFIG.lockRetryMs,
    reason: 'group locked by another convergence',
  });
  t.is(request.calls.length, 0);
  t.is(bus.events.length, 0);
  await held?.release();
});

test('a cycle locked out maxLockWaits times in a row ends the job', async (t) => {
  const bus = fakeBus();
  const deps = convergeDeps({ bus, request: fakeRequest(novaRoute(() => [])) });
  const held = await deps.lock.tryAcquire(KEY);
  const envelope = cycleEnvelope(cyclePayload(), { attempt: FAST_CONFIG.maxLockWaits - 1 });
  t.deepEqual(await createConvergeCycleHandler(deps)(envelope, delivery()), { action: 'ack' });
  t.like(eventsOf(bus)[0], {
    event: 'failed',
    reasons: [`Timed out: another convergence of this group held it through ${FAST_CONFIG.maxLockWaits} tries`],
  });
  await held?.release();
});

test('a job superseded by a newer job of the group ends with failed, without acting', async (t) => {
  const bus = fakeBus();
  const request = fakeRequest(novaRoute(() => []));
  const deps = convergeDeps({ bus, request });
  await withRecord(deps.lock, record('job-2', '2026-03-01T11:59:30.000Z', 0));
  t.deepEqual(await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery()), { action: 'ack' });
  t.is(request.calls.length, 0);
  t.deepEqual(eventsOf(bus), [
    {
      event: 'failed',
      jobType: 'converge-group',
      reasons: ['Superseded by converge-group job job-2, accepted later for the same group'],
      result: { superseded: true, supersededBy: 'job-2' },
    },
  ]);
  t.like(deps.lock.recordOf(KEY), { jobId: 'job-2' }, 'the newer job’s claim stands');
});

test('a duplicate of a cycle that already ran is dropped silently; a redelivered one runs again', async (t) => {
  const bus = fakeBus();
  const request = fakeRequest(novaRoute(() => []));
  const deps = convergeDeps({ bus, request });
  await withRecord(deps.lock, record('job-1', ACCEPTED_AT, 0));
  const handler = createConvergeCycleHandler(deps);
  t.deepEqual(await handler(cycleEnvelope(cyclePayload()), delivery(false)), { action: 'ack' });
  t.is(request.calls.length, 0);
  t.is(bus.events.length + bus.published.length, 0);
  await handler(cycleEnvelope(cyclePayload()), delivery(true));
  t.true(request.calls.length > 0);
  t.is(bus.published.length, 1);
});

test('a failed server listing makes the cycle a retry with backoff', async (t) => {
  const bus = fakeBus();
  const deps = convergeDeps({ bus, request: fakeRequest(() => ({ status: 503, body: 'busy' })) });
  await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery());
  const [cycle] = eventsOf(bus);
  t.like(cycle, { event: 'cycle', worst: 'retry', reasons: ['listing servers failed: Nova answered 503'] });
  t.deepEqual(bus.published[0]?.options, {
    delayMs: FAST_CONFIG.loop.initialDelayMs * FAST_CONFIG.loop.backoffMultiplier,
  });
  t.like(ConvergeCyclePayloadSchema.parse(bus.published[0]?.envelope.payload).loop, { cycle: 1, idleCycles: 1 });
});

test('a tenant without a Nova endpoint puts the group in ERROR with the user-facing reason', async (t) => {
  const bus = fakeBus();
  const missing = AppError.nonRetryable('endpoint', 'no endpoint', {
    details: { serviceName: 'cloudServersOpenStack' },
  });
  const deps = convergeDeps({ bus, request: fakeRequest(() => missing) });
  await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery());
  const reasons = [
    'Could not locate service cloudServersOpenStack in the service catalog. Please check if your account is still active.',
  ];
  t.deepEqual(eventsOf(bus).slice(2), [
    { event: 'group-status', jobType: 'converge-group', tenantId: TENANT, groupId: GROUP, status: 'ERROR', reasons },
    {
      event: 'failed',
      jobType: 'converge-group',
      reasons,
      result: { groupStatus: 'ERROR', tenantId: TENANT, groupId: GROUP, cycles: 1 },
    },
  ]);
  t.is(bus.published.length, 0);
});

test('load-balancer reads and steps go to the load-balancer service as RPC', async (t) => {
  const bus = fakeBus((request) => {
    const payload = request.payload as { read?: { kind: string }; step?: { type: string } };
    if (request.type === LB_MESSAGE_TYPES.read)
      return { type: LB_MESSAGE_TYPES.readResult, payload: { ok: true, body: [] } };
    return {
      type: LB_MESSAGE_TYPES.stepResult,
      payload: { result: appliedRegather(`did ${payload.step?.type ?? '?'}`) },
    };
  });
  const launchConfig = {
    server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img-1' },
    loadBalancers: [{ type: 'RackConnectV3' as const, loadBalancerId: 'pool-a' }],
  };
  const servers = [novaServer('s1', { metadata: { 'rax:autoscale:lb:RackConnectV3:pool-a': '' } })];
  const deps = convergeDeps({ bus, request: fakeRequest(novaRoute(() => servers)) });
  await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload({ job: job({ launchConfig }) })), delivery());
  t.deepEqual(
    bus.calls.map((c) => [c.type, c.jobId, c.tenantId]),
    [
      [LB_MESSAGE_TYPES.read, 'job-1', TENANT],
      [LB_MESSAGE_TYPES.step, 'job-1', TENANT],
    ],
  );
  t.deepEqual(bus.calls[1]?.payload, {
    step: { type: 'BulkAddToRCv3', pairs: [{ poolId: 'pool-a', serverId: 's1' }] },
  });
  t.like(eventsOf(bus)[0], { event: 'cycle', steps: [{ type: 'BulkAddToRCv3', status: 'retry' }] });
});

test('a cycle that loses its lock before acting is sent again as resumed, without acting', async (t) => {
  const bus = fakeBus();
  const nova = novaRoute(() => []);
  const lose: { lock?: ReturnType<typeof convergeDeps>['lock'] } = {};
  const request = fakeRequest((r) => {
    lose.lock?.loseAll();
    return nova(r);
  });
  const deps = convergeDeps({ bus, request });
  lose.lock = deps.lock;
  t.deepEqual(await createConvergeCycleHandler(deps)(cycleEnvelope(cyclePayload()), delivery()), { action: 'ack' });
  t.deepEqual(
    request.calls.map((r) => r.method),
    ['GET'],
  );
  t.is(bus.events.length, 0);
  t.deepEqual(bus.published[0]?.options, { delayMs: FAST_CONFIG.lockRetryMs });
  t.deepEqual(ConvergeCyclePayloadSchema.parse(bus.published[0]?.envelope.payload), {
    ...cyclePayload(),
    resume: true,
  });
});

test('an invalid cycle message is dead-lettered and ends its job', async (t) => {
  const bus = fakeBus();
  const deps = convergeDeps({ bus, request: fakeRequest(novaRoute(() => [])) });
  const envelope = { ...cycleEnvelope(cyclePayload()), payload: { job: {} } };
  const outcome = await createConvergeCycleHandler(deps)(envelope, delivery());
  t.is(outcome.action, 'dead-letter');
  t.like(eventsOf(bus)[0], { event: 'failed', reasons: ['Internal error: invalid convergence cycle message'] });
});
