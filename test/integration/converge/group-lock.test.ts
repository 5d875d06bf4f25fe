import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import anyTest, { type TestFn } from 'ava';
import { connect } from 'amqplib';
import { AmqpGroupLock } from '../../../shared/amqp/amqp-group-lock.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { closeConnectionsNamed } from '../amqp/rabbitmqctl.js';
import { BASE_AMQP_URL } from '../supervisor/rabbit-vhost.js';

interface Ctx {
  readonly prefix: string;
  readonly locks: AmqpGroupLock[];
  lock(name?: string): AmqpGroupLock;
}

const test = anyTest as TestFn<Ctx>;
const KEY = { tenantId: '123456', groupId: 'group-a' };

test.beforeEach((t) => {
  const prefix = `it-lock-${randomBytes(5).toString('hex')}`;
  const locks: AmqpGroupLock[] = [];
  t.context = {
    prefix,
    locks,
    lock: (name) => {
      const lock = new AmqpGroupLock({
        url: BASE_AMQP_URL,
        prefix,
        logger: createSilentLogger(),
        connectionName: name ?? `${prefix}-${locks.length}`,
        recordTtlMs: 60_000,
      });
      locks.push(lock);
      return lock;
    },
  };
});

test.afterEach.always(async (t) => {
  await Promise.all(t.context.locks.map((lock) => lock.close()));
  const connection = await connect(BASE_AMQP_URL);
  const channel = await connection.createChannel();
  for (const name of [`${t.context.prefix}.group.${KEY.tenantId}.${KEY.groupId}`]) await channel.deleteQueue(name);
  await channel.deleteExchange(`${t.context.prefix}.group-records`);
  await connection.close();
});

test('a group lock held by one connection is refused to another until released', async (t) => {
  const a = t.context.lock();
  const b = t.context.lock();
  const lease = await a.tryAcquire(KEY);
  t.truthy(lease);
  t.is(await b.tryAcquire(KEY), undefined);
  t.is(await b.tryAcquire(KEY), undefined, 'a refused try leaves the lock usable');
  await lease?.release();
  const second = await b.tryAcquire(KEY);
  t.truthy(second);
  t.is(await a.tryAcquire(KEY), undefined);
  await second?.release();
});

test('one process cannot take a group lock it already holds, but other groups are independent', async (t) => {
  const a = t.context.lock();
  const lease = await a.tryAcquire(KEY);
  t.truthy(lease);
  t.is(await a.tryAcquire(KEY), undefined);
  const other = await a.tryAcquire({ ...KEY, groupId: 'group-b' });
  t.truthy(other);
  await Promise.all([lease?.release(), other?.release()]);
});

test('concurrent tries for one group from two processes grant exactly one lease', async (t) => {
  const locks = [t.context.lock(), t.context.lock(), t.context.lock()];
  const tries = await Promise.all(locks.flatMap((lock) => [lock.tryAcquire(KEY), lock.tryAcquire(KEY)]));
  t.is(tries.filter((lease) => lease !== undefined).length, 1);
  await Promise.all(tries.flatMap((lease) => (lease === undefined ? [] : [lease.release()])));
});

test('the group record is read back unchanged and replaced by the next write', async (t) => {
  const a = t.context.lock();
  const b = t.context.lock();
  const lease = await a.tryAcquire(KEY);
  t.is(await lease?.readRecord(), undefined);
  await lease?.writeRecord({ jobId: 'j1', cycle: 1 });
  t.deepEqual(await lease?.readRecord(), { jobId: 'j1', cycle: 1 });
  t.deepEqual(await lease?.readRecord(), { jobId: 'j1', cycle: 1 }, 'reading does not consume the record');
  await lease?.release();
  const next = await b.tryAcquire(KEY);
  t.deepEqual(await next?.readRecord(), { jobId: 'j1', cycle: 1 });
  await next?.writeRecord({ jobId: 'j2', cycle: 0 });
  await next?.writeRecord({ jobId: 'j2', cycle: 1 });
  t.deepEqual(await next?.readRecord(), { jobId: 'j2', cycle: 1 });
  await next?.release();
  await t.throwsAsync(() => next?.writeRecord({}) ?? Promise.resolve(), { message: /not held/ });
});

test('a holder whose connection dies loses the lock: its signal aborts and another process gets it', async (t) => {
  const name = `${t.context.prefix}-doomed`;
  const a = t.context.lock(name);
  const b = t.context.lock();
  const lease = await a.tryAcquire(KEY);
  t.truthy(lease);
  t.is(await b.tryAcquire(KEY), undefined);
  t.is(await closeConnectionsNamed([name]), 1);
  for (let i = 0; i < 100 && lease?.signal.aborted !== true; i++) await sleep(20);
  t.true(lease?.signal.aborted);
  t.truthy(await b.tryAcquire(KEY), 'the broker dropped the exclusive queue with the connection');
  await lease?.release();
  t.truthy(await a.tryAcquire({ ...KEY, groupId: 'group-c' }), 'the lock reconnects for new tries');
});
