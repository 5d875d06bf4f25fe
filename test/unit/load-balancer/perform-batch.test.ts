import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import type { Batch } from '../../../services/load-balancer/src/core/batch.js';
import { planBatch } from '../../../services/load-balancer/src/core/plan-batch.js';
import { performBatch, type PerformRequest } from '../../../services/load-balancer/src/perform-batch.js';
import { CLB, LIMITS, POLICY, addStep, item, removeStep } from './fixtures.js';
import { RecordingMetrics } from './harness.js';
import { dispositions } from './run-flight.js';

function batchOf(...items: ReturnType<typeof item>[]): Batch {
  const { batch } = planBatch(items, undefined, LIMITS, 0);
  if (batch === null) throw new Error('no batch');
  return batch;
}

const deps = (perform: PerformRequest, maxRequests = 20) => ({
  perform,
  policy: POLICY,
  maxRequests,
  metrics: new RecordingMetrics(),
  logger: createSilentLogger(),
});

test('performBatch stops a batch at the request limit and answers its steps with retry', async (t) => {
  // Each answer names one more id as not on the LB: a resend every time.
  let sent = 0;
  const perform: PerformRequest = () => Promise.resolve(CLB.notOnLb(String(++sent)));
  const done = await performBatch(batchOf(item('a', removeStep('1', '2', '3', '4', '5'))), deps(perform, 3));
  t.is(sent, 3);
  t.deepEqual(dispositions(done), { a: 'retry' });
});

test('performBatch answers every step when the request cannot be made', async (t) => {
  const perform: PerformRequest = () =>
    Promise.reject(
      AppError.nonRetryable('endpoint', 'no endpoint', { details: { serviceName: 'cloudLoadBalancers' } }),
    );
  const d = deps(perform);
  const done = await performBatch(batchOf(item('a', addStep('10.0.0.1')), item('b', addStep('10.0.0.2'))), d);
  t.deepEqual(dispositions(done), { a: 'failure', b: 'failure' });
  t.deepEqual(d.metrics.requests, ['clb-add unperformable']);
});

test('performBatch records the batch size and each request status', async (t) => {
  const d = deps(() => Promise.resolve(CLB.added()));
  await performBatch(batchOf(item('a', addStep('10.0.0.1')), item('b', addStep('10.0.0.2'))), d);
  t.deepEqual([d.metrics.batches, d.metrics.requests], [['clb-add 2'], ['clb-add 202']]);
});
