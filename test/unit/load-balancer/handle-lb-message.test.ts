import test from 'ava';
import type { DeliveryContext, HandlerOutcome } from '../../../shared/amqp/bus.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { LbReadResultPayloadSchema, LbStepResultPayloadSchema } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { createLbHandler } from '../../../services/load-balancer/src/handle-lb-message.js';
import type { Disposition } from '../../../services/load-balancer/src/core/work-item.js';
import { stepResult } from '../../../shared/steps/step-result.js';
import { addStep } from './fixtures.js';
import { RecordingMetrics } from './harness.js';

function context(replyTo: boolean): { ctx: DeliveryContext; replies: Envelope[] } {
  const replies: Envelope[] = [];
  return {
    replies,
    ctx: {
      queue: QUEUES.lbSteps,
      redelivered: false,
      deliveryCount: 0,
      reply: (envelope) => {
        if (replyTo) replies.push(envelope);
        return Promise.resolve(replyTo);
      },
    },
  };
}

function handlerWith(disposition: Disposition) {
  const metrics = new RecordingMetrics();
  let ids = 0;
  const handler = createLbHandler({
    coalescer: { submit: () => Promise.resolve(disposition) },
    performRead: () => Promise.resolve({ ok: true, body: { nodes: [] } }),
    newId: () => `r${++ids}`,
    clock: () => new Date(1000),
    metrics,
    logger: createSilentLogger(),
  });
  return { handler, metrics };
}

const message = (type: string, payload: unknown, attempt = 0) =>
  buildEnvelope({ type, tenantId: 't1', jobId: 'job-1', payload, attempt }, 'm1', new Date(0));

test('a step answered by its lane is replied to with its result, then acked', async (t) => {
  const { handler, metrics } = handlerWith({ kind: 'reply', result: stepResult('success') });
  const { ctx, replies } = context(true);
  const outcome = await handler(message('lb.step', { step: addStep('10.0.0.1') }), ctx);
  t.deepEqual(outcome, { action: 'ack' });
  t.is(replies.length, 1);
  const reply = replies[0]!;
  t.deepEqual(
    { type: reply.type, jobId: reply.jobId, causationId: reply.causationId, correlationId: reply.correlationId },
    { type: 'lb.step-result', jobId: 'job-1', causationId: 'm1', correlationId: 'job-1' },
  );
  t.deepEqual(LbStepResultPayloadSchema.parse(reply.payload), {
    result: { status: 'success', reasons: [], done: true },
  });
  t.deepEqual(metrics.steps, ['AddNodesToCLB success']);
});

test('a deferred step is handed to the delayed retry without a reply', async (t) => {
  const { handler, metrics } = handlerWith({ kind: 'retry', delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)' });
  const { ctx, replies } = context(true);
  const outcome: HandlerOutcome = await handler(message('lb.step', { step: addStep('10.0.0.1') }), ctx);
  t.deepEqual(outcome, { action: 'retry', delayMs: 1000, reason: 'CLB immutable (PENDING_UPDATE)' });
  t.is(replies.length, 0);
  t.deepEqual(metrics.steps, ['AddNodesToCLB deferred']);
});

test('a step handed back at shutdown is requeued without a reply', async (t) => {
  const { handler } = handlerWith({ kind: 'requeue' });
  const { ctx, replies } = context(true);
  t.deepEqual(await handler(message('lb.step', { step: addStep('10.0.0.1') }), ctx), { action: 'requeue' });
  t.is(replies.length, 0);
});

test('an invalid step gets a failure reply and is dead-lettered with the reason', async (t) => {
  const { handler, metrics } = handlerWith({ kind: 'requeue' });
  const { ctx, replies } = context(true);
  const outcome = await handler(message('lb.step', { step: { type: 'Explode' } }), ctx);
  t.is(outcome.action, 'dead-letter');
  t.regex(outcome.action === 'dead-letter' ? outcome.reason : '', /^invalid lb\.step payload: schema: step\.type/);
  const payload = LbStepResultPayloadSchema.parse(replies[0]?.payload);
  t.is(payload.result.status, 'failure');
  t.deepEqual(metrics.steps, ['unknown invalid']);
});

test('an unknown message type is dead-lettered even without a replyTo', async (t) => {
  const { handler } = handlerWith({ kind: 'requeue' });
  const { ctx, replies } = context(false);
  const outcome = await handler(message('lb.mystery', {}), ctx);
  t.deepEqual(outcome, { action: 'dead-letter', reason: 'unknown message type "lb.mystery" on the LB queue' });
  t.is(replies.length, 0);
});

test('a read is answered at once with the read result', async (t) => {
  const { handler, metrics } = handlerWith({ kind: 'requeue' });
  const { ctx, replies } = context(true);
  const outcome = await handler(message('lb.read', { read: { kind: 'clb-nodes', lbId: '5' } }), ctx);
  t.deepEqual(outcome, { action: 'ack' });
  t.deepEqual(
    { type: replies[0]?.type, payload: LbReadResultPayloadSchema.parse(replies[0]?.payload) },
    { type: 'lb.read-result', payload: { ok: true, body: { nodes: [] } } },
  );
  t.deepEqual(metrics.reads, ['clb-nodes true']);
});

test('a reply that cannot be published does not stop the ack', async (t) => {
  const { handler } = handlerWith({ kind: 'reply', result: stepResult('success') });
  const ctx: DeliveryContext = { ...context(true).ctx, reply: () => Promise.reject(new Error('channel closed')) };
  t.deepEqual(await handler(message('lb.step', { step: addStep('10.0.0.1') }), ctx), { action: 'ack' });
});
