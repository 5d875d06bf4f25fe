import test from 'ava';
import type { StepRequest } from '../../../services/load-balancer/src/coalescer.js';
import type { LbStep } from '../../../shared/steps/step.js';
import { CLB, LB, addStep, rcv3Add, removeStep, response } from './fixtures.js';
import { harness } from './harness.js';
import { describeDisposition } from './run-flight.js';

const stepRequest = (step: LbStep, attempt = 0): StepRequest => ({
  tenantId: 't1',
  correlationId: 'c1',
  step,
  attempt,
});

test('steps for one CLB arriving within the window become one request', async (t) => {
  const h = harness();
  const waiting = [
    h.coalescer.submit(stepRequest(addStep('10.0.0.1'))),
    h.coalescer.submit(stepRequest(addStep('10.0.0.2'))),
  ];
  h.timers.advance(30);
  waiting.push(h.coalescer.submit(stepRequest(addStep('10.0.0.3'))));
  t.deepEqual(h.cloud.sent, []);
  h.timers.advance(20);
  const settled = await Promise.all(waiting);
  t.deepEqual(h.cloud.sent, [`POST loadbalancers/${LB}/nodes`]);
  t.deepEqual(settled.map(describeDisposition), ['retry/done', 'retry/done', 'retry/done']);
  t.deepEqual(h.metrics.batches, ['clb-add 3']);
});

test('different CLBs and RCv3 are separate lanes', async (t) => {
  const h = harness();
  const waiting = [
    h.coalescer.submit(stepRequest(addStep('10.0.0.1'))),
    h.coalescer.submit(stepRequest({ type: 'AddNodesToCLB', lbId: '6', nodes: [{ address: '10.0.0.1', port: 80 }] })),
    h.coalescer.submit(stepRequest(rcv3Add(['p', 's']))),
  ];
  h.cloud.respond = (request) => (request.service === 'rackconnect' ? response(201, []) : response(202));
  h.timers.advance(50);
  await Promise.all(waiting);
  t.deepEqual([...h.cloud.sent].sort(), [
    'POST load_balancer_pools/nodes',
    'POST loadbalancers/5/nodes',
    'POST loadbalancers/6/nodes',
  ]);
});

test('steps arriving during a flight go in the next request, sent as soon as the flight lands', async (t) => {
  const h = harness();
  h.cloud.hold();
  const first = h.coalescer.submit(stepRequest(addStep('10.0.0.1')));
  h.timers.advance(50);
  t.is(h.cloud.sent.length, 1);
  const later = [
    h.coalescer.submit(stepRequest(addStep('10.0.0.2'))),
    h.coalescer.submit(stepRequest(addStep('10.0.0.3'))),
  ];
  h.timers.advance(500);
  t.is(h.cloud.sent.length, 1, 'one mutation in flight per CLB');
  h.cloud.release();
  await first;
  await Promise.all(later);
  t.deepEqual(h.metrics.batches, ['clb-add 1', 'clb-add 2']);
});

test('a burst of steps submitted in one turn goes out as one request when an idle lane sends at once', async (t) => {
  const h = harness({ quietMs: 0 });
  const waiting = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((a) => h.coalescer.submit(stepRequest(addStep(a))));
  t.deepEqual(h.cloud.sent, [], 'the lane decides once the turn is over');
  h.timers.advance(0);
  await Promise.all(waiting);
  t.deepEqual(h.metrics.batches, ['clb-add 3']);
});

test('steps arriving while a change settles wait for the CLB to settle and go in one request', async (t) => {
  const h = harness({ quietMs: 0, settleMs: 1000 });
  const first = h.coalescer.submit(stepRequest(addStep('10.0.0.1')));
  h.timers.advance(0);
  await first;
  h.timers.advance(100);
  const later = [h.coalescer.submit(stepRequest(addStep('10.0.0.2')))];
  h.timers.advance(500);
  later.push(h.coalescer.submit(stepRequest(addStep('10.0.0.3'))));
  h.timers.advance(399);
  t.is(h.cloud.sent.length, 1, 'nothing is sent into a CLB still settling');
  h.timers.advance(1);
  t.deepEqual((await Promise.all(later)).map(describeDisposition), ['retry/done', 'retry/done']);
  t.deepEqual(h.metrics.batches, ['clb-add 1', 'clb-add 2']);
});

test('the rest of a long removal waits for the CLB to settle after each part', async (t) => {
  const h = harness({ quietMs: 0, settleMs: 1000 });
  const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
  const waiting = h.coalescer.submit(stepRequest(removeStep(...ids)));
  h.timers.advance(0);
  await new Promise((resolve) => setImmediate(resolve)); // the first part lands
  h.timers.advance(999);
  t.is(h.cloud.sent.length, 1);
  h.timers.advance(1);
  t.is(describeDisposition(await waiting), 'success/done');
  t.is(h.cloud.sent.length, 2);
});

test('RCv3 lanes do not wait for a settle period', async (t) => {
  const h = harness({ quietMs: 0, settleMs: 1000 });
  h.cloud.respond = () => response(201, []);
  const first = h.coalescer.submit(stepRequest(rcv3Add(['p', 's1'])));
  h.timers.advance(0);
  await first;
  const second = h.coalescer.submit(stepRequest(rcv3Add(['p', 's2'])));
  h.timers.advance(0);
  await second;
  t.is(h.cloud.sent.length, 2);
});

test('a refused request defers its steps and the steps arriving while the CLB is known immutable', async (t) => {
  const h = harness();
  h.cloud.respond = () => CLB.immutable();
  const first = h.coalescer.submit(stepRequest(addStep('10.0.0.1')));
  h.timers.advance(50);
  t.is(describeDisposition(await first), 'deferred 1000');
  h.timers.advance(400);
  const second = h.coalescer.submit(stepRequest(addStep('10.0.0.2')));
  h.timers.advance(0);
  t.is(describeDisposition(await second), 'deferred 600');
  t.is(h.cloud.sent.length, 1, 'no request while the CLB is known immutable');
});

test('the time a CLB refused is measured when a mutation is accepted again', async (t) => {
  const h = harness();
  h.cloud.respond = () => CLB.immutable();
  const first = h.coalescer.submit(stepRequest(addStep('10.0.0.1')));
  h.timers.advance(50);
  await first;
  h.timers.advance(1500);
  h.cloud.respond = () => response(202);
  const second = h.coalescer.submit(stepRequest(addStep('10.0.0.1'), 1));
  h.timers.advance(50);
  t.is(describeDisposition(await second), 'retry/done');
  t.deepEqual(h.metrics.waits, [1550]);
});

test('a removal of 23 ids is sent in requests of at most 10', async (t) => {
  const h = harness();
  const ids = Array.from({ length: 23 }, (_, i) => String(i + 1));
  const waiting = h.coalescer.submit(stepRequest(removeStep(...ids)));
  h.timers.advance(0);
  t.is(describeDisposition(await waiting), 'success/done');
  t.deepEqual(
    h.cloud.sent.map((line) => line.split('?')[1]?.split('&').length),
    [10, 10, 3],
  );
});

test('a deferred removal remembers the ids already removed when it comes back', async (t) => {
  const h = harness();
  const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
  let calls = 0;
  h.cloud.respond = () => (++calls === 1 ? response(202) : CLB.notActive());
  const first = h.coalescer.submit(stepRequest(removeStep(...ids)));
  h.timers.advance(0);
  t.is(describeDisposition(await first), 'deferred 1000');
  h.timers.advance(1000);
  h.cloud.respond = () => response(202);
  const again = h.coalescer.submit(stepRequest(removeStep(...ids), 1));
  h.timers.advance(50);
  t.is(describeDisposition(await again), 'success/done');
  t.is(h.cloud.sent.at(-1), `DELETE loadbalancers/${LB}/nodes?id=11&id=12`);
});

test('close hands waiting steps back and lets the flight finish', async (t) => {
  const h = harness();
  h.cloud.hold();
  const flying = h.coalescer.submit(stepRequest(addStep('10.0.0.1')));
  h.timers.advance(50);
  const waiting = h.coalescer.submit(stepRequest(addStep('10.0.0.2')));
  h.coalescer.close();
  t.is(describeDisposition(await waiting), 'requeue');
  t.is(describeDisposition(await h.coalescer.submit(stepRequest(addStep('10.0.0.3')))), 'requeue');
  h.cloud.release();
  t.is(describeDisposition(await flying), 'retry/done');
  await h.coalescer.whenIdle();
  t.is(h.coalescer.heldCount(), 0);
  t.is(h.timers.armed, 0);
});

test('with coalescing off every step is sent alone and at once', async (t) => {
  const h = harness({ coalesce: false });
  h.cloud.hold();
  const waiting = [
    h.coalescer.submit(stepRequest(addStep('10.0.0.1'))),
    h.coalescer.submit(stepRequest(addStep('10.0.0.2'))),
  ];
  t.is(h.cloud.sent.length, 2, 'both in flight at once, no window');
  h.cloud.release();
  t.deepEqual((await Promise.all(waiting)).map(describeDisposition), ['retry/done', 'retry/done']);
  t.deepEqual(h.metrics.batches, ['clb-add 1', 'clb-add 1']);
});

test('the held gauge follows the steps held', async (t) => {
  const h = harness();
  const waiting = [
    h.coalescer.submit(stepRequest(addStep('10.0.0.1'))),
    h.coalescer.submit(stepRequest(addStep('10.0.0.2'))),
  ];
  t.is(h.metrics.heldNow, 2);
  h.timers.advance(50);
  await Promise.all(waiting);
  t.is(h.metrics.heldNow, 0);
});
