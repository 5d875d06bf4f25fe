import test from 'ava';
import { runCli } from '../../../services/cli/src/cli-program.js';
import type { CliIo } from '../../../services/cli/src/cli-io.js';
import { KelpClient } from '../../../shared/client/kelp-client.js';
import { AppError } from '../../../shared/errors/app-error.js';
import type { Envelope } from '../../../shared/messages/envelope.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { FakeProducerBus, scriptedSupervisor } from './fake-producer-bus.js';

interface Harness {
  readonly io: CliIo;
  readonly bus: FakeProducerBus;
  readonly out: () => string;
  readonly err: () => string;
}

const SUCCESS: readonly JobEventPayload[] = [
  { event: 'accepted', jobType: 'launch-server' },
  { event: 'step-started', jobType: 'launch-server', step: 'create-server', detail: 'generation 0' },
  { event: 'step-finished', jobType: 'launch-server', step: 'create-server', detail: 'server s1' },
  {
    event: 'retrying',
    jobType: 'launch-server',
    step: 'add-to-clb',
    reason: 'CLB immutable',
    attempt: 1,
    delayMs: 1000,
  },
  {
    event: 'succeeded',
    jobType: 'launch-server',
    result: {
      serverId: 's1',
      name: 'web-as1',
      addresses: { private: [{ addr: '10.1.1.1', version: 4 }] },
      loadBalancers: [{ type: 'CloudLoadBalancer', loadBalancerId: '9', port: 80, nodeId: '3' }],
    },
  },
];

function harness(
  options: {
    tty?: boolean;
    events?: (job: Envelope) => readonly JobEventPayload[];
    files?: Record<string, string>;
    unreachable?: boolean;
  } = {},
): Harness {
  const bus = new FakeProducerBus();
  scriptedSupervisor(bus, options.events ?? (() => SUCCESS));
  let out = '';
  let err = '';
  let ids = 0;
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    readFile: (path) => {
      const text = options.files?.[path];
      return text === undefined ? Promise.reject(new Error('ENOENT: no such file')) : Promise.resolve(text);
    },
    connect: () =>
      options.unreachable === true
        ? Promise.reject(
            new AppError('unavailable', 'cannot connect to the broker at amqp://127.0.0.1:5672/ (AMQP_URL)'),
          )
        : Promise.resolve({
            client: new KelpClient({ bus, newId: () => `job-${++ids}` }),
            close: () => Promise.resolve(),
          }),
    now: () => 0,
  };
  return { io, bus, out: () => out, err: () => err };
}

const LAUNCH_FLAGS = ['submit', 'launch-server', '--tenant', 't1', '--group', 'g1', '--flavor', 'f', '--image', 'i'];

test('submit --wait --json prints one JSON document with the result and exits 0', async (t) => {
  const h = harness();
  const code = await runCli(
    [...LAUNCH_FLAGS, '--clb', '9:80', '--rcv3', 'pool-a', '--metadata', 'owner=ops', '--wait', '--json'],
    h.io,
  );
  t.is(code, 0);
  t.deepEqual(JSON.parse(h.out()), {
    jobId: 'job-1',
    type: 'launch-server',
    status: 'succeeded',
    result: SUCCESS[4]?.event === 'succeeded' ? SUCCESS[4].result : {},
    reasons: [],
  });
  t.deepEqual(h.bus.published[0]?.envelope.payload, {
    tenantId: 't1',
    groupId: 'g1',
    launchConfig: {
      server: { flavorRef: 'f', imageRef: 'i', metadata: { owner: 'ops' } },
      loadBalancers: [
        { type: 'CloudLoadBalancer', loadBalancerId: '9', port: 80 },
        { type: 'RackConnectV3', loadBalancerId: 'pool-a' },
      ],
    },
  });
});

test('submit --wait off a terminal prints plain progress lines and a summary', async (t) => {
  const h = harness();
  t.is(await runCli([...LAUNCH_FLAGS, '--wait'], h.io), 0);
  t.is(
    h.out(),
    [
      'submitting launch-server job job-1',
      '[+0.0s] launch-server job accepted',
      '[+0.0s] create-server started: generation 0',
      '[+0.0s] create-server done: server s1',
      '[+0.0s] add-to-clb retrying (attempt 1, in 1.0s): CLB immutable',
      '[+0.0s] succeeded',
      'job job-1 succeeded: server s1 (web-as1)',
      '  addresses: private 10.1.1.1',
      '  load balancers: CLB 9:80 (node 3)',
      '',
    ].join('\n'),
  );
});

test('submit --wait on a terminal redraws a live status line and keeps finished steps', async (t) => {
  const h = harness({ tty: true });
  t.is(await runCli([...LAUNCH_FLAGS, '--wait'], h.io), 0);
  t.true(h.out().includes('\r\x1b[2K'));
  t.true(h.out().includes('✔ create-server done: server s1 (0.0s)\n'));
  t.true(h.out().includes('↻ add-to-clb retrying'));
  t.true(h.out().endsWith('  load balancers: CLB 9:80 (node 3)\n'));
});

test('a failed job exits 1 and prints its reasons', async (t) => {
  const h = harness({
    events: () => [{ event: 'failed', jobType: 'launch-server', reasons: ['Cloud Load Balancer does not exist: 9'] }],
  });
  t.is(await runCli([...LAUNCH_FLAGS, '--wait'], h.io), 1);
  t.true(h.out().includes('job job-1 failed:\n  - Cloud Load Balancer does not exist: 9\n'));
});

test('a failed job with --json still prints the document, and the reasons on stderr', async (t) => {
  const h = harness({ events: () => [{ event: 'failed', jobType: 'launch-server', reasons: ['no'] }] });
  t.is(await runCli([...LAUNCH_FLAGS, '--wait', '--json'], h.io), 1);
  t.like(JSON.parse(h.out()), { status: 'failed', reasons: ['no'] });
  t.is(h.err(), 'job job-1 failed: no\n');
});

test('submit without --wait prints the job id', async (t) => {
  const h = harness();
  t.is(
    await runCli(
      ['submit', 'delete-server', '--tenant', 't1', '--group', 'g1', '--server', 's1', '--job-id', 'mine'],
      h.io,
    ),
    0,
  );
  t.is(h.out(), 'submitted delete-server job mine\n');
});

test('a job file is read and flags override it', async (t) => {
  const file = JSON.stringify({
    tenantId: 't0',
    groupId: 'g1',
    launchConfig: {
      server: { flavorRef: 'f', imageRef: 'i' },
      loadBalancers: [{ type: 'RackConnectV3', loadBalancerId: 'p' }],
    },
  });
  const h = harness({ files: { 'job.json': file } });
  t.is(await runCli(['submit', 'launch-server', '--file', 'job.json', '--tenant', 't1', '--clb', '9:443'], h.io), 0);
  t.like(h.bus.published[0]?.envelope, {
    tenantId: 't1',
    payload: {
      tenantId: 't1',
      launchConfig: { loadBalancers: [{ type: 'RackConnectV3' }, { loadBalancerId: '9', port: 443 }] },
    },
  });
});

const usage: readonly [string, readonly string[], RegExp][] = [
  [
    'an invalid job lists every problem',
    ['submit', 'launch-server', '--tenant', 't1', '--clb', 'x'],
    /invalid launch-server job:\n {2}- --clb x: expected <loadBalancerId>:<port>, e\.g\. 1234:80\n {2}- groupId: /,
  ],
  ['a missing file is named', ['submit', 'launch-server', '--file', 'nope.json'], /^nope\.json: ENOENT/],
  ['a file that is not JSON is named', ['submit', 'delete-server', '--file', 'bad.json'], /^bad\.json: not valid JSON/],
  ['an unknown command', ['explode'], /unknown command 'explode'/],
  ['a bad timeout', [...LAUNCH_FLAGS, '--timeout', '-1'], /expected a positive number of seconds/],
];
for (const [title, argv, stderr] of usage) {
  test(`usage errors exit 2: ${title}`, async (t) => {
    const h = harness({ files: { 'bad.json': '{oops' } });
    t.is(await runCli(argv, h.io), 2);
    t.regex(h.err(), stderr);
    t.deepEqual(h.bus.published, []);
  });
}

test('an unreachable broker exits 3 with the reason', async (t) => {
  const h = harness({ unreachable: true });
  t.is(await runCli([...LAUNCH_FLAGS, '--wait'], h.io), 3);
  t.regex(h.err(), /^kelp: cannot reach RabbitMQ: cannot connect to the broker/);
});

test('a job that does not end in time exits 3', async (t) => {
  const h = harness({ events: () => [] });
  t.is(await runCli([...LAUNCH_FLAGS, '--wait', '--timeout', '0.05'], h.io), 3);
  t.regex(h.err(), /did not end within 50 ms/);
});

test('watch follows a job to its end', async (t) => {
  const h = harness();
  const running = runCli(['watch', 'job-7', '--json'], h.io);
  // Events count from the moment the watch subscribed.
  for (let tries = 0; tries < 100 && h.bus.open === 0; tries += 1)
    await new Promise((resolve) => setImmediate(resolve));
  for (const event of SUCCESS) h.bus.emit('job-7', event);
  t.is(await running, 0);
  t.like(JSON.parse(h.out()), { jobId: 'job-7', status: 'succeeded' });
});

test('--help exits 0', async (t) => {
  const h = harness();
  t.is(await runCli(['submit', 'launch-server', '--help'], h.io), 0);
  t.regex(h.out(), /--clb <id:port>/);
});
