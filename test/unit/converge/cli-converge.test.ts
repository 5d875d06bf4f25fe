import test from 'ava';
import type { CliIo } from '../../../services/cli/src/cli-io.js';
import { runCli } from '../../../services/cli/src/cli-program.js';
import { buildConvergeJob, describeConvergeOutcome } from '../../../services/cli/src/converge-command.js';
import { describePlan, runPlan, type PlanFlags } from '../../../services/cli/src/plan-command.js';
import type { LiveGatherer } from '../../../services/supervisor/src/converge/live-gather.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import { AppError } from '../../../shared/errors/app-error.js';
import type { Envelope } from '../../../shared/messages/envelope.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { errorReason } from '../../../shared/steps/step-result.js';
import { FakeProducerBus, scriptedSupervisor } from '../client/fake-producer-bus.js';

interface Harness {
  readonly io: CliIo;
  readonly bus: FakeProducerBus;
  out(): string;
  err(): string;
}

function harness(
  options: { files?: Record<string, string>; events?: (job: Envelope) => readonly JobEventPayload[] } = {},
): Harness {
  const bus = new FakeProducerBus();
  scriptedSupervisor(bus, options.events ?? (() => []));
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    readFile: (path) => {
      const text = options.files?.[path];
      return text === undefined ? Promise.reject(new Error('ENOENT: no such file')) : Promise.resolve(text);
    },
    connect: () =>
      Promise.resolve({ client: new KelpClient({ bus, newId: () => 'job-1' }), close: () => Promise.resolve() }),
    now: () => 0,
  };
  return { io, bus, out: () => out, err: () => err };
}

const DESIRED = { capacity: 2, launchConfig: { server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img' } } };
const NOW = '2026-03-01T12:00:00.000Z';
const OBSERVED = {
  servers: [
    {
      id: 's1',
      name: 'web-1',
      state: 'ERROR',
      createdMs: Date.parse('2026-03-01T11:00:00.000Z'),
      servicenetAddress: null,
      metadata: { 'rax:autoscale:group:id': 'g1' },
    },
  ],
  clbs: [],
  rcv3Pools: [],
};

test('buildConvergeJob puts flags over the file and edits the launch config like submit launch-server', (t) => {
  const built = buildConvergeJob(
    { tenant: 't1', group: 'g1', capacity: 3, buildTimeout: 600, flavor: 'f2', clb: ['10:80', 'bad'], timeout: 1 },
    { tenantId: 't0', desired: { capacity: 1, drainingTimeoutSec: 30, launchConfig: { server: { imageRef: 'i' } } } },
  );
  t.deepEqual(built, {
    job: {
      tenantId: 't1',
      groupId: 'g1',
      desired: {
        capacity: 3,
        drainingTimeoutSec: 30,
        buildTimeoutSec: 600,
        launchConfig: {
          server: { imageRef: 'i', flavorRef: 'f2' },
          loadBalancers: [{ type: 'CloudLoadBalancer', loadBalancerId: '10', port: 80 }],
        },
      },
    },
    problems: ['--clb bad: expected <loadBalancerId>:<port>, e.g. 1234:80'],
  });
});

test('kelp converge submits a converge-group job and prints its id', async (t) => {
  const h = harness();
  const code = await runCli(
    ['converge', '--tenant', 't1', '--group', 'g1', '--capacity', '2', '--flavor', 'f', '--image', 'i'],
    h.io,
  );
  t.is(code, 0, h.err());
  t.is(h.out(), 'submitted converge-group job job-1\n');
  t.is(h.bus.published[0]?.envelope.type, 'job.converge-group');
  t.like(h.bus.published[0]?.envelope.payload, { tenantId: 't1', groupId: 'g1', desired: { capacity: 2 } });
});

test('kelp converge --wait follows the cycles and summarises the group', async (t) => {
  const h = harness({
    events: () => [
      { event: 'accepted', jobType: 'converge-group' },
      {
        event: 'step-finished',
        jobType: 'converge-group',
        step: 'cycle 0',
        detail: '2 CreateServer; next cycle in 0.5s',
      },
      { event: 'step-finished', jobType: 'converge-group', step: 'cycle 1', detail: 'no steps; group ACTIVE' },
      {
        event: 'succeeded',
        jobType: 'converge-group',
        result: { groupStatus: 'ACTIVE', groupId: 'g1', cycles: 2, servers: ['a', 'b'] },
      },
    ],
  });
  const code = await runCli(
    ['converge', '--tenant', 't1', '--group', 'g1', '--capacity', '2', '--flavor', 'f', '--image', 'i', '--wait'],
    h.io,
  );
  t.is(code, 0, h.err());
  t.is(
    h.out(),
    [
      'submitting converge-group job job-1',
      '[+0.0s] converge-group job accepted',
      '[+0.0s] cycle 0 done: 2 CreateServer; next cycle in 0.5s',
      '[+0.0s] cycle 1 done: no steps; group ACTIVE',
      '[+0.0s] succeeded',
      'job job-1 succeeded: group g1 is ACTIVE with 2 servers after 2 cycles',
      '',
    ].join('\n'),
  );
});

test('kelp converge --wait exits 1 with the reasons when the group goes to ERROR', async (t) => {
  const h = harness({
    events: () => [
      {
        event: 'failed',
        jobType: 'converge-group',
        reasons: ['Cloud Load Balancer does not exist: 10'],
        result: { groupStatus: 'ERROR', groupId: 'g1', cycles: 1 },
      },
    ],
  });
  const code = await runCli(
    ['converge', '--tenant', 't1', '--group', 'g1', '--capacity', '1', '--flavor', 'f', '--image', 'i', '--wait'],
    h.io,
  );
  t.is(code, 1);
  t.true(
    h
      .out()
      .endsWith('job job-1 failed: group g1 is in ERROR after 1 cycle:\n  - Cloud Load Balancer does not exist: 10\n'),
  );
});

test('kelp converge refuses an invalid job before connecting, listing every problem', async (t) => {
  const h = harness();
  const code = await runCli(['converge', '--tenant', 't1', '--flavor', 'f'], h.io);
  t.is(code, 2);
  t.is(h.bus.published.length, 0);
  t.regex(h.err(), /invalid converge-group job:/);
  t.regex(h.err(), /groupId/);
  t.regex(h.err(), /desired.capacity/);
});

test('describeConvergeOutcome names a superseded job’s successor', (t) => {
  t.deepEqual(
    describeConvergeOutcome({
      jobId: 'j1',
      jobType: 'converge-group',
      status: 'failed',
      reasons: ['Superseded by converge-group job j2, accepted later for the same group'],
      result: { superseded: true },
    }),
    ['job j1 failed:', '  - Superseded by converge-group job j2, accepted later for the same group'],
  );
});

const files = { 'desired.json': JSON.stringify(DESIRED), 'observed.json': JSON.stringify(OBSERVED) };

test('kelp plan prints the steps for a desired and an observed state, executing nothing', async (t) => {
  const h = harness({ files });
  const code = await runCli(
    ['plan', '--desired', 'desired.json', '--observed', 'observed.json', '--group', 'g1', '--now', NOW],
    h.io,
  );
  t.is(code, 0, h.err());
  const lines = h.out().trimEnd().split('\n');
  t.is(lines[0], `group g1 at ${NOW}: 3 steps`);
  t.deepEqual(
    lines.slice(1).map((l) => l.trim().split(/\s+/)[0]),
    ['DeleteServer', 'CreateServer', 'CreateServer'],
  );
  t.is(h.bus.published.length, 0);
});

test('kelp plan --json prints the steps as data, and honours --max-creates', async (t) => {
  const h = harness({ files });
  const code = await runCli(
    [
      'plan',
      '--desired',
      'desired.json',
      '--observed',
      'observed.json',
      '--group',
      'g1',
      '--now',
      NOW,
      '--json',
      '--max-creates',
      '1',
    ],
    h.io,
  );
  t.is(code, 0, h.err());
  const doc = JSON.parse(h.out()) as { groupId: string; now: string; steps: { type: string }[] };
  t.deepEqual([doc.groupId, doc.now], ['g1', NOW]);
  t.deepEqual(
    doc.steps.map((s) => s.type),
    ['DeleteServer', 'CreateServer', 'ConvergeLater'],
  );
});

test('kelp plan lists every problem with its inputs', async (t) => {
  const h = harness({ files: { 'd.json': JSON.stringify({ capacity: -1 }) } });
  const code = await runCli(['plan', '--desired', 'd.json', '--now', 'yesterday'], h.io);
  t.is(code, 2);
  t.regex(h.err(), /d\.json: capacity/);
  t.regex(h.err(), /--group: required/);
  t.regex(h.err(), /--now yesterday: expected an ISO time/);
  t.regex(h.err(), /give --observed <file>, or --tenant/);
});

function flags(over: Partial<PlanFlags>): PlanFlags {
  return { desired: 'job.json', now: NOW, ...over };
}

test('kelp plan gathers the group live when given a tenant, and prints what it saw', async (t) => {
  const job = { tenantId: 't1', groupId: 'g1', desired: DESIRED };
  const h = harness({ files: { 'job.json': JSON.stringify(job) } });
  const asked: unknown[] = [];
  let closed = false;
  const gatherer: LiveGatherer = {
    gather: (wanted) => {
      asked.push([wanted.tenantId, wanted.groupId]);
      return Promise.resolve({
        ok: true,
        observed: { servers: [], clbs: [], rcv3Pools: [] },
        lbs: { clbs: [], pools: [] },
        problems: [],
      });
    },
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  const code = await runPlan(flags({ json: true }), h.io, () => Promise.resolve(gatherer));
  t.is(code, 0, h.err());
  t.deepEqual(asked, [['t1', 'g1']]);
  t.true(closed);
  const doc = JSON.parse(h.out()) as { steps: unknown[]; observed: unknown };
  t.is(doc.steps.length, 2);
  t.deepEqual(doc.observed, { servers: [], clbs: [], rcv3Pools: [] });
});

test('kelp plan reports a live gather that fails or cannot connect (exit 3)', async (t) => {
  const job = { tenantId: 't1', groupId: 'g1', desired: DESIRED };
  const h = harness({ files: { 'job.json': JSON.stringify(job) } });
  const failing: LiveGatherer = {
    gather: () =>
      Promise.resolve({
        ok: false,
        reason: errorReason('GatherError', 'listing servers failed: Nova answered 503'),
        fatal: false,
      }),
    close: () => Promise.resolve(),
  };
  t.is(await runPlan(flags({}), h.io, () => Promise.resolve(failing)), 3);
  t.regex(h.err(), /gathering group g1 failed: listing servers failed: Nova answered 503/);
  t.is(await runPlan(flags({}), h.io, () => Promise.reject(new AppError('unavailable', 'no broker'))), 3);
  t.regex(h.err(), /cannot reach RabbitMQ: no broker/);
});

test('describePlan says when there is nothing to do', (t) => {
  t.deepEqual(describePlan('g1', NOW, []), [`group g1 at ${NOW}: no steps, the group matches its desired state`]);
});
