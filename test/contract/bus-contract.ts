import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { AppError } from '../../shared/errors/app-error.js';
import type { Bus, HandlerOutcome } from '../../shared/amqp/bus.js';
import { buildChildEnvelope, buildEnvelope, type Envelope } from '../../shared/messages/envelope.js';
import { QUEUES, type WorkQueue } from '../../shared/messages/routing.js';

/** What the contract suite needs from one bus implementation and its broker. */
export interface BusHarness {
  readonly bus: Bus;
  /** `x-delivery-limit` the harness configured. */
  readonly deliveryLimit: number;
  /** Body size limit the harness configured. */
  readonly maxMessageBytes: number;
  /** Another started client of the same broker and topology (think: a second process). */
  readonly peer: () => Promise<Bus>;
  /** Ends a bus as if its process died: nothing is acked or nacked any more. */
  readonly kill: (bus: Bus) => Promise<void>;
  /** Puts arbitrary bytes on a work queue, bypassing the bus's encoding. */
  readonly publishRaw: (queue: WorkQueue, body: Buffer) => Promise<void>;
  /** The next message that lands in the queue's DLQ, with the reason the DLQ records. */
  readonly nextDeadLetter: (queue: WorkQueue) => Promise<{ readonly reason: string; readonly body: Buffer }>;
  /** Drops the main bus's broker connection(s) without telling the bus. */
  readonly dropConnection: () => Promise<void>;
  /** The time the bus runs on: a fake clock for the in-process bus, the wall clock for RabbitMQ. */
  readonly clock: { readonly now: () => number; readonly advance: (ms: number) => Promise<void> };
  readonly dispose: () => Promise<void>;
}

export type HarnessFactory = () => Promise<BusHarness>;

const test = anyTest as TestFn<{ harness: BusHarness }>;
const QUEUE = QUEUES.lbSteps;
const RPC_QUEUE = QUEUES.authRpc;

function envelope(type = 'test.step', payload: unknown = { n: 1 }): Envelope {
  return buildEnvelope({ type, tenantId: 'tenant-1', jobId: `job-${randomUUID()}`, payload }, randomUUID(), new Date());
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const never = (): Promise<HandlerOutcome> => new Promise<HandlerOutcome>(() => undefined);
const ack = (): Promise<HandlerOutcome> => Promise.resolve({ action: 'ack' });

/** Registers the bus contract as serial ava tests, one fresh harness per test. */
export function registerBusContract(name: string, createHarness: HarnessFactory): void {
  test.beforeEach(async (t) => {
    t.context.harness = await createHarness();
  });
  test.afterEach.always(async (t) => {
    await t.context.harness?.dispose();
  });

  test.serial(`${name}: a published envelope is consumed unchanged`, async (t) => {
    const { bus } = t.context.harness;
    const sent = envelope('test.publish', { nested: { list: [1, 2, 3] } });
    const got = deferred<{ envelope: Envelope; redelivered: boolean; deliveryCount: number }>();
    await bus.consume(
      QUEUE,
      async (received, ctx) => {
        got.resolve({ envelope: received, redelivered: ctx.redelivered, deliveryCount: ctx.deliveryCount });
        return ack();
      },
      { prefetch: 10 },
    );
    await bus.publish(QUEUE, sent);
    t.deepEqual(await got.promise, { envelope: sent, redelivered: false, deliveryCount: 0 });
  });

  test.serial(`${name}: a message held by a consumer that dies is redelivered to another`, async (t) => {
    const { bus, peer, kill } = t.context.harness;
    const doomed = await peer();
    const firstSeen = deferred<string>();
    await doomed.consume(QUEUE, (received) => (firstSeen.resolve(received.id), never()), { prefetch: 1 });
    const sent = envelope();
    await bus.publish(QUEUE, sent);
    t.is(await firstSeen.promise, sent.id);
    await kill(doomed);
    const again = deferred<{ id: string; redelivered: boolean }>();
    await bus.consume(
      QUEUE,
      async (received, ctx) => (again.resolve({ id: received.id, redelivered: ctx.redelivered }), ack()),
      {
        prefetch: 1,
      },
    );
    t.deepEqual(await again.promise, { id: sent.id, redelivered: true });
  });

  test.serial(`${name}: stopping a consumer requeues a delivery whose handler outlives the deadline`, async (t) => {
    const { bus, clock } = t.context.harness;
    const firstSeen = deferred<void>();
    const slow = await bus.consume(QUEUE, () => (firstSeen.resolve(), never()), { prefetch: 1 });
    await bus.publish(QUEUE, envelope());
    await firstSeen.promise;
    const stopping = slow.stop(50);
    await clock.advance(50);
    await stopping;
    const again = deferred<boolean>();
    await bus.consume(QUEUE, async (_received, ctx) => (again.resolve(ctx.redelivered), ack()), { prefetch: 1 });
    t.true(await again.promise);
  });

  test.serial(`${name}: a delayed retry arrives as attempt + 1 after its delay and not before`, async (t) => {
    const { bus, clock } = t.context.harness;
    const delayMs = 500;
    let retriedAt = 0;
    let copies = 0;
    const first = deferred<void>();
    const second = deferred<{ envelope: Envelope; at: number }>();
    await bus.consume(
      QUEUE,
      async (received): Promise<HandlerOutcome> => {
        if (received.attempt === 0) {
          retriedAt = clock.now();
          first.resolve();
          return { action: 'retry', delayMs, reason: 'not yet' };
        }
        copies += 1;
        second.resolve({ envelope: received, at: clock.now() });
        return ack();
      },
      { prefetch: 10 },
    );
    const sent = envelope();
    await bus.publish(QUEUE, sent);
    await first.promise;
    let arrived = false;
    void second.promise.then(() => (arrived = true));
    await clock.advance(delayMs - 100);
    t.false(arrived, 'the retry arrived before its delay');
    await clock.advance(100);
    const { envelope: copy, at } = await second.promise;
    t.deepEqual(copy, { ...sent, attempt: 1 });
    t.true(at - retriedAt >= delayMs, `arrived after ${at - retriedAt} ms`);
    await clock.advance(1_000); // past the longest tier the harnesses configure
    t.is(copies, 1, 'the retry went through exactly one delay tier');
  });

  test.serial(`${name}: a message failing past the delivery limit lands in the DLQ as delivery_limit`, async (t) => {
    const { bus, deliveryLimit, nextDeadLetter } = t.context.harness;
    let deliveries = 0;
    await bus.consume(
      QUEUE,
      () => {
        deliveries += 1;
        return Promise.reject(new Error('handler always fails'));
      },
      { prefetch: 1 },
    );
    const sent = envelope();
    await bus.publish(QUEUE, sent);
    const dead = await nextDeadLetter(QUEUE);
    t.is(dead.reason, 'delivery_limit');
    t.is((JSON.parse(dead.body.toString('utf8')) as Envelope).id, sent.id);
    t.is(deliveries, deliveryLimit + 1);
  });

  test.serial(`${name}: a dead-letter outcome lands in the DLQ with the handler's reason`, async (t) => {
    const { bus, nextDeadLetter } = t.context.harness;
    let deliveries = 0;
    await bus.consume(
      QUEUE,
      () => {
        deliveries += 1;
        return Promise.resolve({ action: 'dead-letter', reason: 'server quota exceeded' });
      },
      { prefetch: 1 },
    );
    const sent = envelope();
    await bus.publish(QUEUE, sent);
    const dead = await nextDeadLetter(QUEUE);
    t.deepEqual(
      { reason: dead.reason, id: (JSON.parse(dead.body.toString('utf8')) as Envelope).id, deliveries },
      {
        reason: 'server quota exceeded',
        id: sent.id,
        deliveries: 1,
      },
    );
  });

  test.serial(
    `${name}: invalid JSON, schema violations and oversize bodies land in the DLQ, the consumer goes on`,
    async (t) => {
      const { bus, maxMessageBytes, publishRaw, nextDeadLetter } = t.context.harness;
      const handled: string[] = [];
      const valid = deferred<void>();
      await bus.consume(QUEUE, async (received) => (handled.push(received.id), valid.resolve(), ack()), {
        prefetch: 5,
      });
      await publishRaw(QUEUE, Buffer.from('{"id": "x", not json'));
      const invalidJson = await nextDeadLetter(QUEUE);
      const broken = { ...envelope(), tenantId: undefined, attempt: -1, extra: '\u0000' };
      await publishRaw(QUEUE, Buffer.from(JSON.stringify(broken)));
      const schema = await nextDeadLetter(QUEUE);
      await publishRaw(QUEUE, Buffer.alloc(maxMessageBytes + 1, 0x20));
      const oversize = await nextDeadLetter(QUEUE);
      const sent = envelope();
      await bus.publish(QUEUE, sent);
      await valid.promise;
      t.regex(invalidJson.reason, /^invalid-json: /);
      t.regex(schema.reason, /^schema: /);
      for (const field of ['tenantId', 'attempt', 'extra']) t.true(schema.reason.includes(field), schema.reason);
      t.regex(oversize.reason, /^oversize: /);
      t.deepEqual(handled, [sent.id]);
    },
  );

  test.serial(`${name}: an RPC call gets the server's reply`, async (t) => {
    const { bus } = t.context.harness;
    await bus.consume(
      RPC_QUEUE,
      async (request, ctx) => {
        const answer = buildChildEnvelope(
          request,
          { type: 'test.token', payload: { token: 'abc' } },
          randomUUID(),
          new Date(),
        );
        t.true(await ctx.reply(answer));
        return ack();
      },
      { prefetch: 10 },
    );
    const request = envelope('test.get-token', { tenant: 't' });
    const reply = await bus.call(RPC_QUEUE, request, { timeoutMs: 5_000 });
    t.deepEqual(
      { type: reply.type, causationId: reply.causationId, payload: reply.payload },
      {
        type: 'test.token',
        causationId: request.id,
        payload: { token: 'abc' },
      },
    );
  });

  test.serial(`${name}: an RPC call nobody answers rejects with a timeout AppError at its deadline`, async (t) => {
    const { bus, clock } = t.context.harness;
    const received = deferred<void>();
    await bus.consume(RPC_QUEUE, async () => (received.resolve(), ack()), { prefetch: 10 });
    const calling = bus.call(RPC_QUEUE, envelope('test.get-token'), { timeoutMs: 300 });
    const outcome = calling.then(
      () => 'resolved',
      (error: unknown) => (AppError.isKind(error, 'timeout') ? 'timeout' : String(error)),
    );
    await received.promise;
    await clock.advance(300);
    t.is(await outcome, 'timeout');
  });

  test.serial(`${name}: subscribers receive the events their topic pattern matches`, async (t) => {
    const { bus } = t.context.harness;
    const keys: string[] = [];
    const done = deferred<void>();
    const subscription = await bus.subscribe('job.j1.#', (_event, routingKey) => {
      keys.push(routingKey);
      if (routingKey === 'job.j1.step.finished') done.resolve();
    });
    await bus.publishEvent('job.j2.accepted', envelope('test.event'));
    await bus.publishEvent('job.j1.step.finished', envelope('test.event'));
    await done.promise;
    await subscription.close();
    t.deepEqual(keys, ['job.j1.step.finished']);
  });

  test.serial(`${name}: 1,000 confirmed publishes survive a dropped connection and are all consumed`, async (t) => {
    const { bus, dropConnection } = t.context.harness;
    const total = 1_000;
    const seen = new Set<string>();
    const all = deferred<void>();
    await bus.consume(
      QUEUE,
      async (received) => {
        seen.add(received.id);
        if (seen.size === total) all.resolve();
        return ack();
      },
      { prefetch: 100 },
    );
    const sent = Array.from({ length: total }, () => envelope('test.stream'));
    let confirmed = 0;
    const drops: Promise<void>[] = [];
    const failures: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        const message = sent[next];
        next += 1;
        if (message === undefined) continue;
        await bus.publish(QUEUE, message).catch((error: unknown) => failures.push(String(error)));
        confirmed += 1;
        if (confirmed === 300) drops.push(dropConnection());
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    await Promise.all(drops);
    t.is(drops.length, 1);
    t.deepEqual(failures, []);
    await all.promise;
    t.is(seen.size, total);
  });
}
