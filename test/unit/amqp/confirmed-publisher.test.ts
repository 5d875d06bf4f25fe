import anyTest, { type TestFn } from 'ava';
import { ConfirmedPublisher } from '../../../shared/amqp/confirmed-publisher.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { FakeChannelModel, type FakeConfirmChannel } from '../../fakes/fake-confirm-channel.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

const test = anyTest as TestFn<{ publisher: ConfirmedPublisher; model: FakeChannelModel }>;

const properties = { persistent: true, mandatory: true, messageId: 'm-1' };

test.beforeEach(async (t) => {
  const publisher = new ConfirmedPublisher({ confirmTimeoutMs: 10_000, maxInFlight: 2, logger: new RecordingLogger() });
  const model = new FakeChannelModel();
  await publisher.attach(model.asChannelModel());
  t.context = { publisher, model };
});

function channel(model: FakeChannelModel, index = 0): FakeConfirmChannel {
  const found = model.channels[index];
  if (found === undefined) throw new Error(`no channel ${index}`);
  return found;
}

function failure(error: unknown): unknown {
  return AppError.is(error) ? [error.kind, error.details['failure']] : error;
}

test('publish resolves once the broker confirms', async (t) => {
  const { publisher, model } = t.context;
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  (await channel(model).published(0)).confirm();
  await publishing;
  t.deepEqual(
    channel(model).publishes.map((p) => [p.exchange, p.routingKey, p.content.toString()]),
    [['ex', 'rk', 'a']],
  );
});

test('publish rejects as unroutable when the message came back before its confirm', async (t) => {
  const { publisher, model } = t.context;
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  const sent = await channel(model).published(0);
  channel(model).returnMessage(sent);
  sent.confirm();
  const error = await t.throwsAsync(publishing);
  t.deepEqual(failure(error), ['internal', 'unroutable']);
});

test('publish rejects a nack without retrying it', async (t) => {
  const { publisher, model } = t.context;
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  (await channel(model).published(0)).confirm(new Error('message nacked'));
  t.deepEqual(failure(await t.throwsAsync(publishing)), ['unavailable', 'nacked']);
  t.is(channel(model).publishes.length, 1);
});

test('a publish cut off by a closed channel is republished once on the next connection', async (t) => {
  const { publisher, model } = t.context;
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  await channel(model).published(0);
  await channel(model).close();
  publisher.detach();
  const next = new FakeChannelModel();
  await publisher.attach(next.asChannelModel());
  (await channel(next).published(0)).confirm();
  await publishing;
  t.is(channel(next).publishes.length, 1);
});

test('a publish cut off twice is rejected: the retry happens only once', async (t) => {
  const { publisher, model } = t.context;
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  await channel(model).published(0);
  await channel(model).close();
  const next = new FakeChannelModel();
  await publisher.attach(next.asChannelModel());
  await channel(next).published(0);
  await channel(next).close();
  t.deepEqual(failure(await t.throwsAsync(publishing)), ['unavailable', 'channel-closed']);
});

test('a publish the broker never confirms rejects with a timeout', async (t) => {
  const publisher = new ConfirmedPublisher({ confirmTimeoutMs: 30, maxInFlight: 2, logger: new RecordingLogger() });
  await publisher.attach(new FakeChannelModel().asChannelModel());
  t.deepEqual(failure(await t.throwsAsync(publisher.publish('ex', 'rk', Buffer.from('a'), properties))), [
    'timeout',
    'confirm-timeout',
  ]);
});

test('publishes beyond maxInFlight wait for a confirm to free a slot', async (t) => {
  const { publisher, model } = t.context;
  const all = [1, 2, 3].map((n) => publisher.publish('ex', 'rk', Buffer.from(String(n)), properties));
  await channel(model).published(1);
  // Let every pending callback run (the fake channel is in-process): a third publish would show up by now.
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  t.is(channel(model).publishes.length, 2);
  (await channel(model).published(0)).confirm();
  await channel(model).published(2);
  t.deepEqual(
    channel(model).publishes.map((p) => p.content.toString()),
    ['1', '2', '3'],
  );
  channel(model).publishes.forEach((p) => p.confirm());
  await Promise.all(all);
});

test('while disconnected a publish waits for the next connection', async (t) => {
  const { publisher, model } = t.context;
  publisher.detach();
  await channel(model).close();
  const publishing = publisher.publish('ex', 'rk', Buffer.from('a'), properties);
  t.false(publisher.ready);
  const next = new FakeChannelModel();
  await publisher.attach(next.asChannelModel());
  (await channel(next).published(0)).confirm();
  await publishing;
  t.is(channel(model).publishes.length, 0);
});

test('a closed publisher refuses new publishes', async (t) => {
  const { publisher } = t.context;
  await publisher.close();
  t.deepEqual(failure(await t.throwsAsync(publisher.publish('ex', 'rk', Buffer.from('a'), properties))), [
    'unavailable',
    'closed',
  ]);
});
