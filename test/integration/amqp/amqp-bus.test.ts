import { randomUUID } from 'node:crypto';
import test from 'ava';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { buildChildEnvelope, buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { registerBusContract } from '../../contract/bus-contract.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { createAmqpHarness } from './amqp-harness.js';
import { closeConnectionsNamed, queuesStartingWith } from './rabbitmqctl.js';

registerBusContract('amqp bus', () => createAmqpHarness());

function envelope(): Envelope {
  return buildEnvelope(
    { type: 'test.step', tenantId: 't', jobId: `job-${randomUUID()}`, payload: {} },
    randomUUID(),
    new Date(),
  );
}

test.serial(
  'amqp bus: reports not ready while the broker has closed its connections, then resumes consuming',
  async (t) => {
    const changes: boolean[] = [];
    let onChange: () => void = () => undefined;
    const harness = await createAmqpHarness({
      observer: {
        connectionChanged: (connected) => {
          changes.push(connected);
          onChange();
        },
      },
    });
    t.teardown(() => harness.dispose());
    const { bus } = harness;
    const when = (condition: () => boolean): Promise<void> =>
      condition() ? Promise.resolve() : new Promise((resolve) => (onChange = () => condition() && resolve()));
    const received: string[] = [];
    let gotSecond: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (gotSecond = resolve));
    await bus.consume(
      QUEUES.lbSteps,
      (message) => {
        received.push(message.id);
        if (received.length === 2) gotSecond();
        return Promise.resolve({ action: 'ack' });
      },
      { prefetch: 10 },
    );
    const first = envelope();
    await bus.publish(QUEUES.lbSteps, first);
    t.true(bus.isReady());
    t.deepEqual(changes, [true]);

    const down = when(() => !bus.isReady());
    const closing = closeConnectionsNamed(bus.connectionNames);
    await down;
    t.false(bus.isReady());
    t.is(await closing, 2);
    await when(() => bus.isReady());
    const after = envelope();
    await bus.publish(QUEUES.lbSteps, after);
    await second;
    t.true(bus.isReady());
    t.deepEqual(received, [first.id, after.id]);
    t.is(changes[1], false);
    t.is(changes.at(-1), true);
    t.is(harness.logger.messages('warn').filter((message) => message === 'connection-lost').length, 2);
  },
);

test.serial('amqp bus: a publish no queue is bound for rejects as unroutable', async (t) => {
  const harness = await createAmqpHarness();
  t.teardown(() => harness.dispose());
  const physical = harness.topology.workQueues.find((names) => names.logical === QUEUES.supervisorJobs)?.queue ?? '';
  await harness.admin.deleteQueue(physical);
  const error = await t.throwsAsync(harness.bus.publish(QUEUES.supervisorJobs, envelope()));
  t.true(AppError.isKind(error, 'internal'));
  t.is(AppError.is(error) ? error.details['failure'] : undefined, 'unroutable');
  await harness.bus.publish(QUEUES.lbSteps, envelope()); // the channel survived the return
});

test.serial('amqp bus: start names AMQP_URL, without credentials, when no broker answers', async (t) => {
  const bus = new AmqpBus({
    url: 'amqp://kelp:hunter2@127.0.0.1:1',
    logger: new RecordingLogger(),
    prefix: `test-${randomUUID().slice(0, 8)}`,
    startRetries: 0,
  });
  const error = await t.throwsAsync(bus.start());
  t.true(AppError.isKind(error, 'unavailable'));
  t.is(error?.message, 'cannot connect to the broker at amqp://127.0.0.1:1 (AMQP_URL)');
  await bus.close(0);
});

test.serial(
  'amqp bus: RPC replies come back on one reply queue per process, declared at the first call and again after a reconnect',
  async (t) => {
    const harness = await createAmqpHarness();
    t.teardown(() => harness.dispose());
    const { bus, topology } = harness;
    await bus.consume(
      QUEUES.authRpc,
      async (request, ctx) => {
        const answer = buildChildEnvelope(request, { type: 'test.pong', payload: {} }, randomUUID(), new Date());
        await ctx.reply(answer);
        return { action: 'ack' };
      },
      { prefetch: 10 },
    );
    const replyQueues = (): Promise<string[]> => queuesStartingWith(`${topology.replyQueuePrefix}.`);
    t.deepEqual(await replyQueues(), [], 'no reply queue before the first call');

    const first = await bus.call(QUEUES.authRpc, envelope(), { timeoutMs: 5_000 });
    t.is(first.type, 'test.pong');
    const before = await replyQueues();
    t.is(before.length, 1);

    t.is(await closeConnectionsNamed(bus.connectionNames), 2);
    const again = await bus.call(QUEUES.authRpc, envelope(), { timeoutMs: 10_000 });
    t.is(again.type, 'test.pong');
    t.deepEqual(await replyQueues(), before, 'the same name, re-declared on the new connection');
  },
);

test.serial(
  'amqp bus: when another connection holds its reply queue name after a reconnect, RPC moves to a new name',
  async (t) => {
    // A slow first reconnect (1.5 s, amqplib's jitter at most 20%) leaves a window of over a second to take
    // the name before the bus re-declares it; the window is the bus's own backoff, not a sleep.
    const harness = await createAmqpHarness({ reconnectInitialDelayMs: 1_500 });
    t.teardown(() => harness.dispose());
    const { bus, topology, admin } = harness;
    await bus.consume(
      QUEUES.authRpc,
      async (request, ctx) => {
        await ctx.reply(buildChildEnvelope(request, { type: 'test.pong', payload: {} }, randomUUID(), new Date()));
        return { action: 'ack' };
      },
      { prefetch: 10 },
    );
    const replyQueues = (): Promise<string[]> => queuesStartingWith(`${topology.replyQueuePrefix}.`);
    t.is((await bus.call(QUEUES.authRpc, envelope(), { timeoutMs: 5_000 })).type, 'test.pong');
    const [first] = await replyQueues();
    t.truthy(first);

    t.is(await closeConnectionsNamed(bus.connectionNames), 2);
    await admin.assertQueue(first ?? '', { exclusive: true, autoDelete: true, durable: false });
    const again = await bus.call(QUEUES.authRpc, envelope(), { timeoutMs: 15_000 });
    t.is(again.type, 'test.pong');
    const now = await replyQueues();
    t.is(now.length, 2, "the name the admin holds, and the bus's new one");
    t.true(now.includes(first ?? ''));
  },
);
