import test from 'ava';
import { CONVERGE_ENV_VARS, loadConvergeConfig } from '../../../services/supervisor/src/converge/converge-config.js';
import { groupQueueName } from '../../../shared/amqp/group-lock.js';
import { MemoryGroupLock } from '../../../shared/amqp/memory-group-lock.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import {
  ConvergeCyclePayloadSchema,
  ConvergeGroupJobSchema,
  CycleEventSchema,
  GroupRecordSchema,
} from '../../../shared/messages/converge-messages.js';
import { ACCEPTED_AT, job } from './fakes.js';

test('loadConvergeConfig applies the documented defaults', (t) => {
  t.deepEqual(loadConvergeConfig({}), {
    prefetch: 20,
    stepLimits: { CreateServer: 100 },
    oneClbChangePerCycle: false,
    loop: { maxCycles: 1000, limitedRetryCycles: 10, initialDelayMs: 500, maxDelayMs: 10_000, backoffMultiplier: 1.5 },
    lockRetryMs: 500,
    maxLockWaits: 1000,
    novaPageSize: 1000,
    maxNovaPages: 100,
    lbReadTimeoutMs: 30_000,
    lbStepTimeoutMs: 120_000,
    maxParallelSteps: 500,
    recordTtlMs: 86_400_000,
  });
  t.true(CONVERGE_ENV_VARS.includes('CONVERGE_MAX_CREATES_PER_CYCLE'));
});

test('loadConvergeConfig reads every variable and lists every problem at once', (t) => {
  const config = loadConvergeConfig({
    CONVERGE_MAX_CREATES_PER_CYCLE: '10',
    CONVERGE_ONE_CLB_CHANGE_PER_CYCLE: 'true',
  });
  t.deepEqual(config.stepLimits, { CreateServer: 10 });
  t.true(config.oneClbChangePerCycle);
  const error = t.throws(() => loadConvergeConfig({ CONVERGE_PREFETCH: '0', CONVERGE_LOCK_RETRY_MS: 'soon' }), {
    instanceOf: ConfigError,
  });
  t.is(error.problems.length, 2);
});

test('a converge-group job takes the planner’s desired state with its defaults', (t) => {
  const parsed = ConvergeGroupJobSchema.parse(job({ capacity: 3 }));
  t.like(parsed.desired, { capacity: 3, drainingTimeoutSec: 0, buildTimeoutSec: 3600 });
});

test('a converge-group job must also satisfy the launch-server rules for its launch config', (t) => {
  const bad = job({
    launchConfig: {
      server: { flavorRef: 'f', imageRef: 'i', networks: [{ uuid: 'private-only' }] },
      loadBalancers: [{ loadBalancerId: 5, port: 80 }],
    },
  });
  const parsed = ConvergeGroupJobSchema.safeParse(bad);
  t.false(parsed.success);
  t.deepEqual(
    parsed.error?.issues.map((i) => [i.path.join('.'), i.message]),
    [
      [
        'desired.launchConfig.server.networks',
        'ServiceNet network must be present if one or more Cloud Load Balancers are configured.',
      ],
    ],
  );
});

test('a cycle payload defaults `resume` to false', (t) => {
  const payload = ConvergeCyclePayloadSchema.parse({
    job: job(),
    acceptedAt: ACCEPTED_AT,
    loop: { cycle: 0, limitedRetries: 0, idleCycles: 0 },
  });
  t.false(payload.resume);
});

test('the group record is strict JSON: [id, address] pairs and load-balancer ids', (t) => {
  const record = {
    jobId: 'j',
    acceptedAt: ACCEPTED_AT,
    cycle: 1,
    servers: [['s1', null]],
    lbs: { clb: ['1'], rcv3: [] },
  };
  t.true(GroupRecordSchema.safeParse(record).success);
  t.false(GroupRecordSchema.safeParse({ ...record, servers: [['s1']] }).success);
  t.false(GroupRecordSchema.safeParse({ ...record, extra: 1 }).success);
});

test('a cycle event lists at most 100 steps', (t) => {
  const event = {
    event: 'cycle',
    jobType: 'converge-group',
    cycle: 0,
    servers: {},
    counts: {},
    steps: Array.from({ length: 101 }, () => ({ type: 'DeleteServer', detail: 's' })),
    omitted: 0,
    worst: 'success',
    reasons: [],
    next: { action: 'done', groupStatus: 'ACTIVE' },
  };
  t.false(CycleEventSchema.safeParse(event).success);
  t.true(CycleEventSchema.safeParse({ ...event, steps: event.steps.slice(1) }).success);
});

const hash = (text: string): string => `H${text.length}`;
const nameCases: [string, { tenantId: string; groupId: string }, string][] = [
  ['plain ids are kept', { tenantId: '123', groupId: 'g-1_a' }, 'kelp.lock.123.g-1_a'],
  ['dots would be ambiguous: hashed', { tenantId: '1.2', groupId: 'g' }, 'kelp.lock.h.H11'],
  ['long ids are hashed', { tenantId: '1', groupId: 'x'.repeat(101) }, 'kelp.lock.h.H109'],
];
for (const [title, key, expected] of nameCases) {
  test(`groupQueueName: ${title}`, (t) => {
    t.is(groupQueueName('kelp', 'lock', key, hash), expected);
  });
}

test('the memory group lock excludes a second holder until release, and keeps the record as JSON', async (t) => {
  const lock = new MemoryGroupLock();
  const key = { tenantId: 't', groupId: 'g' };
  const lease = await lock.tryAcquire(key);
  t.truthy(lease);
  t.is(await lock.tryAcquire(key), undefined);
  t.truthy(await lock.tryAcquire({ ...key, groupId: 'other' }));
  const value = { cycle: 1 };
  await lease?.writeRecord(value);
  value.cycle = 2;
  t.deepEqual(await lease?.readRecord(), { cycle: 1 });
  await lease?.release();
  const next = await lock.tryAcquire(key);
  t.deepEqual(await next?.readRecord(), { cycle: 1 });
  lock.loseAll();
  t.true(next?.signal.aborted);
  await t.throwsAsync(() => next?.writeRecord({}) ?? Promise.resolve(), { message: /not held/ });
  t.deepEqual([lock.acquired, lock.refused], [3, 1]);
});
