import test from 'ava';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import { AppError } from '../../../shared/errors/app-error.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { FakeProducerBus, scriptedSupervisor } from './fake-producer-bus.js';

const LAUNCH = {
  tenantId: 't1',
  groupId: 'g1',
  launchConfig: { server: { flavorRef: 'f', imageRef: 'i' }, loadBalancers: [] },
};
const ids = (): (() => string) => {
  let n = 0;
  return () => `id-${++n}`;
};

test('submit publishes the job to the supervisor job queue and resolves with its id', async (t) => {
  const bus = new FakeProducerBus();
  const client = new KelpClient({ bus, newId: ids(), clock: () => new Date(0) });
  const jobId = await client.submit({ type: 'launch-server', job: LAUNCH });
  t.is(jobId, 'id-1');
  t.deepEqual(bus.published, [
    {
      queue: 'kelp.supervisor.jobs',
      options: {},
      envelope: {
        id: 'id-2',
        type: 'job.launch-server',
        version: 1,
        tenantId: 't1',
        jobId: 'id-1',
        correlationId: 'id-1',
        causationId: null,
        attempt: 0,
        createdAt: '1970-01-01T00:00:00.000Z',
        payload: LAUNCH,
      },
    },
  ]);
});

test('submit refuses an invalid job, listing every problem, and publishes nothing', async (t) => {
  const bus = new FakeProducerBus();
  const client = new KelpClient({ bus });
  const error = await t.throwsAsync(
    client.submit({ type: 'delete-server', jobId: 'a.b', job: { tenantId: 't1', groupId: '', serverId: 's' } }),
  );
  t.true(AppError.isKind(error, 'decode'));
  t.deepEqual((error as AppError).details['problems'], [
    'jobId: must be 1-100 letters, digits, "_" or "-"',
    'groupId: Too small: expected string to have >=1 characters',
  ]);
  t.deepEqual(bus.published, []);
});

test('submitAndWait subscribes before submitting and resolves with the outcome, passing every event', async (t) => {
  const bus = new FakeProducerBus();
  scriptedSupervisor(bus, () => [
    { event: 'accepted', jobType: 'launch-server' },
    { event: 'succeeded', jobType: 'launch-server', result: { serverId: 's1' } },
    { event: 'failed', jobType: 'launch-server', reasons: ['a late duplicate is ignored'] },
  ]);
  const client = new KelpClient({ bus, newId: ids() });
  const seen: JobEventPayload['event'][] = [];
  const outcome = await client.submitAndWait(
    { type: 'launch-server', job: LAUNCH },
    { timeoutMs: 5000, onEvent: (e) => seen.push(e.event) },
  );
  t.deepEqual(outcome, {
    jobId: 'id-1',
    jobType: 'launch-server',
    status: 'succeeded',
    result: { serverId: 's1' },
    reasons: [],
  });
  t.deepEqual(seen, ['accepted', 'succeeded']);
  t.deepEqual(bus.log, ['subscribe job.id-1.#', 'publish kelp.supervisor.jobs', 'close job.id-1.#']);
});

test('a failed job resolves with its reasons and what it left behind', async (t) => {
  const bus = new FakeProducerBus();
  scriptedSupervisor(bus, () => [
    {
      event: 'failed',
      jobType: 'delete-server',
      reasons: ['LB refused', 'Server s1 was kept'],
      result: { serverId: 's1' },
    },
  ]);
  const client = new KelpClient({ bus });
  const outcome = await client.submitAndWait(
    { type: 'delete-server', job: { tenantId: 't1', groupId: 'g', serverId: 's1' } },
    { timeoutMs: 5000 },
  );
  t.like(outcome, { status: 'failed', reasons: ['LB refused', 'Server s1 was kept'], result: { serverId: 's1' } });
});

test('waiting gives up with a timeout error and closes the subscription', async (t) => {
  const bus = new FakeProducerBus();
  const client = new KelpClient({ bus });
  const error = await t.throwsAsync(client.waitForOutcome('quiet-job', { timeoutMs: 20 }));
  t.true(AppError.isKind(error, 'timeout'));
  t.is(bus.open, 0);
});

test('follow passes only valid events of its own job', async (t) => {
  const bus = new FakeProducerBus();
  const client = new KelpClient({ bus });
  const seen: string[] = [];
  const subscription = await client.follow('j1', (event) => seen.push(event.event));
  bus.emit('j1', { event: 'accepted', jobType: 'launch-server' });
  bus.emit('j1', { event: 'exploded' });
  bus.emit('j2', { event: 'accepted', jobType: 'launch-server' });
  await subscription.close();
  t.deepEqual(seen, ['accepted']);
});

test('a submit that cannot be published closes the subscription it opened', async (t) => {
  const bus = new FakeProducerBus();
  bus.publish = () => Promise.reject(new AppError('unavailable', 'broker gone'));
  const client = new KelpClient({ bus });
  await t.throwsAsync(client.submitAndWait({ type: 'launch-server', job: LAUNCH }, { timeoutMs: 5000 }), {
    message: 'broker gone',
  });
  t.is(bus.open, 0);
});
