import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { Registry } from 'prom-client';
import { loadSupervisorConfig } from '../../../services/supervisor/src/config.js';
import { startSupervisorService } from '../../../services/supervisor/src/service.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { buildChildEnvelope, buildEnvelope } from '../../../shared/messages/envelope.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { LB_MESSAGE_TYPES, LbStepPayloadSchema, type LbStepPayload } from '../../../shared/messages/lb-messages.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { RunningService } from '../../../shared/runtime/service-context.js';
import { appliedRegather } from '../../../shared/steps/step-result.js';
import { FakeNova } from './fake-nova.js';

interface Ctx {
  readonly bus: MemoryBus;
  readonly nova: FakeNova;
  readonly client: KelpClient;
  readonly registry: Registry;
  readonly lbSteps: LbStepPayload['step'][];
  readonly checks: Map<string, () => boolean | Promise<boolean>>;
  readonly supervisor: RunningService;
}

const test = anyTest as TestFn<Ctx>;

test.beforeEach(async (t) => {
  const logger = createSilentLogger();
  const bus = new MemoryBus({ logger });
  await bus.start();
  const nova = new FakeNova(1);
  const registry = new Registry();
  const lbSteps: LbStepPayload['step'][] = [];
  // The load-balancer service's side of the contract: one reply per step, echo copied, to the replyTo.
  await bus.consume(
    QUEUES.lbSteps,
    async (envelope, delivery) => {
      const payload = LbStepPayloadSchema.parse(envelope.payload);
      lbSteps.push(payload.step);
      const result = appliedRegather('added', { nodes: [{ id: '901', address: '10.180.1.2', port: 80 }] });
      const reply = buildChildEnvelope(
        envelope,
        { type: LB_MESSAGE_TYPES.stepResult, payload: { result, echo: payload.echo } },
        randomUUID(),
        new Date(),
      );
      if (!(await delivery.reply(reply))) await bus.publish(QUEUES.supervisorWork, reply);
      return { action: 'ack' };
    },
    { prefetch: 10 },
  );
  const checks = new Map<string, () => boolean | Promise<boolean>>();
  const supervisor = await startSupervisorService(
    {
      logger,
      bus,
      registry,
      health: { addCheck: (name, check) => checks.set(name, check) },
      clock: () => new Date(),
      newId: randomUUID,
    },
    loadSupervisorConfig({ SUPERVISOR_POLL_INTERVAL_MS: '100', SUPERVISOR_CREATE_RETRY_DELAY_MS: '100' }),
    { request: nova.request },
  );
  t.context = { bus, nova, client: new KelpClient({ bus }), registry, lbSteps, checks, supervisor };
});

test.afterEach.always(async (t) => {
  await t.context.supervisor.stop(1000);
  await t.context.bus.close(1000);
});

const job = (tenantId = 't1') => ({
  tenantId,
  groupId: 'g1',
  launchConfig: {
    server: { flavorRef: 'f', imageRef: 'i' },
    loadBalancers: [{ type: 'CloudLoadBalancer' as const, loadBalancerId: 5, port: 80 }],
  },
});

test('the supervisor runs a launch job end to end through the bus: create, poll, LB step, result', async (t) => {
  const events: JobEventPayload[] = [];
  const outcome = await t.context.client.submitAndWait(
    { type: 'launch-server', job: job() },
    { timeoutMs: 10_000, onEvent: (e) => events.push(e) },
  );
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.deepEqual(t.context.lbSteps, [
    {
      type: 'AddNodesToCLB',
      lbId: '5',
      nodes: [{ address: '10.180.1.2', port: 80, condition: 'ENABLED', type: 'PRIMARY' }],
    },
  ]);
  t.like(outcome.result, {
    serverId: 'srv-1',
    loadBalancers: [{ type: 'CloudLoadBalancer', loadBalancerId: '5', port: 80, nodeId: '901' }],
  });
  t.deepEqual(t.context.nova.requests, [
    'GET servers/detail',
    'POST servers',
    'GET servers/srv-1',
    'GET servers/srv-1',
  ]);
  t.is(events[0]?.event, 'accepted');
});

test('an invalid job gets a failed event with every problem and is dead-lettered', async (t) => {
  let resolveFailed: (event: JobEventPayload) => void = () => undefined;
  const failed = new Promise<JobEventPayload>((resolve) => (resolveFailed = resolve));
  await t.context.client.follow('bad-1', (event) => resolveFailed(event));
  await t.context.bus.publish(
    QUEUES.supervisorJobs,
    buildEnvelope(
      { type: 'job.launch-server', tenantId: 't1', jobId: 'bad-1', payload: { tenantId: 't1' } },
      'm1',
      new Date(),
    ),
  );
  t.deepEqual(await failed, {
    event: 'failed',
    jobType: 'launch-server',
    reasons: [
      'groupId: Invalid input: expected string, received undefined',
      'launchConfig: Invalid input: expected object, received undefined',
    ],
  });
  t.is(t.context.bus.broker.deadLetters(QUEUES.supervisorJobs).length, 1);
  t.deepEqual(t.context.nova.requests, []);
});

test('metrics count jobs by type and outcome, and readiness holds while consuming', async (t) => {
  await t.context.client.submitAndWait({ type: 'launch-server', job: job() }, { timeoutMs: 10_000 });
  const text = await t.context.registry.metrics();
  t.regex(text, /kelp_supervisor_jobs_total\{type="launch-server",outcome="accepted"\} 1/);
  t.regex(text, /kelp_supervisor_jobs_total\{type="launch-server",outcome="succeeded"\} 1/);
  t.regex(text, /kelp_supervisor_job_duration_seconds_count\{type="launch-server",outcome="succeeded"\} 1/);
  t.true(await t.context.checks.get('supervisor')?.());
  await t.context.supervisor.stop(1000);
  t.false(await t.context.checks.get('supervisor')?.());
});

test('a copy of a progression message already taken is dropped', async (t) => {
  const outcome = await t.context.client.submitAndWait({ type: 'launch-server', job: job() }, { timeoutMs: 10_000 });
  t.is(outcome.status, 'succeeded');
  const before = t.context.nova.requests.length;
  const state = { any: 'thing' };
  await t.context.bus.publish(
    QUEUES.supervisorWork,
    buildEnvelope(
      {
        type: 'supervisor.progress',
        tenantId: 't1',
        jobId: outcome.jobId,
        payload: { jobType: 'launch-server', seq: 1, input: 'resume', state },
      },
      'm2',
      new Date(),
    ),
  );
  // Wait for the drop itself (the counter), then check nothing was done for the copy.
  const dropped = async () => /kelp_supervisor_duplicate_messages_total 1/.test(await t.context.registry.metrics());
  for (let tries = 0; tries < 200 && !(await dropped()); tries += 1)
    await new Promise((resolve) => setImmediate(resolve));
  t.true(await dropped());
  t.is(t.context.nova.requests.length, before);
});
