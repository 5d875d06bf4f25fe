import anyTest, { type TestFn } from 'ava';
import type { CliIo } from '../../../services/cli/src/cli-io.js';
import { runCli } from '../../../services/cli/src/cli-program.js';
import { groupServers, IMAGE, startConvergeStack, type ConvergeStack } from './converge-stack.js';

const test = anyTest as TestFn<ConvergeStack>;

test.before(async (t) => {
  t.context = await startConvergeStack('cli', {}, { authRpc: true });
  await t.context.addSupervisor();
});

test.after.always(async (t) => {
  await t.context.close();
});

function io(stack: ConvergeStack, files: Record<string, string> = {}): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    env: stack.env,
    readFile: (path) =>
      files[path] === undefined ? Promise.reject(new Error('ENOENT')) : Promise.resolve(files[path]),
    connect: () => Promise.resolve({ client: stack.client, close: () => Promise.resolve() }),
    now: () => 0,
    out: () => out,
    err: () => err,
  };
}

test.serial('kelp converge --wait converges a group through the running services', async (t) => {
  const stack = t.context;
  const cli = io(stack);
  const args = ['converge', '--tenant', stack.tenantId, '--group', 'g-cli', '--capacity', '2'];
  const code = await runCli([...args, '--flavor', 'general1-1', '--image', IMAGE, '--wait', '--json'], cli);
  t.is(code, 0, cli.err());
  const doc = JSON.parse(cli.out()) as { status: string; result: { serverCount: number; groupStatus: string } };
  t.like(doc, { status: 'succeeded', result: { serverCount: 2, groupStatus: 'ACTIVE' } });
  t.is(groupServers(stack, 'g-cli').length, 2);
});

test.serial('kelp plan gathers a group live and prints what convergence would do, doing nothing', async (t) => {
  const stack = t.context;
  const job = {
    tenantId: stack.tenantId,
    groupId: 'g-cli',
    desired: { capacity: 2, launchConfig: { server: { flavorRef: 'general1-1', imageRef: IMAGE } } },
  };
  const files = { 'job.json': JSON.stringify(job) };
  const settled = io(stack, files);
  t.is(await runCli(['plan', '--desired', 'job.json', '--tenant', stack.tenantId], settled), 0, settled.err());
  t.regex(settled.out(), /^group g-cli at .*: no steps, the group matches its desired state\n$/);

  const [victim] = groupServers(stack, 'g-cli');
  stack.sim.deleteServer(victim?.id ?? '');
  const cli = io(stack, files);
  t.is(await runCli(['plan', '--desired', 'job.json', '--tenant', stack.tenantId, '--json'], cli), 0, cli.err());
  const doc = JSON.parse(cli.out()) as { steps: { type: string }[]; observed: { servers: { id: string }[] } };
  t.deepEqual(
    doc.steps.map((s) => s.type),
    ['CreateServer'],
  );
  t.is(doc.observed.servers.length, 1);
  t.is(groupServers(stack, 'g-cli').length, 1, 'planning executed nothing');
});
