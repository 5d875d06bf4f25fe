import anyTest, { type TestFn } from 'ava';
import { Registry } from 'prom-client';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { LbReadResultPayloadSchema, LbStepResultPayloadSchema } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { RequestOutcome, ServiceRequest } from '../../../shared/request/service-request.js';
import type { RunningService } from '../../../shared/runtime/service-context.js';
import { loadLbConfig } from '../../../services/load-balancer/src/config.js';
import { startLoadBalancerService } from '../../../services/load-balancer/src/service.js';
import { CLB, addStep, response } from './fixtures.js';
import { scriptedRequestFn } from './scripted-request-fn.js';

interface Ctx {
  bus: MemoryBus;
  registry: Registry;
  sent: string[];
  respond: (request: ServiceRequest) => RequestOutcome;
  service: RunningService;
  checks: Map<string, () => boolean | Promise<boolean>>;
}

const test = anyTest as TestFn<Ctx>;

test.beforeEach(async (t) => {
  const logger = createSilentLogger();
  const bus = new MemoryBus({ logger, delayTiersMs: [10, 20] });
  await bus.start();
  const registry = new Registry();
  const checks = new Map<string, () => boolean | Promise<boolean>>();
  const sent: string[] = [];
  let ids = 0;
  const config = { ...loadLbConfig({ LB_COALESCE_WINDOW_MS: '5' }), immutableRetryMs: 10, maxAttempts: 3 };
  const service = await startLoadBalancerService(
    {
      logger,
      bus,
      registry,
      health: { addCheck: (name, check) => checks.set(name, check) },
      clock: () => new Date(0),
      newId: () => `id-${++ids}`,
      requestFn: scriptedRequestFn((request) => t.context.respond(request), sent),
    },
    config,
  );
  t.context = { bus, registry, sent, respond: () => response(202), service, checks };
});

test.afterEach.always(async (t) => {
  await t.context.service.stop(1000);
  await t.context.bus.close(1000);
});

const call = (bus: MemoryBus, type: string, payload: unknown, id = 'm1'): Promise<Envelope> =>
  bus.call(QUEUES.lbSteps, buildEnvelope({ type, tenantId: 't1', jobId: `job-${id}`, payload }, id, new Date(0)), {
    timeoutMs: 5000,
  });

test('concurrent steps for one CLB are answered each with its own result from one request', async (t) => {
  const replies = await Promise.all(
    ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((address, i) =>
      call(t.context.bus, 'lb.step', { step: addStep(address) }, `m${i}`),
    ),
  );
  t.deepEqual(
    replies.map((r) => [r.jobId, LbStepResultPayloadSchema.parse(r.payload).result.status]),
    [
      ['job-m0', 'retry'],
      ['job-m1', 'retry'],
      ['job-m2', 'retry'],
    ],
  );
  t.deepEqual(t.context.sent, ['POST loadbalancers/5/nodes']);
  const metrics = await t.context.registry.getSingleMetricAsString('kelp_lb_steps_total');
  t.regex(metrics, /kelp_lb_steps_total\{type="AddNodesToCLB",status="retry"\} 3/);
});

test('a step refused by an immutable CLB comes back through the delayed retry and is answered once', async (t) => {
  let calls = 0;
  t.context.respond = () => (++calls === 1 ? CLB.immutable() : response(202));
  const reply = await call(t.context.bus, 'lb.step', { step: addStep('10.0.0.1') });
  t.deepEqual(LbStepResultPayloadSchema.parse(reply.payload).result.done, true);
  t.deepEqual(t.context.sent, ['POST loadbalancers/5/nodes', 'POST loadbalancers/5/nodes']);
});

test('a step the CLB keeps refusing is answered with retry after maxAttempts', async (t) => {
  t.context.respond = () => CLB.immutable();
  const reply = await call(t.context.bus, 'lb.step', { step: addStep('10.0.0.1') });
  const { result } = LbStepResultPayloadSchema.parse(reply.payload);
  t.deepEqual([result.status, result.done, result.reasons[0]?.error], ['retry', false, 'CLBImmutableError']);
  // One request per delivery at most: the first and the last always ask; a delivery that finds the lane
  // still refusing is deferred without asking.
  t.true(t.context.sent.length >= 2 && t.context.sent.length <= 4, `${t.context.sent.length} requests`);
});

test('an invalid step gets a failure reply and lands in the DLQ with the reason; the service stays ready', async (t) => {
  const reply = await call(t.context.bus, 'lb.step', { step: { type: 'AddNodesToCLB', lbId: 'x', nodes: [] } });
  t.is(LbStepResultPayloadSchema.parse(reply.payload).result.status, 'failure');
  const dead = t.context.bus.deadLetters(QUEUES.lbSteps);
  t.is(dead.length, 1);
  t.regex(dead[0]?.reason ?? '', /^invalid lb\.step payload: schema: /);
  t.true(await t.context.checks.get('load-balancer')?.());
  const next = await call(t.context.bus, 'lb.step', { step: addStep('10.0.0.9') }, 'm2');
  t.is(LbStepResultPayloadSchema.parse(next.payload).result.status, 'retry');
});

test('a read is answered straight away with the body', async (t) => {
  t.context.respond = () => CLB.nodes({ id: 1, address: '10.0.0.1' });
  const reply = await call(t.context.bus, 'lb.read', { read: { kind: 'clb-nodes', lbId: '5' } });
  t.deepEqual(LbReadResultPayloadSchema.parse(reply.payload), {
    ok: true,
    body: { nodes: [{ id: 1, address: '10.0.0.1', port: 80 }] },
  });
});

test('a read of a missing CLB is answered with the error as data', async (t) => {
  t.context.respond = () => CLB.notFound();
  const reply = await call(t.context.bus, 'lb.read', { read: { kind: 'clb-health-monitor', lbId: '5' } });
  t.deepEqual(LbReadResultPayloadSchema.parse(reply.payload), {
    ok: false,
    error: { kind: 'NoSuchCLBError', message: 'Load balancer not found', status: 404 },
  });
});

test('a request that cannot be made (no endpoint) fails the step with the user text', async (t) => {
  t.context.respond = () => {
    throw AppError.nonRetryable('endpoint', 'no endpoint', { details: { serviceName: 'cloudLoadBalancers' } });
  };
  const reply = await call(t.context.bus, 'lb.step', { step: addStep('10.0.0.1') });
  const { result } = LbStepResultPayloadSchema.parse(reply.payload);
  t.deepEqual([result.status, result.reasons[0]?.error], ['failure', 'NoSuchEndpoint']);
});

test('stop makes the service not ready', async (t) => {
  t.true(await t.context.checks.get('load-balancer')?.());
  await t.context.service.stop(1000);
  t.false(await t.context.checks.get('load-balancer')?.());
});
