import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import anyTest, { type TestFn } from 'ava';
import { JOB_ID_METADATA_KEY } from '../../../services/supervisor/src/core/server-identity.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { clbNodes, poolMembers, startSupervisorStack, type SupervisorStack } from './supervisor-stack.js';

const test = anyTest as TestFn<{ stack: SupervisorStack; children: ChildProcess[] }>;
const CHILD = fileURLToPath(new URL('./supervisor-child.js', import.meta.url));

async function startChild(t: { context: { stack: SupervisorStack; children: ChildProcess[] } }): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...t.context.stack.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.context.children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes('supervisor-ready')) {
    if (child.exitCode !== null) throw new Error(`supervisor child exited with ${child.exitCode}`);
    await Promise.race([once(child.stdout as NodeJS.ReadableStream, 'data'), once(child, 'exit')]);
  }
  return child;
}

test.before(async (t) => {
  // Builds take 2 s so the job is certainly waiting for ACTIVE when the supervisor dies.
  const stack = await startSupervisorStack({ label: 'sigkill', supervisor: false, sim: { buildTimeMs: 2_000 } });
  t.context = { stack, children: [] };
});
test.after.always(async (t) => {
  for (const child of t.context.children) if (child.exitCode === null) child.kill('SIGKILL');
  await t.context.stack.close();
});

test.serial(
  'a supervisor killed with SIGKILL mid-launch and restarted finishes the job with exactly one server',
  async (t) => {
    const { stack } = t.context;
    const lbId = stack.seedClb();
    const poolId = stack.seedPool();
    const first = await startChild(t);
    const jobId = `killed-${Date.now()}`;
    const events: JobEventPayload[] = [];
    let onEvent: (event: JobEventPayload) => void = () => undefined;
    await stack.client.follow(jobId, (event) => {
      events.push(event);
      onEvent(event);
    });
    const waitFor = (match: (event: JobEventPayload) => boolean) =>
      new Promise<JobEventPayload>((resolve) => {
        const seen = events.find(match);
        if (seen !== undefined) resolve(seen);
        else onEvent = (event) => (match(event) ? resolve(event) : undefined);
      });
    await stack.client.submit({
      type: 'launch-server',
      jobId,
      job: stack.launchJob([
        { type: 'CloudLoadBalancer', loadBalancerId: Number(lbId), port: 80 },
        { type: 'RackConnectV3', loadBalancerId: poolId },
      ]),
    });
    await waitFor((e) => e.event === 'step-started' && e.step === 'wait-for-active');
    first.kill('SIGKILL');
    await once(first, 'exit');
    t.log('supervisor killed while the server was building');

    const restartedAt = performance.now();
    await startChild(t);
    const end = await waitFor((e) => e.event === 'succeeded' || e.event === 'failed');
    t.log(`restarted supervisor finished the job ${Math.round(performance.now() - restartedAt)} ms after restart`);
    t.is(end.event, 'succeeded', end.event === 'failed' ? end.reasons.join('; ') : '');

    const servers = stack.sim
      .inventory({ tenantId: stack.tenantId })
      .servers.filter((s) => s.metadata[JOB_ID_METADATA_KEY] === jobId);
    t.is(servers.length, 1);
    t.is(servers[0]?.status, 'ACTIVE');
    t.is(clbNodes(stack, lbId).length, 1);
    t.deepEqual(poolMembers(stack, poolId), [servers[0]?.id]);
  },
);
