import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import anyTest, { type TestFn } from 'ava';
import { liveServers, startSupervisorStack, type SupervisorStack } from '../supervisor/supervisor-stack.js';

const test = anyTest as TestFn<SupervisorStack>;
const KELP = fileURLToPath(new URL('../../../bin/kelp.js', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `kelp` binary (compiled) against the stack's broker, as a producer's shell would. */
function kelp(stack: SupervisorStack, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [KELP, ...args],
      { env: { ...process.env, AMQP_URL: stack.vhost.url }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

test.before(async (t) => {
  t.context = await startSupervisorStack({ label: 'cli' });
});
test.after.always(async (t) => {
  await t.context?.close();
});

test.serial('kelp submit launch-server --wait --json prints the result and exits 0', async (t) => {
  const stack = t.context;
  const lbId = stack.seedClb();
  const poolId = stack.seedPool();
  const started = performance.now();
  const run = await kelp(stack, [
    'submit',
    'launch-server',
    '--tenant',
    stack.tenantId,
    '--group',
    'group-1',
    '--flavor',
    'general1-1',
    '--image',
    '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60',
    '--name',
    'cli',
    '--clb',
    `${lbId}:80`,
    '--rcv3',
    poolId,
    '--wait',
    '--json',
  ]);
  t.log(`kelp submit --wait (process start to exit) took ${Math.round(performance.now() - started)} ms`);
  t.is(run.code, 0, run.stderr);
  const document = JSON.parse(run.stdout) as {
    jobId: string;
    type: string;
    status: string;
    result: Record<string, unknown>;
    reasons: string[];
  };
  t.like(document, { type: 'launch-server', status: 'succeeded', reasons: [] });
  t.true(liveServers(stack).some((s) => s.id === document.result['serverId']));
  t.is((document.result['loadBalancers'] as unknown[]).length, 2);
});

test.serial('kelp submit from a JSON file whose job fails exits 1 with the reasons', async (t) => {
  const stack = t.context;
  const dir = await mkdtemp(join(tmpdir(), 'kelp-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'job.json');
  await writeFile(
    file,
    JSON.stringify(stack.launchJob([{ type: 'CloudLoadBalancer', loadBalancerId: 4242, port: 80 }])),
  );
  const run = await kelp(stack, ['submit', 'launch-server', '--file', file, '--wait']);
  t.is(run.code, 1);
  t.regex(run.stdout, /failed:\n {2}- Cloud Load Balancer does not exist: 4242/);
  t.regex(run.stdout, /\[\+\d+\.\ds\] create-server started/);
});

test.serial('kelp submit without --wait prints the job id once the broker has it', async (t) => {
  const stack = t.context;
  const run = await kelp(stack, [
    'submit',
    'delete-server',
    '--tenant',
    stack.tenantId,
    '--group',
    'group-1',
    '--server',
    'gone-already',
    '--json',
    '--job-id',
    'cli-delete-1',
  ]);
  t.is(run.code, 0, run.stderr);
  t.deepEqual(JSON.parse(run.stdout), { jobId: 'cli-delete-1', type: 'delete-server', status: 'submitted' });
});

test.serial('kelp refuses an invalid job before sending it, listing every problem', async (t) => {
  const stack = t.context;
  const run = await kelp(stack, ['submit', 'launch-server', '--tenant', stack.tenantId, '--clb', 'nope']);
  t.is(run.code, 2);
  t.regex(run.stderr, /--clb nope: expected <loadBalancerId>:<port>/);
  t.regex(run.stderr, /groupId: /);
  t.regex(run.stderr, /launchConfig\.server\.flavorRef: /);
});
